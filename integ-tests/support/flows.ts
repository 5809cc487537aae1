/**
 * Assertion steps on the deployed pool: its settings, and an admin sign-in that must end in the
 * expected MFA step. The users are created with MessageAction SUPPRESS and no verified contact,
 * so no email or SMS is ever sent.
 */
import { ExpectedResult, IApiCall, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { Auth } from '../../src';

const SERVICE = 'CognitoIdentityProvider';
// Throwaway users in throwaway pools; both satisfy the default password policy.
const TEMPORARY_PASSWORD = 'Integ-Temp-Passw0rd!';
const PASSWORD = 'Integ-Final-Passw0rd!';

/** Expects describeUserPool and getUserPoolMfaConfig to contain the given fields. */
export function expectPool(integ: IntegTest, auth: Auth, pool: Record<string, unknown>, mfaConfig: Record<string, unknown>) {
  const UserPoolId = auth.userPool.userPoolId;
  integ.assertions.awsApiCall(SERVICE, 'describeUserPool', { UserPoolId })
    .expect(ExpectedResult.objectLike({ UserPool: pool }));
  integ.assertions.awsApiCall(SERVICE, 'getUserPoolMfaConfig', { UserPoolId })
    .expect(ExpectedResult.objectLike(mfaConfig));
}

export interface SignInOptions {
  /** The user name (email or E.164 phone number, per loginWith). */
  readonly username: string;
  /** Groups to add the user to before signing in. */
  readonly groups?: string[];
  /** What adminInitiateAuth must return. */
  readonly expected: Record<string, unknown>;
}

/** adminCreateUser -> (adminAddUserToGroup) -> adminSetUserPassword -> adminInitiateAuth. */
export function expectSignIn(integ: IntegTest, auth: Auth, options: SignInOptions): IApiCall {
  const UserPoolId = auth.userPool.userPoolId;
  const Username = options.username;
  const steps: IApiCall[] = [
    integ.assertions.awsApiCall(SERVICE, 'adminCreateUser', {
      UserPoolId, Username, MessageAction: 'SUPPRESS', TemporaryPassword: TEMPORARY_PASSWORD,
    }),
    ...(options.groups ?? []).map(GroupName =>
      integ.assertions.awsApiCall(SERVICE, 'adminAddUserToGroup', { UserPoolId, Username, GroupName })),
    integ.assertions.awsApiCall(SERVICE, 'adminSetUserPassword', { UserPoolId, Username, Password: PASSWORD, Permanent: true }),
  ];
  const signIn = integ.assertions.awsApiCall(SERVICE, 'adminInitiateAuth', {
    UserPoolId,
    ClientId: auth.userPoolClient.userPoolClientId,
    AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: Username, PASSWORD },
  });
  signIn.expect(ExpectedResult.objectLike(options.expected));
  // Run the steps in order: each custom resource waits for the previous one.
  [...steps, signIn].reduce((previous, next) => previous.next(next));
  return signIn;
}

/** Under REQUIRED MFA a user without a factor must set one up before getting tokens. */
export const MFA_SETUP = { ChallengeName: 'MFA_SETUP' };
/** Under OPTIONAL MFA a user without a factor gets tokens straight away. */
export const TOKENS = { AuthenticationResult: { TokenType: 'Bearer' } };
