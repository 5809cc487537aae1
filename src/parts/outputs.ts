import { CfnOutput, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Values a client or the operator CLI needs after deploying. */
export interface AuthOutputValues {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly identityPoolId?: string;
}

/**
 * Emits CfnOutputs with stable names `<id>UserPoolId`, `<id>UserPoolClientId`, `<id>Region` and
 * `<id>IdentityPoolId`, so `DescribeStacks` (or a CLI reading cdk.out) finds them without CDK's hash suffix.
 */
export function addAuthOutputs(scope: Construct, values: AuthOutputValues) {
  const prefix = scope.node.id.replace(/[^A-Za-z0-9]/g, '');
  const output = (name: string, value: string, description: string) => {
    new CfnOutput(scope, `${name}Output`, { value, description }).overrideLogicalId(`${prefix}${name}`);
  };
  output('UserPoolId', values.userPoolId, 'Cognito user pool ID');
  output('UserPoolClientId', values.userPoolClientId, 'Cognito app client ID (public, no secret)');
  output('Region', Stack.of(scope).region, 'Region of the user pool');
  if (values.identityPoolId) output('IdentityPoolId', values.identityPoolId, 'Cognito identity pool ID');
}
