/**
 * Monitoring, log delivery and WAF: the ranges CloudWatch, Cognito and WAF accept, and what each
 * destination can receive. A token skips a range check with a warning naming the property.
 */
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { checkedAtDeploy, Finding, problem, warning } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { ResolvedLogDestination } from './resolved-operations';
import { isToken } from './tokens';

export function validateOperations(config: ResolvedAuthConfig): Finding[] {
  return [...validateMonitoring(config), ...validateLogDelivery(config), ...validateWaf(config)];
}

/**
 * A number in [min, max] (a whole number when `whole`). A token is a warning where CloudFormation
 * takes the value as it is (`deployTime`), and a problem where synthesis computes with it.
 */
function checkRange(path: string, value: number | undefined, min: number, max: number, whole: boolean, fix?: string, deployTime = false): Finding[] {
  if (value === undefined) return [];
  if (isToken(value) && deployTime) return [checkedAtDeploy(path, `its range (${min} to ${max})`)];
  if (isToken(value)) {
    return [problem(path, 'cannot be a token: the alarms are computed from it at synth time', `give a number from ${min} to ${max}`)];
  }
  if ((whole && !Number.isInteger(value)) || value < min || value > max) {
    return [problem(path, `must be ${whole ? 'a whole number' : 'a number'} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got ${value}`, fix)];
  }
  return [];
}

function validateMonitoring(config: ResolvedAuthConfig): Finding[] {
  const monitoring = config.operations.monitoring;
  if (!monitoring) return [];
  const raw = config.raw.monitoring ?? {};
  const findings: Finding[] = [...checkPeriod(monitoring.period)];
  findings.push(...checkRange('monitoring.throttleThreshold', raw.throttleThreshold, 1, 1e9, true));
  findings.push(...checkRange('monitoring.quotaUtilizationPercent', raw.quotaUtilizationPercent, 0, 100, false, 'give a percentage; 0 turns the quota alarms off'));
  findings.push(...checkRange('monitoring.triggerErrorThreshold', raw.triggerErrorThreshold, 1, 1e9, true));
  findings.push(...checkRange('monitoring.triggerDurationPercent', raw.triggerDurationPercent, 1, 100, false));
  findings.push(...checkRange('monitoring.highRiskThreshold', raw.highRiskThreshold, 1, 1e9, true));
  for (const [key, rate] of Object.entries(raw.quotaRates ?? {})) {
    findings.push(...checkRange(`monitoring.quotaRates.${key}`, rate as number | undefined, 1, 1e6, false, 'give the requests per second your account\'s quota allows (Service Quotas console)'));
  }
  if (raw.highRiskThreshold !== undefined && !config.operations.threatProtectionActive) {
    findings.push(warning('monitoring-high-risk-unused', 'monitoring.highRiskThreshold',
      'monitoring.highRiskThreshold has no effect: Cognito publishes risk metrics only with threatProtection AUDIT_ONLY or FULL_FUNCTION on the Plus plan'));
  }
  return findings;
}

function checkPeriod(period: Duration): Finding[] {
  if (isToken(period)) return [problem('monitoring.period', 'cannot be a token: it decides the alarms\' evaluation period and the quota math at synth time', 'give Duration.minutes(1) to Duration.minutes(60)')];
  const seconds = period.toSeconds({ integral: false });
  if (seconds % 60 !== 0 || seconds < 60 || seconds > 3600) {
    return [problem('monitoring.period', `must be whole minutes from 1 to 60, got ${period.toHumanString()}`, 'Cognito publishes its metrics every 5 minutes: Duration.minutes(5) is the shortest period that always has data')];
  }
  return [];
}

const FIREHOSE_ARN = /^arn:aws[\w-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[\w.-]{1,64}$/;

function validateLogDelivery(config: ResolvedAuthConfig): Finding[] {
  const delivery = config.operations.logDelivery;
  if (!delivery) return [];
  const findings: Finding[] = [];
  if (!delivery.userNotifications && !delivery.userAuthEvents) {
    findings.push(problem('logDelivery', 'must export something', 'set userNotifications: {} (SMS and email delivery errors) and/or userAuthEvents: {} (Plus plan), or remove logDelivery'));
  }
  const raw = config.raw.logDelivery ?? {};
  if (delivery.userNotifications) {
    findings.push(...checkDestination('logDelivery.userNotifications', delivery.userNotifications, raw.userNotifications?.retention !== undefined));
    if (delivery.userNotifications.bucket || delivery.userNotifications.firehoseStreamArn) {
      findings.push(problem('logDelivery.userNotifications', 'Cognito delivers user notification errors to a CloudWatch Logs log group only',
        'give logGroup, or leave the destination out to have one created'));
    }
  }
  if (delivery.userAuthEvents) {
    findings.push(...checkDestination('logDelivery.userAuthEvents', delivery.userAuthEvents, raw.userAuthEvents?.retention !== undefined));
    if (config.featurePlan !== cognito.FeaturePlan.PLUS) {
      findings.push(problem('logDelivery.userAuthEvents', `user authentication events are a threat protection feature of the Plus plan; this pool has ${config.featurePlan}`,
        'set featurePlan: cognito.FeaturePlan.PLUS and threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY (or FULL_FUNCTION), or remove userAuthEvents'));
    } else if (!config.operations.threatProtectionActive) {
      findings.push(problem('logDelivery.userAuthEvents', 'Cognito writes user authentication events only while threat protection gathers risk',
        'set threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY (or FULL_FUNCTION), or remove userAuthEvents'));
    }
  }
  return findings;
}

function checkDestination(path: string, destination: ResolvedLogDestination, retentionGiven: boolean): Finding[] {
  const given = [destination.logGroup && 'logGroup', destination.bucket && 'bucket', destination.firehoseStreamArn !== undefined && 'firehoseStreamArn'].filter(Boolean);
  const findings: Finding[] = [];
  if (given.length > 1) findings.push(problem(path, `gives ${given.join(' and ')}; Cognito delivers each kind of log to one destination`, 'keep one'));
  if (given.length > 0 && retentionGiven) {
    findings.push(problem(`${path}.retention`, `may be set only for the log group this construct creates, but ${given[0]} is given`, 'set the retention on your own destination, or remove retention'));
  }
  const arn = destination.firehoseStreamArn;
  if (arn !== undefined && !isToken(arn) && !FIREHOSE_ARN.test(arn)) {
    findings.push(problem(`${path}.firehoseStreamArn`, `must be a Firehose stream ARN (arn:aws:firehose:<region>:<account>:deliverystream/<name>), got ${JSON.stringify(arn)}`));
  }
  return findings;
}

const REGIONAL_WEB_ACL_ARN = /^arn:aws[\w-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]{1,128}\/[\w-]{1,128}$/;

function validateWaf(config: ResolvedAuthConfig): Finding[] {
  const waf = config.operations.waf;
  if (!waf) return [];
  const raw = config.raw.waf ?? {};
  const findings: Finding[] = [];
  if (waf.webAclArn !== undefined) {
    for (const key of ['rateLimitPer5Minutes', 'commonRuleSet', 'requestLogging', 'requestLogRetention'] as const) {
      if (raw[key] !== undefined) {
        findings.push(problem(`waf.${key}`, 'may be set only for the web ACL this construct creates, but waf.webAclArn is given', `configure your own web ACL, or remove waf.${key}`));
      }
    }
    if (!isToken(waf.webAclArn) && !REGIONAL_WEB_ACL_ARN.test(waf.webAclArn)) {
      const global = waf.webAclArn.includes(':global/');
      findings.push(problem('waf.webAclArn', global
        ? 'is a CLOUDFRONT (global) web ACL; a user pool takes a REGIONAL web ACL in its own Region'
        : `must be a regional web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>), got ${JSON.stringify(waf.webAclArn)}`));
    }
  }
  if (raw.requestLogging === false && raw.requestLogRetention !== undefined) {
    findings.push(problem('waf.requestLogRetention', 'may be set only with request logging, but waf.requestLogging is false', 'remove one of them'));
  }
  findings.push(...checkRange('waf.rateLimitPer5Minutes', raw.rateLimitPer5Minutes, 10, 2_000_000_000, true, undefined, true));
  return findings;
}
