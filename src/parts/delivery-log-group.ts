/**
 * Log groups an AWS service delivers logs into (Cognito log export, WAF request logging): created
 * here retained, and named by the service's rule, and addressed by an ARN without the `:*` suffix
 * `logGroupArn` carries, which neither Cognito's LogGroupArn pattern nor WAF's log destination accepts.
 */
import { ArnFormat, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cdk } from '../lazy';

/**
 * A log group named `<namePrefix><unique name of the construct>`, kept when the stack is deleted
 * (the logs outlive the pool they describe).
 */
export function createDeliveryLogGroup(scope: Construct, id: string, namePrefix: string, retention: logs.RetentionDays): logs.LogGroup {
  const group = new (cdk.logs().LogGroup)(scope, id, { retention, removalPolicy: RemovalPolicy.RETAIN });
  (group.node.defaultChild as logs.CfnLogGroup).logGroupName = `${namePrefix}${Names.uniqueResourceName(group, { maxLength: 200, separator: '-' })}`;
  return group;
}

/** The log group's ARN without the `:*` suffix, in the log group's own account and Region. */
export function deliveryArn(scope: Construct, group: logs.ILogGroup): string {
  return Stack.of(scope).formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: group.logGroupName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    account: group.env.account,
    region: group.env.region,
  });
}
