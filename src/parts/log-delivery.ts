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
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createDeliveryLogGroup, deliveryArn } from './delivery-log-group';
import { ResolvedAuthConfig } from '../config/resolved';

const VENDED_LOGS_PREFIX = '/aws/vendedlogs/cognito/';

/** The log groups the delivery writes to, for the alarms and for `Auth`'s properties. */
export interface CreatedLogDelivery {
  /** The log group of user notification errors. */
  readonly userNotificationLogGroup?: logs.ILogGroup;
  /** The log group of user authentication events, when they go to CloudWatch Logs. */
  readonly userAuthEventLogGroup?: logs.ILogGroup;
}

export function createLogDelivery(scope: Construct, userPool: cognito.IUserPool, config: ResolvedAuthConfig): CreatedLogDelivery {
  const { userNotifications, userAuthEvents } = config.operations.logDelivery!;
  const notificationGroup = userNotifications && (userNotifications.logGroup ?? createDeliveryLogGroup(scope, 'UserNotificationLogs', VENDED_LOGS_PREFIX, userNotifications.retention));
  const authEventGroup = userAuthEvents && !userAuthEvents.bucket && userAuthEvents.firehoseStreamArn === undefined
    ? (userAuthEvents.logGroup ?? createDeliveryLogGroup(scope, 'UserAuthEventLogs', VENDED_LOGS_PREFIX, userAuthEvents.retention)) : undefined;
  const logConfigurations: cognito.CfnLogDeliveryConfiguration.LogConfigurationProperty[] = [];
  if (notificationGroup) {
    logConfigurations.push({ eventSource: 'userNotification', logLevel: 'ERROR', cloudWatchLogsConfiguration: { logGroupArn: deliveryArn(scope, notificationGroup) } });
  }
  if (userAuthEvents) {
    logConfigurations.push({
      eventSource: 'userAuthEvents',
      logLevel: 'INFO',
      cloudWatchLogsConfiguration: authEventGroup && { logGroupArn: deliveryArn(scope, authEventGroup) },
      s3Configuration: userAuthEvents.bucket && { bucketArn: userAuthEvents.bucket.bucketArn },
      firehoseConfiguration: userAuthEvents.firehoseStreamArn !== undefined ? { streamArn: userAuthEvents.firehoseStreamArn } : undefined,
    });
  }
  new cognito.CfnLogDeliveryConfiguration(scope, 'LogDelivery', { userPoolId: userPool.userPoolId, logConfigurations });
  return { userNotificationLogGroup: notificationGroup, userAuthEventLogGroup: authEventGroup };
}
