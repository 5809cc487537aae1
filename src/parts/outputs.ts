import { CfnOutput, Stack } from 'aws-cdk-lib';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';

/** Values a client or the operator CLI needs after deploying. */
export interface AuthOutputValues {
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  readonly identityPoolId?: string;
  /** The host name of the user pool domain (managed login and the OAuth endpoints). */
  readonly domain?: string;
  /** Further app clients' IDs, by name. */
  readonly appClientIds?: ReadonlyArray<readonly [string, string]>;
}

/**
 * Emits CfnOutputs with stable names `<id>UserPoolId`, `<id>UserPoolClientId`, `<id>Region`,
 * `<id>IdentityPoolId`, `<id>Domain` and `<id>AppClient<Name>Id`, so `DescribeStacks` (or a CLI reading cdk.out) finds them without CDK's hash suffix.
 *
 * They live in an `Outputs` scope that skips CDK's per-element creation stack trace. Each trace
 * costs ~0.15 ms under ts-node (95% of an output's synth time; `npm run bench` measures it) and
 * would only name this file and the caller's `new Auth(...)` line, which the user pool's own
 * trace already records. `cdk --debug` turns the traces back on.
 */
export function addAuthOutputs(scope: Construct, values: AuthOutputValues) {
  const outputs = new Construct(scope, 'Outputs');
  outputs.node.setContext(DISABLE_CREATION_STACK_TRACES, true);
  const prefix = scope.node.id.replace(/[^A-Za-z0-9]/g, '');
  const output = (name: string, value: string, description: string) => {
    new CfnOutput(outputs, name, { value, description }).overrideLogicalId(`${prefix}${name}`);
  };
  output('UserPoolId', values.userPoolId, 'Cognito user pool ID');
  output('UserPoolClientId', values.userPoolClientId, 'Cognito app client ID (public, no secret)');
  output('Region', Stack.of(scope).region, 'Region of the user pool');
  if (values.identityPoolId) output('IdentityPoolId', values.identityPoolId, 'Cognito identity pool ID');
  if (values.domain) output('Domain', values.domain, 'Host name of the user pool domain (managed login, OAuth endpoints)');
  for (const [name, clientId] of values.appClientIds ?? []) {
    output(`AppClient${name.replace(/[^A-Za-z0-9]/g, '')}Id`, clientId, `Cognito app client ID of ${name}`);
  }
}
