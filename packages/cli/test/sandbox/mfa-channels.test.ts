import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand, CodeMismatchException, EnableSoftwareTokenMFAException, ExpiredCodeException, GetUserPoolMfaConfigCommand,
  InvalidParameterException, SetUserMFAPreferenceCommand, SetUserPoolMfaConfigCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { readOutboxFile } from '../../src/sandbox';
import { Harness, passwordSignIn, respond as respondTo, startHarness, synthPool, totpCode } from '../support';

const PASSWORD = 'Passw0rd!long';

describe('SMS, email and TOTP MFA with OPTIONAL mode', () => {
  let h: Harness;
  const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-outbox-'));

  beforeAll(async () => {
    h = await startHarness(synthPool({
      signInAliases: { username: true, email: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: true, email: true },
      mfaMessage: 'Your sandbox sign-in code is {####}',
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    }, { authSessionValidity: Duration.minutes(10) }, (_stack, pool) => {
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('EmailAuthenticationMessage', 'Email code: {####}');
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('EmailAuthenticationSubject', 'Sign-in code');
    }), { outboxDir });
    const gina = [{ Name: 'phone_number', Value: '+15550001234' }, { Name: 'email', Value: 'gina@example.com' }];
    for (const [name, attrs] of [['gina', gina], ['hal', []]] as const) {
      await h.cognito.send(new AdminCreateUserCommand({ UserPoolId: h.poolId, Username: name, UserAttributes: [...attrs], MessageAction: 'SUPPRESS' }));
      await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: name, Password: PASSWORD, Permanent: true }));
    }
  });
  afterAll(() => h.stop());

  const signIn = (username: string) => passwordSignIn(h, username, PASSWORD);
  const respond = (name: string, session: string | undefined, responses: Record<string, string>) => respondTo(h, name, session, responses);

  test('no MFA until the user enables a method; SMS needs a phone', async () => {
    expect((await signIn('hal')).AuthenticationResult?.IdToken).toBeDefined();
    await expect(h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'hal', SMSMfaSettings: { Enabled: true } })))
      .rejects.toThrow('User does not have delivery config set to turn on SMS_MFA');
    await expect(h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'hal', SoftwareTokenMfaSettings: { Enabled: true } })))
      .rejects.toThrow(InvalidParameterException);
  });

  test('SELECT_MFA_TYPE when several methods are enabled, then SMS code from the outbox', async () => {
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: h.poolId, Username: 'gina', SMSMfaSettings: { Enabled: true }, EmailMfaSettings: { Enabled: true },
    }));
    const first = await signIn('gina');
    expect(first.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(first.ChallengeParameters!.MFAS_CAN_CHOOSE)).toEqual(['SMS_MFA', 'EMAIL_OTP']);
    const sms = await respond('SELECT_MFA_TYPE', first.Session, { USERNAME: 'gina', ANSWER: 'SMS_MFA' });
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(sms.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toBe('+*******1234');
    const message = h.sandbox.outbox.latest({ channel: 'SMS', purpose: 'MFA' })!;
    expect(message.message).toBe(`Your sandbox sign-in code is ${message.code}`);
    await expect(respond('SMS_MFA', sms.Session, { USERNAME: 'gina', SMS_MFA_CODE: '000000' === message.code ? '111111' : '000000' }))
      .rejects.toThrow(CodeMismatchException);
    const done = await respond('SMS_MFA', sms.Session, { USERNAME: 'gina', SMS_MFA_CODE: message.code! });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    const lines = readOutboxFile(path.join(outboxDir, 'outbox.jsonl'));
    expect(lines[lines.length - 1]).toMatchObject({ channel: 'SMS', destination: '+15550001234', code: message.code });
  });

  test('preferred EMAIL_OTP is used directly; an expired code is refused', async () => {
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'gina', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const first = await signIn('gina');
    expect(first.ChallengeName).toBe('EMAIL_OTP');
    const mail = h.sandbox.outbox.latest({ channel: 'EMAIL', purpose: 'MFA' })!;
    expect(mail).toMatchObject({ subject: 'Sign-in code', message: `Email code: ${mail.code}` });
    expect((await respond('EMAIL_OTP', first.Session, { USERNAME: 'gina', EMAIL_OTP_CODE: mail.code! })).AuthenticationResult).toBeDefined();
    const second = await signIn('gina');
    h.clock.advance(4 * 60_000);
    const code = h.sandbox.outbox.latest({ channel: 'EMAIL', purpose: 'MFA' })!.code!;
    await expect(respond('EMAIL_OTP', second.Session, { USERNAME: 'gina', EMAIL_OTP_CODE: code })).rejects.toThrow(ExpiredCodeException);
    const user = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'gina' }));
    expect(user.PreferredMfaSetting).toBe('EMAIL_OTP');
    expect(user.UserMFASettingList).toEqual(['SMS_MFA', 'EMAIL_OTP']);
  });

  test('TOTP via access token, then preferred; last factor cannot be dropped under required MFA', async () => {
    const tokens = await signIn('hal');
    const accessToken = tokens.AuthenticationResult!.AccessToken!;
    const { SecretCode } = await h.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    const wrong = totpCode(SecretCode!, h.clock.now() + 600_000);
    await expect(h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: wrong })))
      .rejects.toThrow(EnableSoftwareTokenMFAException);
    await h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(SecretCode!, h.clock.now()) }));
    await h.cognito.send(new SetUserMFAPreferenceCommand({
      AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
    h.clock.advance(30_000);
    const first = await signIn('hal');
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond('SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: 'hal', SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!, h.clock.now()) });

    const config = await h.cognito.send(new SetUserPoolMfaConfigCommand({ UserPoolId: h.poolId, MfaConfiguration: 'ON' }));
    expect(config.MfaConfiguration).toBe('ON');
    expect((await h.cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: h.poolId }))).SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
    await expect(h.cognito.send(new SetUserMFAPreferenceCommand({
      AccessToken: done.AuthenticationResult!.AccessToken, SoftwareTokenMfaSettings: { Enabled: false },
    }))).rejects.toThrow(InvalidParameterException);
    await expect(h.cognito.send(new SetUserPoolMfaConfigCommand({
      UserPoolId: h.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: false },
    }))).resolves.toBeDefined();
  });
});
