import { AdminGetUserCommand, ConfirmSignUpCommand, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Harness, startHarness, synthPool } from '../support';

// An email-as-username pool stores users under their sub, so the outbox must find codes by what the developer knows.
describe('the outbox finds a user by user name, email, phone number or sub', () => {
  let h: Harness;
  const EMAIL = 'Dana@Example.com';
  const PHONE = '+14155550199';
  const PASSWORD = 'Correct-Horse-9-Battery';

  beforeAll(async () => {
    h = await startHarness(synthPool({
      signInAliases: { email: true },
      autoVerify: { email: true },
      selfSignUpEnabled: true,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { sms: true, otp: false },
      standardAttributes: { phoneNumber: { required: true, mutable: true } },
    }), { port: 0 });
  });
  afterAll(() => h.stop());

  test('the sign-up code and the SMS MFA code', async () => {
    await h.cognito.send(new SignUpCommand({
      ClientId: h.clientId,
      Username: EMAIL,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: EMAIL }, { Name: 'phone_number', Value: PHONE }],
    }));
    const user = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: EMAIL }));
    const sub = user.UserAttributes!.find(a => a.Name === 'sub')!.Value!;
    expect(user.Username).toBe(sub);

    const signUp = h.sandbox.outbox.latest({ purpose: 'SIGN_UP' })!;
    expect(signUp.code).toMatch(/^\d{6}$/);
    for (const who of [EMAIL, EMAIL.toLowerCase(), EMAIL.toUpperCase(), sub, PHONE]) {
      expect(h.sandbox.outbox.latest({ username: who })).toEqual(signUp);
    }
    expect(h.sandbox.outbox.latest({ username: 'someone@example.com' })).toBeUndefined();
    expect(h.sandbox.outbox.latest({ username: PHONE.replace('99', '98') })).toBeUndefined();

    // Confirm, sign in: the SMS MFA code goes to the phone, and is found by the email the user signs in with.
    await h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: EMAIL, ConfirmationCode: signUp.code }));
    const auth = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: EMAIL, PASSWORD } }));
    expect(auth.ChallengeName).toBe('SMS_MFA');
    const mfa = h.sandbox.outbox.latest({ username: EMAIL, purpose: 'MFA' })!;
    expect(mfa).toMatchObject({ channel: 'SMS', destination: PHONE, username: sub, sub });
    expect(h.sandbox.outbox.messages({ username: EMAIL }).map(m => m.purpose)).toEqual(['SIGN_UP', 'MFA']);
  });
});
