import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { DEFAULTS, resolveAuthFlows } from '../config/defaults';
import { AuthProps } from '../config/types';

/**
 * The public app client: no secret (browsers and mobile apps cannot keep one), no OAuth flows
 * (no hosted UI is configured, and the L2's default would enable the implicit grant), user existence
 * errors hidden, token revocation on.
 */
export function createAppClient(scope: Construct, userPool: cognito.UserPool, props: AuthProps): cognito.UserPoolClient {
  return new cognito.UserPoolClient(scope, 'UserPoolClient', {
    userPool,
    generateSecret: false,
    disableOAuth: true,
    authFlows: resolveAuthFlows(props),
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: props.client?.accessTokenValidity ?? DEFAULTS.accessTokenValidity,
    idTokenValidity: props.client?.idTokenValidity ?? DEFAULTS.idTokenValidity,
    refreshTokenValidity: props.client?.refreshTokenValidity ?? DEFAULTS.refreshTokenValidity,
  });
}
