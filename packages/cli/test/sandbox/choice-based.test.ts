/** Choice-based sign-in (USER_AUTH) against the template of our Auth construct with passwordless email codes. */
import {
  AssociateSoftwareTokenCommand, CodeMismatchException, InitiateAuthCommand,
  InvalidParameterException, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand, UserNotFoundException, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { synthAuth } from '../../../../test/support/synth';
import { srpClient } from '../../src/sandbox/crypto/srp';
import { createEmailUser, Harness, startHarness, synthPool, totpCode } from '../support';

const PASSWORD = 'Passw0rd!long-enough';
const EMAIL = 'ana@example.com';

const userAuth = (h: Harness, params: Record<string, string> = {}) =>
  h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: EMAIL, ...params } }));

const answer = (h: Harness, challenge: string, session: string | undefined, responses: Record<string, string>) =>
  h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId, ChallengeName: challenge as any, Session: session, ChallengeResponses: { USERNAME: EMAIL, ...responses },
  }));

/** The last code the outbox holds for Ana. */
const emailedCode = (h: Harness) => h.sandbox.outbox.latest({ destination: EMAIL })!.code!;

describe('choice-based sign-in (USER_AUTH) with passwordless email codes', () => {
  const template = synthAuth({
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    passwordless: { emailOtp: true },
  }).template.toJSON();

  test('SELECT_CHALLENGE offers what the pool allows; an emailed code alone signs in, a password still meets MFA', async () => {
    const h = await startHarness(template);
    try {
      await createEmailUser(h, EMAIL, PASSWORD);
      // Enrol TOTP, so a password sign-in has a second factor to ask for.
      const first = await userAuth(h, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD });
      const accessToken = first.AuthenticationResult!.AccessToken!;
      const { SecretCode } = await h.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
      await h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(SecretCode!, h.clock.now()) }));
      const preferTotp = { Enabled: true, PreferredMfa: true };
      await h.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: preferTotp }));

      const select = await userAuth(h);
      expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
      expect(select.AvailableChallenges).toEqual(['PASSWORD_SRP', 'PASSWORD', 'EMAIL_OTP']);

      const otp = await answer(h, 'SELECT_CHALLENGE', select.Session, { ANSWER: 'EMAIL_OTP' });
      expect(otp.ChallengeName).toBe('EMAIL_OTP');
      expect(otp.ChallengeParameters).toMatchObject({
        CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: expect.stringMatching(/^a\*+@e\*+/),
      });
      expect(emailedCode(h)).toMatch(/^\d{8}$/);
      await expect(answer(h, 'EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: '00000000' })).rejects.toThrow(CodeMismatchException);
      const signedIn = await answer(h, 'EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: emailedCode(h) });
      expect(signedIn.AuthenticationResult?.AccessToken).toBeDefined();

      // The same user choosing a password is asked for TOTP, from the SELECT_CHALLENGE answer or the preferred challenge.
      const again = await userAuth(h);
      const byPassword = await answer(h, 'SELECT_CHALLENGE', again.Session, { ANSWER: 'PASSWORD', PASSWORD });
      expect(byPassword.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      expect((await userAuth(h, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    } finally {
      await h.stop();
    }
  });

  test('PREFERRED_CHALLENGE EMAIL_OTP sends the code at once; one the pool does not allow falls back to SELECT_CHALLENGE', async () => {
    const h = await startHarness(template);
    try {
      await createEmailUser(h, EMAIL, PASSWORD);
      const otp = await userAuth(h, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
      expect(otp.ChallengeName).toBe('EMAIL_OTP');
      const signedIn = await answer(h, 'EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: emailedCode(h) });
      expect(signedIn.AuthenticationResult?.IdToken).toBeDefined();

      const sms = await userAuth(h, { PREFERRED_CHALLENGE: 'SMS_OTP' });
      expect(sms.ChallengeName).toBe('SELECT_CHALLENGE');
      await expect(answer(h, 'SELECT_CHALLENGE', sms.Session, { ANSWER: 'SMS_OTP' }))
        .rejects.toThrow(new InvalidParameterException({ message: 'The challenge SMS_OTP is not available; choose one of PASSWORD_SRP, PASSWORD, EMAIL_OTP.', $metadata: {} }));
    } finally {
      await h.stop();
    }
  });

  test('a client without ALLOW_USER_AUTH refuses the flow', async () => {
    const h = await startHarness(synthPool({ signInAliases: { email: true } }, { authFlows: { userSrp: true } }));
    try {
      await expect(userAuth(h)).rejects.toThrow(new InvalidParameterException({ message: 'USER_AUTH flow not enabled for this client', $metadata: {} }));
    } finally {
      await h.stop();
    }
  });
});

describe('USER_AUTH for a user who does not exist (PreventUserExistenceErrors)', () => {
  // Cognito answers one challenge picked at random among those the pool allows (src/sandbox/operations/sign-in/unknown-user.ts).
  const template = synthAuth({
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    passwordless: { emailOtp: true, passkey: true, passkeyRelyingPartyId: 'app.example.com' },
  }).template.toJSON();
  const GHOST = 'ghost@example.com';
  const ghostAuth = (h: Harness, params: Record<string, string> = {}) =>
    h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: GHOST, ...params } }));
  const ghostAnswer = (h: Harness, challenge: string, session: string | undefined, responses: Record<string, string>) =>
    h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName: challenge as any, Session: session, ChallengeResponses: { USERNAME: GHOST, ...responses },
    }));

  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(template);
  });
  afterAll(() => h.stop());

  test('a random challenge among the allowed factors, never the list; each answer fails as a wrong one', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const started = await ghostAuth(h);
      expect(started.AvailableChallenges).toBeUndefined();
      expect(started.Session).toBeDefined();
      seen.add(started.ChallengeName!);
    }
    expect([...seen].sort()).toEqual(['EMAIL_OTP', 'PASSWORD', 'WEB_AUTHN']);

    const byName = async (name: string) => {
      for (;;) {
        const started = await ghostAuth(h);
        if (started.ChallengeName === name) return started;
      }
    };
    const otp = await byName('EMAIL_OTP');
    expect(otp.ChallengeParameters).toMatchObject({ CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'g***@e***' });
    expect(h.sandbox.outbox.latest({ destination: GHOST })).toBeUndefined();
    await expect(ghostAnswer(h, 'EMAIL_OTP', otp.Session, { EMAIL_OTP_CODE: '12345678' })).rejects.toThrow(CodeMismatchException);

    const passkey = await byName('WEB_AUTHN');
    const options = JSON.parse(passkey.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS);
    expect(options).toMatchObject({ rpId: 'app.example.com', allowCredentials: [expect.objectContaining({ type: 'public-key' })] });
    expect(JSON.parse((await byName('WEB_AUTHN')).ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS).allowCredentials).toEqual(options.allowCredentials);
    await expect(ghostAnswer(h, 'WEB_AUTHN', passkey.Session, { CREDENTIAL: '{}' })).rejects.toMatchObject({ name: 'NotAuthorizedException' });

    const password = await byName('PASSWORD');
    await expect(ghostAnswer(h, 'PASSWORD', password.Session, { PASSWORD })).rejects.toThrow('Incorrect username or password.');
  });

  test('PREFERRED_CHALLENGE is answered as for a real user, and fails at its answer', async () => {
    expect((await ghostAuth(h, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })).ChallengeName).toBe('EMAIL_OTP');
    expect((await ghostAuth(h, { PREFERRED_CHALLENGE: 'WEB_AUTHN' })).ChallengeName).toBe('WEB_AUTHN');
    await expect(ghostAuth(h, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD })).rejects.toThrow('Incorrect username or password.');
    const srp = await ghostAuth(h, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srpClient('x').A });
    expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
    // A factor the pool does not allow: a random allowed one, as without a preference.
    expect(['EMAIL_OTP', 'PASSWORD', 'WEB_AUTHN']).toContain((await ghostAuth(h, { PREFERRED_CHALLENGE: 'SMS_OTP' })).ChallengeName);
  });

  test('a LEGACY client answers UserNotFoundException', async () => {
    const legacy = await startHarness(synthPool({
      signInAliases: { email: true },
      signInPolicy: { allowedFirstAuthFactors: { password: true } },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    }, { authFlows: { user: true }, preventUserExistenceErrors: false }));
    try {
      await expect(ghostAuth(legacy)).rejects.toThrow(UserNotFoundException);
    } finally {
      await legacy.stop();
    }
  });
});
