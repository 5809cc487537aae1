/** The operations props after `resolveOperations`: every default applied (see resolved.ts). */
import { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { QuotaRates } from './types-operations';

export interface ResolvedMonitoring {
  readonly alarmTopic?: sns.ITopic;
  readonly dashboard: boolean;
  readonly period: Duration;
  readonly throttleThreshold: number;
  /** 0: no quota alarms. */
  readonly quotaUtilizationPercent: number;
  readonly quotaRates: Required<QuotaRates>;
  readonly triggerErrorThreshold: number;
  readonly triggerDurationPercent: number;
  readonly highRiskThreshold: number;
}

export interface ResolvedLogDestination {
  readonly logGroup?: logs.ILogGroup;
  readonly bucket?: s3.IBucket;
  readonly firehoseStreamArn?: string;
  /** For the log group this construct creates when no destination is given. */
  readonly retention: logs.RetentionDays;
}

export interface ResolvedLogDelivery {
  readonly userNotifications?: ResolvedLogDestination;
  readonly userAuthEvents?: ResolvedLogDestination;
}

export interface ResolvedWaf {
  /** An existing web ACL; undefined means one is created. */
  readonly webAclArn?: string;
  readonly rateLimitPer5Minutes: number;
  readonly commonRuleSet: boolean;
  /** The retention of the created web ACL's request log; undefined: no request logging. */
  readonly requestLogRetention?: logs.RetentionDays;
}

export interface ResolvedOperations {
  readonly monitoring?: ResolvedMonitoring;
  readonly logDelivery?: ResolvedLogDelivery;
  readonly waf?: ResolvedWaf;
  /** Threat protection gathers risk (AUDIT or ENFORCED): its metrics and auth-event logs exist. */
  readonly threatProtectionActive: boolean;
}
