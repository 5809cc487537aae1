import { CfnTemplate, readTemplate, resourcesOfPool, TemplateDescription, UserPoolDescription } from '@cdk-mfa/auth/template';
import {
  AuthClientDescription, ClientGroup, ClientOAuthDescription, ClientPasswordless, ClientPasswordPolicy,
  MFA_METHOD_BY_COGNITO_NAME, MFA_MODE_BY_COGNITO_NAME, UsernameAttribute,
} from './description';

/** A synthesized CloudFormation template, as JSON (`Template.fromStack(stack).toJSON()` or a `*.template.json`). */
export type CloudFormationTemplate = CfnTemplate;

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
  const clientId = findClient(template, poolId, resolved.userPoolClientLogicalId);
  // Intrinsics resolve as the sandbox resolves them, with the real ids for the pool and its client; a
  // Ref to a template parameter stays a token, which a setting the client needs then refuses.
  const refs: Record<string, string> = Object.fromEntries(Object.keys(resources).map(id => [id, id]));
  const description = readTemplate(template, {
    region: resolved.region,
    stackName: '',
    refs: { ...refs, [poolId]: resolved.userPoolId, ...(clientId ? { [clientId]: resolved.userPoolClientId } : {}) },
    attributes: {},
    keepUnknownRefs: true,
  });
  const pool = description.userPools.find(p => p.logicalId === poolId)!;
  const p = pool.properties;

  const mfaMode = MFA_MODE_BY_COGNITO_NAME[pool.mfaConfiguration];
  const mfaMethods = pool.enabledMfas.map(m => {
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
    usernameAttributes: pool.usernameAttributes as UsernameAttribute[],
    requiredAttributes: pool.schema.filter(a => a.required && !a.name.startsWith('custom:')).map(a => a.name),
    verificationTypes: pool.autoVerifiedAttributes as UsernameAttribute[],
    passwordPolicy: passwordPolicy(pool),
    groups: groupsOf(description, pool),
    ...passwordless(p),
    ...hostedSignIn(description, pool, clientId, resolved),
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
function hostedSignIn(
  description: TemplateDescription, pool: UserPoolDescription, clientId: string | undefined, resolved: ResolvedAuthIds,
): { oauth?: ClientOAuthDescription } {
  const c = description.resources.find(r => r.logicalId === clientId)?.properties ?? {};
  const flows = stringList(c.AllowedOAuthFlows, 'AllowedOAuthFlows');
  const responseType = flows.includes('code') ? 'code' : flows.includes('implicit') ? 'token' : undefined;
  if (!responseType || c.AllowedOAuthFlowsUserPoolClient !== true) return {};
  const domains = resourcesOfPool(description, pool, 'AWS::Cognito::UserPoolDomain');
  if (domains.length !== 1) throw new Error(`template: app client ${clientId} uses OAuth, but the user pool ${pool.logicalId} has ${domains.length} domains (expected 1)`);
  return {
    oauth: {
      domain: resolved.domain ?? templateDomain(domains[0].properties, resolved.region),
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

/** The pool's policy with Cognito's defaults (applied by the shared reader), in the client's terms. */
function passwordPolicy(pool: UserPoolDescription): ClientPasswordPolicy {
  const policy = pool.passwordPolicy;
  return {
    minLength: policy.minimumLength,
    requireLowercase: policy.requireLowercase,
    requireUppercase: policy.requireUppercase,
    requireNumbers: policy.requireNumbers,
    requireSymbols: policy.requireSymbols,
  };
}

function groupsOf(description: TemplateDescription, pool: UserPoolDescription): ClientGroup[] {
  return resourcesOfPool(description, pool, 'AWS::Cognito::UserPoolGroup').map(r => {
    const name = literal(r.properties.GroupName, 'UserPoolGroup GroupName');
    const precedence = r.properties.Precedence;
    return precedence === undefined ? { name } : { name, precedence };
  });
}

function stringList(value: unknown, property: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`template: ${property} must be a literal list, got ${JSON.stringify(value)}`);
  return value.map(v => literal(v, property));
}

/** Client configuration needs literal values: what the reader could not resolve (an object) is refused. */
function literal(value: unknown, property: string): string {
  if (typeof value !== 'string') throw new Error(`template: ${property} must be a literal string, got ${JSON.stringify(value)}`);
  return value;
}
