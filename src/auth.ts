import { Annotations, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { checkAuthProps } from './config/check';
import { AuthConfigError } from './config/errors';
import { renderProblem } from './config/findings';
import { domainHostname } from './config/resolved-front-door';
import { AuthProps } from './config/types';
import { cdk, lazy } from './lazy';
import { createAppClient, createNamedClients, CreatedClient } from './parts/app-client';
import { actionsFor, AuthPermission } from './parts/grants';
import { createGroups } from './parts/groups';
import { warnOnImmutableChanges } from './parts/immutable-settings';
import { applyL1Overrides } from './parts/l1-overrides';
import { applyNagSuppressions } from './parts/nag-suppressions';
import { addAuthOutputs } from './parts/outputs';
import { wireTriggers } from './parts/triggers';
import { buildUserPoolProps } from './parts/user-pool-props';

/* eslint-disable @typescript-eslint/no-require-imports -- on first use (lazy.ts) */
/** The parts only some configs use, loaded when the config uses them (the other parts are imported above). */
const parts = {
  sms: lazy(() => require('./parts/sms-role') as typeof import('./parts/sms-role')),
  providers: lazy(() => require('./parts/identity-providers') as typeof import('./parts/identity-providers')),
  resourceServers: lazy(() => require('./parts/resource-servers') as typeof import('./parts/resource-servers')),
  domain: lazy(() => require('./parts/domain') as typeof import('./parts/domain')),
  managedLogin: lazy(() => require('./parts/managed-login') as typeof import('./parts/managed-login')),
  identityPool: lazy(() => require('./parts/identity-pool') as typeof import('./parts/identity-pool')),
  waf: lazy(() => require('./parts/waf') as typeof import('./parts/waf')),
  logDelivery: lazy(() => require('./parts/log-delivery') as typeof import('./parts/log-delivery')),
  monitoring: lazy(() => require('./parts/monitoring') as typeof import('./parts/monitoring')),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A hardened Amazon Cognito user pool with MFA, its app client, an optional identity pool, Lambda
 * triggers and a least-privilege SMS role, from one declarative config.
 *
 * The whole config is checked before any resource is created (its shape first: types, unknown
 * keys, enum values; then Cognito's rules); every problem is reported at once.
 *
 * Logical IDs are stable (`<id>UserPool...`, `<id>UserPoolClient...`): renaming or moving this construct
 * changes them and makes CloudFormation create a new, empty user pool. Keep its id and place.
 */
export class Auth extends Construct {
  /**
   * Checks a config without creating anything.
   *
   * @returns every problem found, each naming the property and how to fix it; empty when valid.
   */
  public static validateProps(props: AuthProps): string[] {
    const checked = checkAuthProps(props);
    return checked.ok ? [] : checked.problems.map(renderProblem);
  }

  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The app client (no secret). */
  public readonly userPoolClient: cognito.UserPoolClient;
  /** The further app clients (`appClients`), by name. */
  public readonly appClients: { [name: string]: cognito.UserPoolClient };
  /** The user pool domain, when `domain` is set. */
  public readonly userPoolDomain?: cognito.UserPoolDomain;
  /**
   * The host name users sign in at (`<prefix>.auth.<region>.amazoncognito.com` or the custom
   * domain), when `domain` is set.
   */
  public readonly domainName?: string;
  /** The external identity providers (`loginWith.externalProviders`). */
  public readonly identityProviders: cognito.IUserPoolIdentityProvider[];
  /** The resource servers (`resourceServers`). */
  public readonly resourceServers: cognito.UserPoolResourceServer[];
  /** The identity pool, when `identityPool` is set. */
  public readonly identityPool?: IdentityPool;
  /** The role Cognito uses to send SMS, when something sends SMS. */
  public readonly smsRole?: iam.IRole;
  /** The user pool groups, in config order. */
  public readonly groups: cognito.UserPoolGroup[];
  /** The built-in trigger functions, by their key under `triggers` (e.g. `mfaByGroup`). */
  public readonly builtInTriggerFunctions: { [key: string]: lambda.IFunction };
  /** The built-in MFA-by-group trigger function, when configured. */
  public readonly mfaByGroupFunction?: lambda.IFunction;
  /** The built-in sign-up guard trigger function, when configured. */
  public readonly signUpGuardFunction?: lambda.IFunction;
  /** The built-in custom message trigger function, when configured. */
  public readonly customMessageFunction?: lambda.IFunction;
  /** The CloudWatch alarms (`monitoring`); empty without monitoring. */
  public readonly alarms: cloudwatch.Alarm[];
  /** The CloudWatch dashboard, when `monitoring.dashboard` is on. */
  public readonly dashboard?: cloudwatch.Dashboard;
  /** The ARN of the web ACL associated with the pool, when `waf` is set. */
  public readonly webAclArn?: string;
  /** The log group of user notification errors, when `logDelivery.userNotifications` is set. */
  public readonly userNotificationLogGroup?: logs.ILogGroup;
  /** The log group of user authentication events, when `logDelivery.userAuthEvents` goes to CloudWatch Logs. */
  public readonly userAuthEventLogGroup?: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    // Check first: a bad config creates nothing.
    const checked = checkAuthProps(props);
    if (!checked.ok) throw new AuthConfigError(this.node.path, checked.problems);
    const config = checked.config;
    for (const warning of checked.warnings) Annotations.of(this).addWarningV2(warning.id, warning.message);

    const sms = config.sendsSms ? parts.sms().createSmsSender(this, config) : undefined;
    this.smsRole = sms?.role;

    this.userPool = new cognito.UserPool(this, 'UserPool', buildUserPoolProps(config, sms, Stack.of(this).region));
    applyL1Overrides(this.cfnUserPool, config);
    warnOnImmutableChanges(this.cfnUserPool);

    this.identityProviders = config.externalProviders.length > 0 ? parts.providers().createIdentityProviders(this, this.userPool, config) : [];
    this.resourceServers = config.resourceServers.length > 0 ? parts.resourceServers().createResourceServers(this, this.userPool, config) : [];
    this.userPoolDomain = config.domain ? parts.domain().createDomain(this, this.userPool, config) : undefined;
    this.domainName = config.domain && domainHostname(config.domain, Stack.of(this).region);
    const clientInputs = {
      userPool: this.userPool,
      providers: new Map(config.externalProviders.map((provider, i) => [provider.providerName, this.identityProviders[i]] as const)),
      resourceServers: this.resourceServers,
    };
    this.userPoolClient = createAppClient(this, clientInputs, config);
    const named = createNamedClients(this, clientInputs, config);
    this.appClients = Object.fromEntries(named.map(({ name, client }) => [name, client]));
    // Every app client, the default one first: what managed login styles and the alarms walk.
    const clients: CreatedClient[] = [{ label: 'client', client: this.userPoolClient, resolved: config.client }, ...named];
    if (config.domain?.branding) parts.managedLogin().createManagedLoginBranding(this, config, this.userPoolDomain, clients);
    this.groups = createGroups(this, this.userPool, config);

    const { builtIns, functions } = wireTriggers(this, this.userPool, config);
    this.builtInTriggerFunctions = Object.fromEntries(builtIns.map(({ key, fn }) => [key, fn]));
    this.mfaByGroupFunction = this.builtInTriggerFunctions.mfaByGroup;
    this.signUpGuardFunction = this.builtInTriggerFunctions.signUpGuard;
    this.customMessageFunction = this.builtInTriggerFunctions.customMessages;
    for (const { fn, grants } of builtIns) {
      if (grants.length > 0) this.grantActions(fn, [...grants]);
    }

    this.identityPool = config.identityPool ? parts.identityPool().createIdentityPool(this, this.userPool, this.userPoolClient, config) : undefined;

    const operations = config.operations;
    this.webAclArn = operations.waf ? parts.waf().createWaf(this, this.userPool, config) : undefined;
    const logDelivery = operations.logDelivery ? parts.logDelivery().createLogDelivery(this, this.userPool, config) : undefined;
    this.userNotificationLogGroup = logDelivery?.userNotificationLogGroup;
    this.userAuthEventLogGroup = logDelivery?.userAuthEventLogGroup;
    const monitoring = operations.monitoring ? parts.monitoring().createMonitoring(this, config, {
      userPool: this.userPool,
      clients,
      functions,
      notificationLogGroup: this.userNotificationLogGroup,
    }) : undefined;
    this.alarms = monitoring?.alarms ?? [];
    this.dashboard = monitoring?.dashboard;

    if (config.outputs) {
      addAuthOutputs(this, {
        userPoolId: this.userPool.userPoolId,
        userPoolClientId: this.userPoolClient.userPoolClientId,
        identityPoolId: this.identityPool?.identityPoolId,
        domain: this.domainName,
        appClientIds: named.map(({ name, client }) => [name, client.userPoolClientId] as const),
      });
    }

    // Inherent cdk-nag findings carry a reason true for this config (metadata only; cdk-nag is not a dependency).
    applyNagSuppressions(this, config);
  }

  /** Escape hatch: the L1 user pool. */
  public get cfnUserPool(): cognito.CfnUserPool {
    return this.userPool.node.defaultChild as cognito.CfnUserPool;
  }

  /** Escape hatch: the L1 app client. */
  public get cfnUserPoolClient(): cognito.CfnUserPoolClient {
    return this.userPoolClient.node.defaultChild as cognito.CfnUserPoolClient;
  }

  /**
   * Grants scoped Cognito permissions on this user pool.
   *
   * For a role (e.g. a trigger function's), the permissions go into a separate IAM policy, so a
   * trigger function may call the pool that invokes it without a circular dependency (the function
   * does not wait for this policy; the policy waits for the pool).
   */
  public grant(grantee: iam.IGrantable, ...permissions: AuthPermission[]): iam.Grant {
    return this.grantActions(grantee, actionsFor(permissions));
  }

  private grantActions(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const { Grant, Policy, PolicyStatement, Role } = cdk.iam();
    const role = grantee.grantPrincipal instanceof Role ? grantee.grantPrincipal : undefined;
    if (!role) {
      return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.userPool.userPoolArn] });
    }
    const statement = new PolicyStatement({ actions, resources: [this.userPool.userPoolArn] });
    const owner = Construct.isConstruct(grantee) ? grantee.node.id : role.node.id;
    new Policy(this, uniqueChildId(this, `${owner}CognitoPolicy`), { roles: [role], statements: [statement] });
    return Grant.drop(grantee, `${actions.join(',')} on ${this.node.path}`);
  }
}

function uniqueChildId(scope: Construct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}${n}`;
  return id;
}
