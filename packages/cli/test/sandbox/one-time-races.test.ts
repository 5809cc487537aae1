/**
 * Every one-time artifact is used once, however many requests race for it (src/sandbox/model/one-time.ts):
 * 20 requests carrying the same code, session, challenge or token, fired at once through the AWS SDK
 * (or the OAuth endpoint over HTTP), get exactly one success; the other 19 get Cognito's error for a
 * spent artifact.
 */
import {
  AdminCreateUserCommand, AdminSetUserMFAPreferenceCommand, AdminUpdateUserAttributesCommand, AssociateSoftwareTokenCommand,
  CompleteWebAuthnRegistrationCommand, ConfirmDeviceCommand, ConfirmForgotPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand,
  GetTokensFromRefreshTokenCommand, GetUserAttributeVerificationCodeCommand, GetUserCommand, InitiateAuthCommand, RespondToAuthChallengeCommand,
  SignUpCommand,
  StartWebAuthnRegistrationCommand, VerifySoftwareTokenCommand, VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { SoftAuthenticator } from './fixtures/soft-authenticator';
import { synthAuth } from '../../../../test/support/synth';
import { makeVerifier, srpClient, srpTimestamp } from '../../src/sandbox/crypto/srp';
import { FormClient } from '../hosted/form-client';
import { CALLBACK_URL } from '../hosted/hosted-stack';
import { authorizeUrl, callbackParams, pkce, signUpThroughPages, startHosted, tokenRequest } from '../hosted/support';
import { createEmailUser, Harness, signInTokens, startHarness, synthPool, totpCode } from '../support';

const RACERS = 20;
const PASSWORD = 'Passw0rd!long-enough';
const EMAIL = 'ana@example.com';
const INVALID_SESSION = 'NotAuthorizedException: Invalid session for the user.';
const SPENT_CODE = 'ExpiredCodeException: Invalid code provided, please request a code again.';

/**
 * Fires every attempt at once; how many succeeded, and each failure as "Type: message", sorted. The
 * SDK's connections are opened first, so that all 20 requests reach the sandbox together.
 */
async function race(h: Pick<Harness, 'cognito'>, attempt: (i: number) => Promise<unknown>) {
  await Promise.allSettled(Array.from({ length: RACERS }, () => h.cognito.send(new GetUserCommand({ AccessToken: 'warm-up' }))));
  const settled = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => attempt(i)));
  const winners = settled.flatMap((s, i) => (s.status === 'fulfilled' ? [i] : []));
  const failures = settled.flatMap(s => (s.status === 'rejected' ? [`${s.reason?.name}: ${s.reason?.message}`] : [])).sort();
  return { winners, failures };
}

/** Exactly one success; the 19 others all failed with `failure`. */
function expectOneWinner(result: Awaited<ReturnType<typeof race>>, failure: string) {
  expect(result.failures).toEqual(Array(RACERS - 1).fill(failure));
  expect(result.winners).toHaveLength(1);
  return result.winners[0];
}

const answer = (h: Harness, challenge: string, session: string | undefined, responses: Record<string, string>, username = EMAIL) =>
  h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId, ChallengeName: challenge as any, Session: session, ChallengeResponses: { USERNAME: username, ...responses },
  }));

const passwordAuth = (h: Harness, username = EMAIL, password = PASSWORD, extra: Record<string, string> = {}) =>
  h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } }));

describe('emailed and texted codes', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(synthPool({
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: true, otp: true, email: true },
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      passwordPolicy: { minLength: 8 },
    }));
  });
  afterEach(() => h.stop());

  test('sign-up confirmation code', async () => {
    await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: EMAIL, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: EMAIL }] }));
    const code = h.sandbox.outbox.latest({ purpose: 'SIGN_UP' })!.code!;
    const result = await race(h, () => h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: EMAIL, ConfirmationCode: code })));
    expectOneWinner(result, 'NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED');
  });

  test('attribute verification code', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    const { AccessToken } = await signInTokens(h, EMAIL, PASSWORD);
    await h.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const code = h.sandbox.outbox.latest({ purpose: 'VERIFY_ATTRIBUTE' })!.code!;
    const result = await race(h, () => h.cognito.send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: code })));
    expectOneWinner(result, SPENT_CODE);
  });

  test('password reset code: one new password is set, the others are refused', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: EMAIL }));
    const code = h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!;
    const passwordOf = (i: number) => `N3w-passw0rd-${i}`;
    const result = await race(h, i => h.cognito.send(new ConfirmForgotPasswordCommand({
      ClientId: h.clientId, Username: EMAIL, ConfirmationCode: code, Password: passwordOf(i),
    })));
    const winner = expectOneWinner(result, SPENT_CODE);
    // The password the one accepted request gave is the user's; none of the refused ones is.
    expect((await signInTokens(h, EMAIL, passwordOf(winner))).AccessToken).toBeDefined();
    await expect(passwordAuth(h, EMAIL, passwordOf((winner + 1) % RACERS))).rejects.toThrow('Incorrect username or password.');
  });

  test('a reset code refused for its new password stays usable (the password was wrong, not the code)', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: EMAIL }));
    const code = h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!;
    const confirm = (Password: string) => h.cognito.send(new ConfirmForgotPasswordCommand({
      ClientId: h.clientId, Username: EMAIL, ConfirmationCode: code, Password,
    }));
    await expect(confirm('short')).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await confirm('N3w-passw0rd-ok');
    await expect(confirm('N3w-passw0rd-again')).rejects.toThrow('Invalid code provided, please request a code again.');
  });

  test.each([
    ['SMS_MFA', 'SMS_MFA_CODE', { SMSMfaSettings: { Enabled: true, PreferredMfa: true } }],
    ['EMAIL_OTP', 'EMAIL_OTP_CODE', { EmailMfaSettings: { Enabled: true, PreferredMfa: true } }],
  ])('%s sign-in code', async (challenge, response, preference) => {
    await createEmailUser(h, EMAIL, PASSWORD);
    await h.cognito.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: h.poolId, Username: EMAIL, UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }, { Name: 'phone_number_verified', Value: 'true' }],
    }));
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: EMAIL, ...preference }));
    const started = await passwordAuth(h);
    expect(started.ChallengeName).toBe(challenge);
    const code = h.sandbox.outbox.latest({ purpose: 'MFA' })!.code!;
    expectOneWinner(await race(h, () => answer(h, challenge, started.Session, { [response]: code })), INVALID_SESSION);
  });

  test('TOTP code: one session answered once, and one code used once across sessions', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    const { AccessToken } = await signInTokens(h, EMAIL, PASSWORD);
    const { SecretCode } = await h.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken }));
    await h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totpCode(SecretCode!, h.clock.now()) }));
    const SoftwareTokenMfaSettings = { Enabled: true, PreferredMfa: true };
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: EMAIL, SoftwareTokenMfaSettings }));
    h.clock.advance(30_000);
    const started = await passwordAuth(h);
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const code = totpCode(SecretCode!, h.clock.now());
    expectOneWinner(await race(h, () => answer(h, 'SOFTWARE_TOKEN_MFA', started.Session, { SOFTWARE_TOKEN_MFA_CODE: code })), INVALID_SESSION);

    h.clock.advance(30_000);
    const sessions: (string | undefined)[] = [];
    for (let i = 0; i < RACERS; i++) sessions.push((await passwordAuth(h)).Session);
    const again = totpCode(SecretCode!, h.clock.now());
    const result = await race(h, i => answer(h, 'SOFTWARE_TOKEN_MFA', sessions[i], { SOFTWARE_TOKEN_MFA_CODE: again }));
    expect(result.winners).toHaveLength(1);
    // A used code counts as a wrong one toward the sign-in lockout, which ends the run of reuses early.
    for (const failure of result.failures) {
      expect(['ExpiredCodeException: Your software token has already been used once.', 'NotAuthorizedException: Password attempts exceeded']).toContain(failure);
    }
  });
});

describe('sign-in sessions', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(synthPool({
      signInAliases: { email: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { sms: false, otp: true, email: true },
      email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }),
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
    }));
  });
  afterEach(() => h.stop());

  test('NEW_PASSWORD_REQUIRED: one new password is set', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: EMAIL,
      TemporaryPassword: 'Temp-passw0rd!',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: EMAIL }, { Name: 'email_verified', Value: 'true' }],
    }));
    const started = await passwordAuth(h, EMAIL, 'Temp-passw0rd!');
    expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const passwordOf = (i: number) => `N3w-passw0rd-${i}`;
    const result = await race(h, i => answer(h, 'NEW_PASSWORD_REQUIRED', started.Session, { NEW_PASSWORD: passwordOf(i) }));
    const winner = expectOneWinner(result, INVALID_SESSION);
    expect((await signInTokens(h, EMAIL, passwordOf(winner))).AccessToken).toBeDefined();
  });

  test('PASSWORD_VERIFIER (SRP)', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    const srp = srpClient(h.poolId.split('_')[1]);
    const started = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: EMAIL, SRP_A: srp.A } }));
    const responses = srp.passwordVerifier(started.ChallengeParameters!, PASSWORD, srpTimestamp(new Date()));
    expectOneWinner(await race(h, () => answer(h, 'PASSWORD_VERIFIER', started.Session, responses)), INVALID_SESSION);
  });

  test('MFA_SETUP: AssociateSoftwareToken answers a session once', async () => {
    const required = await startHarness(synthPool({
      signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true },
    }));
    try {
      await createEmailUser(required, EMAIL, PASSWORD);
      const started = await passwordAuth(required);
      expect(started.ChallengeName).toBe('MFA_SETUP');
      const result = await race(required, () => required.cognito.send(new AssociateSoftwareTokenCommand({ Session: started.Session })));
      expectOneWinner(result, INVALID_SESSION);
    } finally {
      await required.stop();
    }
  });

  test('device challenges: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER', async () => {
    await createEmailUser(h, EMAIL, PASSWORD);
    const EmailMfaSettings = { Enabled: true, PreferredMfa: true };
    await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: EMAIL, EmailMfaSettings }));
    const first = await passwordAuth(h);
    const tokens = (await answer(h, 'EMAIL_OTP', first.Session, { EMAIL_OTP_CODE: h.sandbox.outbox.latest({ purpose: 'MFA' })!.code! })).AuthenticationResult!;
    const { DeviceKey: key, DeviceGroupKey: group } = tokens.NewDeviceMetadata!;
    const { salt, verifier } = makeVerifier(group!, key!, 'device-secret');
    const b64 = (hex: string) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64');
    await h.cognito.send(new ConfirmDeviceCommand({
      AccessToken: tokens.AccessToken, DeviceKey: key, DeviceSecretVerifierConfig: { PasswordVerifier: b64(verifier), Salt: b64(salt) },
    }));

    const srp = srpClient(group!);
    const deviceChallenge = await passwordAuth(h, EMAIL, PASSWORD, { DEVICE_KEY: key! });
    expect(deviceChallenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const rounds = await race(h, () => answer(h, 'DEVICE_SRP_AUTH', deviceChallenge.Session, { DEVICE_KEY: key!, SRP_A: srp.A }));
    expectOneWinner(rounds, INVALID_SESSION);

    // The winner's round, replayed from a fresh start, then its verifier answered 20 times at once.
    const fresh = await passwordAuth(h, EMAIL, PASSWORD, { DEVICE_KEY: key! });
    const round = await answer(h, 'DEVICE_SRP_AUTH', fresh.Session, { DEVICE_KEY: key!, SRP_A: srp.A });
    const p = round.ChallengeParameters!;
    const timestamp = srpTimestamp(new Date());
    const proof = {
      DEVICE_KEY: key!,
      PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: srp.sign({ userId: key!, password: 'device-secret', saltHex: p.SALT, bHex: p.SRP_B, secretBlock: p.SECRET_BLOCK, timestamp }),
    };
    expectOneWinner(await race(h, () => answer(h, 'DEVICE_PASSWORD_VERIFIER', round.Session, proof)), INVALID_SESSION);
  });
});

describe('refresh token rotation without a grace period', () => {
  test('the old refresh token is exchanged once', async () => {
    const h = await startHarness(synthPool({ signInAliases: { email: true } }, { refreshTokenRotationGracePeriod: Duration.seconds(0) }));
    try {
      await createEmailUser(h, EMAIL, PASSWORD);
      const { RefreshToken } = await signInTokens(h, EMAIL, PASSWORD);
      const result = await race(h, () => h.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: h.clientId, RefreshToken })));
      expectOneWinner(result, 'NotAuthorizedException: Invalid Refresh Token');
    } finally {
      await h.stop();
    }
  });
});

describe('passkeys and passwordless codes', () => {
  const RP_ID = 'app.example.com';
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(synthAuth({
      loginWith: { email: {} },
      multifactor: { mode: MfaMode.OPTIONAL, totp: true },
      passwordless: { emailOtp: true, passkey: true, passkeyRelyingPartyId: RP_ID },
    }).template.toJSON());
    await createEmailUser(h, EMAIL, PASSWORD);
  });
  afterEach(() => h.stop());

  const userAuth = (params: Record<string, string>) =>
    h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: EMAIL, ...params } }));

  test('EMAIL_OTP first-factor code', async () => {
    const started = await userAuth({ PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(started.ChallengeName).toBe('EMAIL_OTP');
    const code = h.sandbox.outbox.latest({ destination: EMAIL })!.code!;
    expectOneWinner(await race(h, () => answer(h, 'EMAIL_OTP', started.Session, { EMAIL_OTP_CODE: code })), INVALID_SESSION);
  });

  test('WebAuthn registration challenge and WEB_AUTHN sign-in challenge', async () => {
    const AccessToken = (await userAuth({ PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).AuthenticationResult!.AccessToken!;
    const authenticator = new SoftAuthenticator();
    const { CredentialCreationOptions } = await h.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const credential = authenticator.create(CredentialCreationOptions, {});
    const complete = () => h.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as any }));
    const registrations = await race(h, complete);
    expectOneWinner(registrations, 'WebAuthnChallengeNotFoundException: No passkey registration is in progress for this user (or it expired): call StartWebAuthnRegistration first.');

    const started = await userAuth({ PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    expect(started.ChallengeName).toBe('WEB_AUTHN');
    const assertion = JSON.stringify(authenticator.get(JSON.parse(started.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS), {}));
    expectOneWinner(await race(h, () => answer(h, 'WEB_AUTHN', started.Session, { CREDENTIAL: assertion })), INVALID_SESSION);
  });
});

describe('OAuth authorization codes (hosted pages and /oauth2/token over HTTP)', () => {
  test('a code is redeemed once', async () => {
    const h = await startHosted();
    try {
      const browser = new FormClient(h.sandbox.endpoint);
      const { verifier, challenge } = pkce();
      const params = { code_challenge: challenge, code_challenge_method: 'S256' };
      await signUpThroughPages(h, browser, EMAIL, PASSWORD, params);
      const login = await browser.get(authorizeUrl(h, { ...params, prompt: 'login' }));
      const { code } = callbackParams(await browser.submit(login, { username: EMAIL, password: PASSWORD }));
      const answers = await Promise.all(Array.from({ length: RACERS }, () => tokenRequest(h, {
        grant_type: 'authorization_code', client_id: h.client('web').id, code, redirect_uri: CALLBACK_URL, code_verifier: verifier,
      })));
      expect(answers.filter(a => a.status === 200)).toHaveLength(1);
      const refused = answers.filter(a => a.status !== 200);
      expect(refused.map(a => [a.status, a.json.error])).toEqual(Array(RACERS - 1).fill([400, 'invalid_grant']));
    } finally {
      await h.stop();
    }
  });
});
