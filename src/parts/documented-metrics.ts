/**
 * The metrics the monitoring alarms and dashboard read, exactly as their services document them:
 * namespace, name, the full dimension set (a CloudWatch metric is identified by all of its
 * dimensions, so an alarm with one dimension fewer than published never sees data), and the page.
 * `test/construct/monitoring.test.ts` checks every alarm and dashboard metric of a synthesized
 * template against this list.
 */

export interface DocumentedMetric {
  readonly namespace: string;
  readonly name: string;
  /**
   * Each set of dimensions the metric is published with (names in no particular order). A watched
   * metric must carry exactly one of these sets.
   */
  readonly dimensionSets: ReadonlyArray<readonly string[]>;
  readonly doc: string;
}

const COGNITO_METRICS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html';
const COGNITO_USAGE_DIMENSIONS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/dimensions-for-cognito-user-pools.html';
const COGNITO_RISK_METRICS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-viewing-advanced-security-metrics.html';
const LAMBDA_METRICS = 'https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html';

const perClient = (name: string): DocumentedMetric => ({ namespace: 'AWS/Cognito', name, dimensionSets: [['UserPool', 'UserPoolClient']], doc: COGNITO_METRICS });
const perProvider = (name: string): DocumentedMetric => ({
  namespace: 'AWS/Cognito', name, dimensionSets: [['UserPool', 'UserPoolClient', 'IdentityProvider']], doc: COGNITO_METRICS,
});
const usage = (name: string): DocumentedMetric => ({ namespace: 'AWS/Usage', name, dimensionSets: [['Service', 'Type', 'Resource', 'Class']], doc: COGNITO_USAGE_DIMENSIONS });
// The current page spells AccountTakeoverRisk; an older version of it wrote AccountTakeOverRisk.
const risk = (name: string): DocumentedMetric => ({ namespace: 'AWS/Cognito', name, dimensionSets: [['Operation', 'UserPoolId', 'RiskLevel']], doc: COGNITO_RISK_METRICS });
/**
 * Lambda publishes each function's metrics under FunctionName (all its versions and aliases together)
 * and, for an invocation through a version or alias, also under FunctionName plus Resource
 * (`name:qualifier`).
 */
const lambda = (name: string): DocumentedMetric => ({ namespace: 'AWS/Lambda', name, dimensionSets: [['FunctionName'], ['FunctionName', 'Resource']], doc: LAMBDA_METRICS });

export const METRICS = {
  SignUpSuccesses: perClient('SignUpSuccesses'),
  SignUpThrottles: perClient('SignUpThrottles'),
  SignInSuccesses: perClient('SignInSuccesses'),
  SignInThrottles: perClient('SignInThrottles'),
  TokenRefreshSuccesses: perClient('TokenRefreshSuccesses'),
  TokenRefreshThrottles: perClient('TokenRefreshThrottles'),
  FederationSuccesses: perProvider('FederationSuccesses'),
  FederationThrottles: perProvider('FederationThrottles'),
  CallCount: usage('CallCount'),
  ThrottleCount: usage('ThrottleCount'),
  CompromisedCredentialRisk: risk('CompromisedCredentialRisk'),
  AccountTakeoverRisk: risk('AccountTakeoverRisk'),
  OverrideBlock: risk('OverrideBlock'),
  LambdaErrors: lambda('Errors'),
  LambdaThrottles: lambda('Throttles'),
  LambdaDuration: lambda('Duration'),
} as const satisfies Record<string, DocumentedMetric>;

/**
 * The AWS/Usage dimension values of Cognito's quota categories, from the Cognito developer guide's
 * "Dimensions for Amazon Cognito user pools" (tracking-quotas-and-usage-in-cloud-watch-and-service-quotas,
 * checked 2026-12): Service is `Cognito user pool` (singular), Type is `API`, Resource is the category
 * name (`UserAuthentication`, ...). Of Class the page says only that Cognito "doesn't use the class
 * dimension", yet lists it among the dimensions of CallCount and ThrottleCount; CloudWatch's "CloudWatch
 * usage metrics" page gives API usage metrics Class `None`, which is what is written. The docs do not
 * settle whether Cognito publishes Class `None` or no Class at all: `aws service-quotas
 * get-service-quota --service-code cognito-idp` (UsageMetric.MetricDimensions) in a live account does.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/tracking-quotas-and-usage-in-cloud-watch-and-service-quotas.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Usage-Metrics.html
 */
export const USAGE_DIMENSIONS = { Service: 'Cognito user pool', Type: 'API', Class: 'None' } as const;

/** The quota categories, as AWS/Usage names them (Resource), by our QuotaRates key. */
export const QUOTA_CATEGORIES = {
  userAuthentication: 'UserAuthentication',
  userCreation: 'UserCreation',
  userFederation: 'UserFederation',
  userAccountRecovery: 'UserAccountRecovery',
  userRead: 'UserRead',
  userUpdate: 'UserUpdate',
} as const;

/** Operation values of the risk metrics ("the only dimensions", says the page) and the level alarmed on. */
export const RISK_OPERATIONS = ['SignIn', 'SignUp', 'PasswordChange'] as const;
export const HIGH_RISK = 'high';

/** A metric of our own: a metric filter counting the events of the documented user notification error log. */
export const NOTIFICATION_ERRORS = {
  namespace: 'CdkMfaAuth',
  /** The pool ID is appended, so two pools in one account keep their own count. */
  namePrefix: 'UserNotificationErrors-',
  doc: 'https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html',
} as const;
