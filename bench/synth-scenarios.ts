/**
 * The synth benchmark's scenarios, each built four ways: our Auth; the bare L2 set up for the same
 * user-facing config; the L2 plus what it takes by hand to get our exact template; Amplify's auth
 * construct (resource counts only).
 */
import { AmplifyAuth } from '@aws-amplify/auth-construct';
import { Aws, CfnOutput, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagPackSuppression, NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { Auth, AuthProps, MfaMode } from '../src';

const FROM = 'noreply@example.com';

export interface Scenario {
  readonly name: string;
  readonly ours: AuthProps;
  /** The same user-facing config in L2 props (on top of L2_BASE, our hardened defaults). */
  readonly l2: Partial<cognito.UserPoolProps>;
  readonly l2Groups?: string[];
  /** Ours sends SMS through its hardened role (trust conditions, no topic publishing). */
  readonly smsRole?: boolean;
  readonly amplify: ConstructorParameters<typeof AmplifyAuth>[2];
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'default (email, TOTP required)',
    ours: { loginWith: { email: {} } },
    l2: { signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true }, mfaSecondFactor: { otp: true, sms: false } },
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true } },
  },
  {
    name: 'phone, SMS + TOTP optional',
    ours: { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} } },
    l2: {
      signInAliases: { phone: true },
      autoVerify: { phone: true },
      keepOriginal: { phone: true },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: true },
      enableSmsRole: true,
      accountRecovery: cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
    },
    smsRole: true,
    amplify: { loginWith: { phone: true }, multifactor: { mode: 'OPTIONAL', totp: true, sms: true } },
  },
  {
    name: 'email MFA with SES',
    ours: { loginWith: { email: {} }, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: {} }, senders: { email: { fromEmail: FROM } } },
    l2: {
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      mfaSecondFactor: { otp: true, sms: false, email: true },
      email: cognito.UserPoolEmail.withSES({ fromEmail: FROM }),
    },
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true, email: true }, senders: { email: { fromEmail: FROM } } },
  },
  {
    name: 'device tracking + groups',
    ours: {
      loginWith: { email: {} },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      groups: [{ name: 'admins', precedence: 0 }, { name: 'users', precedence: 1 }],
    },
    l2: {
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      mfaSecondFactor: { otp: true, sms: false },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    },
    l2Groups: ['admins', 'users'],
    // Amplify has no deviceTracking prop: groups only.
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true }, groups: ['admins', 'users'] },
  },
];

/** The hardened settings our defaults add, spelled out for the L2 so both produce the same pool. */
const L2_BASE: cognito.UserPoolProps = {
  selfSignUpEnabled: true,
  signInCaseSensitive: false,
  mfa: cognito.Mfa.REQUIRED,
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    tempPasswordValidity: Duration.days(3),
    passwordHistorySize: 5,
  },
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  enableSmsRole: false,
  removalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
};

export function buildOurs(stack: Stack, s: Scenario) {
  new Auth(stack, 'Auth', s.ours);
}

/** The bare L2: the same user-facing config, without our SMS role hardening, cdk-nag metadata or outputs. */
export function buildL2(scope: Construct, s: Scenario, smsRole?: { role: iam.IRole; externalId: string }) {
  const sms = smsRole ? { enableSmsRole: undefined, smsRole: smsRole.role, smsRoleExternalId: smsRole.externalId } : {};
  const userPool = new cognito.UserPool(scope, 'UserPool', { ...L2_BASE, ...s.l2, ...sms });
  const client = new cognito.UserPoolClient(scope, 'UserPoolClient', {
    userPool,
    generateSecret: false,
    disableOAuth: true,
    authFlows: { userSrp: true },
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.days(30),
  });
  (s.l2Groups ?? []).forEach((groupName, precedence) => new cognito.UserPoolGroup(scope, `Group${groupName}`, { userPool, groupName, precedence }));
  return { userPool, client };
}

/** cdk-nag suppressions per child construct id, read off our template (so both sides carry the same text). */
export type NagRulesByChild = Record<string, NagPackSuppression[]>;

/**
 * What an L2 user writes by hand to get our exact template: the bare L2 plus the hardened SMS role,
 * the same cdk-nag suppressions (added with cdk-nag's own API) and the three stack outputs.
 */
export function buildL2SameTemplate(stack: Stack, s: Scenario, nagRules: NagRulesByChild) {
  const scope = new Construct(stack, 'Auth');
  const { userPool, client } = buildL2(scope, s, s.smsRole ? hardenedSmsRole(scope) : undefined);
  for (const [childId, rules] of Object.entries(nagRules)) {
    NagSuppressions.addResourceSuppressions(scope.node.findChild(childId), rules);
  }
  new CfnOutput(scope, 'UserPoolIdOutput', { value: userPool.userPoolId, description: 'Cognito user pool ID' }).overrideLogicalId('AuthUserPoolId');
  new CfnOutput(scope, 'UserPoolClientIdOutput', { value: client.userPoolClientId, description: 'Cognito app client ID (public, no secret)' })
    .overrideLogicalId('AuthUserPoolClientId');
  new CfnOutput(scope, 'RegionOutput', { value: stack.region, description: 'Region of the user pool' }).overrideLogicalId('AuthRegion');
}

/** The SMS role our construct creates, written by hand. */
function hardenedSmsRole(scope: Construct) {
  const stack = Stack.of(scope);
  const externalId = Fn.join('/', [Aws.STACK_ID, 'Auth']);
  const role = new iam.Role(scope, 'SmsRole', {
    description: 'Lets Amazon Cognito send SMS through Amazon SNS (no topic publishing).',
    assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com', {
      conditions: {
        StringEquals: { 'sts:ExternalId': externalId, 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' }) },
      },
    }),
    inlinePolicies: {
      SmsOnly: new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`] })],
      }),
    },
  });
  return { role, externalId };
}

export function buildAmplify(stack: Stack, s: Scenario) {
  new AmplifyAuth(stack, 'Auth', s.amplify);
}
