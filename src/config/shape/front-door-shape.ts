/**
 * The run-time description of the front-door props: external providers, the domain, OAuth client
 * settings, named app clients and resource servers (types-providers.ts, types-hosted-ui.ts and
 * their fields in types.ts). Composed into AUTH_PROPS_SHAPE.
 */
import { SecretValue } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  arrayOf, boolean, construct, describe, duration, enumOf, Fields, mapOf, required, Shape, string, struct,
} from './shape';
import {
  BrandingAsset, BrandingAssetCategory, BrandingColorMode, ClientOAuth, CustomDomain, DomainConfig, ManagedLoginBranding,
  ManagedLoginVersion, RefreshTokenRotation, ResourceServerConfig, ResourceServerScope,
} from '../types-hosted-ui';
import {
  AmazonProvider, AppleProvider, ExternalProviders, FacebookProvider, GoogleProvider, OidcAttributeRequestMethod,
  OidcProvider, OidcProviderEndpoints, SamlProvider,
} from '../types-providers';

const OURS = '@cdk-mfa/auth';
const COGNITO = 'aws-cdk-lib.aws_cognito';

/**
 * A `SecretValue`. A plain string is refused without echoing it: the value is a secret, and the
 * message may end up in CI logs.
 */
function secretValue(): Shape<SecretValue> {
  return {
    expected: 'a SecretValue',
    jsii: { fqn: 'aws-cdk-lib.SecretValue' },
    check(value, path, report) {
      if (SecretValue.isSecretValue(value)) return;
      const got = typeof value === 'string' ? 'a string (not shown: it is a secret)' : describe(value);
      report(path, `must be a SecretValue, got ${got}`,
        'store the secret in AWS Secrets Manager and pass SecretValue.secretsManager(\'<secret name or ARN>\')');
    },
  };
}

/** Any JSON value (jsii `any`), e.g. the branding settings document. */
function json(): Shape<any> {
  return {
    expected: 'a JSON value',
    jsii: { primitive: 'any' },
    check(value, path, report) {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') report(path, `must be a JSON value, got ${describe(value)}`);
    },
  };
}

/** `cognito.ProviderAttribute` (a class with `attributeName`), recognised by that attribute. */
function providerAttribute(): Shape<cognito.ProviderAttribute> {
  return {
    expected: 'a cognito.ProviderAttribute',
    jsii: { fqn: `${COGNITO}.ProviderAttribute` },
    check(value, path, report) {
      if (value !== null && typeof value === 'object' && typeof (value as any).attributeName === 'string') return;
      report(path, `must be a cognito.ProviderAttribute, got ${describe(value)}`,
        typeof value === 'string' ? `write cognito.ProviderAttribute.other(${JSON.stringify(value)})` : undefined);
    },
  };
}

const mappingFields = (): Fields<cognito.AttributeMapping> => {
  const attr = providerAttribute;
  return {
    address: attr(),
    birthdate: attr(),
    email: attr(),
    emailVerified: attr(),
    familyName: attr(),
    gender: attr(),
    givenName: attr(),
    locale: attr(),
    middleName: attr(),
    fullname: attr(),
    nickname: attr(),
    phoneNumber: attr(),
    profilePicture: attr(),
    preferredUsername: attr(),
    profilePage: attr(),
    timezone: attr(),
    lastUpdateTime: attr(),
    website: attr(),
    custom: mapOf(attr()),
  };
};
const attributeMapping = () => struct<cognito.AttributeMapping>('cognito.AttributeMapping', `${COGNITO}.AttributeMapping`, mappingFields());

export const EXTERNAL_PROVIDERS_SHAPE = struct<ExternalProviders>('ExternalProviders', `${OURS}.ExternalProviders`, {
  google: struct<GoogleProvider>('GoogleProvider', `${OURS}.GoogleProvider`, {
    clientId: required(string()), clientSecret: required(secretValue()), scopes: arrayOf(string()), attributeMapping: attributeMapping(),
  }),
  facebook: struct<FacebookProvider>('FacebookProvider', `${OURS}.FacebookProvider`, {
    clientId: required(string()),
    clientSecret: required(secretValue()),
    scopes: arrayOf(string()),
    apiVersion: string(),
    attributeMapping: attributeMapping(),
  }),
  loginWithAmazon: struct<AmazonProvider>('AmazonProvider', `${OURS}.AmazonProvider`, {
    clientId: required(string()), clientSecret: required(secretValue()), scopes: arrayOf(string()), attributeMapping: attributeMapping(),
  }),
  signInWithApple: struct<AppleProvider>('AppleProvider', `${OURS}.AppleProvider`, {
    clientId: required(string()),
    teamId: required(string()),
    keyId: required(string()),
    privateKey: required(secretValue()),
    scopes: arrayOf(string()),
    attributeMapping: attributeMapping(),
  }),
  oidc: arrayOf(struct<OidcProvider>('OidcProvider', `${OURS}.OidcProvider`, {
    name: required(string()),
    clientId: required(string()),
    clientSecret: required(secretValue()),
    issuerUrl: required(string()),
    scopes: arrayOf(string()),
    attributeRequestMethod: enumOf<OidcAttributeRequestMethod>('OidcAttributeRequestMethod', `${OURS}.OidcAttributeRequestMethod`, OidcAttributeRequestMethod),
    endpoints: struct<OidcProviderEndpoints>('OidcProviderEndpoints', `${OURS}.OidcProviderEndpoints`, {
      authorization: required(string()), token: required(string()), userInfo: required(string()), jwksUri: required(string()),
    }),
    identifiers: arrayOf(string()),
    attributeMapping: attributeMapping(),
  })),
  saml: arrayOf(struct<SamlProvider>('SamlProvider', `${OURS}.SamlProvider`, {
    name: required(string()),
    metadataUrl: string(),
    metadataContent: string(),
    identifiers: arrayOf(string()),
    idpSignout: boolean(),
    encryptedResponses: boolean(),
    signRequests: boolean(),
    idpInitiated: boolean(),
    attributeMapping: attributeMapping(),
  })),
});

export const CLIENT_OAUTH_SHAPE = struct<ClientOAuth>('ClientOAuth', `${OURS}.ClientOAuth`, {
  callbackUrls: arrayOf(string()),
  logoutUrls: arrayOf(string()),
  defaultRedirectUri: string(),
  scopes: arrayOf(string()),
  authorizationCodeGrant: boolean(),
  implicitGrant: boolean(),
  clientCredentials: boolean(),
  identityProviders: arrayOf(string()),
});

export const REFRESH_TOKEN_ROTATION_SHAPE = struct<RefreshTokenRotation>('RefreshTokenRotation', `${OURS}.RefreshTokenRotation`, {
  retryGracePeriod: duration(),
});

export const DOMAIN_SHAPE = struct<DomainConfig>('DomainConfig', `${OURS}.DomainConfig`, {
  cognitoPrefix: string(),
  customDomain: struct<CustomDomain>('CustomDomain', `${OURS}.CustomDomain`, {
    domainName: required(string()),
    certificate: required(construct<acm.ICertificate>('acm.ICertificate', 'aws-cdk-lib.aws_certificatemanager.ICertificate', 'certificateArn')),
  }),
  managedLoginVersion: enumOf<ManagedLoginVersion>('ManagedLoginVersion', `${OURS}.ManagedLoginVersion`, ManagedLoginVersion,
    { V1: ManagedLoginVersion.CLASSIC_HOSTED_UI, V2: ManagedLoginVersion.MANAGED_LOGIN, NEWER_MANAGED_LOGIN: ManagedLoginVersion.MANAGED_LOGIN }),
  branding: struct<ManagedLoginBranding>('ManagedLoginBranding', `${OURS}.ManagedLoginBranding`, {
    settings: mapOf(json()),
    assets: arrayOf(struct<BrandingAsset>('BrandingAsset', `${OURS}.BrandingAsset`, {
      category: required(enumOf<BrandingAssetCategory>('BrandingAssetCategory', `${OURS}.BrandingAssetCategory`, BrandingAssetCategory)),
      colorMode: required(enumOf<BrandingColorMode>('BrandingColorMode', `${OURS}.BrandingColorMode`, BrandingColorMode)),
      file: required(string()),
    })),
  }),
});

export const RESOURCE_SERVERS_SHAPE = arrayOf(struct<ResourceServerConfig>('ResourceServerConfig', `${OURS}.ResourceServerConfig`, {
  identifier: required(string()),
  name: string(),
  scopes: required(arrayOf(struct<ResourceServerScope>('ResourceServerScope', `${OURS}.ResourceServerScope`, {
    name: required(string()),
    description: required(string()),
  }))),
}));
