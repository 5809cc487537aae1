/**
 * The resolved front door: external identity providers, the domain with managed login, OAuth
 * settings of the app clients and the resource servers. Every default applied (in
 * resolve-front-door.ts), names as Cognito has them on the wire.
 */
import { Duration, SecretValue } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { SecretSource } from './secrets';
import { BrandingAsset, ManagedLoginVersion, ResourceServerConfig } from './types-hosted-ui';
import {
  AmazonProvider, AppleProvider, FacebookProvider, GoogleProvider, OidcProvider, SamlProvider,
} from './types-providers';

/** The kinds of external provider, by the prop that configures them. */
export type ProviderKind = 'google' | 'facebook' | 'loginWithAmazon' | 'signInWithApple' | 'oidc' | 'saml';

/** A secret a provider needs, and where it came from. */
export interface ResolvedSecret {
  /** The property, e.g. `loginWith.externalProviders.google.clientSecret`. */
  readonly path: string;
  readonly value: SecretValue;
  readonly source: SecretSource;
}

interface ResolvedProviderBase {
  /** The property that configures it, e.g. `loginWith.externalProviders.oidc[0]`. */
  readonly path: string;
  /** The provider name in the user pool (`Google`, ... or the OIDC/SAML name): what clients list. */
  readonly providerName: string;
  /** The mapping, defaults merged in, in the L2's form. */
  readonly attributeMapping: cognito.AttributeMapping;
  /** User pool attribute (wire name, e.g. `email`, `custom:tenant`) to the property that maps it. */
  readonly mappedAttributes: ReadonlyMap<string, string>;
  readonly identifiers: readonly string[];
  readonly secrets: readonly ResolvedSecret[];
}

export interface ResolvedSocialProvider<K extends ProviderKind, P> extends ResolvedProviderBase {
  readonly kind: K;
  readonly scopes: readonly string[];
  readonly config: P;
}

export type ResolvedProvider =
  | ResolvedSocialProvider<'google', GoogleProvider>
  | ResolvedSocialProvider<'facebook', FacebookProvider>
  | ResolvedSocialProvider<'loginWithAmazon', AmazonProvider>
  | ResolvedSocialProvider<'signInWithApple', AppleProvider>
  | ResolvedSocialProvider<'oidc', OidcProvider>
  | ResolvedSocialProvider<'saml', SamlProvider>;

/**
 * The domain, as the passkey rules (relying party ID) and the mappers need it: exactly one of
 * `cognitoPrefix` and `customDomain` is set.
 */
export interface ResolvedDomain {
  readonly cognitoPrefix?: string;
  readonly customDomain?: { readonly domainName: string; readonly certificate: acm.ICertificate };
  readonly managedLoginVersion: ManagedLoginVersion;
  /** The branding style; undefined with the classic hosted UI. */
  readonly branding?: ResolvedBranding;
}

export interface ResolvedBranding {
  /** Cognito's default style: neither settings nor assets were given. */
  readonly useCognitoProvidedValues: boolean;
  readonly settings?: { readonly [key: string]: any };
  readonly assets: readonly BrandingAsset[];
}

/** The OAuth settings of one client. */
export interface ResolvedOAuth {
  readonly callbackUrls: readonly string[];
  readonly logoutUrls: readonly string[];
  readonly defaultRedirectUri?: string;
  readonly scopes: readonly string[];
  readonly authorizationCodeGrant: boolean;
  readonly implicitGrant: boolean;
  readonly clientCredentials: boolean;
  /** `COGNITO` and provider names. */
  readonly identityProviders: readonly string[];
  /** Whether users sign in through the hosted pages with this client (code or implicit grant). */
  readonly hostedSignIn: boolean;
}

export interface ResolvedRefreshTokenRotation {
  readonly retryGracePeriod: Duration;
}

/** The OAuth and attribute settings every app client has (the default one and the named ones). */
export interface ResolvedClientAccess {
  readonly oauth?: ResolvedOAuth;
  readonly readAttributes?: readonly string[];
  readonly writeAttributes?: readonly string[];
  readonly refreshTokenRotation?: ResolvedRefreshTokenRotation;
}

export interface ResolvedResourceServer extends ResourceServerConfig {
  readonly name: string;
}

/** Standard user pool attribute wire names (the L2's attribute names, and the two `_verified` ones). */
export const STANDARD_ATTRIBUTE_WIRE_NAMES: Readonly<Record<string, string>> = {
  address: 'address',
  birthdate: 'birthdate',
  email: 'email',
  emailVerified: 'email_verified',
  familyName: 'family_name',
  gender: 'gender',
  givenName: 'given_name',
  locale: 'locale',
  middleName: 'middle_name',
  fullname: 'name',
  nickname: 'nickname',
  phoneNumber: 'phone_number',
  phoneNumberVerified: 'phone_number_verified',
  profilePicture: 'picture',
  preferredUsername: 'preferred_username',
  profilePage: 'profile',
  timezone: 'zoneinfo',
  lastUpdateTime: 'updated_at',
  website: 'website',
};

/** Cognito's names for the social providers, as `SupportedIdentityProviders` lists them. */
export const SOCIAL_PROVIDER_NAMES = {
  google: 'Google',
  facebook: 'Facebook',
  loginWithAmazon: 'LoginWithAmazon',
  signInWithApple: 'SignInWithApple',
} as const;

/** The name of the pool's own users in `SupportedIdentityProviders`. */
export const COGNITO_PROVIDER = 'COGNITO';

/**
 * The host name users sign in at (no scheme): `<prefix>.auth.<region>.amazoncognito.com` or the
 * custom domain. What a passkey relying party ID must match, and what amplify_outputs.json names.
 */
export function domainHostname(domain: ResolvedDomain, region: string): string {
  return domain.customDomain?.domainName ?? `${domain.cognitoPrefix}.auth.${region}.amazoncognito.com`;
}
