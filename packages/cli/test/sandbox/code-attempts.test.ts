/**
 * Codes cannot be guessed: five wrong codes within an hour, then LimitExceededException for sign-up
 * confirmation, password reset and attribute verification (src/sandbox/code-attempts.ts says why
 * five); wrong MFA codes count toward the sign-in lockout.
 */
import {
  AdminSetUserMFAPreferenceCommand, CodeMismatchException, ConfirmForgotPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand, GetUserCommand, LimitExceededException, RespondToAuthChallengeCommand, SignUpCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ATTEMPT_WINDOW_MS, MAX_WRONG_CODES } from '../../src/sandbox/model/code-attempts';
import { createEmailUser, Harness, passwordSignIn, signInTokens, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
const LIMIT = new LimitExceededException({ message: 'Attempt limit exceeded, please try after some time.', $metadata: {} });
const other = (code: string) => (code === '000000' ? '111111' : '000000');

let h: Harness;
beforeEach(async () => {
  h = await startHarness(synthPool({
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: false, email: true },
    email: cognito.UserPoolEmail.withSES({ fromEmail: 'noreply@example.com', sesRegion: 'us-east-1' }),
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
  }));
});
afterEach(() => h.stop());

/**
 * Five wrong codes are answered CodeMismatchException; after them even the right code is refused
 * until an hour has passed, then it works.
 */
async function expectLimited(attempt: (code: string) => Promise<unknown>, right: string, afterTheHour: () => Promise<void> = async () => undefined) {
  expect(MAX_WRONG_CODES).toBe(5);
  for (let i = 0; i < MAX_WRONG_CODES; i++) await expect(attempt(other(right))).rejects.toThrow(CodeMismatchException);
  await expect(attempt(right)).rejects.toThrow(LIMIT);
  await expect(attempt(other(right))).rejects.toThrow(LIMIT);
  h.clock.advance(ATTEMPT_WINDOW_MS - 60_000);
  await expect(attempt(right)).rejects.toThrow(LIMIT);
  h.clock.advance(60_001);
  await afterTheHour();
  await attempt(right);
}

test('sign-up confirmation', async () => {
  await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'sam@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'sam@example.com' }] }));
  const code = h.sandbox.outbox.latest({ purpose: 'SIGN_UP' })!.code!;
  await expectLimited(c => h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'sam@example.com', ConfirmationCode: c })), code);
});

test('password reset: asking for a new code does not reset the count', async () => {
  await createEmailUser(h, 'pat@example.com', PASSWORD);
  const confirm = (c: string) => h.cognito.send(new ConfirmForgotPasswordCommand({
    ClientId: h.clientId, Username: 'pat@example.com', ConfirmationCode: c, Password: 'N3w-passw0rd!long',
  }));
  await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'pat@example.com' }));
  for (let i = 0; i < 3; i++) await expect(confirm('999999')).rejects.toThrow(CodeMismatchException);
  await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'pat@example.com' }));
  const code = h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!;
  for (let i = 0; i < 2; i++) await expect(confirm(other(code))).rejects.toThrow(CodeMismatchException);
  await expect(confirm(code)).rejects.toThrow(LIMIT);
  // An hour later the count has passed, and so has the code (reset codes last an hour): a new one works.
  h.clock.advance(ATTEMPT_WINDOW_MS + 1);
  await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'pat@example.com' }));
  await confirm(h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!);
  const signIn = await passwordSignIn(h, 'pat@example.com', 'N3w-passw0rd!long');
  expect(signIn.AuthenticationResult).toBeDefined();
});

test('attribute verification', async () => {
  await createEmailUser(h, 'val@example.com', PASSWORD);
  const signIn = async () => (await signInTokens(h, 'val@example.com', PASSWORD)).AccessToken!;
  let token = await signIn();
  const sent = await h.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'email' }));
  expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
  const code = h.sandbox.outbox.latest({ purpose: 'VERIFY_ATTRIBUTE' })!.code!;
  // The code is good for 24 hours; the access token for one, so the user signs in again after the wait.
  await expectLimited(c => h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: c })), code, async () => {
    token = await signIn();
  });
  const attributes = (await h.cognito.send(new GetUserCommand({ AccessToken: token }))).UserAttributes;
  expect(attributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
  await expect(h.cognito.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: token, AttributeName: 'phone_number' })))
    .rejects.toMatchObject({ name: 'InvalidParameterException' });
});

test('five wrong MFA codes, over several sign-ins, start the sign-in lockout', async () => {
  await createEmailUser(h, 'mia@example.com', PASSWORD);
  await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'mia@example.com', EmailMfaSettings: { Enabled: true, PreferredMfa: true } }));
  const signIn = () => passwordSignIn(h, 'mia@example.com', PASSWORD);
  const answer = (Session: string | undefined, code: string) => h.cognito.send(new RespondToAuthChallengeCommand({
    ClientId: h.clientId, ChallengeName: 'EMAIL_OTP', Session, ChallengeResponses: { USERNAME: 'mia@example.com', EMAIL_OTP_CODE: code },
  }));
  for (const wrongs of [3, 2]) {
    const challenge = await signIn();
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    for (let i = 0; i < wrongs; i++) await expect(answer(challenge.Session, '00000000')).rejects.toThrow(CodeMismatchException);
  }
  // Locked for 1 s: the right password is refused, as after five wrong passwords.
  await expect(signIn()).rejects.toThrow('Password attempts exceeded');
  h.clock.advance(1_001);
  const challenge = await signIn();
  const code = h.sandbox.outbox.latest({ purpose: 'MFA' })!.code!;
  // A sixth wrong code locks for 2 s; even the right code waits for the lock to pass.
  await expect(answer(challenge.Session, other(code))).rejects.toThrow(CodeMismatchException);
  await expect(answer(challenge.Session, code)).rejects.toThrow('Password attempts exceeded');
  h.clock.advance(2_001);
  expect((await answer(challenge.Session, code)).AuthenticationResult).toBeDefined();
});
