/**
 * User pool log export (AWS::Cognito::LogDeliveryConfiguration): user notification errors (ERROR,
 * CloudWatch Logs only) and user authentication events (INFO, threat protection on the Plus plan).
 *
 * A log group this construct creates is named under `/aws/vendedlogs/`, as the CloudFormation
 * reference asks, so the delivery resource policy CloudWatch Logs keeps for vended logs cannot
 * outgrow its 5,120-character limit. That policy (`AWSLogDeliveryWrite20150319`) is written by the
 * log delivery service when the deploying principal may logs:PutResourcePolicy,
 * logs:DescribeResourcePolicies and logs:DescribeLogGroups ("Enabling logging from AWS services"),
 * not by this construct: a policy of our own would spend one of the account's 10 per Region. It is not KMS-encrypted: Cognito refuses
 * KMS-encrypted log groups.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
 */
import { ArnFormat, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ResolvedAuthConfig } from '../config/resolved';
import { ResolvedLogDestination } from '../config/resolved-operations';
import { cdk } from '../lazy';

export interface CreatedLogDelivery {
  readonly configuration: cognito.CfnLogDeliveryConfiguration;
  /** The log group of user notification errors. */
  readonly userNotificationLogGroup?: logs.ILogGroup;
  /** The log group of user authentication events, when they go to CloudWatch Logs. */
  readonly userAuthEventLogGroup?: logs.ILogGroup;
}

export function createLogDelivery(scope: Construct, userPool: cognito.IUserPool, config: ResolvedAuthConfig): CreatedLogDelivery {
  const { userNotifications, userAuthEvents } = config.operations.logDelivery!;
  const notificationGroup = userNotifications && (userNotifications.logGroup ?? createLogGroup(scope, 'UserNotificationLogs', userNotifications));
  const authEventGroup = userAuthEvents && !userAuthEvents.bucket && userAuthEvents.firehoseStreamArn === undefined
    ? (userAuthEvents.logGroup ?? createLogGroup(scope, 'UserAuthEventLogs', userAuthEvents)) : undefined;
  const logConfigurations: cognito.CfnLogDeliveryConfiguration.LogConfigurationProperty[] = [];
  if (notificationGroup) {
    logConfigurations.push({ eventSource: 'userNotification', logLevel: 'ERROR', cloudWatchLogsConfiguration: { logGroupArn: logGroupArn(scope, notificationGroup) } });
  }
  if (userAuthEvents) {
    logConfigurations.push({
      eventSource: 'userAuthEvents',
      logLevel: 'INFO',
      cloudWatchLogsConfiguration: authEventGroup && { logGroupArn: logGroupArn(scope, authEventGroup) },
      s3Configuration: userAuthEvents.bucket && { bucketArn: userAuthEvents.bucket.bucketArn },
      firehoseConfiguration: userAuthEvents.firehoseStreamArn !== undefined ? { streamArn: userAuthEvents.firehoseStreamArn } : undefined,
    });
  }
  const configuration = new cognito.CfnLogDeliveryConfiguration(scope, 'LogDelivery', { userPoolId: userPool.userPoolId, logConfigurations });
  return { configuration, userNotificationLogGroup: notificationGroup, userAuthEventLogGroup: authEventGroup };
}

function createLogGroup(scope: Construct, id: string, destination: ResolvedLogDestination): logs.LogGroup {
  const logs = cdk.logs();
  const group = new logs.LogGroup(scope, id, { retention: destination.retention, removalPolicy: RemovalPolicy.RETAIN });
  const name = `/aws/vendedlogs/cognito/${Names.uniqueResourceName(group, { maxLength: 200, separator: '-' })}`;
  (group.node.defaultChild as logs.CfnLogGroup).logGroupName = name;
  return group;
}

/**
 * The log group's ARN without the `:*` suffix `logGroupArn` carries: Cognito's LogGroupArn pattern
 * has no `*`.
 */
function logGroupArn(scope: Construct, group: logs.ILogGroup): string {
  return Stack.of(scope).formatArn({
    service: 'logs',
    resource: 'log-group',
    resourceName: group.logGroupName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    account: group.env.account,
    region: group.env.region,
  });
}
