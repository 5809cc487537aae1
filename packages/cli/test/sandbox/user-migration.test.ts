/** The UserMigration trigger in the sandbox, wired by our Auth construct: sign-in and password reset. */
import {
  AdminGetUserCommand, ConfirmForgotPasswordCommand, ForgotPasswordCommand, InitiateAuthCommand, UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import { Auth } from '@cdk-mfa/auth';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { testStack } from '../../../../test/support/synth';
import { srpClient } from '../../src/sandbox';
import { Harness, startHarness } from '../support';

/** The old system: two users, one password; wrong passwords and strangers are refused. */
const MIGRATE = `const OLD = { 'old@example.com': { password: 'OldPassw0rd!long', name: 'Old User' }, 'lost@example.com': { name: 'Lost User' } };
exports.handler = async (event) => {
  const known = OLD[event.userName];
  if (!known) throw new Error('User does not exist');
  if (event.triggerSource === 'UserMigration_Authentication' && event.request.password !== known.password) throw new Error('Bad password');
  event.response.userAttributes = { email: event.userName, email_verified: 'true', name: known.name };
  event.response.finalUserStatus = 'CONFIRMED';
  event.response.messageAction = 'SUPPRESS';
  return event;
};`;

function migratingPool(): object {
  const stack = testStack();
  const userMigration = new lambda.Function(stack, 'Migrate', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(MIGRATE) });
  new Auth(stack, 'Auth', {
    loginWith: { email: {} },
    userAttributes: { fullname: { required: false, mutable: true } },
    client: { authFlows: { userSrp: true, userPassword: true } },
    triggers: { userMigration },
  });
  return Template.fromStack(stack).toJSON();
}

const passwordSignIn = (h: Harness, username: string, password: string) => h.cognito.send(new InitiateAuthCommand({
  ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password },
}));

describe('UserMigration trigger', () => {
  test('a password sign-in creates the user from the old system, then MFA applies as to everyone', async () => {
    const h = await startHarness(migratingPool());
    try {
      await expect(passwordSignIn(h, 'old@example.com', 'WrongPassw0rd!long'))
        .rejects.toThrow(new UserLambdaValidationException({ message: 'UserMigration failed with error Bad password.', $metadata: {} }));

      const first = await passwordSignIn(h, 'old@example.com', 'OldPassw0rd!long');
      expect(first.ChallengeName).toBe('MFA_SETUP'); // the pool requires TOTP; a migrated user enrols like anyone else
      const user = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'old@example.com' }));
      expect(user.UserStatus).toBe('CONFIRMED');
      expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'name', Value: 'Old User' }, { Name: 'email_verified', Value: 'true' }]));

      // Now a pool user: the trigger is not asked again, and the password is the pool's own.
      await expect(passwordSignIn(h, 'old@example.com', 'WrongPassw0rd!long')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      await h.stop();
    }
  });

  test('SRP sign-in never migrates (the pool never sees the password)', async () => {
    const h = await startHarness(migratingPool());
    try {
      const srp = srpClient(h.poolId.split('_')[1]);
      await expect(h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'old@example.com', SRP_A: srp.A },
      }))).resolves.toMatchObject({ ChallengeName: 'PASSWORD_VERIFIER' }); // a decoy: PreventUserExistenceErrors
      await expect(h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'old@example.com' })))
        .rejects.toMatchObject({ name: 'UserNotFoundException' });
    } finally {
      await h.stop();
    }
  });

  test('a password reset migrates the user, who then sets a new password', async () => {
    const h = await startHarness(migratingPool());
    try {
      const reset = await h.cognito.send(new ForgotPasswordCommand({ ClientId: h.clientId, Username: 'lost@example.com' }));
      expect(reset.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
      const code = h.sandbox.outbox.latest({ destination: 'lost@example.com' })!.code!;
      await h.cognito.send(new ConfirmForgotPasswordCommand({
        ClientId: h.clientId, Username: 'lost@example.com', ConfirmationCode: code, Password: 'NewPassw0rd!long',
      }));
      expect((await passwordSignIn(h, 'lost@example.com', 'NewPassw0rd!long')).ChallengeName).toBe('MFA_SETUP');
    } finally {
      await h.stop();
    }
  });
});
