/**
 * Custom email and SMS sender triggers run by the sandbox as Cognito runs them: the Auth construct's
 * `senders.customEmailSender` / `customSmsSender` / `kmsKey`, and a sender written as the Cognito guide's
 * decrypt example (the Encryption SDK's KMS keyring), which decrypts its codes at the sandbox's KMS
 * endpoint through the real AWS SDK. The flows complete with the decrypted codes; the outbox stays empty.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminCreateUserCommand, AdminResetUserPasswordCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserPasswordCommand, AdminGetUserCommand,
  ConfirmForgotPasswordCommand, GetUserAttributeVerificationCodeCommand,
  ConfirmSignUpCommand, ForgotPasswordCommand, ResendConfirmationCodeCommand, RespondToAuthChallengeCommand, SignUpCommand,
  UpdateUserAttributesCommand, UserLambdaValidationException, VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { Auth, MfaMode } from '@cdk-mfa/auth';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { Harness, passwordSignIn, startHarness } from '../support';

const PASSWORD = 'Passw0rd!long-enough';
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

interface Sent {
  readonly triggerSource: string;
  readonly type: string;
  readonly version: string;
  readonly code: string;
  /** event.request.code as it came. */
  readonly encrypted: string;
  readonly userAttributes: Record<string, string>;
  readonly clientMetadata: Record<string, string>;
}

/** The sender bundled as a deployment would (esbuild, everything in one file), in a cdk.out with asset metadata. */
function cdkOutWithSenders(sentFile: string): string {
  const codeDir = tmp('custom-sender-code-');
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures', 'custom-sender.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    outfile: path.join(codeDir, 'index.js'),
    logLevel: 'error',
  });
  const outdir = tmp('custom-sender-cdkout-');
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'SendersStack', { env: { account: '111111111111', region: 'us-east-1' } });
  const key = new kms.Key(stack, 'CodesKey');
  const alias = key.addAlias('alias/sandbox-codes');
  const sender = new lambda.Function(stack, 'Sender', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(codeDir),
    // All of Cognito's 5 s: a loaded CI machine runs the first decrypt (SDK client, KMS call, ECDSA check) slowly.
    timeout: Duration.seconds(5),
    environment: { KEY_ALIAS: alias.aliasName, KEY_ARN: key.keyArn, SENT_FILE: sentFile, FAIL_FOR: 'refused@example.com' },
  });
  new Auth(stack, 'Auth', {
    loginWith: { email: {} },
    userAttributes: { phoneNumber: { required: false, mutable: true } },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {}, email: {} },
    client: { authFlows: { userSrp: true, userPassword: true } },
    senders: { email: { fromEmail: 'noreply@example.com' }, customEmailSender: sender, customSmsSender: sender, kmsKey: key },
  });
  app.synth();
  return outdir;
}

describe('custom email and SMS sender triggers', () => {
  let h: Harness;
  let sentFile: string;
  const sent = (): Sent[] => (fs.existsSync(sentFile) ? fs.readFileSync(sentFile, 'utf8').trim().split('\n').filter(Boolean).map(l => JSON.parse(l)) : []);
  const lastSent = (triggerSource: string): Sent => {
    const match = sent().filter(s => s.triggerSource === triggerSource);
    expect(match.length).toBeGreaterThan(0);
    return match[match.length - 1];
  };

  beforeAll(async () => {
    sentFile = path.join(tmp('custom-sender-sent-'), 'sent.jsonl');
    h = await startHarness({}, { template: undefined, cdkOutDir: cdkOutWithSenders(sentFile) });
  });
  afterAll(() => h.stop());

  test('sign-up: the sender gets CustomEmailSender_SignUp, decrypts the code, and ConfirmSignUp takes it', async () => {
    const signUp = await h.cognito.send(new SignUpCommand({
      ClientId: h.clientId,
      Username: 'ann@example.com',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
      ClientMetadata: { source: 'test' },
    }));
    expect(signUp.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const message = lastSent('CustomEmailSender_SignUp');
    expect(message).toMatchObject({
      type: 'customEmailSenderRequestV1', version: '1', clientMetadata: { source: 'test' }, userAttributes: { email: 'ann@example.com' },
    });
    expect(message.code).toMatch(/^\d{6}$/);
    await h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'ann@example.com', ConfirmationCode: message.code }));
    expect((await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'ann@example.com' }))).UserStatus).toBe('CONFIRMED');
    expect(h.sandbox.outbox.messages()).toEqual([]);
    expect(h.logs.some(l => l.includes('CustomEmailSender (Sender') && l.includes('CustomEmailSender_SignUp'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain(message.code);
  });

  test('forgot password: CustomEmailSender_ForgotPassword, then ConfirmForgotPassword with the decrypted code', async () => {
    await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'ann@example.com' }));
    const message = lastSent('CustomEmailSender_ForgotPassword');
    await h.cognito.send(new ConfirmForgotPasswordCommand({
      ClientId: h.clientId, Username: 'ann@example.com', ConfirmationCode: message.code, Password: `${PASSWORD}-new`,
    }));
    await expect(passwordSignIn(h, 'ann@example.com', `${PASSWORD}-new`)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
    expect(h.sandbox.outbox.messages()).toEqual([]);
  });

  test('resend and attribute changes: CustomEmailSender_ResendCode, _UpdateUserAttribute and _VerifyUserAttribute codes confirm and verify', async () => {
    await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'bob@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] }));
    await h.cognito.send(new ResendConfirmationCodeCommand({ ClientId: h.clientId, Username: 'bob@example.com' }));
    const resent = lastSent('CustomEmailSender_ResendCode');
    await h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'bob@example.com', ConfirmationCode: resent.code }));

    const { AuthenticationResult } = await passwordSignIn(h, 'bob@example.com', PASSWORD);
    await h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: AuthenticationResult!.AccessToken, UserAttributes: [{ Name: 'email', Value: 'bob2@example.com' }] }));
    const update = lastSent('CustomEmailSender_UpdateUserAttribute');
    expect(update.userAttributes.email).toBe('bob2@example.com');
    await h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: AuthenticationResult!.AccessToken, AttributeName: 'email', Code: update.code }));
    const bob = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'bob2@example.com' }));
    expect(bob.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'bob2@example.com' }, { Name: 'email_verified', Value: 'true' }]));

    await h.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: AuthenticationResult!.AccessToken, AttributeName: 'email' }));
    const verify = lastSent('CustomEmailSender_VerifyUserAttribute');
    await h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: AuthenticationResult!.AccessToken, AttributeName: 'email', Code: verify.code }));
    expect(h.sandbox.outbox.messages()).toEqual([]);
  });

  test('SMS MFA: CustomSMSSender_Authentication, then RespondToAuthChallenge with the decrypted code', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: 'sam@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'phone_number', Value: '+15550001234' }, { Name: 'phone_number_verified', Value: 'true' }],
    }));
    await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'sam@example.com', Password: PASSWORD, Permanent: true }));
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'sam@example.com', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await passwordSignIn(h, 'sam@example.com', PASSWORD);
    expect(challenge.ChallengeName).toBe('SMS_MFA');
    const message = lastSent('CustomSMSSender_Authentication');
    expect(message).toMatchObject({ type: 'customSMSSenderRequestV1', userAttributes: { phone_number: '+15550001234' } });
    const done = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SMS_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'sam@example.com', SMS_MFA_CODE: message.code },
    }));
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    expect(h.sandbox.outbox.messages()).toEqual([]);
  });

  test('email MFA: CustomEmailSender_Authentication, then RespondToAuthChallenge with the decrypted code', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: 'eve@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'eve@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'eve@example.com', Password: PASSWORD, Permanent: true }));
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'eve@example.com', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const challenge = await passwordSignIn(h, 'eve@example.com', PASSWORD);
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    const message = lastSent('CustomEmailSender_Authentication');
    expect(message).toMatchObject({ type: 'customEmailSenderRequestV1', userAttributes: { email: 'eve@example.com' } });
    const done = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'EMAIL_OTP',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'eve@example.com', EMAIL_OTP_CODE: message.code },
    }));
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    expect(h.sandbox.outbox.messages()).toEqual([]);
  });

  test('an invitation: CustomEmailSender_AdminCreateUser carries the temporary password', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: 'ivy@example.com',
      DesiredDeliveryMediums: ['EMAIL'],
      ClientMetadata: { invitedBy: 'test' },
      UserAttributes: [{ Name: 'email', Value: 'ivy@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    const message = lastSent('CustomEmailSender_AdminCreateUser');
    expect(message.clientMetadata).toEqual({ invitedBy: 'test' });
    const first = await passwordSignIn(h, 'ivy@example.com', message.code);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  test('a failing sender fails the sign-up as Cognito reports a failed trigger, and no user is left behind', async () => {
    await expect(h.cognito.send(new SignUpCommand({
      ClientId: h.clientId, Username: 'refused@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'refused@example.com' }],
    }))).rejects.toThrow(new UserLambdaValidationException({ message: 'CustomEmailSender failed with error provider refused the message.', $metadata: {} }));
    await expect(h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'refused@example.com' })))
      .rejects.toMatchObject({ name: 'UserNotFoundException' });
    expect(h.sandbox.outbox.messages()).toEqual([]);
  });

  test('a failing sender leaves an admin password reset undone: the password keeps working', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: 'refused@example.com',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'refused@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'refused@example.com', Password: PASSWORD, Permanent: true }));
    await expect(h.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'refused@example.com' })))
      .rejects.toMatchObject({ name: 'UserLambdaValidationException' });
    expect((await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'refused@example.com' }))).UserStatus).toBe('CONFIRMED');
    await expect(passwordSignIn(h, 'refused@example.com', PASSWORD)).resolves.toMatchObject({ AuthenticationResult: expect.anything() });
  });

  test("the code is an Encryption SDK message whose one data key is wrapped by the template key's ARN", async () => {
    const message = lastSent('CustomEmailSender_ForgotPassword');
    const header = readMessageHeader(Buffer.from(message.encrypted, 'base64'));
    // Message format 2 with the SDK's default committing, signing suite (0x0578).
    expect(header).toMatchObject({ version: 2, suiteId: 0x0578 });
    expect(Object.keys(header.encryptionContext)).toEqual(['aws-crypto-public-key']);
    const keyArn = h.sandbox.userPools[0].customSenderKeyArn;
    expect(keyArn).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(header.dataKeys).toEqual([{ providerId: 'aws-kms', providerInfo: keyArn }]);
  });

  test('the KMS endpoint refuses requests without a function\'s credentials, and any with an Origin header', async () => {
    const region = h.sandbox.region;
    const stranger = new KMSClient({ region, endpoint: h.sandbox.kmsEndpoint, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' }, maxAttempts: 1 });
    await expect(stranger.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([1, 2, 3]) }))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
    stranger.destroy();

    const page = await fetch(`${h.sandbox.kmsEndpoint}/`, {
      method: 'POST', headers: { 'origin': 'https://evil.example', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.Decrypt' }, body: '{}',
    });
    expect(page.status).toBe(403);
    expect(await page.json()).toMatchObject({ __type: 'AccessDeniedException' });
  });
});

/** The parts of an AWS Encryption SDK message header (format 2) a test checks, read by hand from the documented layout. */
function readMessageHeader(bytes: Buffer) {
  let at = 0;
  const u8 = () => bytes.readUInt8(at++);
  const u16 = () => {
    const v = bytes.readUInt16BE(at);
    at += 2;
    return v;
  };
  const take = (n: number) => {
    const v = bytes.subarray(at, at + n);
    at += n;
    return v;
  };
  const version = u8();
  const suiteId = u16();
  take(32); // message id
  const aadLength = u16();
  const aadEnd = at + aadLength;
  const encryptionContext: Record<string, string> = {};
  if (aadLength > 0) {
    for (let n = u16(); n > 0; n--) encryptionContext[take(u16()).toString('utf8')] = take(u16()).toString('utf8');
  }
  at = aadEnd;
  const dataKeys: { providerId: string; providerInfo: string }[] = [];
  for (let n = u16(); n > 0; n--) {
    const providerId = take(u16()).toString('utf8');
    const providerInfo = take(u16()).toString('utf8');
    take(u16());
    dataKeys.push({ providerId, providerInfo });
  }
  return { version, suiteId, encryptionContext, dataKeys };
}
