import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';

const VALIDITIES = [
  ['accessTokenValidity', 'AccessTokenValidity', 'AccessToken'],
  ['idTokenValidity', 'IdTokenValidity', 'IdToken'],
  ['refreshTokenValidity', 'RefreshTokenValidity', 'RefreshToken'],
] as const;

/** A Duration's amount in its own unit: a token amount cannot be converted, only passed on. */
const AMOUNT: Record<string, (d: Duration) => number> = {
  seconds: d => d.toSeconds(), minutes: d => d.toMinutes(), hours: d => d.toHours(), days: d => d.toDays(),
};

/**
 * The public app client: no secret (browsers and mobile apps cannot keep one), no OAuth flows
 * (no hosted UI is configured, and the L2's default would enable the implicit grant), user existence
 * errors hidden, token revocation on.
 *
 * The L2 range-checks token validities at synth time, which a token cannot pass; a token validity
 * goes on the L1 in its own unit instead.
 */
export function createAppClient(scope: Construct, userPool: cognito.UserPool, config: ResolvedAuthConfig): cognito.UserPoolClient {
  const client = config.client;
  const literal = (d: Duration) => (d.isUnresolved() ? undefined : d);
  const appClient = new cognito.UserPoolClient(scope, 'UserPoolClient', {
    userPool,
    generateSecret: false,
    disableOAuth: true,
    authFlows: client.authFlows,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: literal(client.accessTokenValidity),
    idTokenValidity: literal(client.idTokenValidity),
    refreshTokenValidity: literal(client.refreshTokenValidity),
  });
  const cfn = appClient.node.defaultChild as cognito.CfnUserPoolClient;
  for (const [prop, cfnProp, unitKey] of VALIDITIES) {
    const validity = client[prop];
    if (!validity.isUnresolved()) continue;
    cfn.addPropertyOverride(cfnProp, AMOUNT[validity.unitLabel()](validity));
    cfn.addPropertyOverride(`TokenValidityUnits.${unitKey}`, validity.unitLabel());
  }
  return appClient;
}
