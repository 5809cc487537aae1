/**
 * Props -> resolved front door (providers, domain, OAuth settings, resource servers). Called by
 * resolve.ts, which hands in the front-door defaults of defaults.ts (the `@default`s of
 * types-providers.ts and types-hosted-ui.ts).
 */
import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { FrontDoorDefaults } from './defaults';
import {
  COGNITO_PROVIDER, ResolvedBranding, ResolvedClientAccess, ResolvedDomain, ResolvedOAuth, ResolvedProvider,
  ResolvedResourceServer, ResolvedSecret, SOCIAL_PROVIDER_NAMES, STANDARD_ATTRIBUTE_WIRE_NAMES,
} from './resolved-front-door';
import { secretSource } from './secrets';
import { AppClientConfig, AuthProps } from './types';
import { ManagedLoginVersion } from './types-hosted-ui';

const PROVIDERS_PATH = 'loginWith.externalProviders';

/** The defaults, and what they depend on. */
export interface FrontDoorFacts {
  readonly collectsEmail: boolean;
  readonly collectsPhoneNumber: boolean;
  readonly defaults: FrontDoorDefaults;
}

export function resolveExternalProviders(props: AuthProps, facts: FrontDoorFacts): ResolvedProvider[] {
  const given = props.loginWith?.externalProviders ?? {};
  const { scopes } = facts.defaults;
  const emailMapping = (kind: keyof FrontDoorDefaults['emailMappings']): cognito.AttributeMapping => facts.collectsEmail ? facts.defaults.emailMappings[kind] : {};
  const providers: ResolvedProvider[] = [];
  // The four social providers differ only in name, defaults and which field holds the secret.
  const socialKinds = [
    ['google', 'clientSecret'], ['facebook', 'clientSecret'], ['loginWithAmazon', 'clientSecret'], ['signInWithApple', 'privateKey'],
  ] as const;
  for (const [kind, secretField] of socialKinds) {
    const config = given[kind];
    if (!config) continue;
    const path = `${PROVIDERS_PATH}.${kind}`;
    providers.push({
      kind,
      path,
      providerName: SOCIAL_PROVIDER_NAMES[kind],
      identifiers: [],
      config,
      scopes: config.scopes ?? [...scopes[kind]],
      ...mapping(path, config.attributeMapping, emailMapping(kind)),
      secrets: [secret(`${path}.${secretField}`, (config as unknown as Record<string, SecretValue>)[secretField])],
    } as ResolvedProvider);
  }
  (given.oidc ?? []).forEach((oidc, i) => {
    const path = `${PROVIDERS_PATH}.oidc[${i}]`;
    providers.push({
      kind: 'oidc',
      path,
      providerName: oidc.name,
      identifiers: oidc.identifiers ?? [],
      config: oidc,
      scopes: oidc.scopes ?? [...scopes.oidc],
      ...mapping(path, oidc.attributeMapping, emailMapping('oidc')),
      secrets: [secret(`${path}.clientSecret`, oidc.clientSecret)],
    });
  });
  (given.saml ?? []).forEach((saml, i) => {
    const path = `${PROVIDERS_PATH}.saml[${i}]`;
    providers.push({
      kind: 'saml',
      path,
      providerName: saml.name,
      identifiers: saml.identifiers ?? [],
      config: saml,
      scopes: [],
      ...mapping(path, saml.attributeMapping, {}),
      secrets: [],
    });
  });
  return providers;
}

function secret(path: string, value: SecretValue): ResolvedSecret {
  return { path, value, source: secretSource(value) };
}

/** Your mapping, or the default; plus the user pool attributes it writes, by wire name. */
function mapping(path: string, given: cognito.AttributeMapping | undefined, fallback: cognito.AttributeMapping) {
  const attributeMapping = given ?? fallback;
  const prefix = given ? `${path}.attributeMapping` : `${path}.attributeMapping (default)`;
  const mappedAttributes = new Map<string, string>();
  for (const [key, value] of Object.entries(attributeMapping)) {
    if (key === 'custom') {
      for (const name of Object.keys(value ?? {})) mappedAttributes.set(name, `${prefix}.custom.${name}`);
    } else if (value !== undefined) {
      mappedAttributes.set(STANDARD_ATTRIBUTE_WIRE_NAMES[key] ?? key, `${prefix}.${key}`);
    }
  }
  return { attributeMapping, mappedAttributes };
}

export function resolveDomain(props: AuthProps, facts: FrontDoorFacts): ResolvedDomain | undefined {
  const domain = props.domain;
  if (!domain) return undefined;
  const managedLoginVersion = domain.managedLoginVersion ?? facts.defaults.managedLoginVersion;
  return {
    cognitoPrefix: domain.cognitoPrefix,
    customDomain: domain.customDomain,
    managedLoginVersion,
    branding: managedLoginVersion === ManagedLoginVersion.MANAGED_LOGIN || domain.branding ? resolveBranding(domain.branding) : undefined,
  };
}

function resolveBranding(branding: NonNullable<AuthProps['domain']>['branding']): ResolvedBranding {
  const assets = branding?.assets ?? [];
  const settings = branding?.settings;
  return { useCognitoProvidedValues: settings === undefined && assets.length === 0, settings, assets };
}

/** Scopes of a client that signs users in, when it names none: `phone` too when users have a phone number. */
function defaultUserScopes(facts: FrontDoorFacts): string[] {
  return [...facts.defaults.userScopes, ...(facts.collectsPhoneNumber ? ['phone'] : [])];
}

export function resolveClientAccess(client: AppClientConfig, providers: readonly ResolvedProvider[], facts: FrontDoorFacts): ResolvedClientAccess {
  return {
    oauth: client.oauth && resolveOAuth(client.oauth, providers, facts),
    readAttributes: client.readAttributes,
    writeAttributes: client.writeAttributes,
    refreshTokenRotation: client.refreshTokenRotation && {
      retryGracePeriod: client.refreshTokenRotation.retryGracePeriod ?? facts.defaults.refreshTokenRetryGracePeriod,
    },
  };
}

function resolveOAuth(oauth: NonNullable<AppClientConfig['oauth']>, providers: readonly ResolvedProvider[], facts: FrontDoorFacts): ResolvedOAuth {
  const clientCredentials = oauth.clientCredentials ?? false;
  const authorizationCodeGrant = oauth.authorizationCodeGrant ?? !clientCredentials;
  const implicitGrant = oauth.implicitGrant ?? false;
  const hostedSignIn = authorizationCodeGrant || implicitGrant;
  return {
    callbackUrls: oauth.callbackUrls ?? [],
    logoutUrls: oauth.logoutUrls ?? [],
    defaultRedirectUri: oauth.defaultRedirectUri,
    scopes: oauth.scopes ?? (clientCredentials ? [] : defaultUserScopes(facts)),
    authorizationCodeGrant,
    implicitGrant,
    clientCredentials,
    identityProviders: oauth.identityProviders ?? (hostedSignIn ? [COGNITO_PROVIDER, ...providers.map(p => p.providerName)] : []),
    hostedSignIn,
  };
}

export function resolveResourceServers(props: AuthProps): ResolvedResourceServer[] {
  return (props.resourceServers ?? []).map(server => ({ ...server, name: server.name ?? server.identifier }));
}
