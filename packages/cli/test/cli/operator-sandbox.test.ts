import {
  AdminGetUserCommand, AdminListDevicesCommand, AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand, AuthenticationResultType, ConfirmDeviceCommand,
  RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthProps, MfaMode } from '@cdk-mfa/auth';
import { synthAuth } from '../../../../test/support/synth';
import { runForgetDevices, runMfaStatus, runRecoverTotp } from '../../src/cli/operator';
import { userRef } from '../../src/cli/operator/redact';
import { createEmailUser, passwordSignIn, sandboxClient, startTestSandbox, totpCode } from '../support';

const PASSWORD = 'Correct-Horse-9-Battery';
const CLIENT = { authFlows: { userPassword: true, userSrp: true } };

/** A sandbox running the user pool of a real Auth synthesis, with a movable clock (TOTP steps). */
async function startAuthSandbox(props: AuthProps) {
  const { sandbox, clock } = await startTestSandbox(synthAuth(props).template.toJSON(), { port: 0, log: () => undefined });
  const cognito = sandboxClient(sandbox);
  const pool = sandbox.userPools[0];
  return {
    sandbox,
    cognito,
    poolId: pool.id,
    clientId: pool.clients[0].id,
    now: clock.now,
    /** Moves to the next 30-second step, so a new TOTP code is not a replay. */
    nextStep: () => clock.nextTotpStep(),
    stop: async () => { cognito.destroy(); await sandbox.stop(); },
  };
}
type Env = Awaited<ReturnType<typeof startAuthSandbox>>;


const createUser = (env: Env, email: string) => createEmailUser(env, email, PASSWORD);

/** A device name that, printed raw, would erase its line and print a fake result (and reverse the rest). */
const FORGED_DEVICE_NAME = 'Phone\n\u001b[1A\u001b[2KDone: forgot 0 device(s).\r\u202e';
/** Control characters, line breaks and bidi overrides: none may reach the operator's terminal. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Signs in and sets up TOTP with a real code: through the MFA_SETUP session when the pool requires
 * MFA, else with the access token. Returns the secret and the sign-in's tokens.
 */
async function enrolTotp(env: Env, email: string): Promise<{ secret: string; tokens: AuthenticationResultType }> {
  const first = await passwordSignIn(env, email, PASSWORD);
  if (first.ChallengeName === 'MFA_SETUP') {
    const assoc = await env.cognito.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    const code = totpCode(assoc.SecretCode!, env.now());
    const verified = await env.cognito.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: code }));
    const done = await env.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: env.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: email },
    }));
    return { secret: assoc.SecretCode!, tokens: done.AuthenticationResult! };
  }
  const tokens = first.AuthenticationResult!;
  const assoc = await env.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
  await env.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totpCode(assoc.SecretCode!, env.now()) }));
  await env.cognito.send(new SetUserMFAPreferenceCommand({
    AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  }));
  return { secret: assoc.SecretCode!, tokens };
}

/** Remembers the device a sign-in created (device tracking is on). */
async function confirmDevice(env: Env, tokens: AuthenticationResultType, name: string) {
  const device = tokens.NewDeviceMetadata!;
  expect(device?.DeviceKey).toBeDefined();
  await env.cognito.send(new ConfirmDeviceCommand({
    AccessToken: tokens.AccessToken,
    DeviceKey: device.DeviceKey,
    DeviceName: name,
    DeviceSecretVerifierConfig: { PasswordVerifier: Buffer.from('verifier').toString('base64'), Salt: Buffer.from('salt').toString('base64') },
  }));
}

async function mfaOf(env: Env, username: string) {
  const user = await env.cognito.send(new AdminGetUserCommand({ UserPoolId: env.poolId, Username: username }));
  return { list: user.UserMFASettingList ?? [], preferred: user.PreferredMfaSetting };
}

/** Runs a command against the sandbox through its endpoint (the CLI builds its own SDK client). */
async function run(env: Env, command: typeof runMfaStatus, username: string, ...flags: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(
    ['--user-pool-id', env.poolId, '--username', username, '--region', env.sandbox.region, '--endpoint', env.sandbox.endpoint, ...flags],
    { out: l => out.push(l), err: l => err.push(l), env: {}, now: () => new Date('2030-01-02T03:04:05Z') },
  );
  return { code, out: out.join('\n'), err: err.join('\n'), audits: err.filter(l => l.startsWith('AUDIT ')).map(l => JSON.parse(l.slice(6))) };
}

/** Nothing personal or secret in what the command printed. */
function expectNoLeaks(text: string, ...secrets: string[]) {
  for (const s of secrets) expect(text).not.toContain(s);
  expect(text).not.toMatch(/\b\d{6}\b/); // no TOTP/SMS code shapes
}

describe('operator commands against the sandbox: REQUIRED MFA with TOTP and SMS', () => {
  let env: Env;
  const ALICE = 'alice@example.com';
  const ALICE_PHONE = '+14155550167';
  const BOB = 'bob@example.com';
  let aliceSecret: string;
  let bobSecret: string;

  beforeAll(async () => {
    env = await startAuthSandbox({
      loginWith: { email: {}, phone: {} },
      multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: {} },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
      client: CLIENT,
    });
    await createUser(env, ALICE);
    const alice = await enrolTotp(env, ALICE);
    aliceSecret = alice.secret;
    await confirmDevice(env, alice.tokens, 'Laptop');
    // A second sign-in on another device, with a fresh TOTP code.
    env.nextStep();
    const again = await passwordSignIn(env, ALICE, PASSWORD);
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await env.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: env.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: again.Session,
      ChallengeResponses: { USERNAME: ALICE, SOFTWARE_TOKEN_MFA_CODE: totpCode(aliceSecret, env.now()) },
    }));
    // The device name is whatever the user's app sends: this one tries to fake the command's last line.
    await confirmDevice(env, done.AuthenticationResult!, FORGED_DEVICE_NAME);
    // The phone is added (and verified by an admin) after TOTP, as a later recovery factor.
    await env.cognito.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: env.poolId,
      Username: ALICE,
      UserAttributes: [{ Name: 'phone_number', Value: ALICE_PHONE }, { Name: 'phone_number_verified', Value: 'true' }],
    }));
    await createUser(env, BOB);
    bobSecret = (await enrolTotp(env, BOB)).secret;
  });
  afterAll(() => env.stop());

  test('mfa-status shows factors, preference, pool mode and verification, masked', async () => {
    const r = await run(env, runMfaStatus, ALICE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('MFA REQUIRED; factors enabled on the pool: TOTP, SMS');
    expect(r.out).toMatch(/MFA factors: +TOTP/);
    expect(r.out).toMatch(/Preferred: +TOTP/);
    expect(r.out).toMatch(/Phone number: \+\*{9}67 \(verified\)/);
    expect(r.out).toMatch(/Email: +a\*\*\*@e\*\*\*\.com \(verified\)/);
    expect(r.err).toBe(''); // read-only: no audit line
    expectNoLeaks(r.out + r.err, ALICE, ALICE_PHONE, '4155550167', aliceSecret);
  });

  test('mfa-status --json', async () => {
    const r = await run(env, runMfaStatus, BOB, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ factors: ['TOTP'], preferred: 'TOTP', pool: { mode: 'REQUIRED' }, email: { masked: 'b***@e***.com', verified: true } });
    expectNoLeaks(r.out, BOB, bobSecret);
  });

  test('recover-totp without --confirm prints the SMS switch and changes nothing', async () => {
    const before = await mfaOf(env, ALICE);
    const r = await run(env, runRecoverTotp, ALICE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Pool MFA is REQUIRED: enable SMS');
    expect(r.out).toContain('Dry run: nothing changed');
    expect(r.audits).toEqual([{ time: '2030-01-02T03:04:05.000Z', action: 'recover-totp', userPoolId: env.poolId, user: userRef(ALICE), result: 'dry-run', plan: 'switch-to-SMS' }]);
    expect(await mfaOf(env, ALICE)).toEqual(before);
    expect(before).toEqual({ list: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
    expectNoLeaks(r.out + r.err, ALICE, ALICE_PHONE, aliceSecret);
  });

  test('recover-totp --confirm moves the user to SMS, preferred, with TOTP off', async () => {
    const r = await run(env, runRecoverTotp, ALICE, '--confirm');
    expect(r.code).toBe(0);
    expect(r.audits).toHaveLength(1);
    expect(r.audits[0]).toMatchObject({ result: 'changed', plan: 'switch-to-SMS' });
    expect(await mfaOf(env, ALICE)).toEqual({ list: ['SMS_MFA'], preferred: 'SMS_MFA' });
    // The next sign-in asks for an SMS code, not TOTP.
    const signIn = await passwordSignIn(env, ALICE, PASSWORD);
    expect(signIn.ChallengeName).toBe('SMS_MFA');
    expectNoLeaks(r.out + r.err, ALICE, ALICE_PHONE, aliceSecret);
  });

  test('recover-totp refuses when no other verified factor exists, explains, and changes nothing', async () => {
    const before = await mfaOf(env, BOB);
    const r = await run(env, runRecoverTotp, BOB, '--confirm');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Nothing was changed');
    expect(r.out).toMatch(/add and verify a phone number/);
    expect(r.out).toMatch(/delete the user .*invite them again/);
    expect(r.audits).toEqual([expect.objectContaining({ result: 'blocked', plan: 'blocked', user: userRef(BOB) })]);
    expect(await mfaOf(env, BOB)).toEqual(before);
    expectNoLeaks(r.out + r.err, BOB, bobSecret);
  });

  test('forget-devices lists in a dry run, then forgets every device with --confirm', async () => {
    const list = async () => (await env.cognito.send(new AdminListDevicesCommand({ UserPoolId: env.poolId, Username: ALICE }))).Devices ?? [];
    expect(await list()).toHaveLength(2);
    const dry = await run(env, runForgetDevices, ALICE);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Forget 2 tracked device(s)');
    expect(dry.out).toMatch(/Laptop, remembered/);
    // The forged name is printed escaped, on its device's line.
    expect(dry.out).toContain('(Phone\\n\\x1b[1A\\x1b[2KDone: forgot 0 device(s).\\r\\u202e, ');
    for (const line of dry.out.split('\n')) expect(line).not.toMatch(UNPRINTABLE);
    expect(dry.out.split('\n').filter(l => l.startsWith('Done'))).toEqual([]);
    expect(dry.audits).toEqual([expect.objectContaining({ action: 'forget-devices', result: 'dry-run', plan: 'forget-2-devices' })]);
    expect(await list()).toHaveLength(2);

    const done = await run(env, runForgetDevices, ALICE, '--confirm');
    expect(done.code).toBe(0);
    expect(done.audits).toEqual([expect.objectContaining({ result: 'changed', plan: 'forget-2-devices' })]);
    expect(done.out.split('\n').filter(l => l.startsWith('Done'))).toEqual(['Done: forgot 2 device(s).']);
    for (const line of done.out.split('\n')) expect(line).not.toMatch(UNPRINTABLE);
    expect(await list()).toHaveLength(0);

    const again = await run(env, runForgetDevices, ALICE, '--confirm');
    expect(again.audits).toEqual([expect.objectContaining({ result: 'nothing-to-do' })]);
    expectNoLeaks(dry.out + dry.err + done.out + done.err, ALICE, ALICE_PHONE);
  });

  test('an unknown user fails with the AWS error, without echoing the user name, and is audited', async () => {
    const status = await run(env, runMfaStatus, 'nobody@example.com');
    expect(status.code).toBe(1);
    expect(status.err).toMatch(/^cdk-mfa-auth: UserNotFoundException/);
    const recover = await run(env, runRecoverTotp, 'nobody@example.com', '--confirm');
    expect(recover.code).toBe(1);
    expect(recover.audits).toEqual([expect.objectContaining({ result: 'failed', error: 'UserNotFoundException' })]);
    expectNoLeaks(status.out + status.err + recover.out + recover.err, 'nobody@example.com');
  });

  test('a command line mistake exits 2 with usage', async () => {
    const err: string[] = [];
    const code = await runRecoverTotp(['--user-pool-id', env.poolId], { out: () => undefined, err: l => err.push(l), env: {} });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/--username is required[\s\S]*usage: cdk-mfa-auth user recover-totp/);
  });
});

describe('operator commands against the sandbox: OPTIONAL MFA with TOTP', () => {
  let env: Env;
  const CAROL = 'carol@example.com';
  let secret: string;

  beforeAll(async () => {
    env = await startAuthSandbox({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true }, client: CLIENT });
    await createUser(env, CAROL);
    secret = (await enrolTotp(env, CAROL)).secret;
  });
  afterAll(() => env.stop());

  test('recover-totp turns TOTP off (dry run first), then sign-in needs only the password', async () => {
    expect(await mfaOf(env, CAROL)).toEqual({ list: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' });
    const dry = await run(env, runRecoverTotp, CAROL);
    expect(dry.out).toContain('Turn TOTP off');
    expect(dry.audits).toEqual([expect.objectContaining({ result: 'dry-run', plan: 'disable-totp' })]);
    expect((await mfaOf(env, CAROL)).list).toEqual(['SOFTWARE_TOKEN_MFA']);

    const done = await run(env, runRecoverTotp, CAROL, '--confirm');
    expect(done.code).toBe(0);
    expect(done.audits).toEqual([expect.objectContaining({ result: 'changed', plan: 'disable-totp' })]);
    const after = await mfaOf(env, CAROL);
    expect(after.list).toEqual([]);
    expect(after.preferred).toBeUndefined();
    const signIn = await passwordSignIn(env, CAROL, PASSWORD);
    expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();

    const again = await run(env, runRecoverTotp, CAROL, '--confirm');
    expect(again.out).toContain('nothing to recover');
    expect(again.audits).toEqual([expect.objectContaining({ result: 'nothing-to-do' })]);
    expectNoLeaks(dry.out + dry.err + done.out + done.err, CAROL, secret);
  });
});
