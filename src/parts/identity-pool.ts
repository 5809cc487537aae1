import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';

/** The opt-in identity pool that exchanges this pool's tokens for AWS credentials. */
export function createIdentityPool(
  scope: Construct, userPool: cognito.UserPool, userPoolClient: cognito.UserPoolClient, config: ResolvedAuthConfig,
): IdentityPool | undefined {
  if (!config.identityPool) return undefined;
  return new IdentityPool(scope, 'IdentityPool', {
    allowUnauthenticatedIdentities: config.identityPool.allowUnauthenticated,
    authenticationProviders: { userPools: [new UserPoolAuthenticationProvider({ userPool, userPoolClient })] },
  });
}
