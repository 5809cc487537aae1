/**
 * CloudWatch alarms on the pool, and optionally a dashboard of the same metrics. Every metric comes
 * from documented-metrics.ts. Cognito publishes a metric only when something happens, so missing
 * data is "not breaching" throughout.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  DocumentedMetric, HIGH_RISK, METRICS, NOTIFICATION_ERRORS, QUOTA_CATEGORIES, RISK_OPERATIONS, USAGE_DIMENSIONS,
} from './documented-metrics';
import { ResolvedAuthConfig, ResolvedClient } from '../config/resolved';
import { ResolvedMonitoring } from '../config/resolved-operations';
import { cdk } from '../lazy';

/** An app client the alarms watch. */
export interface MonitoredClient {
  /** How messages name it: `client` or `appClients.<name>`. */
  readonly label: string;
  readonly client: cognito.IUserPoolClient;
  readonly resolved: ResolvedClient;
}

/** A function Cognito invokes, which the alarms watch. */
export interface MonitoredFunction {
  /** `triggers.preSignUp`, `senders.customEmailSender`, ... */
  readonly label: string;
  readonly fn: lambda.IFunction;
}

export interface MonitoringInputs {
  readonly userPool: cognito.IUserPool;
  readonly clients: readonly MonitoredClient[];
  readonly functions: readonly MonitoredFunction[];
  /** The log group of user notification errors, when log delivery writes one. */
  readonly notificationLogGroup?: logs.ILogGroup;
}

export interface CreatedMonitoring {
  readonly alarms: cloudwatch.Alarm[];
  readonly dashboard?: cloudwatch.Dashboard;
}

/** Lambda's own default timeout, for a `lambda.Function` created without one. */
const LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);
/** How long Cognito waits for a trigger, whatever the function's own timeout. */
const COGNITO_TRIGGER_WAIT_MS = 5_000;

export function createMonitoring(scope: Construct, config: ResolvedAuthConfig, inputs: MonitoringInputs): CreatedMonitoring {
  const settings = config.operations.monitoring!;
  const root = new Construct(scope, 'Monitoring');
  const alarms: cloudwatch.Alarm[] = [];
  const widgets: cloudwatch.IWidget[] = [];
  // A graph with nothing to draw (e.g. durations when no watched function has a known timeout) is left out.
  const addGraph = (title: string, metrics: cloudwatch.IMetric[]) => {
    if (metrics.length > 0) widgets.push(graph(title, metrics));
  };
  // No label: a labelled metric makes the alarm a math alarm. The dashboard adds labels (`labelled`).
  const metric = (documented: DocumentedMetric, dimensionsMap: Record<string, string>, statistic = 'Sum') =>
    new cloudwatch.Metric({ namespace: documented.namespace, metricName: documented.name, dimensionsMap, statistic, period: settings.period });
  const labelled = (m: cloudwatch.Metric, label: string) => m.with({ label });
  const alarm = (id: string, description: string, watched: cloudwatch.IMetric, threshold: number) => {
    const created = new cloudwatch.Alarm(root, id, {
      metric: watched,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    if (settings.alarmTopic) {
      const action = new actions.SnsAction(settings.alarmTopic);
      created.addAlarmAction(action);
      created.addOkAction(action);
    }
    alarms.push(created);
    return created;
  };
  const poolId = inputs.userPool.userPoolId;

  // Throttles per app client: a throttled sign-in, refresh or sign-up is a user turned away.
  const throttleMetrics: cloudwatch.IMetric[] = [];
  const successMetrics: cloudwatch.IMetric[] = [];
  for (const c of inputs.clients) {
    // A client-credentials client signs nobody in.
    if (c.resolved.oauth?.clientCredentials === true) continue;
    const dims = { UserPool: poolId, UserPoolClient: c.client.userPoolClientId };
    const watched: Array<[string, DocumentedMetric, DocumentedMetric, string]> = [
      ['SignIn', METRICS.SignInThrottles, METRICS.SignInSuccesses, 'sign-ins'],
      ['TokenRefresh', METRICS.TokenRefreshThrottles, METRICS.TokenRefreshSuccesses, 'token refreshes'],
    ];
    if (config.selfSignUp) watched.push(['SignUp', METRICS.SignUpThrottles, METRICS.SignUpSuccesses, 'sign-ups']);
    for (const [key, throttles, successes, what] of watched) {
      const m = metric(throttles, dims);
      throttleMetrics.push(labelled(m, `${key} throttles (${c.label})`));
      successMetrics.push(labelled(metric(successes, dims), `${key} successes (${c.label})`));
      alarm(`${key}Throttles${idPart(c.label)}`, `Cognito throttled ${what} of ${c.label} (${throttles.name} >= ${settings.throttleThreshold} in ${settings.period.toHumanString()}): users were turned away. `
        + 'The quota is per account and Region (see the quota alarms); retry with backoff, or request a higher quota.', m, settings.throttleThreshold);
    }
    for (const provider of (c.resolved.oauth?.identityProviders ?? []).filter(name => name !== 'COGNITO')) {
      const m = metric(METRICS.FederationThrottles, { ...dims, IdentityProvider: provider });
      throttleMetrics.push(labelled(m, `Federation throttles (${c.label}, ${provider})`));
      successMetrics.push(labelled(metric(METRICS.FederationSuccesses, { ...dims, IdentityProvider: provider }), `Federation successes (${c.label}, ${provider})`));
      alarm(`FederationThrottles${idPart(c.label)}${idPart(provider)}`, `Cognito throttled sign-ins through ${provider} with ${c.label} (FederationThrottles >= ${settings.throttleThreshold}).`, m, settings.throttleThreshold);
    }
  }
  addGraph('Throttled requests (per app client)', throttleMetrics);
  addGraph('Successful requests (per app client)', successMetrics);

  // Quota use per category, against the category's rate (per account and Region: every pool there counts).
  if (settings.quotaUtilizationPercent > 0) {
    const throttled: cloudwatch.IMetric[] = [];
    const utilization = quotaCategories(config).map(([key, category]) => {
      throttled.push(labelled(metric(METRICS.ThrottleCount, { ...USAGE_DIMENSIONS, Resource: category }), `${category} throttled`));
      const rate = settings.quotaRates[key];
      const calls = metric(METRICS.CallCount, { ...USAGE_DIMENSIONS, Resource: category });
      const id = key.toLowerCase(); // unique per dashboard graph
      const percent = new cloudwatch.MathExpression({
        expression: `100 * ${id} / PERIOD(${id}) / ${rate}`,
        usingMetrics: { [id]: calls },
        period: settings.period,
        label: `${category} % of ${rate}/s`,
      });
      const mfaByGroup = key === 'userRead' && config.triggers.builtIns.some(t => t.key === 'mfaByGroup')
        ? ' The built-in mfaByGroup trigger reads here (AdminGetUser for each token it cannot answer from its cache): a longer triggers.mfaByGroup.cacheTtl lowers its rate.' : '';
      alarm(`Quota${category}`, `Cognito ${category} calls averaged >= ${settings.quotaUtilizationPercent}% of ${rate} requests/s over ${settings.period.toHumanString()} `
        + `(AWS/Usage CallCount; the quota is shared by every user pool in the account and Region; the rate is monitoring.quotaRates.${key}).${mfaByGroup}`, percent, settings.quotaUtilizationPercent);
      return percent;
    });
    addGraph('Quota use per category (% of rate, account and Region)', utilization);
    addGraph('Throttled calls per category (account and Region)', throttled);
  }

  // Triggers: Cognito fails the request when its trigger errs, is throttled, or takes too long.
  const triggerMetrics: cloudwatch.IMetric[] = [];
  const durationMetrics: cloudwatch.IMetric[] = [];
  for (const { label, fn } of uniqueFunctions(inputs.functions)) {
    const dims = lambdaDimensions(fn);
    const errors = metric(METRICS.LambdaErrors, dims);
    const throttles = metric(METRICS.LambdaThrottles, dims);
    triggerMetrics.push(labelled(errors, `Errors ${label}`), labelled(throttles, `Throttles ${label}`));
    alarm(`TriggerErrors${idPart(label)}`, `The ${label} function failed (Errors >= ${settings.triggerErrorThreshold}): Cognito fails the user's request with it.`, errors, settings.triggerErrorThreshold);
    alarm(`TriggerThrottles${idPart(label)}`, `The ${label} function was throttled (Throttles >= ${settings.triggerErrorThreshold}): Cognito fails the user's request with it.`, throttles, settings.triggerErrorThreshold);
    const timeout = knownTimeout(qualified(fn)?.lambda ?? fn);
    if (timeout) {
      const duration = metric(METRICS.LambdaDuration, dims, 'Maximum');
      durationMetrics.push(labelled(duration, `Max duration ${label}`));
      // Cognito stops waiting after 5 s whatever the function's own timeout: the percentage is of the shorter.
      const waited = Math.min(timeout.toMilliseconds(), COGNITO_TRIGGER_WAIT_MS);
      const limit = Math.floor(waited * settings.triggerDurationPercent / 100);
      alarm(`TriggerDuration${idPart(label)}`, `The ${label} function ran for >= ${settings.triggerDurationPercent}% of the ${waited} ms Cognito waits for it `
        + `(its ${timeout.toHumanString()} timeout, Cognito's 5 seconds at most) (${limit} ms): near that, Cognito fails the request.`, duration, limit);
    }
  }
  addGraph('Trigger errors and throttles', triggerMetrics);
  addGraph('Trigger duration (max, ms)', durationMetrics);

  // Threat protection: high-risk requests, when Cognito assesses risk.
  if (config.operations.threatProtectionActive) {
    const riskMetrics: cloudwatch.IMetric[] = [];
    for (const documented of [METRICS.CompromisedCredentialRisk, METRICS.AccountTakeoverRisk]) {
      const id = (op: string) => `${documented.name}_${op}`.toLowerCase(); // unique per dashboard graph
      const usingMetrics = Object.fromEntries(RISK_OPERATIONS.map(op =>
        [id(op), metric(documented, { Operation: op, UserPoolId: poolId, RiskLevel: HIGH_RISK })]));
      const total = new cloudwatch.MathExpression({
        expression: RISK_OPERATIONS.map(op => `FILL(${id(op)}, 0)`).join(' + '),
        usingMetrics,
        period: settings.period,
        label: `${documented.name} (high)`,
      });
      riskMetrics.push(total);
      alarm(`${documented.name}High`, `Cognito threat protection saw ${documented.name} at RiskLevel high (sign-in, sign-up, password change) >= ${settings.highRiskThreshold} times. `
        + 'Look at the user authentication events (logDelivery.userAuthEvents) or AdminListUserAuthEvents.', total, settings.highRiskThreshold);
    }
    riskMetrics.push(...RISK_OPERATIONS.map(op => labelled(metric(METRICS.OverrideBlock, { Operation: op, UserPoolId: poolId, RiskLevel: HIGH_RISK }), `OverrideBlock ${op}`)));
    addGraph('Threat protection: high-risk requests', riskMetrics);
  }

  // SMS and email delivery failures: Cognito publishes no metric for them, only the ERROR log it exports.
  if (inputs.notificationLogGroup) {
    // In this construct, not under the log group (`addMetricFilter`), which may belong to another stack.
    const filter = new (cdk.logs().MetricFilter)(root, 'UserNotificationErrorsFilter', {
      logGroup: inputs.notificationLogGroup,
      filterPattern: { logPatternString: '' },
      metricNamespace: NOTIFICATION_ERRORS.namespace,
      metricName: `${NOTIFICATION_ERRORS.namePrefix}${poolId}`,
      metricValue: '1',
    });
    const failures = filter.metric({ statistic: 'Sum', period: settings.period });
    alarm('UserNotificationErrors', 'Cognito could not deliver SMS or email messages (codes, invitations) to users: see the user notification log.', failures, 1);
    addGraph('SMS and email delivery errors', [labelled(failures, 'SMS and email delivery errors')]);
  }

  const dashboard = settings.dashboard ? createDashboard(root, widgets) : undefined;
  return { alarms, dashboard };
}

function createDashboard(scope: Construct, widgets: cloudwatch.IWidget[]): cloudwatch.Dashboard {
  const dashboard = new cloudwatch.Dashboard(scope, 'Dashboard', { defaultInterval: Duration.hours(3) });
  for (let i = 0; i < widgets.length; i += 2) dashboard.addWidgets(...widgets.slice(i, i + 2));
  return dashboard;
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 12, height: 6 });
}

/** The categories this pool's flows use; UserFederation only with external providers. */
function quotaCategories(config: ResolvedAuthConfig): Array<[keyof ResolvedMonitoring['quotaRates'], string]> {
  return (Object.entries(QUOTA_CATEGORIES) as Array<[keyof typeof QUOTA_CATEGORIES, string]>)
    .filter(([key]) => key !== 'userFederation' || config.externalProviders.length > 0);
}

/**
 * A construct id part from a label (`appClients.web` -> `AppClientsWeb`): alarms are named by what
 * they watch, not by position, so adding or removing a client or trigger keeps the others' logical
 * ids (a renamed alarm would be replaced, its history lost).
 */
function idPart(label: string): string {
  return label.split(/[^A-Za-z0-9]+/).filter(Boolean).map(word => word[0].toUpperCase() + word.slice(1)).join('');
}

/** One entry per function (a function in two slots is watched once, under its first label). */
function uniqueFunctions(functions: readonly MonitoredFunction[]): MonitoredFunction[] {
  const seen = new Set<lambda.IFunction>();
  return functions.filter(({ fn }) => !seen.has(fn) && seen.add(fn) !== undefined);
}

/** A version or alias (its underlying function, and the qualifier Cognito invokes it by), or undefined. */
function qualified(fn: lambda.IFunction): { lambda: lambda.IFunction; qualifier: string } | undefined {
  // Alias, Version and their imported forms extend QualifiedFunctionBase, which holds the underlying function.
  if (!('lambda' in fn)) return undefined;
  const underlying = (fn as lambda.IVersion).lambda;
  return { lambda: underlying, qualifier: 'aliasName' in fn ? String(fn.aliasName) : (fn as lambda.IVersion).version };
}

/**
 * The dimensions Lambda publishes the invocations Cognito makes under. A version or alias is invoked
 * by its qualified name, and Lambda publishes those invocations under FunctionName (the function's
 * name) plus Resource (`name:qualifier`); FunctionName alone would also count the other aliases'
 * invocations. Not the functions' own metric helpers: in aws-cdk-lib 2.257 only a created `Alias`
 * gets this right; a `Version`'s and an imported alias's use FunctionName `name:qualifier`, which
 * Lambda never publishes (aws/aws-cdk#14248).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics.html ("By Resource")
 */
function lambdaDimensions(fn: lambda.IFunction): Record<string, string> {
  const version = qualified(fn);
  if (!version) return { FunctionName: fn.functionName };
  return { FunctionName: version.lambda.functionName, Resource: `${version.lambda.functionName}:${version.qualifier}` };
}

/**
 * The timeout of a `lambda.Function` of this app (it has a runtime and a timeout field); an imported
 * function's is unknown, and so is a SingletonFunction's (it has a runtime but does not expose its timeout).
 */
function knownTimeout(fn: lambda.IFunction): Duration | undefined {
  if (!('runtime' in fn) || !('timeout' in fn)) return undefined;
  return (fn as lambda.Function).timeout ?? LAMBDA_DEFAULT_TIMEOUT;
}
