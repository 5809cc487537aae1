import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  InitiateAuthCommand, NotAuthorizedException, RespondToAuthChallengeCommand, SignUpCommand, UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { srpClient, srpTimestamp } from '../../src/sandbox';
import { generateSigningKeyPem } from '../../src/sandbox/crypto/jwt';
import { hashPassword, passwordMatches } from '../../src/sandbox/crypto/passwords';
import { makeVerifier } from '../../src/sandbox/crypto/srp';
import { readResources } from '../../src/sandbox/template/template-reader';
import { loadTemplates } from '../../src/sandbox/template/template-source';
import { startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
/** A hash the first (synchronous scryptSync) implementation stored for PASSWORD: state files hold these. */
const OLD_SALT = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const OLD_HASH = '2e9f24f43c09c7eff7067a3951f84980fa5cbe08eb6ea9ca70388f5216bae186';

describe('password hashes in existing state', () => {
  test('a hash stored before hashing moved off the event loop still verifies; other passwords and malformed hashes do not', async () => {
    expect(await passwordMatches(PASSWORD, OLD_HASH, OLD_SALT)).toBe(true);
    expect(await passwordMatches(`${PASSWORD}x`, OLD_HASH, OLD_SALT)).toBe(false);
    expect(await passwordMatches(PASSWORD, '', OLD_SALT)).toBe(false);
    expect(await passwordMatches(PASSWORD, OLD_HASH.slice(2), OLD_SALT)).toBe(false);
  });

  test('a password matches only its own stored hash: after a password change the old password fails', async () => {
    const before = await hashPassword('Old-passw0rd!');
    expect(await passwordMatches('Old-passw0rd!', before.hash, before.salt)).toBe(true);
    const after = await hashPassword('New-passw0rd!');
    expect(await passwordMatches('Old-passw0rd!', after.hash, after.salt)).toBe(false);
    expect(await passwordMatches('New-passw0rd!', after.hash, after.salt)).toBe(true);
    expect(await passwordMatches('New-passw0rd!', before.hash, before.salt)).toBe(false);
  });

  test('new hashes carry their scrypt cost; a hash read with other parameters, or with parameters scrypt refuses, does not match', async () => {
    const { hash, salt } = await hashPassword(PASSWORD);
    const [scheme, N, r, p, hex] = hash.split('$');
    expect([scheme, N, r, p]).toEqual(['scrypt', '128', '8', '1']);
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(await passwordMatches(PASSWORD, hash, salt)).toBe(true);
    expect(await passwordMatches(PASSWORD, `scrypt$256$8$1$${hex}`, salt)).toBe(false);
    // The legacy hash relabelled with the legacy cost verifies: the bare form means exactly N = 2^10, r = 8, p = 1.
    expect(await passwordMatches(PASSWORD, `scrypt$1024$8$1$${OLD_HASH}`, OLD_SALT)).toBe(true);
    await expect(passwordMatches(PASSWORD, `scrypt$3$8$1$${hex}`, salt)).resolves.toBe(false);
    await expect(passwordMatches(PASSWORD, `scrypt$128$8$1$${hex.slice(2)}`, salt)).resolves.toBe(false);
  });

  test('a user from an existing state file signs in with USER_PASSWORD_AUTH and USER_SRP_AUTH', async () => {
    const template = synthPool({ signInAliases: { username: true } });
    const [pool] = readResources(loadTemplates({ template }), 'us-east-1').pools;
    const poolName = pool.id.split('_')[1];
    const srp = makeVerifier(poolName, 'olduser', PASSWORD);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stored-hashes-'));
    const stateFile = path.join(dir, 'state.json');
    const user = {
      username: 'olduser',
      sub: '6f1c2a8e-0000-4000-8000-000000000001',
      attributes: {},
      status: 'CONFIRMED',
      enabled: true,
      passwordHash: OLD_HASH,
      passwordSalt: OLD_SALT,
      srpSalt: srp.salt,
      srpVerifier: srp.verifier,
      createdAt: 0,
      updatedAt: 0,
      mfaEnabled: [],
      groups: [],
      failedSignIns: 0,
      devices: {},
    };
    fs.writeFileSync(stateFile, JSON.stringify({
      version: 1,
      pools: { [pool.id]: { id: pool.id, signingKey: generateSigningKeyPem(), keyId: 'old-key', users: { olduser: user }, refreshTokens: {} } },
    }));
    const h = await startHarness(template, { stateFile, https: false });
    try {
      const passwordAuth = (password: string) => h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'olduser', PASSWORD: password },
      }));
      expect((await passwordAuth(PASSWORD)).AuthenticationResult?.IdToken).toBeDefined();
      await expect(passwordAuth(`${PASSWORD}x`)).rejects.toThrow(NotAuthorizedException);

      const client = srpClient(poolName);
      const first = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'olduser', SRP_A: client.A },
      }));
      const p = first.ChallengeParameters!;
      const timestamp = srpTimestamp(new Date(h.clock.now()));
      const done = await h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: first.Session,
        ChallengeResponses: client.passwordVerifier(p, PASSWORD, timestamp),
      }));
      expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    } finally {
      await h.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sign-up while the password hash runs off the event loop', () => {
  test('parallel SignUps of one username create exactly one user; the others get UsernameExistsException', async () => {
    const h = await startHarness(synthPool({ signInAliases: { username: true }, selfSignUpEnabled: true }), { https: false });
    try {
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => h.cognito.send(new SignUpCommand({
        ClientId: h.clientId, Username: 'racer', Password: PASSWORD,
      }))));
      const created = results.filter(r => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(11);
      for (const r of refused) expect(r.reason).toBeInstanceOf(UsernameExistsException);
    } finally {
      await h.stop();
    }
  });
});
