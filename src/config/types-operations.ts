import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * Request rates (requests per second) of Cognito's API quota categories, to measure usage against.
 * Cognito's quotas are per account and Region, shared by every user pool there. Give the rate your
 * account has when you raised a quota (the Service Quotas console shows it).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations
 */
export interface QuotaRates {
  /**
   * `UserAuthentication`: InitiateAuth, AdminInitiateAuth (and RespondToAuthChallenge beyond three per sign-in).
   * @default 120
   */
  readonly userAuthentication?: number;
  /**
   * `UserCreation`: SignUp, ConfirmSignUp, AdminCreateUser, AdminConfirmSignUp.
   * @default 50
   */
  readonly userCreation?: number;
  /**
   * `UserFederation`: sign-in through an external identity provider. Only with external providers.
   * @default 25
   */
  readonly userFederation?: number;
  /**
   * `UserAccountRecovery`: forgotten and changed passwords (not adjustable).
   * @default 30
   */
  readonly userAccountRecovery?: number;
  /**
   * `UserRead`: reading a user (GetUser, AdminGetUser: the built-in mfaByGroup trigger's lookups).
   * @default 120
   */
  readonly userRead?: number;
  /**
   * `UserUpdate`: managing users, their attributes and groups, global sign-out (not adjustable). MFA
   * preferences and TOTP set-up count as `UserResourceUpdate`, which these alarms do not watch.
   * @default 25
   */
  readonly userUpdate?: number;
}

/**
 * CloudWatch alarms (and optionally a dashboard) on what Cognito publishes for this pool. Opt-in:
 * alarms cost money (standard resolution, about $0.10 per alarm-month, per metric in a math alarm).
 * Every metric name, namespace and dimension is the one Cognito or Lambda documents.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html
 */
export interface MonitoringConfig {
  /**
   * Where alarms send their ALARM and OK notifications. An encrypted topic's key policy must let
   * `cloudwatch.amazonaws.com` use `kms:Decrypt` and `kms:GenerateDataKey*` (CloudWatch cannot
   * publish to a topic under the AWS managed SNS key).
   * @default - alarms without actions (visible in the console and the dashboard only)
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
   */
  readonly alarmTopic?: sns.ITopic;
  /**
   * Also create a CloudWatch dashboard of the same metrics (about $3 per dashboard-month beyond the free three).
   * @default false
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Dashboards.html
   */
  readonly dashboard?: boolean;
  /**
   * The period every alarm evaluates. Cognito publishes its metrics at five-minute intervals.
   * Whole minutes, 1 to 60.
   * @default Duration.minutes(5)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/tracking-quotas-and-usage-in-cloud-watch-and-service-quotas.html
   */
  readonly period?: Duration;
  /**
   * Throttled requests (SignUpThrottles, SignInThrottles, TokenRefreshThrottles, FederationThrottles)
   * per period per app client at which an alarm fires. A throttled sign-in is a user locked out.
   * @default 1
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html
   */
  readonly throttleThreshold?: number;
  /**
   * Alarm on quota use per category (AWS/Usage CallCount against the category's rate) at this
   * percentage, 1 to 100. 0 turns the quota alarms off (e.g. when another stack in the account and
   * Region has them already: the quotas are per account and Region, not per pool).
   * @default 80
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
   */
  readonly quotaUtilizationPercent?: number;
  /**
   * The rates your account's quotas allow, when you raised any.
   * @default - Cognito's default rates
   */
  readonly quotaRates?: QuotaRates;
  /**
   * Lambda trigger errors (Errors, and Throttles: Cognito fails the request when its trigger is
   * throttled) per period at which an alarm fires, for the built-in triggers and your own.
   * @default 1
   * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
   */
  readonly triggerErrorThreshold?: number;
  /**
   * Alarm when a trigger's maximum duration in a period reaches this percentage of the time Cognito
   * waits for it: its timeout, or Cognito's 5 seconds when the timeout is longer. 1 to 100. Only for
   * functions whose timeout is known at synth time (the built-ins, and your `lambda.Function`s; not
   * imported functions).
   * @default 80
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-identity-pools-working-with-aws-lambda-triggers.html
   */
  readonly triggerDurationPercent?: number;
  /**
   * High-risk requests (CompromisedCredentialRisk, AccountTakeoverRisk at RiskLevel high) per
   * period at which an alarm fires. Only when threat protection is on (audit or full function).
   * @default 1
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-viewing-advanced-security-metrics.html
   */
  readonly highRiskThreshold?: number;
}

/**
 * Where one kind of user pool log goes. Give at most one destination; none creates a CloudWatch
 * log group under `/aws/vendedlogs/cognito/` with `retention`.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
 */
export interface LogDestination {
  /**
   * An existing CloudWatch Logs log group. It must not be KMS-encrypted (Cognito cannot deliver to
   * one) and should be named `/aws/vendedlogs/...`, so its delivery resource policy cannot outgrow
   * the 5,120-character limit.
   * @default - a log group is created
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-logdeliveryconfiguration-cloudwatchlogsconfiguration.html
   */
  readonly logGroup?: logs.ILogGroup;
  /**
   * An S3 bucket (user authentication events only).
   * @default - no bucket
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-logdeliveryconfiguration-s3configuration.html
   */
  readonly bucket?: s3.IBucket;
  /**
   * The ARN of an Amazon Data Firehose stream (user authentication events only).
   * @default - no stream
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cognito-logdeliveryconfiguration-firehoseconfiguration.html
   */
  readonly firehoseStreamArn?: string;
  /**
   * Retention of the log group this construct creates (only when no destination is given).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;
}

/**
 * Log export (AWS::Cognito::LogDeliveryConfiguration). Delivery is best effort, and the destination
 * bills ingestion and storage.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
 */
export interface LogDeliveryConfig {
  /**
   * Errors delivering SMS and email messages to users (event source `userNotification`, level
   * ERROR), to a CloudWatch log group only.
   * @default - not exported
   */
  readonly userNotifications?: LogDestination;
  /**
   * User authentication events with their threat-protection risk assessment (event source
   * `userAuthEvents`, level INFO). Cognito writes these only with threat protection on, so this
   * needs `featurePlan: PLUS` and `threatProtection` AUDIT_ONLY or FULL_FUNCTION.
   * @default - not exported
   */
  readonly userAuthEvents?: LogDestination;
}

/**
 * An AWS WAF web ACL for the user pool: its API endpoints and its managed login / hosted UI pages.
 * Give an existing web ACL, or let this construct create one with a rate limit per client IP address
 * and the AWS managed common rule set. Requests WAF blocks do not count against Cognito's quotas.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 */
export interface WafConfig {
  /**
   * The ARN of an existing REGIONAL web ACL to associate (in the pool's Region). It must not use the
   * account takeover prevention (ATP) managed rule group, which Cognito refuses.
   * @default - a web ACL is created
   */
  readonly webAclArn?: string;
  /**
   * Requests per client IP address in any 5 minutes above which the created web ACL blocks that
   * address (rate-based rule), 10 to 2,000,000,000. Only without `webAclArn`.
   * @default 1000
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
   */
  readonly rateLimitPer5Minutes?: number;
  /**
   * Add the AWS managed core rule set (AWSManagedRulesCommonRuleSet) to the created web ACL. Only without `webAclArn`.
   * @default true
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
   */
  readonly commonRuleSet?: boolean;
  /**
   * Log the created web ACL's requests (client IP, headers, path, rule matched; Cognito passes WAF
   * no user names, passwords or codes) to a CloudWatch log group named `aws-waf-logs-...`, billed per
   * GB ingested. Only without `webAclArn`.
   * @default true
   * @see https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
   */
  readonly requestLogging?: boolean;
  /**
   * Retention of the request log group. Only with `requestLogging`.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly requestLogRetention?: logs.RetentionDays;
}
