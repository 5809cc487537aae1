/**
 * The sandbox database: refuses corrupt, newer and locked files by name without changing them,
 * converts a JSON state file of earlier versions (keeping the original), keeps its files 0600, and
 * answers a full disk with a clear 500 while staying up with nothing half-written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminGetUserCommand, AdminInitiateAuthCommand, ListUsersCommand, SignUpCommand, UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import BetterSqlite3 from 'better-sqlite3';
import { startSandbox } from '../../src/sandbox';
import { generateSigningKeyPem } from '../../src/sandbox/crypto/jwt';
import { hashPassword } from '../../src/sandbox/crypto/passwords';
import { makeVerifier } from '../../src/sandbox/crypto/srp';
import { startHarness, synthPool } from '../support';

const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } });
const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-store-')), name);
const mode = (file: string) => fs.statSync(file).mode % 0o1000;
const start = (stateFile: string, extra = {}) => startSandbox({ template, stateFile, https: false, log: () => undefined, ...extra });
const PASSWORD = 'Passw0rd!long';

/** The pool ID the template gets (stable per stack and logical ID). */
async function poolIdOfTemplate(): Promise<string> {
  const sandbox = await startSandbox({ template, https: false, log: () => undefined });
  await sandbox.stop();
  return sandbox.userPools[0].id;
}

describe('refused state files, unchanged', () => {
  test('a corrupt database', async () => {
    const file = tmpFile('state.db');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0xab)]));
    const before = fs.readFileSync(file);
    await expect(start(file)).rejects.toThrow(new RegExp(`${file}.*corrupt`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a file that is neither a database nor JSON', async () => {
    const file = tmpFile('state.db');
    fs.writeFileSync(file, 'hello, this is not a database');
    await expect(start(file)).rejects.toThrow(`${file} is neither a sandbox database nor a JSON state file`);
    expect(fs.readFileSync(file, 'utf8')).toBe('hello, this is not a database');
  });

  test('a database from a newer schema version', async () => {
    const file = tmpFile('state.db');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 99');
    db.close();
    const before = fs.readFileSync(file);
    await expect(start(file)).rejects.toThrow(new RegExp(`${file} was written by a newer sandbox \\(schema version 99`));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a database another running sandbox holds', async () => {
    const file = tmpFile('state.db');
    const first = await start(file);
    try {
      await expect(start(file)).rejects.toThrow(`${file} is in use by another running sandbox`);
    } finally {
      await first.stop();
    }
    // Once the first one stopped, the file opens again.
    const again = await start(file);
    await again.stop();
  });
});

describe('JSON state files of earlier versions', () => {
  test('are converted on first start, the original kept as <file>.json-backup; a user without attributes signs in', async () => {
    const poolId = await poolIdOfTemplate();
    const file = tmpFile('state.json');
    const { hash, salt } = await hashPassword(PASSWORD);
    const srp = makeVerifier(poolId.split('_')[1], 'ann', PASSWORD);
    const legacy = {
      version: 1,
      pools: {
        [poolId]: {
          id: poolId,
          signingKey: generateSigningKeyPem(),
          keyId: 'legacy-key',
          // No attributes, devices or groups: such a record once made every SignUp answer 500.
          users: { ann: { username: 'ann', sub: '7d6c4f7e-0000-4000-8000-000000000001', status: 'CONFIRMED', enabled: true, passwordHash: hash, passwordSalt: salt, srpSalt: srp.salt, srpVerifier: srp.verifier, createdAt: 1, updatedAt: 1, mfaEnabled: [], failedSignIns: 0 } },
          refreshTokens: {},
          groups: { admins: { name: 'admins', createdAt: 1 } },
        },
      },
    };
    fs.writeFileSync(file, JSON.stringify(legacy));
    const h = await startHarness(template, { stateFile: file, https: false });
    try {
      const signedIn = await h.cognito.send(new AdminInitiateAuthCommand({
        UserPoolId: h.poolId, ClientId: h.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann', PASSWORD },
      }));
      expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
      await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'bob@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] }));
    } finally {
      await h.stop();
    }
    expect(JSON.parse(fs.readFileSync(`${file}.json-backup`, 'utf8'))).toEqual(legacy);
    expect(mode(`${file}.json-backup`)).toBe(0o600);
    expect(fs.readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // The converted database keeps the pool's signing key, the group and both users across a restart.
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.prepare('SELECT key_id FROM pools WHERE id = ?').pluck().get(poolId)).toBe('legacy-key');
    expect(db.prepare('SELECT name FROM groups').pluck().all()).toEqual(['admins']);
    expect(db.prepare('SELECT username FROM users ORDER BY id').pluck().all()).toEqual(['ann', expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    db.close();
  });

  test('`pools: []` starts, and the users signed up then are saved', async () => {
    const file = tmpFile('state.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, pools: [] }));
    const first = await startHarness(template, { stateFile: file, https: false });
    await first.cognito.send(new SignUpCommand({ ClientId: first.clientId, Username: 'cy@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'cy@example.com' }] }));
    await first.stop();
    const second = await startHarness(template, { stateFile: file, https: false });
    try {
      const listed = await second.cognito.send(new ListUsersCommand({ UserPoolId: second.poolId, Filter: 'email = "cy@example.com"' }));
      expect(listed.Users?.map(u => u.Attributes?.find(a => a.Name === 'email')?.Value)).toEqual(['cy@example.com']);
    } finally {
      await second.stop();
    }
  });
});

test('the database and its -wal file are 0600 whatever the umask', async () => {
  const file = tmpFile('state.db');
  const umask = process.umask(0o000);
  try {
    const h = await startHarness(template, { stateFile: file, https: false });
    try {
      await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'di@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'di@example.com' }] }));
      const files = fs.readdirSync(path.dirname(file)).filter(f => f.startsWith('state.db'));
      expect(files).toContain('state.db-wal');
      for (const f of files) expect([f, mode(path.join(path.dirname(file), f))]).toEqual([f, 0o600]);
    } finally {
      await h.stop();
    }
  } finally {
    process.umask(umask);
  }
});

test('a full disk (SQLITE_FULL) fails that request with a clear 500; the sandbox answers the next one; nothing half-written', async () => {
  const file = tmpFile('state.db');
  const h = await startHarness(template, { stateFile: file, https: false, stateMaxPages: 48 });
  try {
    let failure: any;
    let last = '';
    for (let i = 0; i < 500 && !failure; i++) {
      last = `user${i}@example.com`;
      try {
        await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: last, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: last }, { Name: 'name', Value: 'x'.repeat(1500) }] }));
      } catch (err) {
        failure = err;
      }
    }
    expect(failure?.name).toBe('InternalErrorException');
    expect(failure.$metadata.httpStatusCode).toBe(500);
    expect(failure.message).toMatch(new RegExp(`the disk holding ${file} is full \\(SQLITE_FULL\\).*Nothing of this request was saved`));
    // The process is up and answers; the failed sign-up left no user behind, the earlier ones are intact.
    const listed = await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, Filter: `email = "${last}"` }));
    expect(listed.Users).toEqual([]);
    await expect(h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: last }))).rejects.toBeInstanceOf(UserNotFoundException);
    const first = await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, Filter: 'email = "user0@example.com"' }));
    expect(first.Users).toHaveLength(1);
  } finally {
    await h.stop();
  }
  const db = new BetterSqlite3(file, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
