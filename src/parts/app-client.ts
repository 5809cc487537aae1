import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';

/**
 * The public app client: no secret (browsers and mobile apps cannot keep one), no OAuth flows
 * (no hosted UI is configured, and the L2's default would enable the implicit grant), user existence
 * errors hidden, token revocation on.
 */
export function createAppClient(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): cognito.UserPoolClient {
  const client = config.client;
  return new cognito.UserPoolClient(scope, 'UserPoolClient', {
    userPool,
    generateSecret: false,
    disableOAuth: true,
    authFlows: client.authFlows,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: client.accessTokenValidity,
    idTokenValidity: client.idTokenValidity,
    refreshTokenValidity: client.refreshTokenValidity,
  });
}
