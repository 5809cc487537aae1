/** Monitoring, log delivery and WAF props -> their resolved form (resolve.ts hands over the defaults). */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { OperationsDefaults } from './defaults';
import { ResolvedLogDestination, ResolvedOperations } from './resolved-operations';
import { AuthProps } from './types';
import { LogDestination } from './types-operations';

export function resolveOperations(props: AuthProps, defaults: OperationsDefaults): ResolvedOperations {
  const { monitoring, logDelivery, waf } = props;
  const destination = (given: LogDestination | undefined): ResolvedLogDestination | undefined =>
    given && { ...given, retention: given.retention ?? defaults.logRetention };
  const mode = props.threatProtection;
  return {
    monitoring: monitoring && {
      alarmTopic: monitoring.alarmTopic,
      dashboard: monitoring.dashboard ?? defaults.dashboard,
      period: monitoring.period ?? defaults.period,
      throttleThreshold: monitoring.throttleThreshold ?? defaults.throttleThreshold,
      quotaUtilizationPercent: monitoring.quotaUtilizationPercent ?? defaults.quotaUtilizationPercent,
      quotaRates: { ...defaults.quotaRates, ...definedOnly(monitoring.quotaRates ?? {}) },
      triggerErrorThreshold: monitoring.triggerErrorThreshold ?? defaults.triggerErrorThreshold,
      triggerDurationPercent: monitoring.triggerDurationPercent ?? defaults.triggerDurationPercent,
      highRiskThreshold: monitoring.highRiskThreshold ?? defaults.highRiskThreshold,
    },
    logDelivery: logDelivery && {
      userNotifications: destination(logDelivery.userNotifications),
      userAuthEvents: destination(logDelivery.userAuthEvents),
    },
    waf: waf && {
      webAclArn: waf.webAclArn,
      rateLimitPer5Minutes: waf.rateLimitPer5Minutes ?? defaults.wafRateLimitPer5Minutes,
      commonRuleSet: waf.commonRuleSet ?? defaults.wafCommonRuleSet,
      requestLogRetention: (waf.requestLogging ?? defaults.wafRequestLogging) && waf.webAclArn === undefined
        ? waf.requestLogRetention ?? defaults.logRetention : undefined,
    },
    threatProtectionActive: props.featurePlan === cognito.FeaturePlan.PLUS
      && (mode === cognito.StandardThreatProtectionMode.AUDIT_ONLY || mode === cognito.StandardThreatProtectionMode.FULL_FUNCTION),
  };
}

/** A partial object without its undefined keys, so spreading it keeps the defaults. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
