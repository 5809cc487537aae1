/** The run-time description of the operations props: monitoring, log delivery, WAF (see auth-props-shape.ts). */
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { boolean, construct, duration, enumOf, number, string, struct } from './shape';
import { cdk } from '../../lazy';
import { LogDeliveryConfig, LogDestination, MonitoringConfig, QuotaRates, WafConfig } from '../types-operations';

const OURS = '@cdk-mfa/auth';

// Read when a config sets it: reading logs.RetentionDays loads aws-logs (lazy.ts).
const retention = () => enumOf<logs.RetentionDays>('logs.RetentionDays', 'aws-cdk-lib.aws_logs.RetentionDays', () => cdk.logs().RetentionDays);

export const MONITORING_SHAPE = struct<MonitoringConfig>('MonitoringConfig', `${OURS}.MonitoringConfig`, {
  alarmTopic: construct<sns.ITopic>('sns.ITopic', 'aws-cdk-lib.aws_sns.ITopic', 'topicArn'),
  dashboard: boolean(),
  period: duration(),
  throttleThreshold: number(),
  quotaUtilizationPercent: number(),
  quotaRates: struct<QuotaRates>('QuotaRates', `${OURS}.QuotaRates`, {
    userAuthentication: number(),
    userCreation: number(),
    userFederation: number(),
    userAccountRecovery: number(),
    userRead: number(),
    userUpdate: number(),
  }),
  triggerErrorThreshold: number(),
  triggerDurationPercent: number(),
  highRiskThreshold: number(),
});

const destination = () => struct<LogDestination>('LogDestination', `${OURS}.LogDestination`, {
  logGroup: construct<logs.ILogGroup>('logs.ILogGroup', 'aws-cdk-lib.aws_logs.ILogGroup', 'logGroupArn'),
  bucket: construct<s3.IBucket>('s3.IBucket', 'aws-cdk-lib.aws_s3.IBucket', 'bucketArn'),
  firehoseStreamArn: string(),
  retention: retention(),
});

export const LOG_DELIVERY_SHAPE = struct<LogDeliveryConfig>('LogDeliveryConfig', `${OURS}.LogDeliveryConfig`, {
  userNotifications: destination(),
  userAuthEvents: destination(),
});

export const WAF_SHAPE = struct<WafConfig>('WafConfig', `${OURS}.WafConfig`, {
  webAclArn: string(),
  rateLimitPer5Minutes: number(),
  commonRuleSet: boolean(),
  requestLogging: boolean(),
  requestLogRetention: retention(),
});
