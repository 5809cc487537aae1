import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, InitiateAuthCommand, InvalidParameterException, NotAuthorizedException,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as fc from 'fast-check';
import { srpClient, srpTimestamp } from '../../src/sandbox';
import { makeVerifier, padHex, serverEphemeral, verifyPasswordClaim } from '../../src/sandbox/crypto/srp';
import { startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

describe('SRP math', () => {
  test('padHex matches the client: even length, 00 before a set top bit', () => {
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
  });

  test('a claim signed with the password verifies; any other password does not', async () => {
    const passwords = fc.string({ minLength: 1, maxLength: 40 });
    await fc.assert(fc.asyncProperty(passwords, fc.string({ minLength: 1, maxLength: 20 }), async (password, userId) => {
      const { salt, verifier } = makeVerifier('AbCdEfGhI', userId, password);
      const client = srpClient('AbCdEfGhI');
      const ephemeral = await serverEphemeral(verifier);
      const timestamp = srpTimestamp(new Date(0));
      const claim = (pw: string) => ({
        poolName: 'AbCdEfGhI',
        userId,
        aHex: client.A,
        ephemeral,
        verifierHex: verifier,
        secretBlock: 'c2VjcmV0',
        timestamp,
        signature: client.sign({ userId, password: pw, saltHex: salt, bHex: ephemeral.B, secretBlock: 'c2VjcmV0', timestamp }),
      });
      expect(await verifyPasswordClaim(claim(password))).toBe(true);
      expect(await verifyPasswordClaim(claim(`${password}x`))).toBe(false);
    }), { numRuns: 15 });
    expect(srpTimestamp(new Date(Date.UTC(2024, 0, 5, 3, 4, 5)))).toBe('Fri Jan 5 03:04:05 UTC 2024');
  });
});

describe('client settings from the template', () => {
  test('a client with a secret is refused with the reason, not accepted without SECRET_HASH', async () => {
    const h = await startHarness(synthPool({ signInAliases: { username: true } }, { generateSecret: true }));
    try {
      const passwordAuth = new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a', PASSWORD } });
      await expect(h.cognito.send(passwordAuth)).rejects.toThrow(/does not support app clients with a secret .*cannot check SECRET_HASH/);
      await expect(h.cognito.send(passwordAuth)).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
    } finally {
      await h.stop();
    }
  });

  test('auth flows not enabled on the client are refused; PreventUserExistenceErrors hides unknown users', async () => {
    const template = synthPool({ signInAliases: { username: true } }, { authFlows: { userSrp: true }, preventUserExistenceErrors: true });
    const h = await startHarness(template);
    try {
      const passwordAuth = new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'a', PASSWORD } });
      await expect(h.cognito.send(passwordAuth))
        .rejects.toThrow(new InvalidParameterException({ message: 'USER_PASSWORD_AUTH flow not enabled for this client', $metadata: {} }));
      // An unknown user gets a decoy SRP challenge that fails like a wrong password.
      const client = srpClient(h.poolId.split('_')[1]);
      const first = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ghost', SRP_A: client.A },
      }));
      expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
      const p = first.ChallengeParameters!;
      const timestamp = srpTimestamp(new Date());
      const respond = (session: string | undefined) => h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: session,
        ChallengeResponses: client.passwordVerifier(p, PASSWORD, timestamp),
      }));
      await expect(respond(first.Session)).rejects.toThrow(new NotAuthorizedException({ message: 'Incorrect username or password.', $metadata: {} }));

      // A real user signs in over SRP without MFA (the pool's MFA is OFF).
      await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: h.poolId, Username: 'real', MessageAction: 'SUPPRESS' }));
      await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'real', Password: PASSWORD, Permanent: true }));
      const srp = srpClient(h.poolId.split('_')[1]);
      const start = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'real', SRP_A: srp.A },
      }));
      const q = start.ChallengeParameters!;
      const done = await h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: start.Session,
        ChallengeResponses: {
          USERNAME: 'real',
          PASSWORD_CLAIM_SECRET_BLOCK: q.SECRET_BLOCK,
          TIMESTAMP: timestamp,
          PASSWORD_CLAIM_SIGNATURE: srp.sign({
            userId: 'real', password: PASSWORD, saltHex: q.SALT, bHex: q.SRP_B, secretBlock: q.SECRET_BLOCK, timestamp,
          }),
        },
      }));
      expect(done.AuthenticationResult?.AccessToken).toBeDefined();
      // The session was spent by that answer.
      await expect(h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: start.Session, ChallengeResponses: { USERNAME: 'real' },
      }))).rejects.toThrow('Invalid session for the user.');
    } finally {
      await h.stop();
    }
  });
});
