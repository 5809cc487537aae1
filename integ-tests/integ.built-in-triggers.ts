/**
 * Built-in triggers: the pool invokes the MFA-by-group and sign-up guard functions; an admin without
 * MFA still signs in (the pre token generation trigger runs), and the guard rejects a denied domain.
 */
import { ExpectedResult } from '@aws-cdk/integ-tests-alpha';
import { integCase } from './support/app';
import { expectPool, expectSignIn, TOKENS } from './support/flows';

const { integ, auth } = integCase('builtInTriggers');

expectPool(integ, auth,
  {
    MfaConfiguration: 'OPTIONAL',
    LambdaConfig: {
      PreSignUp: auth.signUpGuardFunction!.functionArn,
      PreTokenGeneration: auth.mfaByGroupFunction!.functionArn,
    },
  },
  { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } });

expectSignIn(integ, auth, { username: 'admin-user@example.com', groups: ['admins'], expected: TOKENS });

// The guard throws for a denied domain: Lambda reports it as an unhandled function error.
integ.assertions.invokeFunction({
  functionName: auth.signUpGuardFunction!.functionName,
  payload: JSON.stringify({
    triggerSource: 'PreSignUp_SignUp',
    request: { userAttributes: { email: 'mallory@example.org' } },
    response: {},
  }),
}).expect(ExpectedResult.objectLike({ FunctionError: 'Unhandled' }));
