import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';

/**
 * Which hosted sign-in pages the domain serves.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html
 */
export enum ManagedLoginVersion {
  /** Managed login (version 2): the current pages, with passkeys and the branding editor. Essentials or Plus. */
  MANAGED_LOGIN = 'MANAGED_LOGIN',
  /** The classic hosted UI (version 1): the only choice on the Lite plan; no branding styles. */
  CLASSIC_HOSTED_UI = 'CLASSIC_HOSTED_UI',
}

/** What a managed login image is for. */
export enum BrandingAssetCategory {
  FAVICON_ICO = 'FAVICON_ICO',
  FAVICON_SVG = 'FAVICON_SVG',
  EMAIL_GRAPHIC = 'EMAIL_GRAPHIC',
  SMS_GRAPHIC = 'SMS_GRAPHIC',
  AUTH_APP_GRAPHIC = 'AUTH_APP_GRAPHIC',
  PASSWORD_GRAPHIC = 'PASSWORD_GRAPHIC',
  PASSKEY_GRAPHIC = 'PASSKEY_GRAPHIC',
  PAGE_HEADER_LOGO = 'PAGE_HEADER_LOGO',
  PAGE_HEADER_BACKGROUND = 'PAGE_HEADER_BACKGROUND',
  PAGE_FOOTER_LOGO = 'PAGE_FOOTER_LOGO',
  PAGE_FOOTER_BACKGROUND = 'PAGE_FOOTER_BACKGROUND',
  PAGE_BACKGROUND = 'PAGE_BACKGROUND',
  FORM_BACKGROUND = 'FORM_BACKGROUND',
  FORM_LOGO = 'FORM_LOGO',
  IDP_BUTTON_ICON = 'IDP_BUTTON_ICON',
}

/** The display mode an image is for. */
export enum BrandingColorMode {
  /** Light mode only. */
  LIGHT = 'LIGHT',
  /** Dark mode only. */
  DARK = 'DARK',
  /** Every mode (browser-adaptive). */
  DYNAMIC = 'DYNAMIC',
}

/** An image file for a managed login branding style. */
export interface BrandingAsset {
  /** Where the image is shown. */
  readonly category: BrandingAssetCategory;
  /** The display mode it is for. */
  readonly colorMode: BrandingColorMode;
  /**
   * Path of the image (ICO, JPEG, PNG, SVG or WEBP; at most 1,000,000 bytes), read at synth time
   * and embedded in the template.
   */
  readonly file: string;
}

/**
 * A managed login branding style (`AWS::Cognito::ManagedLoginBranding`), applied to every app
 * client that signs users in through the domain.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-branding.html
 */
export interface ManagedLoginBranding {
  /**
   * The style settings JSON, as the branding editor exports it (`components`, `componentClasses`, `categories`).
   * @default - Cognito's default style (when `assets` is also unset)
   */
  readonly settings?: { [key: string]: any };
  /**
   * Images: logos, backgrounds, icons.
   * @default - none (when `settings` is also unset, Cognito's default style)
   */
  readonly assets?: BrandingAsset[];
}

/**
 * A domain you own, with its TLS certificate.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-add-custom-domain.html
 */
export interface CustomDomain {
  /** The fully qualified domain name, e.g. `auth.example.com`. Its parent domain needs a DNS A record. */
  readonly domainName: string;
  /** An ACM certificate for the domain, in us-east-1 (Cognito serves the domain through CloudFront). */
  readonly certificate: acm.ICertificate;
}

/**
 * The web domain of the user pool: the OAuth 2.0 authorization server and the hosted sign-in pages.
 * Give exactly one of `cognitoPrefix` and `customDomain`.
 *
 * Managed login runs TOTP enrolment and MFA challenges itself, so the pool's MFA settings apply
 * to every user who signs in with a password there.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
 */
export interface DomainConfig {
  /**
   * A Cognito prefix domain, `<prefix>.auth.<region>.amazoncognito.com`: lower-case letters, digits
   * and hyphens, without the words `aws`, `amazon` or `cognito`.
   * @default - use customDomain
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
   */
  readonly cognitoPrefix?: string;
  /**
   * A domain you own.
   * @default - use cognitoPrefix
   */
  readonly customDomain?: CustomDomain;
  /**
   * Managed login (version 2) or the classic hosted UI (version 1).
   * @default ManagedLoginVersion.MANAGED_LOGIN
   */
  readonly managedLoginVersion?: ManagedLoginVersion;
  /**
   * The managed login branding style (managed login only).
   * @default - Cognito's default style for every client that signs users in through the domain
   */
  readonly branding?: ManagedLoginBranding;
}

/**
 * OAuth 2.0 settings of an app client: the hosted sign-in (authorization code grant with PKCE),
 * or machine-to-machine access (client credentials). Present means enabled; it needs a `domain`.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
 */
export interface ClientOAuth {
  /**
   * Where Cognito may send users after sign-in: https, `http://localhost`, or an app scheme
   * (`myapp://callback`); no fragment; at most 100. Required for the authorization code and implicit grants.
   * @default - none
   */
  readonly callbackUrls?: string[];
  /**
   * Where Cognito may send users after sign-out; same rules as `callbackUrls`.
   * @default - none
   */
  readonly logoutUrls?: string[];
  /**
   * The redirect URI used when a request names none; must be one of `callbackUrls`.
   * @default - none
   */
  readonly defaultRedirectUri?: string;
  /**
   * Scopes the client may request: `openid`, `email`, `phone`, `profile`,
   * `aws.cognito.signin.user.admin` (needed to manage MFA and attributes with the access token), and
   * resource server scopes `<identifier>/<scope>`. Client credentials take resource server scopes only.
   * @default ["openid", "email", "profile", "aws.cognito.signin.user.admin"], plus "phone" when users have a
   * phone number; no default with client credentials
   */
  readonly scopes?: string[];
  /**
   * The authorization code grant (apps use it with PKCE, as Amplify's `signInWithRedirect` does).
   * @default true, unless clientCredentials is on
   */
  readonly authorizationCodeGrant?: boolean;
  /**
   * The implicit grant (tokens in the redirect URL). Discouraged: it warns at synth time, and it
   * cannot be combined with the authorization code grant.
   * @default false
   */
  readonly implicitGrant?: boolean;
  /**
   * The client credentials grant (machine to machine). Needs a confidential client (`generateSecret: true`)
   * and resource server scopes; cannot be combined with the other grants.
   * @default false
   */
  readonly clientCredentials?: boolean;
  /**
   * Identity providers the client offers: `COGNITO` (the pool's own users), `Google`, `Facebook`,
   * `LoginWithAmazon`, `SignInWithApple`, and the names of OIDC and SAML providers.
   * @default - COGNITO and every configured external provider
   */
  readonly identityProviders?: string[];
}

/**
 * Refresh token rotation: every refresh returns a new refresh token and invalidates the old one.
 * Present means enabled. Apps then refresh with GetTokensFromRefreshToken (Amplify JS 6 does);
 * REFRESH_TOKEN_AUTH is no longer allowed for the client.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 */
export interface RefreshTokenRotation {
  /**
   * How long the old refresh token keeps working after a rotation (0 to 60 seconds), for retries.
   * @default Duration.seconds(0)
   */
  readonly retryGracePeriod?: Duration;
}

/**
 * A custom scope of a resource server.
 */
export interface ResourceServerScope {
  /** The scope name (1 to 256 characters, no spaces, `"` or `/` or `\`); clients ask for `<identifier>/<name>`. */
  readonly name: string;
  /** What the scope allows (1 to 256 characters). */
  readonly description: string;
}

/**
 * An OAuth 2.0 resource server (an API) and its custom scopes.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
 */
export interface ResourceServerConfig {
  /** Identifier of the API, often its URL (1 to 256 characters), e.g. `https://api.example.com` or `orders`. */
  readonly identifier: string;
  /**
   * Display name (1 to 256 characters).
   * @default - the identifier
   */
  readonly name?: string;
  /** Its custom scopes (at most 100). */
  readonly scopes: ResourceServerScope[];
}
