/**
 * Log delivery and WAF as synthesized, and the rules on every monitoring, log delivery and WAF prop
 * (TypeScript and plain-JavaScript input alike).
 */
import { Duration, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Auth, AuthProps } from '../../src';
import { expectConfigError, synthAuth, testStack } from '../support/synth';

const EMAIL: AuthProps = { loginWith: { email: {} } };
const PLUS_AUDIT: AuthProps = { ...EMAIL, featurePlan: cognito.FeaturePlan.PLUS, threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY };

describe('log delivery', () => {
  test('user notification errors go to a created /aws/vendedlogs/ log group with a year of retention, unencrypted', () => {
    const { template, auth } = synthAuth({ ...EMAIL, logDelivery: { userNotifications: {} } });
    const groups = template.findResources('AWS::Logs::LogGroup');
    const [id, group] = Object.entries(groups).find(([key]) => key.includes('UserNotificationLogs'))!;
    expect(group.Properties.LogGroupName).toMatch(/^\/aws\/vendedlogs\/cognito\/TestStack-Auth-UserNotificationLogs-[A-Za-z0-9]+$/);
    expect(group.Properties.RetentionInDays).toBe(365);
    expect(group.Properties.KmsKeyId).toBeUndefined();
    expect(group.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::Cognito::LogDeliveryConfiguration', {
      UserPoolId: { Ref: Match.stringLikeRegexp('UserPool') },
      LogConfigurations: [{
        EventSource: 'userNotification',
        LogLevel: 'ERROR',
        // Without logGroupArn's `:*` suffix, which Cognito's LogGroupArn pattern refuses.
        CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:', { Ref: id }]] } },
      }],
    });
    expect(auth.userNotificationLogGroup).toBeDefined();
  });

  test('auth events on Plus with threat protection: to S3, Firehose or a log group given', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Logs');
    new Auth(stack, 'Auth', { ...PLUS_AUDIT, logDelivery: { userAuthEvents: { bucket } } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::LogDeliveryConfiguration', {
      LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', S3Configuration: { BucketArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Logs'), 'Arn'] } } }],
    });

    const firehose = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/auth-events';
    synthAuth({ ...PLUS_AUDIT, logDelivery: { userAuthEvents: { firehoseStreamArn: firehose } } }).template
      .hasResourceProperties('AWS::Cognito::LogDeliveryConfiguration', {
        LogConfigurations: [{ EventSource: 'userAuthEvents', LogLevel: 'INFO', FirehoseConfiguration: { StreamArn: firehose } }],
      });

    const own = testStack();
    const logGroup = new logs.LogGroup(own, 'Own', { logGroupName: '/aws/vendedlogs/auth-events' });
    new Auth(own, 'Auth', { ...PLUS_AUDIT, logDelivery: { userAuthEvents: { logGroup }, userNotifications: {} } });
    const template = Template.fromStack(own);
    template.resourceCountIs('AWS::Logs::LogGroup', 2); // the given one and the created notification log group
    template.hasResourceProperties('AWS::Cognito::LogDeliveryConfiguration', {
      LogConfigurations: [
        { EventSource: 'userNotification', LogLevel: 'ERROR' },
        { EventSource: 'userAuthEvents', LogLevel: 'INFO', CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':log-group:$'), { Ref: Match.stringLikeRegexp('Own') }])] } } },
      ],
    });
  });

  test.each<[string, AuthProps, string[]]>([
    ['auth events without Plus', { ...EMAIL, logDelivery: { userAuthEvents: {} } },
      ['logDelivery.userAuthEvents', 'Plus plan', 'ESSENTIALS', 'featurePlan: cognito.FeaturePlan.PLUS']],
    ['auth events on Plus without threat protection', { ...EMAIL, featurePlan: cognito.FeaturePlan.PLUS, logDelivery: { userAuthEvents: {} } },
      ['logDelivery.userAuthEvents', 'threat protection', 'threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY']],
    ['auth events with threat protection off', {
      ...EMAIL,
      featurePlan: cognito.FeaturePlan.PLUS,
      threatProtection: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT,
      logDelivery: { userAuthEvents: {} },
    }, ['logDelivery.userAuthEvents', 'AUDIT_ONLY']],
    ['nothing to export', { ...EMAIL, logDelivery: {} }, ['logDelivery must export something', 'userNotifications: {}']],
    ['a Firehose stream for notification errors', { ...EMAIL, logDelivery: { userNotifications: { firehoseStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x' } } },
      ['logDelivery.userNotifications', 'CloudWatch Logs log group only']],
    ['a bad Firehose ARN', { ...PLUS_AUDIT, logDelivery: { userAuthEvents: { firehoseStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/x' } } },
      ['logDelivery.userAuthEvents.firehoseStreamArn must be a Firehose stream ARN']],
  ])('refused: %s', (_name, props, fragments) => {
    expectConfigError(props, ...fragments);
  });

  test('two destinations, or a retention for a destination given, are refused', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'B');
    const props: AuthProps = {
      ...PLUS_AUDIT,
      logDelivery: { userAuthEvents: { bucket, firehoseStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x', retention: logs.RetentionDays.ONE_MONTH } },
    };
    expect(() => new Auth(stack, 'Auth', props)).toThrow(/logDelivery\.userAuthEvents: gives bucket and firehoseStreamArn; .*keep one[\s\S]*logDelivery\.userAuthEvents\.retention may be set only for the log group this construct creates/);
  });

  test('plain JavaScript: a wrong type or an unknown key names the property', () => {
    expectConfigError({ ...EMAIL, logDelivery: { userNotifications: { retention: '365' } } } as any,
      'logDelivery.userNotifications.retention must be one of logs.RetentionDays');
    expectConfigError({ ...EMAIL, logDelivery: { userNotification: {} } } as any,
      'logDelivery.userNotification is not a known option of LogDeliveryConfig', 'did you mean `userNotifications`');
    expectConfigError({ ...EMAIL, logDelivery: { userNotifications: { logGroup: 'arn:aws:logs:us-east-1:123456789012:log-group:x' } } } as any,
      'logDelivery.userNotifications.logGroup must be a logs.ILogGroup');
  });
});

describe('WAF', () => {
  test('created: a REGIONAL web ACL with a rate limit per IP and the AWS common rule set, associated with the pool', () => {
    const { template, auth } = synthAuth({ ...EMAIL, waf: {} });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        { Name: 'RateLimitPerIp', Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } } },
        { Name: 'AWSManagedRulesCommonRuleSet', Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } },
      ],
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
    });
    expect(auth.webAclArn).toBeDefined();
  });

  test('the created web ACL logs its requests to an aws-waf-logs- log group kept a year', () => {
    const { template } = synthAuth({ ...EMAIL, waf: {} });
    const [id, group] = Object.entries(template.findResources('AWS::Logs::LogGroup')).find(([key]) => key.includes('WafRequestLogs'))!;
    expect(group.Properties.LogGroupName).toMatch(/^aws-waf-logs-TestStack-Auth-WafRequestLogs-[A-Za-z0-9]+$/);
    expect(group.Properties.RetentionInDays).toBe(365);
    // The log group's ARN without logGroupArn's `:*` suffix, which WAF refuses; the Ref also orders the group first.
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('WebAcl'), 'Arn'] },
      LogDestinationConfigs: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:', { Ref: id }]] }],
    });
    const off = synthAuth({ ...EMAIL, waf: { requestLogging: false } }).template;
    off.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 0);
    off.resourceCountIs('AWS::Logs::LogGroup', 0);
  });

  test('rate limit given, common rule set off', () => {
    const { template } = synthAuth({ ...EMAIL, waf: { rateLimitPer5Minutes: 300, commonRuleSet: false } });
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0].Properties;
    expect(acl.Rules.map((r: any) => r.Name)).toEqual(['RateLimitPerIp']);
    expect(acl.Rules[0].Statement.RateBasedStatement.Limit).toBe(300);
  });

  test('an existing web ACL is associated, none created', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/platform/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const { template, auth } = synthAuth({ ...EMAIL, waf: { webAclArn: arn } });
    template.resourceCountIs('AWS::WAFv2::WebACL', 0);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
    expect(auth.webAclArn).toBe(arn);
  });

  test.each<[string, AuthProps, string[]]>([
    ['a CloudFront web ACL', { ...EMAIL, waf: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/cdn/0a1b' } }, ['waf.webAclArn', 'CLOUDFRONT (global)', 'REGIONAL']],
    ['not a web ACL ARN', { ...EMAIL, waf: { webAclArn: 'my-acl' } }, ['waf.webAclArn must be a regional web ACL ARN']],
    ['created-ACL options with an existing ACL', {
      ...EMAIL, waf: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b', rateLimitPer5Minutes: 100 },
    }, ['waf.rateLimitPer5Minutes may be set only for the web ACL this construct creates']],
    ['request logging with an existing ACL', {
      ...EMAIL, waf: { webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b', requestLogging: true },
    }, ['waf.requestLogging may be set only for the web ACL this construct creates']],
    ['a request log retention without request logging', { ...EMAIL, waf: { requestLogging: false, requestLogRetention: logs.RetentionDays.ONE_WEEK } },
      ['waf.requestLogRetention may be set only with request logging']],
    ['a rate limit below WAF\'s minimum', { ...EMAIL, waf: { rateLimitPer5Minutes: 5 } }, ['waf.rateLimitPer5Minutes must be a whole number from 10 to 2,000,000,000, got 5']],
    ['a fractional rate limit', { ...EMAIL, waf: { rateLimitPer5Minutes: 100.5 } }, ['waf.rateLimitPer5Minutes must be a whole number']],
  ])('refused: %s', (_name, props, fragments) => {
    expectConfigError(props, ...fragments);
  });

  test('plain JavaScript: a string rate limit is refused by name', () => {
    expectConfigError({ ...EMAIL, waf: { rateLimitPer5Minutes: '1000' } } as any, 'waf.rateLimitPer5Minutes must be a number, got the string "1000"');
  });

  test('a token ARN is accepted: WAF checks it when the stack deploys', () => {
    const { template } = synthAuth({ ...EMAIL, waf: { webAclArn: Token.asString({ Ref: 'AclParam' }) } });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });
});

describe('monitoring rules', () => {
  test.each<[string, AuthProps['monitoring'], string[]]>([
    ['a period that is not whole minutes', { period: Duration.seconds(90) }, ['monitoring.period must be whole minutes from 1 to 60, got 1 minute 30 seconds', 'Duration.minutes(5)']],
    ['a period over an hour', { period: Duration.hours(2) }, ['monitoring.period must be whole minutes']],
    ['a zero throttle threshold', { throttleThreshold: 0 }, ['monitoring.throttleThreshold must be a whole number from 1']],
    ['a percentage over 100', { quotaUtilizationPercent: 120 }, ['monitoring.quotaUtilizationPercent must be a number from 0 to 100, got 120', '0 turns the quota alarms off']],
    ['a zero quota rate', { quotaRates: { userRead: 0 } }, ['monitoring.quotaRates.userRead must be a number from 1', 'Service Quotas console']],
    ['a zero duration percentage', { triggerDurationPercent: 0 }, ['monitoring.triggerDurationPercent must be a number from 1 to 100']],
    ['a fractional error threshold', { triggerErrorThreshold: 1.5 }, ['monitoring.triggerErrorThreshold must be a whole number']],
    ['a negative risk threshold', { highRiskThreshold: -1 }, ['monitoring.highRiskThreshold must be a whole number from 1']],
  ])('refused: %s', (_name, monitoring, fragments) => {
    expectConfigError({ ...EMAIL, monitoring }, ...fragments);
  });

  test('plain JavaScript: wrong types and misspelt keys name the property', () => {
    expectConfigError({ ...EMAIL, monitoring: { dashboard: 'true' } } as any, 'monitoring.dashboard must be true or false', 'write true without quotes');
    expectConfigError({ ...EMAIL, monitoring: { alarmTopic: 'arn:aws:sns:us-east-1:123456789012:alarms' } } as any, 'monitoring.alarmTopic must be a sns.ITopic');
    expectConfigError({ ...EMAIL, monitoring: { period: 300 } } as any, 'monitoring.period must be a Duration', 'Duration.seconds(300)');
    expectConfigError({ ...EMAIL, monitoring: { quotaRates: { userAuth: 200 } } } as any, 'monitoring.quotaRates.userAuth is not a known option of QuotaRates', 'known options: userAuthentication');
    expectConfigError({ ...EMAIL, monitoring: { throttleTreshold: 5 } } as any, 'did you mean `throttleThreshold`');
  });

  test('a token is refused where the alarms compute with it; the WAF rate limit may be one', () => {
    expectConfigError({ ...EMAIL, monitoring: { triggerDurationPercent: Token.asNumber({ Ref: 'Pct' }) } },
      'monitoring.triggerDurationPercent cannot be a token', 'give a number from 1 to 100');
    expectConfigError({ ...EMAIL, monitoring: { quotaRates: { userRead: Token.asNumber({ Ref: 'Rate' }) } } }, 'monitoring.quotaRates.userRead cannot be a token');
    const { template } = synthAuth({ ...EMAIL, waf: { rateLimitPer5Minutes: Token.asNumber({ Ref: 'Limit' }) } });
    expect(JSON.stringify(template.toJSON())).toContain('"Limit":{"Ref":"Limit"}');
  });

  test('a high-risk threshold without threat protection is a warning, not an error', () => {
    expect(Auth.validateProps({ ...EMAIL, monitoring: { highRiskThreshold: 3 } })).toEqual([]);
    const { stack } = synthAuth({ ...EMAIL, monitoring: { highRiskThreshold: 3 } });
    const warnings = stack.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === 'aws:cdk:warning').map(m => String(m.data)));
    expect(warnings.join('\n')).toMatch(/monitoring\.highRiskThreshold has no effect/);
  });
});
