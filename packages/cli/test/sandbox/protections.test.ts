/**
 * Cognito's protections through the AWS SDK: user-existence hiding (simulated code delivery, no
 * message), password history, AdminResetUserPassword, GetUserAuthFactors, and the sign-in lockout
 * counting wrong TOTP codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AssociateSoftwareTokenCommand, RespondToAuthChallengeCommand, VerifySoftwareTokenCommand, AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand, ChangePasswordCommand, CodeMismatchException, ConfirmForgotPasswordCommand, ForgotPasswordCommand,
  GetUserAuthFactorsCommand, PasswordHistoryPolicyViolationException, PasswordResetRequiredException, ResendConfirmationCodeCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import Database from 'better-sqlite3';
import { createEmailUser, Harness, passwordSignIn, startHarness, synthPool, totpCode } from '../support';

const PASSWORD = 'Passw0rd!long';

const signIn = passwordSignIn;

describe('PreventUserExistenceErrors', () => {
  let hidden: Harness;
  let legacy: Harness;
  const pool = { signInAliases: { email: true }, autoVerify: { email: true } };
  beforeAll(async () => {
    hidden = await startHarness(synthPool(pool, { preventUserExistenceErrors: true }));
    legacy = await startHarness(synthPool(pool, { preventUserExistenceErrors: false }));
    await createEmailUser(hidden, 'real@example.com', PASSWORD);
  });
  afterAll(async () => {
    await hidden.stop();
    await legacy.stop();
  });

  test('ForgotPassword and ResendConfirmationCode answer an unknown user like a real one, and send nothing', async () => {
    const real = await hidden.cognito.send(new ForgotPasswordCommand({ ClientId: hidden.clientId, Username: 'real@example.com' }));
    const before = hidden.sandbox.outbox.messages().length;
    const ghost = await hidden.cognito.send(new ForgotPasswordCommand({ ClientId: hidden.clientId, Username: 'ghost@example.com' }));
    expect(ghost.CodeDeliveryDetails).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'g***@e***' });
    expect(Object.keys(ghost.CodeDeliveryDetails!).sort()).toEqual(Object.keys(real.CodeDeliveryDetails!).sort());
    const resend = await hidden.cognito.send(new ResendConfirmationCodeCommand({ ClientId: hidden.clientId, Username: 'ghost@example.com' }));
    expect(resend.CodeDeliveryDetails).toEqual(ghost.CodeDeliveryDetails);
    expect(hidden.sandbox.outbox.messages().length).toBe(before);
  });

  test('ConfirmForgotPassword and sign-in for an unknown user fail as a wrong code / wrong password', async () => {
    await expect(hidden.cognito.send(new ConfirmForgotPasswordCommand({
      ClientId: hidden.clientId, Username: 'ghost@example.com', ConfirmationCode: '123456', Password: PASSWORD,
    }))).rejects.toThrow(CodeMismatchException);
    await expect(signIn(hidden, 'ghost@example.com', PASSWORD)).rejects.toThrow('Incorrect username or password.');
  });

  test('LEGACY clients answer UserNotFoundException', async () => {
    await expect(legacy.cognito.send(new ForgotPasswordCommand({ ClientId: legacy.clientId, Username: 'ghost@example.com' }))).rejects.toThrow(UserNotFoundException);
    await expect(legacy.cognito.send(new ResendConfirmationCodeCommand({ ClientId: legacy.clientId, Username: 'ghost@example.com' }))).rejects.toThrow(UserNotFoundException);
    await expect(legacy.cognito.send(new ConfirmForgotPasswordCommand({
      ClientId: legacy.clientId, Username: 'ghost@example.com', ConfirmationCode: '123456', Password: PASSWORD,
    }))).rejects.toThrow(UserNotFoundException);
  });
});

describe('password history (PasswordHistorySize 3)', () => {
  let h: Harness;
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'history-')), 'state.json');
  beforeAll(async () => {
    h = await startHarness(synthPool({
      signInAliases: { email: true }, featurePlan: cognito.FeaturePlan.ESSENTIALS, passwordPolicy: { minLength: 8, passwordHistorySize: 3 },
    }), { stateFile });
  });
  afterAll(() => h.stop());

  test('the current and two previous passwords are refused on every path; the fourth-oldest is allowed; no plaintext kept', async () => {
    await createEmailUser(h, 'pam@example.com', 'Passw0rd!one');
    const token = (await signIn(h, 'pam@example.com', 'Passw0rd!one')).AuthenticationResult!.AccessToken!;
    const change = (PreviousPassword: string, ProposedPassword: string) =>
      h.cognito.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword, ProposedPassword }));
    await change('Passw0rd!one', 'Passw0rd!two');
    await change('Passw0rd!two', 'Passw0rd!three');
    await expect(change('Passw0rd!three', 'Passw0rd!one')).rejects.toThrow(PasswordHistoryPolicyViolationException);
    await expect(change('Passw0rd!three', 'Passw0rd!three')).rejects.toThrow(PasswordHistoryPolicyViolationException);
    await expect(h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'pam@example.com', Password: 'Passw0rd!two', Permanent: true })))
      .rejects.toThrow(PasswordHistoryPolicyViolationException);
    await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'pam@example.com' }));
    const code = h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!;
    await expect(h.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: h.clientId, Username: 'pam@example.com', ConfirmationCode: code, Password: 'Passw0rd!two' })))
      .rejects.toThrow(PasswordHistoryPolicyViolationException);
    await h.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: h.clientId, Username: 'pam@example.com', ConfirmationCode: code, Password: 'Passw0rd!four' }));
    // History now: four, three, two: one is free again.
    await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'pam@example.com', Password: 'Passw0rd!one', Permanent: true }));
    expect((await signIn(h, 'pam@example.com', 'Passw0rd!one')).AuthenticationResult).toBeDefined();
    await h.stop();
    // The user's row in the sandbox database (its less-queried fields are the row's JSON data).
    const db = new Database(stateFile, { readonly: true });
    const data = db.prepare('SELECT data FROM users WHERE pool = ?').pluck().all(h.poolId) as string[];
    db.close();
    expect(data).toHaveLength(1);
    expect(JSON.parse(data[0]).passwordHistory).toHaveLength(2);
    const state = fs.readFileSync(stateFile, 'latin1');
    for (const p of ['Passw0rd!one', 'Passw0rd!two', 'Passw0rd!three', 'Passw0rd!four']) expect(state).not.toContain(p);
  });
});

describe('password history on the forced change (NEW_PASSWORD_REQUIRED)', () => {
  test('a temporary password\'s user cannot go back to an earlier password; a refused one keeps the session', async () => {
    const h = await startHarness(synthPool({
      signInAliases: { email: true }, featurePlan: cognito.FeaturePlan.ESSENTIALS, passwordPolicy: { minLength: 8, passwordHistorySize: 3 },
    }));
    try {
      await createEmailUser(h, 'fay@example.com', 'Passw0rd!one');
      await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'fay@example.com', Password: 'Temp0rary!pw', Permanent: false }));
      const started = await signIn(h, 'fay@example.com', 'Temp0rary!pw');
      expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      const answer = (NEW_PASSWORD: string) => h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: started.Session, ChallengeResponses: { USERNAME: 'fay@example.com', NEW_PASSWORD },
      }));
      await expect(answer('Passw0rd!one')).rejects.toThrow(PasswordHistoryPolicyViolationException);
      await expect(answer('Temp0rary!pw')).rejects.toThrow(PasswordHistoryPolicyViolationException);
      expect((await answer('Passw0rd!two')).AuthenticationResult?.AccessToken).toBeDefined();
      expect((await signIn(h, 'fay@example.com', 'Passw0rd!two')).AuthenticationResult).toBeDefined();
    } finally {
      await h.stop();
    }
  });
});

describe('AdminResetUserPassword and GetUserAuthFactors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({
      signInAliases: { email: true },
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    }, { authFlows: { user: true, userPassword: true } }));
    await createEmailUser(h, 'ada@example.com', PASSWORD);
  });
  afterAll(() => h.stop());

  test('the password stops working, a reset code is emailed, and ConfirmForgotPassword restores sign-in', async () => {
    await h.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'ada@example.com' }));
    await expect(signIn(h, 'ada@example.com', PASSWORD)).rejects.toThrow(PasswordResetRequiredException);
    const message = h.sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!;
    expect(message.destination).toBe('ada@example.com');
    await h.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: h.clientId, Username: 'ada@example.com', ConfirmationCode: message.code, Password: 'Passw0rd!fresh' }));
    const token = (await signIn(h, 'ada@example.com', 'Passw0rd!fresh')).AuthenticationResult!.AccessToken!;
    const factors = await h.cognito.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    expect(factors.ConfiguredUserAuthFactors!.sort()).toEqual(['EMAIL_OTP', 'PASSWORD']);
    expect(factors.Username).toBeDefined();
  });
});

describe('failed-sign-in lockout counts wrong TOTP codes (Cognito MFA guide)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { email: true }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { sms: false, otp: true } }));
    await createEmailUser(h, 'tom@example.com', PASSWORD);
  });
  afterAll(() => h.stop());

  test('five wrong TOTP codes lock the user: even the right password is refused until the lock passes', async () => {
    const setup = await signIn(h, 'tom@example.com', PASSWORD);
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const assoc = await h.cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const UserCode = totpCode(assoc.SecretCode!, h.clock.now());
    const verified = await h.cognito.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode }));
    await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: 'tom@example.com' },
    }));
    h.clock.advance(30_000);
    const challenge = await signIn(h, 'tom@example.com', PASSWORD);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const right = totpCode(assoc.SecretCode!, h.clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expect(h.cognito.send(new RespondToAuthChallengeCommand({
        ClientId: h.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'tom@example.com', SOFTWARE_TOKEN_MFA_CODE: wrong },
      }))).rejects.toMatchObject({ name: 'CodeMismatchException' });
    }
    await expect(signIn(h, 'tom@example.com', PASSWORD)).rejects.toThrow('Password attempts exceeded');
    h.clock.advance(1_001);
    expect((await signIn(h, 'tom@example.com', PASSWORD)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});
