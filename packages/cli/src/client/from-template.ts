import {
  AuthClientDescription, ClientGroup, ClientOAuthDescription, ClientPasswordless, ClientPasswordPolicy,
  MFA_METHOD_BY_COGNITO_NAME, MFA_MODE_BY_COGNITO_NAME, UsernameAttribute,
} from './description';

/** A synthesized CloudFormation template, as JSON (`Template.fromStack(stack).toJSON()` or a `*.template.json`). */
export interface CloudFormationTemplate {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, any> }>;
  readonly Outputs?: Record<string, { Value?: unknown }>;
}

/** The ids only known after deployment (from stack outputs) or from the local sandbox. */
export interface ResolvedAuthIds {
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** @default - no identity pool in the client configuration */
  readonly identityPoolId?: string;
  /**
   * Logical id of the user pool to describe, when the template has several.
   * @default - the template's only `AWS::Cognito::UserPool`
   */
  readonly userPoolLogicalId?: string;
  /**
   * Logical id of the app client `userPoolClientId` belongs to, when the pool has several.
   * @default - the client a `<id>UserPoolClientId` output names, else the pool's only client without a secret
   */
  readonly userPoolClientLogicalId?: string;
  /**
   * Host name of the user pool domain as deployed (the construct's `<id>Domain` stack output), for
   * the `oauth` section. A deployed value wins over the template, whose `Domain` may be a token.
   * @default - the template's `AWS::Cognito::UserPoolDomain` (its prefix must then be a literal)
   */
  readonly domain?: string;
}

/** What Cognito applies when a pool is created without a password policy. */
const COGNITO_DEFAULT_PASSWORD_POLICY: ClientPasswordPolicy = {
  minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true,
};

/**
 * Describes a user pool for client configuration from its synthesized template and its real ids.
 *
 * It reads the template rather than the construct's props, so the description matches what
 * CloudFormation deploys (or what the sandbox runs from the same template).
 *
 * @throws Error naming the argument when the template has no (or an ambiguous) user pool, or when a
 * setting the client needs is not a literal value.
 */
export function authClientDescriptionFromTemplate(template: CloudFormationTemplate, resolved: ResolvedAuthIds): AuthClientDescription {
  for (const key of ['region', 'userPoolId', 'userPoolClientId'] as const) {
    if (typeof resolved[key] !== 'string' || resolved[key].length === 0) {
      throw new Error(`resolved.${key} must be a non-empty string`);
    }
  }
  const resources = template.Resources ?? {};
  const poolId = findUserPool(resources, resolved.userPoolLogicalId);
  const p = resources[poolId].Properties ?? {};

  const mfaMode = MFA_MODE_BY_COGNITO_NAME[literal(p.MfaConfiguration ?? 'OFF', 'MfaConfiguration')];
  if (!mfaMode) throw new Error(`template: user pool ${poolId} has an unknown MfaConfiguration ${JSON.stringify(p.MfaConfiguration)}`);
  const mfaMethods = mfaMode === 'OFF' ? [] : stringList(p.EnabledMfas, 'EnabledMfas').map(m => {
    const method = MFA_METHOD_BY_COGNITO_NAME[m];
    if (!method) throw new Error(`template: user pool ${poolId} has an unknown EnabledMfas value ${JSON.stringify(m)}`);
    return method;
  });

  return {
    region: resolved.region,
    userPoolId: resolved.userPoolId,
    userPoolClientId: resolved.userPoolClientId,
    ...identityPool(resources, resolved.identityPoolId),
    mfaMode,
    mfaMethods,
    usernameAttributes: stringList(p.UsernameAttributes, 'UsernameAttributes') as UsernameAttribute[],
    requiredAttributes: (p.Schema ?? [])
      .filter((a: any) => a.Required === true && !String(a.Name).startsWith('custom:'))
      .map((a: any) => literal(a.Name, 'Schema[].Name')),
    verificationTypes: stringList(p.AutoVerifiedAttributes, 'AutoVerifiedAttributes') as UsernameAttribute[],
    passwordPolicy: passwordPolicy(p.Policies?.PasswordPolicy),
    groups: groupsOf(resources, poolId),
    ...passwordless(p),
    ...hostedSignIn(template, poolId, resolved),
  };
}

/** Social providers by Cognito's name, to Amplify's (`amplify_outputs.json` lists only these four). */
const AMPLIFY_PROVIDER_NAMES: Readonly<Record<string, string>> = {
  Google: 'GOOGLE', Facebook: 'FACEBOOK', LoginWithAmazon: 'LOGIN_WITH_AMAZON', SignInWithApple: 'SIGN_IN_WITH_APPLE',
};

/** Cognito's provider names to the names Amplify's configuration uses; OIDC and SAML providers have none. */
export function amplifySocialProviders(providers: readonly string[]): string[] {
  return providers.flatMap(name => AMPLIFY_PROVIDER_NAMES[name] ?? []);
}

/** The app client's hosted sign-in, with the pool's domain; nothing without the code or implicit grant. */
function hostedSignIn(template: CloudFormationTemplate, poolId: string, resolved: ResolvedAuthIds): { oauth?: ClientOAuthDescription } {
  const resources = template.Resources ?? {};
  const clientId = findClient(template, poolId, resolved.userPoolClientLogicalId);
  const c = clientId ? resources[clientId].Properties ?? {} : {};
  const flows = stringList(c.AllowedOAuthFlows, 'AllowedOAuthFlows');
  const responseType = flows.includes('code') ? 'code' : flows.includes('implicit') ? 'token' : undefined;
  if (!responseType || c.AllowedOAuthFlowsUserPoolClient !== true) return {};
  const domains = Object.values(resources).filter(r => r.Type === 'AWS::Cognito::UserPoolDomain' && r.Properties?.UserPoolId?.Ref === poolId);
  if (domains.length !== 1) throw new Error(`template: app client ${clientId} uses OAuth, but the user pool ${poolId} has ${domains.length} domains (expected 1)`);
  return {
    oauth: {
      domain: resolved.domain ?? templateDomain(domains[0].Properties ?? {}, resolved.region),
      scopes: stringList(c.AllowedOAuthScopes, 'AllowedOAuthScopes'),
      redirectSignIn: stringList(c.CallbackURLs, 'CallbackURLs'),
      redirectSignOut: stringList(c.LogoutURLs, 'LogoutURLs'),
      responseType,
      identityProviders: stringList(c.SupportedIdentityProviders, 'SupportedIdentityProviders'),
    },
  };
}

/** The host name a UserPoolDomain resource gives: a custom domain as named, a prefix under Cognito's host. */
function templateDomain(properties: Record<string, any>, region: string): string {
  const name = literal(properties.Domain, 'UserPoolDomain Domain (or pass the deployed <id>Domain output as resolved.domain)');
  return properties.CustomDomainConfig ? name : `${name}.auth.${region}.amazoncognito.com`;
}

function findClient(template: CloudFormationTemplate, poolId: string, logicalId: string | undefined): string | undefined {
  const resources = template.Resources ?? {};
  const clients = Object.keys(resources).filter(id => resources[id].Type === 'AWS::Cognito::UserPoolClient' && resources[id].Properties?.UserPoolId?.Ref === poolId);
  if (logicalId !== undefined) {
    if (!clients.includes(logicalId)) throw new Error(`resolved.userPoolClientLogicalId: no AWS::Cognito::UserPoolClient ${logicalId} of ${poolId} in the template (found: ${clients.join(', ') || 'none'})`);
    return logicalId;
  }
  // The construct's `<id>UserPoolClientId` output names its public client.
  const named = Object.entries(template.Outputs ?? {})
    .filter(([key]) => key.endsWith('UserPoolClientId'))
    .map(([, output]) => (output.Value as { Ref?: unknown } | undefined)?.Ref)
    .filter((ref): ref is string => typeof ref === 'string' && clients.includes(ref));
  if (named.length === 1) return named[0];
  const publicClients = clients.filter(id => resources[id].Properties?.GenerateSecret !== true);
  return publicClients.length === 1 ? publicClients[0] : undefined;
}

/** SignInPolicy.AllowedFirstAuthFactors beyond PASSWORD; nothing when the password is the only first factor. */
function passwordless(p: Record<string, any>): { passwordless?: ClientPasswordless } {
  const factors = stringList(p.Policies?.SignInPolicy?.AllowedFirstAuthFactors, 'AllowedFirstAuthFactors');
  if (!factors.some(f => f !== 'PASSWORD')) return {};
  return {
    passwordless: {
      emailOtp: factors.includes('EMAIL_OTP'),
      smsOtp: factors.includes('SMS_OTP'),
      ...(factors.includes('WEB_AUTHN') ? {
        webAuthn: {
          relyingPartyId: p.WebAuthnRelyingPartyID === undefined ? '' : literal(p.WebAuthnRelyingPartyID, 'WebAuthnRelyingPartyID'),
          userVerification: p.WebAuthnUserVerification === 'required' ? 'required' : 'preferred',
        },
      } : {}),
    },
  };
}

function findUserPool(resources: NonNullable<CloudFormationTemplate['Resources']>, logicalId: string | undefined): string {
  const pools = Object.keys(resources).filter(id => resources[id].Type === 'AWS::Cognito::UserPool');
  if (logicalId !== undefined) {
    if (!pools.includes(logicalId)) throw new Error(`resolved.userPoolLogicalId: no AWS::Cognito::UserPool ${logicalId} in the template (found: ${pools.join(', ') || 'none'})`);
    return logicalId;
  }
  if (pools.length !== 1) {
    throw new Error(`template: expected one AWS::Cognito::UserPool, found ${pools.length}${pools.length ? ` (${pools.join(', ')}); set resolved.userPoolLogicalId` : ''}`);
  }
  return pools[0];
}

function identityPool(resources: NonNullable<CloudFormationTemplate['Resources']>, identityPoolId: string | undefined) {
  if (!identityPoolId) return {};
  const pools = Object.values(resources).filter(r => r.Type === 'AWS::Cognito::IdentityPool');
  // Guests get credentials only when the template's identity pool says so.
  const unauthenticatedIdentitiesEnabled = pools.length === 1 && pools[0].Properties?.AllowUnauthenticatedIdentities === true;
  return { identityPoolId, unauthenticatedIdentitiesEnabled };
}

function passwordPolicy(policy: Record<string, any> | undefined): ClientPasswordPolicy {
  if (!policy) return COGNITO_DEFAULT_PASSWORD_POLICY;
  // Within an explicit policy, an omitted requirement is off (CloudFormation's behaviour).
  return {
    minLength: policy.MinimumLength ?? COGNITO_DEFAULT_PASSWORD_POLICY.minLength,
    requireLowercase: policy.RequireLowercase === true,
    requireUppercase: policy.RequireUppercase === true,
    requireNumbers: policy.RequireNumbers === true,
    requireSymbols: policy.RequireSymbols === true,
  };
}

function groupsOf(resources: NonNullable<CloudFormationTemplate['Resources']>, poolId: string): ClientGroup[] {
  return Object.values(resources)
    .filter(r => r.Type === 'AWS::Cognito::UserPoolGroup' && r.Properties?.UserPoolId?.Ref === poolId)
    .map(r => {
      const name = literal(r.Properties?.GroupName, 'UserPoolGroup GroupName');
      const precedence = r.Properties?.Precedence;
      return precedence === undefined ? { name } : { name, precedence };
    });
}

function stringList(value: unknown, property: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`template: ${property} must be a literal list, got ${JSON.stringify(value)}`);
  return value.map(v => literal(v, property));
}

/** Client configuration needs literal values: a token (Ref, Fn::*) cannot be resolved here. */
function literal(value: unknown, property: string): string {
  if (typeof value !== 'string') throw new Error(`template: ${property} must be a literal string, got ${JSON.stringify(value)}`);
  return value;
}
