import { SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * How Cognito asks an OIDC provider's userInfo endpoint for attributes.
 */
export enum OidcAttributeRequestMethod {
  /** HTTP GET. */
  GET = 'GET',
  /** HTTP POST. */
  POST = 'POST',
}

/**
 * Sign in with Google. Present means enabled.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
 */
export interface GoogleProvider {
  /** The OAuth client ID from the Google Cloud console. */
  readonly clientId: string;
  /**
   * The OAuth client secret, from AWS Secrets Manager (`SecretValue.secretsManager(...)`, `secret.secretValue`),
   * a NoEcho `CfnParameter` (`SecretValue.cfnParameter`) or a resource attribute. Plain text is refused.
   */
  readonly clientSecret: SecretValue;
  /**
   * Google scopes to request.
   * @default ["openid", "email", "profile"]
   */
  readonly scopes?: string[];
  /**
   * User pool attributes from Google's claims (`cognito.ProviderAttribute.GOOGLE_EMAIL`, `ProviderAttribute.other('...')`).
   * @default email and email_verified when users have an email address, else nothing
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-specifying-attribute-mapping.html
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Sign in with Facebook. Present means enabled.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
 */
export interface FacebookProvider {
  /** The Facebook app ID. */
  readonly clientId: string;
  /** The Facebook app secret, as for {@link GoogleProvider.clientSecret}. */
  readonly clientSecret: SecretValue;
  /**
   * Facebook permissions to request.
   * @default ["public_profile", "email"]
   */
  readonly scopes?: string[];
  /**
   * Graph API version, e.g. `v17.0`.
   * @default - the oldest version Facebook supports
   */
  readonly apiVersion?: string;
  /**
   * User pool attributes from Facebook's fields.
   * @default email when users have an email address, else nothing
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Login with Amazon. Present means enabled.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
 */
export interface AmazonProvider {
  /** The Login with Amazon client ID. */
  readonly clientId: string;
  /** The Login with Amazon client secret, as for {@link GoogleProvider.clientSecret}. */
  readonly clientSecret: SecretValue;
  /**
   * Profile data to request.
   * @default ["profile"]
   */
  readonly scopes?: string[];
  /**
   * User pool attributes from Amazon's profile.
   * @default email when users have an email address, else nothing
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Sign in with Apple. Present means enabled.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-social-idp.html
 */
export interface AppleProvider {
  /** The Services ID (client ID) from Apple. */
  readonly clientId: string;
  /** The Apple Developer team ID. */
  readonly teamId: string;
  /** The ID of the Sign in with Apple private key. */
  readonly keyId: string;
  /** The private key (.p8 content), as for {@link GoogleProvider.clientSecret}: Secrets Manager, never plain text. */
  readonly privateKey: SecretValue;
  /**
   * Apple scopes to request.
   * @default ["email", "name"]
   */
  readonly scopes?: string[];
  /**
   * User pool attributes from Apple's claims.
   * @default email and email_verified when users have an email address, else nothing
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * The endpoints of an OIDC provider without a discovery document.
 */
export interface OidcProviderEndpoints {
  /** Authorization endpoint (https). */
  readonly authorization: string;
  /** Token endpoint (https). */
  readonly token: string;
  /** userInfo endpoint (https). */
  readonly userInfo: string;
  /** JWKS endpoint (https). */
  readonly jwksUri: string;
}

/**
 * An OpenID Connect identity provider.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-oidc-idp.html
 */
export interface OidcProvider {
  /**
   * The provider name in the user pool (3 to 32 characters); apps pass it to sign in with this provider
   * (`signInWithRedirect({ provider: { custom: name } })`).
   */
  readonly name: string;
  /** The client ID registered with the provider. */
  readonly clientId: string;
  /** The client secret, as for {@link GoogleProvider.clientSecret}. */
  readonly clientSecret: SecretValue;
  /** The issuer URL (https); Cognito reads `<issuer>/.well-known/openid-configuration` unless `endpoints` is set. */
  readonly issuerUrl: string;
  /**
   * Scopes to request; must include `openid`.
   * @default ["openid", "email"]
   */
  readonly scopes?: string[];
  /**
   * How Cognito calls the userInfo endpoint.
   * @default OidcAttributeRequestMethod.GET
   */
  readonly attributeRequestMethod?: OidcAttributeRequestMethod;
  /**
   * The endpoints, when the provider has no discovery document.
   * @default - discovered from the issuer URL
   */
  readonly endpoints?: OidcProviderEndpoints;
  /**
   * Identifiers (e.g. email domains) that route users to this provider from managed login.
   * @default - none
   */
  readonly identifiers?: string[];
  /**
   * User pool attributes from the provider's claims (`ProviderAttribute.other('email')`).
   * @default email when users have an email address, else nothing
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * A SAML 2.0 identity provider. Give exactly one of `metadataUrl` and `metadataContent`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-saml-idp.html
 */
export interface SamlProvider {
  /** The provider name in the user pool (3 to 32 characters). */
  readonly name: string;
  /**
   * URL of the IdP's metadata document (https).
   * @default - use metadataContent
   */
  readonly metadataUrl?: string;
  /**
   * The IdP's metadata document (XML).
   * @default - use metadataUrl
   */
  readonly metadataContent?: string;
  /**
   * Identifiers (e.g. email domains) that route users to this provider from managed login.
   * @default - none
   */
  readonly identifiers?: string[];
  /**
   * Sign users out of the IdP too when they sign out (SAML single logout).
   * @default false
   */
  readonly idpSignout?: boolean;
  /**
   * Require encrypted SAML assertions.
   * @default false
   */
  readonly encryptedResponses?: boolean;
  /**
   * Sign SAML requests with RSA-SHA256.
   * @default false
   */
  readonly signRequests?: boolean;
  /**
   * Accept IdP-initiated sign-in (assertions without a request from Cognito).
   * @default false
   */
  readonly idpInitiated?: boolean;
  /**
   * User pool attributes from SAML attributes (`ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress')`).
   * @default - nothing (SAML attribute names differ by IdP)
   */
  readonly attributeMapping?: cognito.AttributeMapping;
}

/**
 * Third-party identity providers users can sign in with through managed login. They need a
 * `domain` and an app client with `oauth` settings. Cognito does not ask users who sign in through
 * a third-party provider for the pool's second factor: that provider's own MFA applies to them.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
 */
export interface ExternalProviders {
  /** @default - no Google sign-in */
  readonly google?: GoogleProvider;
  /** @default - no Facebook sign-in */
  readonly facebook?: FacebookProvider;
  /** @default - no Login with Amazon */
  readonly loginWithAmazon?: AmazonProvider;
  /** @default - no Sign in with Apple */
  readonly signInWithApple?: AppleProvider;
  /** @default - no OIDC providers */
  readonly oidc?: OidcProvider[];
  /** @default - no SAML providers */
  readonly saml?: SamlProvider[];
}
