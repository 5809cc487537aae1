/**
 * DescribeUserPool and DescribeUserPoolClient: the pool and app client as the template configures
 * them, in the SDK's UserPoolType and UserPoolClientType shapes. CloudFormation properties carry
 * the API's member names, so most are passed through; settings the sandbox changes at run time
 * (SetUserPoolMfaConfig) and ones Cognito fills in (IDs, ARN, dates, user count) come from its state.
 * Members the template does not set are left out, as Cognito leaves out unset ones.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html
 */
import { epoch, HandlerTable } from './handler';
import { resourceNotFound } from '../core/errors';
import { ACCOUNT_ID } from '../core/pool-config';
import { poolById, PoolRuntime, SandboxContext } from '../model/context';
import { countUsers } from '../model/users';

/** UserPoolType members that CloudFormation's AWS::Cognito::UserPool has under the same name. */
const POOL_MEMBERS = [
  'DeletionProtection', 'LambdaConfig', 'AutoVerifiedAttributes', 'AliasAttributes', 'UsernameAttributes', 'SmsVerificationMessage',
  'EmailVerificationMessage', 'EmailVerificationSubject', 'VerificationMessageTemplate', 'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings', 'DeviceConfiguration', 'EmailConfiguration', 'SmsConfiguration', 'UserPoolTags',
  'AdminCreateUserConfig', 'UserPoolAddOns', 'UsernameConfiguration', 'AccountRecoverySetting', 'UserPoolTier',
];

/** ClientType members that CloudFormation's AWS::Cognito::UserPoolClient has under the same name. */
const CLIENT_MEMBERS = [
  'ReadAttributes', 'WriteAttributes', 'ExplicitAuthFlows', 'SupportedIdentityProviders', 'CallbackURLs', 'LogoutURLs',
  'DefaultRedirectURI', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'AnalyticsConfiguration', 'EnablePropagateAdditionalUserContextData',
  'RefreshTokenRotation',
];

const pick = (props: Record<string, any>, members: readonly string[]) =>
  Object.fromEntries(members.filter(m => props[m] !== undefined).map(m => [m, props[m]]));

function createdAt(ctx: SandboxContext, pool: PoolRuntime): number {
  if (pool.state.createdAt === undefined) {
    pool.state.createdAt = ctx.now();
  }
  return pool.state.createdAt;
}

const bool = (v: unknown) => v === true || v === 'true';

/** Policies.PasswordPolicy as resolved (defaults included); PasswordHistorySize only when set, as Cognito shows it. */
function policies(pool: PoolRuntime, props: Record<string, any>) {
  const p = pool.config.passwordPolicy;
  return {
    ...props.Policies,
    PasswordPolicy: {
      MinimumLength: p.minimumLength,
      RequireUppercase: p.requireUppercase,
      RequireLowercase: p.requireLowercase,
      RequireNumbers: p.requireNumbers,
      RequireSymbols: p.requireSymbols,
      ...(p.historySize ? { PasswordHistorySize: p.historySize } : {}),
      TemporaryPasswordValidityDays: p.temporaryPasswordValidityDays,
    },
  };
}

/** SchemaAttributes: the template's Schema, custom attributes named with their `custom:` prefix. */
function schemaAttributes(props: Record<string, any>) {
  const standard = new Set(['address', 'birthdate', 'email', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
    'nickname', 'phone_number', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo']);
  return (props.Schema ?? []).map((a: Record<string, any>) => ({
    ...a,
    Name: standard.has(a.Name) || String(a.Name).startsWith('custom:') ? a.Name : `custom:${a.Name}`,
    ...(a.Mutable !== undefined ? { Mutable: bool(a.Mutable) } : {}),
    ...(a.Required !== undefined ? { Required: bool(a.Required) } : {}),
  }));
}

export const describeHandlers: HandlerTable = {
  DescribeUserPool(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const props = pool.config.properties ?? {};
    const created = epoch(createdAt(ctx, pool));
    const domain = pool.config.hosted.domains[0];
    return {
      UserPool: {
        Id: pool.config.id,
        Name: pool.config.name,
        Arn: `arn:aws:cognito-idp:${ctx.region}:${ACCOUNT_ID}:userpool/${pool.config.id}`,
        ...pick(props, POOL_MEMBERS),
        Policies: policies(pool, props),
        SchemaAttributes: schemaAttributes(props),
        MfaConfiguration: pool.config.mfaConfiguration,
        EstimatedNumberOfUsers: countUsers(pool),
        CreationDate: created,
        LastModifiedDate: created,
        ...(domain ? { Domain: domain } : {}),
      },
    };
  },

  DescribeUserPoolClient(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    // Clients with a secret are described too (only their sign-in calls are refused).
    const client = ctx.clients.get(input.ClientId);
    if (!client || client.poolId !== pool.config.id) throw resourceNotFound(`User pool client ${input.ClientId} does not exist.`);
    const props = client.properties ?? {};
    const units = { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days', ...props.TokenValidityUnits };
    const per: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
    const created = epoch(createdAt(ctx, pool));
    return {
      UserPoolClient: {
        UserPoolId: pool.config.id,
        ClientName: client.name,
        ClientId: client.id,
        ...(client.secret ? { ClientSecret: client.secret } : {}),
        CreationDate: created,
        LastModifiedDate: created,
        RefreshTokenValidity: client.refreshTokenValiditySeconds / per[units.RefreshToken],
        AccessTokenValidity: client.accessTokenValiditySeconds / per[units.AccessToken],
        IdTokenValidity: client.idTokenValiditySeconds / per[units.IdToken],
        TokenValidityUnits: units,
        ...pick(props, CLIENT_MEMBERS),
        ExplicitAuthFlows: client.explicitAuthFlows,
        AllowedOAuthFlowsUserPoolClient: client.oauth.enabled,
        PreventUserExistenceErrors: client.preventUserExistenceErrors ? 'ENABLED' : 'LEGACY',
        EnableTokenRevocation: client.tokenRevocation !== false,
        AuthSessionValidity: client.authSessionValiditySeconds / 60,
      },
    };
  },
};
