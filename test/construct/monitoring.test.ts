/**
 * Monitoring: alarms on the documented Cognito, AWS/Usage and Lambda metrics, with their exact
 * dimension sets (a metric missing one of its published dimensions never has data).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Auth, AuthProps, MfaMode } from '../../src';
import { METRICS } from '../../src/parts/documented-metrics';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';
import { alarmMetrics, dashboardMetrics, dashboardWidgets, WatchedMetric } from '../support/metrics';
import { synthAuth, testStack } from '../support/synth';

const DOCUMENTED = Object.values(METRICS);

/** Every watched metric is on the documented list, with exactly the documented dimension names. */
function expectDocumented(metrics: WatchedMetric[]) {
  expect(metrics.length).toBeGreaterThan(0);
  for (const metric of metrics) {
    const ours = metric.namespace === 'CdkMfaAuth';
    if (ours) continue; // the notification-error metric filter: checked in its own test
    const documented = DOCUMENTED.find(d => d.namespace === metric.namespace && d.name === metric.name);
    expect({ where: metric.where, metric: `${metric.namespace}/${metric.name}`, documented: documented !== undefined }).toEqual(
      { where: metric.where, metric: `${metric.namespace}/${metric.name}`, documented: true });
    const watched = Object.keys(metric.dimensions).sort();
    const published = documented!.dimensionSets.map(set => [...set].sort());
    expect({ where: metric.where, dimensions: watched, published: published.some(set => JSON.stringify(set) === JSON.stringify(watched)) })
      .toEqual({ where: metric.where, dimensions: watched, published: true });
  }
}

function withMonitoring(props: AuthProps, monitoring: AuthProps['monitoring'] = {}): AuthProps {
  return { ...props, monitoring };
}

const alarmsOf = (template: Template) => Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(a => a.Properties);

describe('a default pool with monitoring on', () => {
  const { template } = synthAuth(withMonitoring({ loginWith: { email: {} } }, { dashboard: true }));
  const alarms = alarmsOf(template);

  test('alarms on each throttle of the app client, and on quota use of each category', () => {
    const names = alarmMetrics(template).map(m => m.name === 'CallCount' ? `CallCount:${m.dimensions.Resource}` : m.name).sort();
    expect(names).toEqual([
      'CallCount:UserAccountRecovery', 'CallCount:UserAuthentication', 'CallCount:UserCreation', 'CallCount:UserRead', 'CallCount:UserUpdate',
      'SignInThrottles', 'SignUpThrottles', 'TokenRefreshThrottles',
    ]);
    expect(alarms).toHaveLength(8);
  });

  test('every alarm and dashboard metric is a documented one with its documented dimensions', () => {
    expectDocumented(alarmMetrics(template));
    expectDocumented(dashboardMetrics(template));
  });

  test('throttle alarms watch the pool and the client, and fire on the first throttled request', () => {
    const signIn = alarms.find(a => a.MetricName === 'SignInThrottles')!;
    expect(signIn).toMatchObject({
      Namespace: 'AWS/Cognito',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(signIn.Dimensions).toEqual([
      { Name: 'UserPool', Value: { Ref: expect.stringMatching(/UserPool/) } },
      { Name: 'UserPoolClient', Value: { Ref: expect.stringMatching(/UserPoolClient/) } },
    ]);
    expect(signIn.AlarmActions).toBeUndefined();
  });

  test('quota alarms divide CallCount by the period and the category rate, in percent', () => {
    const auth = alarms.find(a => JSON.stringify(a.Metrics ?? []).includes('UserAuthentication'))!;
    expect(auth.Threshold).toBe(80);
    const expression = auth.Metrics.find((m: any) => m.Expression);
    expect(expression.Expression).toBe('100 * userauthentication / PERIOD(userauthentication) / 120');
    const calls = auth.Metrics.find((m: any) => m.Id === 'userauthentication').MetricStat;
    expect(calls).toMatchObject({ Stat: 'Sum', Period: 300, Metric: { Namespace: 'AWS/Usage', MetricName: 'CallCount' } });
    expect(calls.Metric.Dimensions).toEqual(expect.arrayContaining([
      // As the Cognito developer guide's dimensions table writes them (see USAGE_DIMENSIONS).
      { Name: 'Service', Value: 'Cognito user pool' }, { Name: 'Type', Value: 'API' },
      { Name: 'Resource', Value: 'UserAuthentication' }, { Name: 'Class', Value: 'None' },
    ]));
  });

  test('a dashboard of the same metrics', () => {
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const names = new Set(dashboardMetrics(template).map(m => m.name));
    expect([...names].sort()).toEqual([
      'CallCount', 'SignInSuccesses', 'SignInThrottles', 'SignUpSuccesses', 'SignUpThrottles', 'ThrottleCount', 'TokenRefreshSuccesses', 'TokenRefreshThrottles',
    ]);
  });
});

/** CloudFormation resources by type. */
function resourceTypes(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { Type } of Object.values(template.toJSON().Resources) as Array<{ Type: string }>) counts[Type] = (counts[Type] ?? 0) + 1;
  return counts;
}

/** The metrics each alarm reads: what CloudWatch bills an alarm by (a metric-math alarm per metric in it). */
const billedAlarmMetrics = (template: Template) => alarmMetrics(template).length;

test('what monitoring adds to a default pool, as the README\'s cost table counts it', () => {
  const base: AuthProps = { loginWith: { email: {} } };
  const without = synthAuth(base).template;
  expect(resourceTypes(without)).toEqual({ 'AWS::Cognito::UserPool': 1, 'AWS::Cognito::UserPoolClient': 1 });
  const alarmsOnly = synthAuth(withMonitoring(base)).template;
  expect(resourceTypes(alarmsOnly)).toEqual({ ...resourceTypes(without), 'AWS::CloudWatch::Alarm': 8 });
  // 3 throttle alarms of one metric each, 5 quota alarms of one metric and an expression each.
  expect(billedAlarmMetrics(alarmsOnly)).toBe(8);
  const withDashboard = synthAuth(withMonitoring(base, { dashboard: true })).template;
  expect(resourceTypes(withDashboard)).toEqual({ ...resourceTypes(alarmsOnly), 'AWS::CloudWatch::Dashboard': 1 });
  // CloudWatch's free tier covers 3 dashboards of up to 50 metrics each.
  expect(dashboardMetrics(withDashboard).length).toBeLessThanOrEqual(50);
  const operations = synthAuth({ ...base, monitoring: { dashboard: true }, logDelivery: { userNotifications: {} }, waf: {} }).template;
  expect(resourceTypes(operations)).toEqual({
    ...resourceTypes(without),
    'AWS::CloudWatch::Alarm': 9,
    'AWS::CloudWatch::Dashboard': 1,
    'AWS::Logs::MetricFilter': 1,
    'AWS::Logs::LogGroup': 2,
    'AWS::Cognito::LogDeliveryConfiguration': 1,
    'AWS::WAFv2::WebACL': 1,
    'AWS::WAFv2::WebACLAssociation': 1,
    'AWS::WAFv2::LoggingConfiguration': 1,
  });
  expect(billedAlarmMetrics(operations)).toBe(9);
  const rules = Object.values(operations.findResources('AWS::WAFv2::WebACL'))[0].Properties.Rules;
  expect(rules).toHaveLength(2); // billed per rule: the rate limit and the managed core rule set
});

test('alarm and OK actions go to the topic given', () => {
  const stack = testStack();
  const topic = new sns.Topic(stack, 'Alarms');
  new Auth(stack, 'Auth', { loginWith: { email: {} }, monitoring: { alarmTopic: topic } });
  const alarms = alarmsOf(Template.fromStack(stack));
  expect(alarms.length).toBeGreaterThan(0);
  for (const alarm of alarms) {
    expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
    expect(alarm.OKActions).toEqual([{ Ref: expect.stringMatching(/^Alarms/) }]);
  }
});

test('no dashboard unless asked; no alarms without monitoring', () => {
  expect(synthAuth(withMonitoring({ loginWith: { email: {} } })).template.findResources('AWS::CloudWatch::Dashboard')).toEqual({});
  const { template } = synthAuth({ loginWith: { email: {} } });
  expect(template.findResources('AWS::CloudWatch::Alarm')).toEqual({});
});

test('a machine-to-machine client signs nobody in, so it gets no throttle alarms; a federating client gets one per provider', () => {
  const m2m = synthAuth(withMonitoring(MACHINE_TO_MACHINE)).template;
  const clients = alarmMetrics(m2m).filter(m => m.namespace === 'AWS/Cognito').map(m => JSON.stringify(m.dimensions.UserPoolClient));
  expect(new Set(clients).size).toBe(1);

  const social = synthAuth(withMonitoring(SOCIAL_AND_OIDC)).template;
  const federation = alarmMetrics(social).filter(m => m.name === 'FederationThrottles');
  expect(federation.map(m => m.dimensions.IdentityProvider).sort()).toEqual(['Corporate', 'Google']);
  expect(alarmMetrics(social).some(m => m.dimensions.Resource === 'UserFederation')).toBe(true);
  expectDocumented(alarmMetrics(social));
});

test('self sign-up off: no sign-up throttle alarm', () => {
  const { template } = synthAuth(withMonitoring({ loginWith: { email: {} }, selfSignUp: false }));
  expect(alarmMetrics(template).map(m => m.name)).not.toContain('SignUpThrottles');
});

test('quota alarms follow the rates given, and 0 turns them off', () => {
  const raisedRates = { quotaRates: { userAuthentication: 400 }, quotaUtilizationPercent: 60 };
  const raised = alarmsOf(synthAuth(withMonitoring({ loginWith: { email: {} } }, raisedRates)).template);
  const auth = raised.find(a => JSON.stringify(a.Metrics ?? []).includes('UserAuthentication'))!;
  expect(auth.Threshold).toBe(60);
  expect(auth.Metrics.find((m: any) => m.Expression).Expression).toBe('100 * userauthentication / PERIOD(userauthentication) / 400');
  const off = synthAuth(withMonitoring({ loginWith: { email: {} } }, { quotaUtilizationPercent: 0 })).template;
  expect(alarmMetrics(off).map(m => m.name)).not.toContain('CallCount');
});

describe('triggers', () => {
  test('built-in mfaByGroup: errors, throttles, duration near its 5 s timeout; the UserRead alarm names it', () => {
    const { template } = synthAuth(withMonitoring({
      loginWith: { email: {} },
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      multifactor: { mode: MfaMode.OPTIONAL, totp: true },
      groups: [{ name: 'admins' }],
      triggers: { mfaByGroup: { groups: ['admins'] } },
    }));
    const alarms = alarmsOf(template);
    const lambdaAlarms = alarms.filter(a => a.Namespace === 'AWS/Lambda');
    expect(lambdaAlarms.map(a => `${a.MetricName}:${a.Statistic}:${a.Threshold}`).sort()).toEqual(['Duration:Maximum:4000', 'Errors:Sum:1', 'Throttles:Sum:1']);
    for (const alarm of lambdaAlarms) expect(alarm.AlarmDescription).toContain('The triggers.mfaByGroup (built-in) function');
    const userRead = alarms.find(a => JSON.stringify(a.Metrics ?? []).includes('UserRead'))!;
    expect(userRead.AlarmDescription).toMatch(/mfaByGroup.*AdminGetUser.*cacheTtl/);
    expectDocumented(alarmMetrics(template));
  });

  test('your own functions: duration only when the timeout is known', () => {
    const stack = testStack();
    const own = new lambda.Function(stack, 'Own', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async e => e'), timeout: Duration.seconds(2),
    });
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:migrate');
    new Auth(stack, 'Auth', { loginWith: { email: {} }, triggers: { preSignUp: own, userMigration: imported }, monitoring: { triggerDurationPercent: 50 } });
    const lambdaAlarms = alarmsOf(Template.fromStack(stack)).filter(a => a.Namespace === 'AWS/Lambda');
    expect(lambdaAlarms.map(a => `${a.MetricName}:${a.Threshold}`).sort()).toEqual(['Duration:1000', 'Errors:1', 'Errors:1', 'Throttles:1', 'Throttles:1']);
    expect(lambdaAlarms.filter(a => a.MetricName === 'Errors').map(a => a.AlarmDescription.split(' function')[0]).sort())
      .toEqual(['The triggers.preSignUp', 'The triggers.userMigration']);
  });

  test('a timeout past 5 s: the duration alarm is a share of the 5 s Cognito waits, not of the timeout', () => {
    const stack = testStack();
    const slow = new lambda.Function(stack, 'Slow', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async e => e'), timeout: Duration.seconds(30),
    });
    new Auth(stack, 'Auth', { loginWith: { email: {} }, triggers: { preSignUp: slow }, monitoring: {} });
    const duration = alarmsOf(Template.fromStack(stack)).filter(a => a.MetricName === 'Duration');
    expect(duration.map(a => a.Threshold)).toEqual([4000]);
  });

  test('a SingletonFunction (timeout not exposed): no duration alarm rather than one on a guessed 3 s timeout', () => {
    const stack = testStack();
    const singleton = new lambda.SingletonFunction(stack, 'Singleton', {
      uuid: '5b3a2f44-0f5c-4c41-9e34-6d1ad2a0c0de',
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async e => e'),
      timeout: Duration.seconds(4),
    });
    new Auth(stack, 'Auth', { loginWith: { email: {} }, triggers: { preSignUp: singleton }, monitoring: {} });
    const lambdaAlarms = alarmsOf(Template.fromStack(stack)).filter(a => a.Namespace === 'AWS/Lambda');
    expect(lambdaAlarms.map(a => a.MetricName).sort()).toEqual(['Errors', 'Throttles']);
  });

  test('an alias or version trigger: watched under FunctionName and Resource name:qualifier, as Lambda publishes it', () => {
    const stack = testStack();
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async e => e'), timeout: Duration.seconds(2),
    });
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    const imported = lambda.Alias.fromAliasAttributes(stack, 'Imported', { aliasName: 'blue', aliasVersion: fn.currentVersion });
    new Auth(stack, 'Auth', {
      loginWith: { email: {} }, triggers: { preSignUp: alias, postConfirmation: fn.currentVersion, preAuthentication: imported }, monitoring: {},
    });
    const template = Template.fromStack(stack);
    const fnName = { Ref: stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction) };
    const resource = (qualifier: unknown) => ({ 'Fn::Join': ['', [fnName, qualifier]] });
    const lambdaMetrics = alarmMetrics(template).filter(m => m.namespace === 'AWS/Lambda');
    const byName = (name: string) => lambdaMetrics.filter(m => m.name === name).map(m => m.dimensions);
    expect(byName('Errors')).toEqual(expect.arrayContaining([
      { FunctionName: fnName, Resource: resource(':live') },
      { FunctionName: fnName, Resource: resource(':blue') },
      { FunctionName: fnName, Resource: { 'Fn::Join': ['', [fnName, ':', { 'Fn::GetAtt': [expect.stringMatching(/^FnCurrentVersion/), 'Version'] }]] } },
    ]));
    expect(byName('Errors')).toHaveLength(3);
    // The duration alarm reads the underlying function's timeout (2 s): one per qualified function.
    expect(alarmsOf(template).filter(a => a.MetricName === 'Duration').map(a => a.Threshold)).toEqual([1600, 1600, 1600]);
    expectDocumented(alarmMetrics(template));
  });

  test('the dashboard draws no empty graph: no duration graph when no watched function has a known timeout', () => {
    const stack = testStack();
    const imported = lambda.Function.fromFunctionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:function:migrate');
    new Auth(stack, 'Auth', { loginWith: { email: {} }, triggers: { userMigration: imported }, monitoring: { dashboard: true } });
    const widgets = dashboardWidgets(Template.fromStack(stack));
    const titles = widgets.map(w => w.properties.title);
    expect(titles).toContain('Trigger errors and throttles');
    expect(titles).not.toContain('Trigger duration (max, ms)');
    const empty = widgets.filter(w => (w.properties.metrics ?? []).length === 0).map(w => w.properties.title);
    expect(empty).toEqual([]);
  });

  test('alarms are named by what they watch: adding a client or a trigger keeps the others\' logical ids', () => {
    const ids = (withMore: boolean) => {
      const stack = testStack();
      const fn = (id: string) => new lambda.Function(stack, id, {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async e => e'),
      });
      new Auth(stack, 'Auth', {
        loginWith: { email: {} },
        appClients: withMore ? [{ name: 'admin' }, { name: 'web' }] : [{ name: 'web' }],
        triggers: withMore ? { preSignUp: fn('Guard'), postConfirmation: fn('Welcome') } : { postConfirmation: fn('Welcome') },
        monitoring: {},
      });
      // Logical id -> what the alarm says it watches.
      const alarms = Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm');
      return Object.fromEntries(Object.entries(alarms).map(([id, a]) => [id, a.Properties.AlarmDescription]));
    };
    const fewer = ids(false);
    expect(Object.keys(fewer).length).toBeGreaterThan(0);
    expect(ids(true)).toEqual(expect.objectContaining(fewer));
  });
});

describe('threat protection', () => {
  const plus = (threatProtection: cognito.StandardThreatProtectionMode) => synthAuth(withMonitoring({
    loginWith: { email: {} }, featurePlan: cognito.FeaturePlan.PLUS, threatProtection,
  }, { dashboard: true })).template;

  test('audit or full function: high-risk alarms summing sign-in, sign-up and password change', () => {
    const template = plus(cognito.StandardThreatProtectionMode.AUDIT_ONLY);
    const risk = alarmMetrics(template).filter(m => /Risk$/.test(m.name));
    expect(risk.map(m => `${m.name}:${m.dimensions.Operation}:${m.dimensions.RiskLevel}`).sort()).toEqual([
      'AccountTakeoverRisk:PasswordChange:high', 'AccountTakeoverRisk:SignIn:high', 'AccountTakeoverRisk:SignUp:high',
      'CompromisedCredentialRisk:PasswordChange:high', 'CompromisedCredentialRisk:SignIn:high', 'CompromisedCredentialRisk:SignUp:high',
    ]);
    expectDocumented(alarmMetrics(template));
    expectDocumented(dashboardMetrics(template));
    expect(dashboardMetrics(template).map(m => m.name)).toContain('OverrideBlock');
  });

  test('threat protection off: no risk alarms', () => {
    const template = plus(cognito.StandardThreatProtectionMode.NO_ENFORCEMENT);
    expect(alarmMetrics(template).filter(m => /Risk$/.test(m.name))).toEqual([]);
  });
});

test('user notification errors: a metric filter on the exported log, and an alarm on it', () => {
  const { template } = synthAuth({ loginWith: { email: {} }, monitoring: {}, logDelivery: { userNotifications: {} } });
  template.hasResourceProperties('AWS::Logs::MetricFilter', {
    FilterPattern: '',
    MetricTransformations: [{ MetricNamespace: 'CdkMfaAuth', MetricName: { 'Fn::Join': ['', ['UserNotificationErrors-', { Ref: Match.anyValue() }]] }, MetricValue: '1' }],
  });
  expect(alarmMetrics(template).filter(m => m.namespace === 'CdkMfaAuth')).toHaveLength(1);
});

test('the committed operations integ snapshot: every alarm and dashboard metric is documented, and the parts are there', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const snapshot = Template.fromJSON(require('../../integ-tests/integ.operations.ts.snapshot/AuthInteg-operations.template.json'));
  expectDocumented(alarmMetrics(snapshot));
  expectDocumented(dashboardMetrics(snapshot));
  const names = new Set(alarmMetrics(snapshot).map(m => m.name));
  for (const name of ['SignInThrottles', 'TokenRefreshThrottles', 'SignUpThrottles', 'CallCount', 'Errors', 'Throttles', 'Duration', 'AccountTakeoverRisk', 'CompromisedCredentialRisk']) {
    expect(names).toContain(name);
  }
  snapshot.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  snapshot.resourceCountIs('AWS::Cognito::LogDeliveryConfiguration', 1);
  snapshot.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  for (const alarm of alarmsOf(snapshot)) expect(alarm.AlarmActions).toHaveLength(1);
});

test('the notification-error metric filter lives in the pool\'s stack even when the log group is another stack\'s', () => {
  const stack = testStack();
  const other = new Stack(stack.node.scope as App, 'Shared', { env: { account: stack.account, region: stack.region } });
  const logGroup = new logs.LogGroup(other, 'Notifications', { logGroupName: '/aws/vendedlogs/shared-notifications' });
  new Auth(stack, 'Auth', { loginWith: { email: {} }, monitoring: {}, logDelivery: { userNotifications: { logGroup } } });
  Template.fromStack(stack).resourceCountIs('AWS::Logs::MetricFilter', 1);
  Template.fromStack(other).resourceCountIs('AWS::Logs::MetricFilter', 0);
});
