/** Choice-based sign-in (USER_AUTH) against the template of our Auth construct with passwordless email codes. */
import {
  AssociateSoftwareTokenCommand, CodeMismatchException, InitiateAuthCommand,
  InvalidParameterException, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { synthAuth } from '../../../../test/support/synth';
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
