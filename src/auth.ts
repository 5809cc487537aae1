import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IdentityPool, UserPoolAuthenticationProvider } from 'aws-cdk-lib/aws-cognito-identitypool';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { DEFAULTS, resolveMultifactor, sendsSms } from './config/defaults';
import { AuthConfigError } from './config/errors';
import { AuthProps, GroupConfig } from './config/types';
import { validateAuthProps } from './config/validate';
import { createAppClient } from './parts/app-client';
import { warnOnAuthFlows } from './parts/auth-flow-warnings';
import { actionsFor, AuthPermission } from './parts/grants';
import { warnOnImmutableChanges } from './parts/immutable-settings';
import { applyNagSuppressions } from './parts/nag-suppressions';
import { addAuthOutputs } from './parts/outputs';
import { createSmsSender } from './parts/sms-role';
import { wireTriggers } from './parts/triggers';
import { buildUserPoolProps } from './parts/user-pool-props';

/**
 * A hardened Amazon Cognito user pool with MFA, its app client, an optional identity pool, Lambda
 * triggers and a least-privilege SMS role, from one declarative config.
 *
 * The whole config is validated before any resource is created; every problem is reported at once.
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
    return validateAuthProps(props);
  }

  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The app client (no secret). */
  public readonly userPoolClient: cognito.UserPoolClient;
  /** The identity pool, when `identityPool` is set. */
  public readonly identityPool?: IdentityPool;
  /** The role Cognito uses to send SMS, when something sends SMS. */
  public readonly smsRole?: iam.IRole;
  /** The user pool groups, in config order. */
  public readonly groups: cognito.UserPoolGroup[];
  /** The built-in MFA-by-group trigger function, when configured. */
  public readonly mfaByGroupFunction?: lambda.IFunction;
  /** The built-in sign-up guard trigger function, when configured. */
  public readonly signUpGuardFunction?: lambda.IFunction;
  /** The built-in custom message trigger function, when configured. */
  public readonly customMessageFunction?: lambda.IFunction;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    // Validate first: a bad config creates nothing.
    const problems = validateAuthProps(props);
    if (problems.length > 0) throw new AuthConfigError(this.node.path, problems);

    const sms = sendsSms(props) ? createSmsSender(this, props) : undefined;
    this.smsRole = sms?.role;

    this.userPool = new cognito.UserPool(this, 'UserPool', buildUserPoolProps(props, sms, Stack.of(this).region));
    this.applyEmailMfaMessages(props);
    warnOnImmutableChanges(this.cfnUserPool);

    this.userPoolClient = createAppClient(this, this.userPool, props);
    warnOnAuthFlows(this, props);
    this.groups = (props.groups ?? []).map(group => this.addGroup(group));

    const builtIns = wireTriggers(this, this.userPool, props);
    this.mfaByGroupFunction = builtIns.mfaByGroup;
    this.signUpGuardFunction = builtIns.signUpGuard;
    this.customMessageFunction = builtIns.customMessages;
    // The MFA-by-group handler reads one user's MFA settings, nothing more.
    if (builtIns.mfaByGroup) this.grantActions(builtIns.mfaByGroup, ['cognito-idp:AdminGetUser']);

    if (props.identityPool) {
      this.identityPool = new IdentityPool(this, 'IdentityPool', {
        allowUnauthenticatedIdentities: props.identityPool.allowUnauthenticated ?? false,
        authenticationProviders: {
          userPools: [new UserPoolAuthenticationProvider({ userPool: this.userPool, userPoolClient: this.userPoolClient })],
        },
      });
    }

    if (props.outputs ?? DEFAULTS.outputs) {
      addAuthOutputs(this, {
        userPoolId: this.userPool.userPoolId,
        userPoolClientId: this.userPoolClient.userPoolClientId,
        identityPoolId: this.identityPool?.identityPoolId,
      });
    }

    // Inherent cdk-nag findings carry a true, specific reason (metadata only; cdk-nag is not a dependency).
    applyNagSuppressions(this);
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
    const role = grantee.grantPrincipal instanceof iam.Role ? grantee.grantPrincipal : undefined;
    if (!role) {
      return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [this.userPool.userPoolArn] });
    }
    const statement = new iam.PolicyStatement({ actions, resources: [this.userPool.userPoolArn] });
    const owner = Construct.isConstruct(grantee) ? grantee.node.id : role.node.id;
    new iam.Policy(this, uniqueChildId(this, `${owner}CognitoPolicy`), { roles: [role], statements: [statement] });
    return iam.Grant.drop(grantee, `${actions.join(',')} on ${this.node.path}`);
  }

  private addGroup(group: GroupConfig): cognito.UserPoolGroup {
    return new cognito.UserPoolGroup(this, `Group${group.name.replace(/[^A-Za-z0-9]/g, '_')}`, {
      userPool: this.userPool,
      groupName: group.name,
      precedence: group.precedence,
      description: group.description,
      role: group.role,
    });
  }

  /** The L2 has no props for the email MFA message and subject; the L1 has. */
  private applyEmailMfaMessages(props: AuthProps) {
    const email = resolveMultifactor(props).config.email;
    if (!email) return;
    this.cfnUserPool.emailAuthenticationMessage = email.message;
    this.cfnUserPool.emailAuthenticationSubject = email.subject;
  }
}

function uniqueChildId(scope: Construct, base: string): string {
  let id = base;
  for (let n = 2; scope.node.tryFindChild(id); n++) id = `${base}${n}`;
  return id;
}
