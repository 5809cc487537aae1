/** --seed: seeded users sign in with their MFA through the real SDK; seeding twice changes nothing; bad files are refused whole. */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  AdminGetUserCommand, AdminListGroupsForUserCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand, ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { TOTP, URI } from 'otpauth';
import { synthAuth } from '../../../../../test/support/synth';
import { parseSeedFile, SeedFileError, startSandbox } from '../../../src/sandbox';
import { Harness, passwordSignIn, respond, startHarness, totpCode } from '../../support';

const PASSWORD = 'Passw0rd!long-enough';
const GIVEN_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const template = () => synthAuth({
  loginWith: { email: {} },
  multifactor: { mode: MfaMode.OPTIONAL, totp: true },
  groups: [{ name: 'admins' }],
  client: { authFlows: { userPassword: true, userSrp: true } },
}).template.toJSON();

const SEED = {
  users: [
    { username: 'ada@example.com', password: PASSWORD, attributes: { name: 'Ada' }, groups: ['admins'], mfa: { totp: { secret: GIVEN_SECRET } } },
    { username: 'bob@example.com', password: PASSWORD, mfa: { totp: true } },
    { username: 'cy@example.com', password: PASSWORD, status: 'UNCONFIRMED' },
  ],
};

let h: Harness;
let dir: string;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
  h = await startHarness(template(), { stateFile: path.join(dir, 'state.db') });
});
afterEach(async () => {
  await h.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signInWithTotp(username: string, secret: string) {
  const started = await passwordSignIn(h, username, PASSWORD);
  expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const done = await respond(h, 'SOFTWARE_TOKEN_MFA', started.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, h.clock.now()) });
  return done.AuthenticationResult;
}

test('seeded users sign in with TOTP (a given secret, and a generated one from the printed otpauth URI); groups, attributes and status as seeded', async () => {
  const results = await h.sandbox.seed(parseSeedFile(SEED));
  expect(results.map(r => r.outcome)).toEqual(['created', 'created', 'created']);
  expect(results[0].otpauthUri).toBeUndefined();
  const generated = (URI.parse(results[1].otpauthUri!) as TOTP).secret.base32;

  expect((await signInWithTotp('ada@example.com', GIVEN_SECRET))?.AccessToken).toBeDefined();
  expect((await signInWithTotp('bob@example.com', generated))?.AccessToken).toBeDefined();
  // A wrong code is refused: the seeded secret really is the one checked.
  const started = await h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada@example.com', PASSWORD },
  }));
  await expect(h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: started.Session,
    ChallengeResponses: { USERNAME: 'ada@example.com', SOFTWARE_TOKEN_MFA_CODE: totpCode(generated, h.clock.now()) },
  }))).rejects.toMatchObject({ name: 'CodeMismatchException' });

  const ada = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'ada@example.com' }));
  expect(ada.UserStatus).toBe('CONFIRMED');
  expect(ada.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Ada' }, { Name: 'email', Value: 'ada@example.com' }]));
  expect(ada.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  const groups = await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: h.poolId, Username: 'ada@example.com' }));
  expect(groups.Groups?.map(g => g.GroupName)).toEqual(['admins']);
  const cy = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'cy@example.com' }));
  expect(cy.UserStatus).toBe('UNCONFIRMED');
});

test('seeding again changes nothing (a user whose password was changed is reported, not overwritten); seeded users survive a restart', async () => {
  await h.sandbox.seed(parseSeedFile(SEED));
  const again = await h.sandbox.seed(parseSeedFile({
    users: [...SEED.users, { username: 'ada@example.com', password: 'Another-passw0rd!', pool: h.poolId }].slice(1),
  }));
  expect(again.map(r => r.outcome)).toEqual(['unchanged', 'unchanged', 'conflict']);
  expect(again[2].detail).toMatch(/another password; left as it is/);
  expect(again.some(r => r.otpauthUri)).toBe(false);
  const listed = await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId }));
  expect(listed.Users).toHaveLength(3);

  await h.sandbox.stop();
  h = await startHarness(template(), { stateFile: path.join(dir, 'state.db') });
  expect((await signInWithTotp('ada@example.com', GIVEN_SECRET))?.AccessToken).toBeDefined();
});

test('a bad file is refused with every problem named by entry and field, and seeds no one', async () => {
  expect(() => parseSeedFile({
    users: [
      { username: 'x@example.com', password: PASSWORD, mfa: { totp: { secret: 'not base32!' }, preferred: 'SMS' } },
      { username: '', password: PASSWORD, status: 'ACTIVE', colour: 'red' },
    ],
  })).toThrow(SeedFileError);
  try {
    parseSeedFile({
      users: [
        { username: 'x@example.com', password: PASSWORD, mfa: { totp: { secret: 'not base32!' }, preferred: 'SMS' } },
        { username: '', password: PASSWORD, status: 'ACTIVE', colour: 'red' },
      ],
    });
  } catch (err) {
    const problems = (err as SeedFileError).problems.join('\n');
    expect(problems).toMatch(/users\[0\]\.mfa\.totp\.secret: not a base32 secret/);
    expect(problems).toMatch(/users\[0\]\.mfa\.preferred: SMS is not enabled/);
    expect(problems).toMatch(/users\[1\]\.username: required/);
    expect(problems).toMatch(/users\[1\]\.status: "CONFIRMED" or "UNCONFIRMED"/);
    expect(problems).toMatch(/users\[1\]\.colour: unknown field/);
  }
  // Valid shape, but the pool refuses two entries: nobody is created.
  await expect(h.sandbox.seed(parseSeedFile({
    users: [
      { username: 'ok@example.com', password: PASSWORD },
      { username: 'weak@example.com', password: 'short' },
      { username: 'sms@example.com', password: PASSWORD, mfa: { sms: true } },
      { username: 'ok@example.com', password: PASSWORD },
    ],
  }))).rejects.toThrow(/users\[1\] \(weak@example\.com\): InvalidPasswordException[\s\S]*users\[2\] \(sms@example\.com\): mfa: the pool does not enable SMS_MFA[\s\S]*users\[3\] \(ok@example\.com\): username: appears twice/);
  expect((await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId }))).Users).toEqual([]);
});

test('seeded email is verified unless the file says otherwise: ForgotPassword sends a code and the new password signs in', async () => {
  const results = await h.sandbox.seed(parseSeedFile({
    users: [
      { username: 'ada@example.com', password: PASSWORD },
      { username: 'unverified@example.com', password: PASSWORD, attributes: { email_verified: 'false' } },
    ],
  }));
  expect(results.map(r => r.outcome)).toEqual(['created', 'created']);
  const ada = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'ada@example.com' }));
  expect(ada.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }]));
  const sent = await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'ada@example.com' }));
  expect(sent.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
  const code = h.sandbox.outbox.latest({ username: 'ada@example.com', purpose: 'FORGOT_PASSWORD' })!.code!;
  await h.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: h.clientId, Username: 'ada@example.com', ConfirmationCode: code, Password: 'Another-passw0rd!' }));
  const signedIn = await h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada@example.com', PASSWORD: 'Another-passw0rd!' },
  }));
  expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();
  // The file said unverified: Cognito's answer for a user with no verified address.
  await expect(h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'unverified@example.com' })))
    .rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringMatching(/no registered\/verified email/) });
});

test('a seed file given at start is checked whole, shape and pool alike, in one report, before the sandbox listens', async () => {
  const badFile = {
    users: [
      // A shape problem and a pool problem in the same entry: both reported in the same pass.
      { username: 'x@example.com', password: 'short', mfa: { totp: { secret: 'not base32!' } } },
      { username: 'y@example.com', password: PASSWORD, groups: ['nobody'], mfa: { email: true } },
      { username: 'z@example.com', password: PASSWORD, colour: 'red' },
    ],
  };
  const port = await freePort();
  const starting = startSandbox({ template: template(), port, seed: badFile, log: () => undefined });
  const error = await starting.catch((e: unknown) => e) as SeedFileError;
  expect(error).toBeInstanceOf(SeedFileError);
  expect(error.problems).toEqual([
    'users[0].mfa.totp.secret: not a base32 secret of at least 16 characters (A-Z, 2-7)',
    expect.stringMatching(/^users\[0\] \(x@example\.com\): InvalidPasswordException: /),
    expect.stringMatching(/^users\[1\] \(y@example\.com\): mfa: the pool does not enable EMAIL_OTP/),
    'users[1] (y@example.com): groups: no group nobody in the pool (groups: admins)',
    expect.stringMatching(/^users\[2\]\.colour: unknown field/),
  ]);
  // Nothing listened: the port is still free.
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer().once('error', reject).listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
  // A good file: its users exist by the time the sandbox answers.
  const started = await startSandbox({ template: template(), seed: { users: [{ username: 'ok@example.com', password: PASSWORD }] }, log: () => undefined });
  try {
    expect(started.seeded?.map(r => [r.username, r.outcome])).toEqual([['ok@example.com', 'created']]);
  } finally {
    await started.stop();
  }
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
