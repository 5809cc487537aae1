import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { IdentityPool } from 'aws-cdk-lib/aws-cognito-identitypool';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { cdk } from '../lazy';

/** The opt-in identity pool that exchanges this pool's tokens for AWS credentials. */
export function createIdentityPool(
  scope: Construct, userPool: cognito.UserPool, userPoolClient: cognito.UserPoolClient, config: ResolvedAuthConfig,
): IdentityPool | undefined {
  if (!config.identityPool) return undefined;
  const { IdentityPool, UserPoolAuthenticationProvider } = cdk.identityPool();
  return new IdentityPool(scope, 'IdentityPool', {
    allowUnauthenticatedIdentities: config.identityPool.allowUnauthenticated,
    authenticationProviders: { userPools: [new UserPoolAuthenticationProvider({ userPool, userPoolClient })] },
  });
}
