/**
 * An AWS WAF web ACL for the user pool: the given one, or a REGIONAL one with a rate limit per client
 * IP address and the AWS managed core rule set. Cognito applies the web ACL associated with the user
 * pool to its API endpoints and to its managed login and classic hosted UI pages (an earlier version
 * of the page excluded managed login v2; the current one lists it). Requests WAF blocks do not count
 * against Cognito's quotas.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
 */
import { Names } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { createDeliveryLogGroup, deliveryArn } from './delivery-log-group';
import { ResolvedAuthConfig } from '../config/resolved';

/** Associates the web ACL (given or created) with the pool; returns its ARN. */
export function createWaf(scope: Construct, userPool: cognito.IUserPool, config: ResolvedAuthConfig): string {
  const waf = config.operations.waf!;
  const webAcl = waf.webAclArn === undefined ? createWebAcl(scope, waf.rateLimitPer5Minutes, waf.commonRuleSet) : undefined;
  const webAclArn = webAcl?.attrArn ?? waf.webAclArn!;
  new wafv2.CfnWebACLAssociation(scope, 'WebAclAssociation', { resourceArn: userPool.userPoolArn, webAclArn });
  if (webAcl && waf.requestLogRetention !== undefined) logRequests(scope, webAcl, waf.requestLogRetention);
  return webAclArn;
}

/**
 * WAF logs to a log group whose name starts with `aws-waf-logs-`, given by an ARN without the `:*`
 * suffix; WAF adds the log group's resource policy for its log delivery itself.
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
 */
function logRequests(scope: Construct, webAcl: wafv2.CfnWebACL, retention: logs.RetentionDays): void {
  const logGroup = createDeliveryLogGroup(scope, 'WafRequestLogs', 'aws-waf-logs-', retention);
  new wafv2.CfnLoggingConfiguration(scope, 'WafLogging', { resourceArn: webAcl.attrArn, logDestinationConfigs: [deliveryArn(scope, logGroup)] });
}

function createWebAcl(scope: Construct, rateLimit: number, commonRuleSet: boolean): wafv2.CfnWebACL {
  const metricName = (rule: string) => `${Names.uniqueResourceName(scope, { maxLength: 100, separator: '-' })}-${rule}`;
  const visibility = (rule: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
    cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: metricName(rule),
  });
  const rules: wafv2.CfnWebACL.RuleProperty[] = [{
    name: 'RateLimitPerIp',
    priority: 0,
    action: { block: {} },
    statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
    visibilityConfig: visibility('RateLimitPerIp'),
  }];
  if (commonRuleSet) {
    rules.push({
      name: 'AWSManagedRulesCommonRuleSet',
      priority: 1,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      visibilityConfig: visibility('CommonRuleSet'),
    });
  }
  return new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    description: 'Cognito user pool: rate limit per client IP and AWS managed core rules',
    rules,
    visibilityConfig: visibility('WebAcl'),
  });
}
