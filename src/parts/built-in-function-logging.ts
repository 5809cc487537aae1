import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cdk } from '../lazy';

/** The execution role and log group a built-in trigger function runs with. */
export interface BuiltInFunctionLogging {
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * A log group with retention, kept when the stack is deleted, and a role that may write to it and
 * nothing else. It replaces AWSLambdaBasicExecutionRole, which allows creating and writing any log
 * group in the account, and Lambda's default log group, which keeps logs forever.
 *
 * The log group has no fixed name: a name like `/aws/lambda/<function>` would collide with the one
 * Lambda created by itself for a function deployed before this change.
 */
export function builtInFunctionLogging(scope: Construct, functionId: string, retention: logs.RetentionDays): BuiltInFunctionLogging {
  const iam = cdk.iam();
  const logs = cdk.logs();
  const logGroup = new logs.LogGroup(scope, `${functionId}Logs`, { retention, removalPolicy: RemovalPolicy.RETAIN });
  const role = new iam.Role(scope, `${functionId}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs the ${functionId} function: writes to its own log group only`,
    inlinePolicies: {
      WriteOwnLogs: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] })],
      }),
    },
  });
  return { role, logGroup };
}
