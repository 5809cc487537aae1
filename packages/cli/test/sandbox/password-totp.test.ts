import {
  AdminCreateUserCommand, AdminInitiateAuthCommand, ChangePasswordCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand,
  AdminRespondToAuthChallengeCommand, AssociateSoftwareTokenCommand,
  ChallengeNameType, CodeMismatchException, ConfirmSignUpCommand, ExpiredCodeException, GetUserCommand, InitiateAuthCommand,
  InvalidPasswordException, NotAuthorizedException, RespondToAuthChallengeCommand, SignUpCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { claimsOf, Harness, startHarness, synthPool, totpCode } from '../support';

const PASSWORD = 'Passw0rd!long';

describe('password sign-in with required TOTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
    }));
  });
  afterAll(() => h.stop());

  async function signUpConfirmed(email: string) {
    const out = await h.cognito.send(new SignUpCommand({
      ClientId: h.clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }],
    }));
    expect(out.UserConfirmed).toBe(false);
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    const code = h.sandbox.outbox.latest({ destination: email, purpose: 'SIGN_UP' })!.code!;
    await h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: email, ConfirmationCode: code }));
    return out.UserSub!;
  }

  /** Signs in, sets up TOTP through MFA_SETUP, and returns the secret. */
  async function enrolTotp(email: string, password = PASSWORD): Promise<string> {
    const first = await h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password },
    }));
    expect(first.ChallengeName).toBe(ChallengeNameType.MFA_SETUP);
    const assoc = await h.cognito.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]+$/);
    expect(h.logs.some(l => l.includes('otpauth://totp/'))).toBe(true);
    const code = totpCode(assoc.SecretCode!, h.clock.now());
    const verified = await h.cognito.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: code }));
    expect(verified.Status).toBe('SUCCESS');
    const done = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName: 'MFA_SETUP', Session: verified.Session, ChallengeResponses: { USERNAME: email },
    }));
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    return assoc.SecretCode!;
  }

  test('sign-up, confirm, MFA_SETUP, then SOFTWARE_TOKEN_MFA sign-in with Cognito-shaped tokens', async () => {
    const sub = await signUpConfirmed('ann@example.com');
    const secret = await enrolTotp('ann@example.com');
    h.clock.advance(30_000);
    const first = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann@example.com', PASSWORD } }));
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'ann@example.com', SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, h.clock.now()) },
    }));
    const id = claimsOf(done.AuthenticationResult!.IdToken);
    const access = claimsOf(done.AuthenticationResult!.AccessToken);
    expect(id).toMatchObject({ 'sub': sub, 'email': 'ann@example.com', 'token_use': 'id', 'aud': h.clientId, 'cognito:username': sub, 'email_verified': true });
    expect(id.iss).toBe(`${h.sandbox.endpoint}/${h.poolId}`);
    expect(access).toMatchObject({ sub, token_use: 'access', client_id: h.clientId, username: sub, scope: 'aws.cognito.signin.user.admin' });
    expect(access.exp - access.iat).toBe(3600);
    expect(access.origin_jti).toBe(id.origin_jti);
    const me = await h.cognito.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    // A replayed code (same time step) is refused.
    h.clock.advance(1000);
    const again = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ann@example.com', PASSWORD } }));
    await expect(h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: again.Session,
      ChallengeResponses: { USERNAME: 'ann@example.com', SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, h.clock.now()) },
    }))).rejects.toThrow(ExpiredCodeException);
    // One step of skew is accepted.
    h.clock.advance(30_000);
    const skewed = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: again.Session,
      ChallengeResponses: { USERNAME: 'ann@example.com', SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, h.clock.now() + 30_000) },
    }));
    expect(skewed.AuthenticationResult).toBeDefined();
  });

  test('wrong codes, session invalidation after five, reuse and forgery', async () => {
    await signUpConfirmed('bob@example.com');
    const secret = await enrolTotp('bob@example.com');
    h.clock.advance(30_000);
    const start = () => h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob@example.com', PASSWORD } }));
    const answer = (session: string | undefined, code: string) => h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeResponses: { USERNAME: 'bob@example.com', SOFTWARE_TOKEN_MFA_CODE: code },
    }));
    const first = await start();
    const wrong = totpCode(secret, h.clock.now() + 5 * 60_000);
    for (let i = 0; i < 5; i++) await expect(answer(first.Session, wrong)).rejects.toThrow(CodeMismatchException);
    await expect(answer(first.Session, totpCode(secret, h.clock.now()))).rejects.toThrow('Invalid session for the user.');
    await expect(answer('forged-session'.repeat(4), totpCode(secret, h.clock.now()))).rejects.toThrow(NotAuthorizedException);
    // Five wrong MFA codes start the sign-in lockout (1 s, then doubling), as Cognito's MFA guide says.
    await expect(start()).rejects.toThrow('Password attempts exceeded');
    h.clock.advance(1_001);
    const second = await start();
    await answer(second.Session, totpCode(secret, h.clock.now()));
    h.clock.advance(30_000);
    await expect(answer(second.Session, totpCode(secret, h.clock.now()))).rejects.toThrow('Invalid session for the user.');
    // Sessions expire after 3 minutes.
    const third = await start();
    h.clock.advance(3 * 60_000 + 1);
    await expect(answer(third.Session, totpCode(secret, h.clock.now()))).rejects.toThrow('Invalid session for the user, session is expired.');
  });

  test('confirmation codes expire after 24 hours and wrong ones mismatch', async () => {
    await h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'cat@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'cat@example.com' }] }));
    const code = h.sandbox.outbox.latest({ destination: 'cat@example.com' })!.code!;
    await expect(h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'cat@example.com', ConfirmationCode: '000000' === code ? '111111' : '000000' })))
      .rejects.toThrow(CodeMismatchException);
    h.clock.advance(24 * 3600_000 + 1);
    await expect(h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'cat@example.com', ConfirmationCode: code }))).rejects.toThrow(ExpiredCodeException);
  });

  test('password policy, wrong passwords and lockout', async () => {
    await expect(h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: 'dan@example.com', Password: 'short', UserAttributes: [] })))
      .rejects.toThrow(InvalidPasswordException);
    await signUpConfirmed('eve@example.com');
    const attempt = (password: string) => h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'eve@example.com', PASSWORD: password } }));
    for (let i = 0; i < 4; i++) await expect(attempt('Wrong-passw0rd')).rejects.toThrow('Incorrect username or password.');
    await expect(attempt('Wrong-passw0rd')).rejects.toThrow('Password attempts exceeded');
    await expect(attempt(PASSWORD)).rejects.toThrow('Password attempts exceeded');
    h.clock.advance(2000);
    expect((await attempt(PASSWORD)).ChallengeName).toBe('MFA_SETUP');
    await expect(h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody@example.com', PASSWORD } })))
      .rejects.toThrow('User does not exist.');
  });

  test('AdminCreateUser invitation, NEW_PASSWORD_REQUIRED via admin auth', async () => {
    await h.cognito.send(new AdminCreateUserCommand({
      UserPoolId: h.poolId,
      Username: 'fay@example.com',
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: [{ Name: 'email', Value: 'fay@example.com' }, { Name: 'email_verified', Value: 'true' }],
    }));
    const invite = h.sandbox.outbox.latest({ destination: 'fay@example.com', purpose: 'ADMIN_CREATE_USER' })!;
    expect(invite.message).toContain(invite.code);
    const first = await h.cognito.send(new AdminInitiateAuthCommand({
      UserPoolId: h.poolId, ClientId: h.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'fay@example.com', PASSWORD: invite.code! },
    }));
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const next = await h.cognito.send(new AdminRespondToAuthChallengeCommand({
      UserPoolId: h.poolId,
      ClientId: h.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'fay@example.com', NEW_PASSWORD: PASSWORD },
    }));
    expect(next.ChallengeName).toBe('MFA_SETUP');
  });

  test('ForgotPassword code by email resets the password; ChangePassword needs the old one', async () => {
    await signUpConfirmed('gus@example.com');
    const sent = await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'gus@example.com' }));
    expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: 'g***@e***' });
    const code = h.sandbox.outbox.latest({ destination: 'gus@example.com', purpose: 'FORGOT_PASSWORD' })!.code!;
    const NEW = 'N3w-passw0rd!';
    await h.cognito.send(new ConfirmForgotPasswordCommand({ ClientId: h.clientId, Username: 'gus@example.com', ConfirmationCode: code, Password: NEW }));
    await expect(h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gus@example.com', PASSWORD } })))
      .rejects.toThrow(NotAuthorizedException);
    const setup = await h.cognito.send(new AdminInitiateAuthCommand({
      UserPoolId: h.poolId, ClientId: h.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gus@example.com', PASSWORD: NEW },
    }));
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const secret = await enrolTotp('gus@example.com', NEW);
    h.clock.advance(30_000);
    const first = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'gus@example.com', PASSWORD: NEW } }));
    const done = await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: first.Session,
      ChallengeResponses: { USERNAME: 'gus@example.com', SOFTWARE_TOKEN_MFA_CODE: totpCode(secret, h.clock.now()) },
    }));
    const accessToken = done.AuthenticationResult!.AccessToken!;
    await expect(h.cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: 'Wr0ng-password!', ProposedPassword: PASSWORD })))
      .rejects.toThrow('Incorrect username or password.');
    await h.cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: NEW, ProposedPassword: PASSWORD }));
  });
});
