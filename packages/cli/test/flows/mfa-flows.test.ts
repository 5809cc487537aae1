/**
 * MFA flows through the public Cognito API, run unchanged against the local sandbox (default) or a
 * FlowStack deployed to a real account (FLOW_TARGET=aws). See README.md in this folder.
 */
import {
  AdminConfirmSignUpCommand, AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, AssociateSoftwareTokenCommand, CodeMismatchException,
  ConfirmSignUpCommand, EnableSoftwareTokenMFAException, ListDevicesCommand, SetUserMFAPreferenceCommand, SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  canReadCode, claimsOf, enrolTotp, freshTotp, passwordSignIn, PASSWORD, phoneNumber, respond,
  tokensOf, totpNow, uniqueEmail, Users, wrongCode,
} from './support';
import { FlowTarget, selectTarget } from './targets';
import { SrpSession } from '../../../../examples/walkthrough/srp';

const selection = selectTarget();
if (!selection.run) console.log(`flow suite skipped (${selection.name} target): ${selection.reason}`);
const describeTarget = selection.run ? describe : describe.skip;

// Waiting for fresh TOTP windows makes the aws target slow; the sandbox just moves its clock.
// Generous on the sandbox too: a busy 2-core machine is slow, not wrong.
jest.setTimeout(selection.name === 'aws' ? 180_000 : 60_000);

describeTarget(`MFA flows (${selection.name} target)`, () => {
  let target: FlowTarget;
  let users: Users;

  beforeAll(async () => {
    target = await (selection as Extract<typeof selection, { run: true }>).create();
    users = new Users(target);
  });
  afterAll(async () => {
    await users?.deleteAll();
    await target?.cleanup();
  });

  const mfaSettings = async (username: string) =>
    target.client.send(new AdminGetUserCommand({ UserPoolId: target.userPoolId, Username: username }));

  /** A user with TOTP enrolled through AssociateSoftwareToken/VerifySoftwareToken and set as preferred. */
  async function totpUser(label: string, options: { phone?: boolean } = {}): Promise<{ username: string; secret: string }> {
    const username = await users.create(label, options);
    const { AccessToken } = await tokensOf(target, username);
    const secret = await enrolTotp(target, AccessToken!);
    await target.client.send(new SetUserMFAPreferenceCommand({
      AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    return { username, secret };
  }

  test('sign-up, confirmation code, first sign-in without MFA', async () => {
    const username = uniqueEmail('signup');
    const signUp = await target.client.send(new SignUpCommand({
      ClientId: target.clientId, Username: username, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: username }],
    }));
    users.track(username);
    expect(signUp.UserConfirmed).toBe(false);
    expect(signUp.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    expect(signUp.UserSub).toMatch(/^[0-9a-f-]{36}$/);

    // An unconfirmed user cannot sign in yet.
    await expect(passwordSignIn(target, username)).rejects.toMatchObject({ name: 'UserNotConfirmedException' });

    if (canReadCode(target, 'ConfirmSignUp with the emailed code')) {
      const code = await target.readCode(username, 'EMAIL');
      await expect(target.client.send(new ConfirmSignUpCommand({ ClientId: target.clientId, Username: username, ConfirmationCode: wrongCode(code) })))
        .rejects.toBeInstanceOf(CodeMismatchException);
      await target.client.send(new ConfirmSignUpCommand({ ClientId: target.clientId, Username: username, ConfirmationCode: code }));
      const user = await mfaSettings(username);
      expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    } else {
      await target.client.send(new AdminConfirmSignUpCommand({ UserPoolId: target.userPoolId, Username: username }));
    }

    const first = await passwordSignIn(target, username);
    expect(first.ChallengeName).toBeUndefined();
    expect(first.AuthenticationResult?.AccessToken).toBeDefined();
    expect(claimsOf(first.AuthenticationResult?.IdToken)).toMatchObject({ email: username, sub: signUp.UserSub, token_use: 'id' });
    expect((await mfaSettings(username)).UserMFASettingList ?? []).toEqual([]);
  });

  test('TOTP setup with the access token, then SOFTWARE_TOKEN_MFA at sign-in; a wrong code is refused', async () => {
    const username = await users.create('totp');
    const { AccessToken } = await tokensOf(target, username);
    const secret = await enrolTotp(target, AccessToken!);
    // Verified but not yet enabled: OPTIONAL pools challenge only users who turned a method on.
    expect((await passwordSignIn(target, username)).AuthenticationResult).toBeDefined();
    await target.client.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    expect(await mfaSettings(username)).toMatchObject({ PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    const refused = await passwordSignIn(target, username);
    expect(refused.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await expect(respond(target, 'SOFTWARE_TOKEN_MFA', refused.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: wrongCode(totpNow(target, secret)) }))
      .rejects.toBeInstanceOf(CodeMismatchException);

    const challenge = await passwordSignIn(target, username);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond(target, 'SOFTWARE_TOKEN_MFA', challenge.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: await freshTotp(target, secret) });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    expect(claimsOf(done.AuthenticationResult?.AccessToken)).toMatchObject({ token_use: 'access', client_id: target.clientId });
  });

  test('VerifySoftwareToken refuses a wrong code', async () => {
    const username = await users.create('totp-verify');
    const { AccessToken } = await tokensOf(target, username);
    const { SecretCode } = await target.client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await expect(target.client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: wrongCode(totpNow(target, SecretCode!)) })))
      .rejects.toBeInstanceOf(EnableSoftwareTokenMFAException);
  });

  test('SMS_MFA challenge answered with the texted code', async () => {
    const username = await users.create('sms', { phone: true });
    await target.client.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: target.userPoolId, Username: username, SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    expect(await mfaSettings(username)).toMatchObject({ PreferredMfaSetting: 'SMS_MFA', UserMFASettingList: ['SMS_MFA'] });
    if (!canReadCode(target, 'the SMS_MFA sign-in (not sending a text nobody can read)')) return;

    const challenge = await passwordSignIn(target, username);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    expect(challenge.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' });
    expect(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toMatch(new RegExp(`${phoneNumber().slice(-4)}$`));
    const code = await target.readCode(username, 'SMS');
    const done = await respond(target, 'SMS_MFA', challenge.Session, { USERNAME: username, SMS_MFA_CODE: code });
    expect(done.AuthenticationResult?.IdToken).toBeDefined();
  });

  test('EMAIL_OTP challenge answered with the emailed code', async () => {
    const username = await users.create('email');
    await target.client.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: target.userPoolId, Username: username, EmailMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    expect(await mfaSettings(username)).toMatchObject({ PreferredMfaSetting: 'EMAIL_OTP', UserMFASettingList: ['EMAIL_OTP'] });

    // The mail goes to the SES mailbox simulator on the aws target, so the challenge itself is safe to trigger.
    const challenge = await passwordSignIn(target, username);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    expect(challenge.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' });
    if (!canReadCode(target, 'answering EMAIL_OTP')) return;
    const code = await target.readCode(username, 'EMAIL');
    const done = await respond(target, 'EMAIL_OTP', challenge.Session, { USERNAME: username, EMAIL_OTP_CODE: code });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  test('SELECT_MFA_TYPE when TOTP and SMS are enabled and none is preferred', async () => {
    const { username, secret } = await totpUser('select', { phone: true });
    await target.client.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: target.userPoolId,
      Username: username,
      SMSMfaSettings: { Enabled: true, PreferredMfa: false },
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    }));
    const user = await mfaSettings(username);
    expect(user.PreferredMfaSetting).toBeUndefined();
    expect([...user.UserMFASettingList ?? []].sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);

    const select = await passwordSignIn(target, username);
    expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(select.ChallengeParameters!.MFAS_CAN_CHOOSE).sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const totp = await respond(target, 'SELECT_MFA_TYPE', select.Session, { USERNAME: username, ANSWER: 'SOFTWARE_TOKEN_MFA' });
    expect(totp.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond(target, 'SOFTWARE_TOKEN_MFA', totp.Session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: await freshTotp(target, secret) });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  test('remembered device: SRP sign-in with TOTP confirms the device, the next sign-in skips MFA', async () => {
    const { username, secret } = await totpUser('device');
    const browser = new SrpSession(target.userPoolId, target.clientId, target.endpoint);

    const user = browser.user(username);
    expect((await browser.signIn(user, PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
    // amazon-cognito-identity-js calls ConfirmDevice with the NewDeviceMetadata of this response.
    const done = await browser.sendTotp(user, await freshTotp(target, secret));
    if (done.kind !== 'success') throw new Error(`expected tokens, got ${done.kind}`);
    const accessToken = done.session.getAccessToken().getJwtToken();
    const { Devices } = await target.client.send(new ListDevicesCommand({ AccessToken: accessToken }));
    expect(Devices).toHaveLength(1);
    const deviceKey = Devices![0].DeviceKey!;
    expect(Devices![0].DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });

    // Same storage (same browser): USER_SRP_AUTH with DEVICE_KEY, then DEVICE_SRP_AUTH, and no TOTP.
    const again = await browser.signIn(browser.user(username), PASSWORD);
    if (again.kind !== 'success') throw new Error(`expected the remembered device to skip MFA, got ${again.kind}`);
    expect(claimsOf(again.session.getAccessToken().getJwtToken()).device_key).toBe(deviceKey);

    // Another browser (no device secret) is a new device and gets the TOTP challenge.
    const other = new SrpSession(target.userPoolId, target.clientId, target.endpoint);
    expect((await other.signIn(other.user(username), PASSWORD)).kind).toBe('SOFTWARE_TOKEN_MFA');
  });

  test('admin recovery of a lost TOTP device: disable TOTP, sign in without MFA, then switch to SMS', async () => {
    const { username } = await totpUser('recovery', { phone: true });
    expect((await passwordSignIn(target, username)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    // The user lost the authenticator; an administrator turns TOTP off (allowed under OPTIONAL).
    await target.client.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: target.userPoolId, Username: username, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
    }));
    expect((await mfaSettings(username)).UserMFASettingList ?? []).toEqual([]);
    const noMfa = await passwordSignIn(target, username);
    expect(noMfa.ChallengeName).toBeUndefined();
    expect(noMfa.AuthenticationResult?.AccessToken).toBeDefined();

    // ...and moves the user to SMS until a new authenticator is set up.
    await target.client.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: target.userPoolId, Username: username, SMSMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    expect(await mfaSettings(username)).toMatchObject({ PreferredMfaSetting: 'SMS_MFA', UserMFASettingList: ['SMS_MFA'] });
    if (!canReadCode(target, 'the SMS_MFA sign-in after recovery')) return;
    const sms = await passwordSignIn(target, username);
    expect(sms.ChallengeName).toBe('SMS_MFA');
    const done = await respond(target, 'SMS_MFA', sms.Session, { USERNAME: username, SMS_MFA_CODE: await target.readCode(username, 'SMS') });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });
});
