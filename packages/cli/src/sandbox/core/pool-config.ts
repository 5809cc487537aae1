/**
 * What a template says about a pool and its app clients, as the template reader returns it: the
 * settings the sandbox runs a pool with. State the sandbox stores lives in records.ts.
 */
import { PreTokenEventVersion } from './token-customization';

/** The AWS account every sandbox resource belongs to (ARNs): the one the template reader resolves AWS::AccountId to. */
export { ACCOUNT_ID } from '@cdk-mfa/auth/template';

export type MfaMode = 'OFF' | 'ON' | 'OPTIONAL';
export type MfaMethod = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';

export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly temporaryPasswordValidityDays: number;
  /** PasswordHistorySize: previous passwords a user may not set again (0: not enforced). */
  readonly historySize?: number;
}

export interface SchemaAttribute {
  readonly name: string;
  readonly required: boolean;
  readonly mutable: boolean;
}

/** A Lambda trigger as the template declares it; `code` is absent when it cannot run locally. */
export interface TriggerFunction {
  readonly logicalId: string;
  readonly handler: string;
  /** Directory holding the handler module, or undefined when the code is not available. */
  readonly codeDir?: string;
  /** Why the code is unavailable (logged once per invocation). */
  readonly missingReason?: string;
  readonly environment: Record<string, string>;
  /** The function's Timeout (seconds). @default 3, as Lambda */
  readonly timeoutSeconds?: number;
  /** The function's MemorySize (MB): the heap its worker may use. @default 128, as Lambda */
  readonly memoryMb?: number;
  /** Event version the trigger is configured for (Pre token generation: V1_0 to V3_0). @default '1' */
  readonly eventVersion?: PreTokenEventVersion;
}

export interface PoolConfig {
  readonly id: string;
  readonly logicalId: string;
  readonly stackName: string;
  readonly name: string;
  mfaConfiguration: MfaMode;
  enabledMfas: MfaMethod[];
  /** SignInPolicy.AllowedFirstAuthFactors: what choice-based sign-in (USER_AUTH) may start with. */
  readonly firstAuthFactors: string[];
  /** WebAuthnRelyingPartyID and WebAuthnUserVerification: what passkeys are bound to, and whether they must verify the user. */
  readonly webAuthn?: WebAuthnSettings;
  readonly usernameAttributes: string[];
  readonly aliasAttributes: string[];
  readonly autoVerifiedAttributes: string[];
  readonly passwordPolicy: PasswordPolicy;
  readonly device?: { readonly challengeRequiredOnNewDevice: boolean; readonly onlyRememberedOnUserPrompt: boolean };
  readonly verification: { readonly emailMessage: string; readonly emailSubject: string; readonly smsMessage: string };
  smsAuthenticationMessage: string;
  emailAuthenticationMessage: string;
  emailAuthenticationSubject: string;
  readonly allowAdminCreateUserOnly: boolean;
  readonly invite: { readonly emailMessage: string; readonly emailSubject: string; readonly smsMessage: string };
  readonly caseSensitive: boolean;
  readonly schema: SchemaAttribute[];
  /** Trigger name as in LambdaConfig (PreSignUp, PreTokenGeneration, ...) to function. */
  readonly triggers: Record<string, TriggerFunction>;
  /**
   * LambdaConfig.KMSKeyID as a key ARN: the key the custom sender triggers' (CustomEmailSender,
   * CustomSMSSender) codes are encrypted under. Set whenever the pool has a custom sender.
   */
  readonly customSenderKeyArn?: string;
  readonly groups: { readonly name: string; readonly precedence?: number; readonly description?: string }[];
  /** The pool's OAuth 2.0 front door (domains, resource servers, external providers), when the template gives it one. */
  readonly hosted: HostedPoolConfig;
  /**
   * UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: for these (email,
   * phone_number) a change waits for its code, and the old value stays active until then.
   */
  readonly attributesRequireVerificationBeforeUpdate?: string[];
  /** The pool's resolved CloudFormation properties, for DescribeUserPool. */
  readonly properties?: Record<string, any>;
}

/** AWS::Cognito::UserPoolDomain, UserPoolResourceServer and UserPoolIdentityProvider of one pool. */
export interface HostedPoolConfig {
  /** Domain prefixes (`Domain` of each UserPoolDomain), or custom domain names. */
  readonly domains: string[];
  /** 1 (classic hosted UI) or 2 (managed login), per domain as ManagedLoginVersion says. */
  readonly managedLoginVersion: number;
  readonly resourceServers: ResourceServerConfig[];
  readonly identityProviders: IdentityProviderConfig[];
}

export interface ResourceServerConfig {
  readonly identifier: string;
  readonly name: string;
  /** Scope names as defined, without the identifier prefix. */
  readonly scopes: string[];
}

export interface IdentityProviderConfig {
  /** ProviderName: `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`, or the OIDC/SAML name. */
  readonly name: string;
  /** ProviderType: Google, Facebook, LoginWithAmazon, SignInWithApple, OIDC or SAML. */
  readonly type: string;
  /** AttributeMapping: user pool attribute to the provider's attribute. */
  readonly attributeMapping: Record<string, string>;
  /** IdpIdentifiers: other names `idp_identifier` may use for this provider. */
  readonly identifiers: string[];
}

/** Colors of one display mode of a managed login branding style, as CSS hex values (`#rrggbbaa`). */
export interface BrandingPalette {
  readonly primaryButton?: string;
  readonly primaryButtonText?: string;
  readonly primaryButtonHover?: string;
  readonly primaryButtonHoverText?: string;
  readonly secondaryButton?: string;
  readonly secondaryButtonBorder?: string;
  readonly secondaryButtonText?: string;
  readonly pageBackground?: string;
  readonly formBackground?: string;
  readonly formBorder?: string;
  readonly heading?: string;
  readonly body?: string;
  readonly description?: string;
  readonly link?: string;
  readonly linkHover?: string;
  readonly inputBackground?: string;
  readonly inputBorder?: string;
  readonly inputLabel?: string;
  readonly inputDescription?: string;
  readonly focus?: string;
  readonly errorBackground?: string;
  readonly errorBorder?: string;
  readonly divider?: string;
  readonly headerBackground?: string;
  readonly headerBorder?: string;
}

/** A branding image, embedded as a `data:` URL (its bytes were checked to be base64). */
export interface BrandingImage {
  readonly category: string;
  readonly colorMode: 'LIGHT' | 'DARK' | 'DYNAMIC';
  readonly url: string;
}

/**
 * An AWS::Cognito::ManagedLoginBranding style as the pages render it: the values of its Settings
 * document the pages use, checked when the template was read (colors hex, sizes numbers), and its
 * images. `cognitoDefaults` (UseCognitoProvidedValues) means Cognito's own look.
 */
export interface BrandingConfig {
  readonly cognitoDefaults: boolean;
  /** categories.global.colorSchemeMode: DYNAMIC follows the browser's light or dark preference. */
  readonly colorScheme: 'LIGHT' | 'DARK' | 'DYNAMIC';
  readonly light: BrandingPalette;
  readonly dark: BrandingPalette;
  /** Corner radii in pixels (componentClasses.buttons / input, components.form). */
  readonly radius: { readonly button?: number; readonly input?: number; readonly form?: number };
  /** components.form.logo.enabled: the FORM_LOGO image shows above the form (unless turned off). */
  readonly formLogo: boolean;
  /** The PAGE_HEADER_LOGO image shows in the page header (categories.global.pageHeader, components.pageHeader.logo). */
  readonly headerLogo: boolean;
  /** components.pageBackground.image.enabled: the PAGE_BACKGROUND image covers the page. */
  readonly pageBackgroundImage: boolean;
  /** components.favicon.enabledTypes: ICO and/or SVG. */
  readonly faviconTypes: readonly string[];
  /** form location (categories.form.location). */
  readonly formLocation: { readonly horizontal: 'START' | 'CENTER' | 'END'; readonly vertical: 'START' | 'CENTER' | 'END' };
  readonly images: readonly BrandingImage[];
}

/** The OAuth settings of an app client (AllowedOAuthFlows and friends). */
export interface ClientOAuthConfig {
  /** AllowedOAuthFlowsUserPoolClient: the client may use the OAuth endpoints at all. */
  readonly enabled: boolean;
  /** `code`, `implicit`, `client_credentials`. */
  readonly flows: string[];
  readonly scopes: string[];
  readonly callbackUrls: string[];
  readonly logoutUrls: string[];
  readonly defaultRedirectUri?: string;
  /** SupportedIdentityProviders: COGNITO and the external provider names. */
  readonly identityProviders: string[];
  readonly branding?: BrandingConfig;
}

export interface ClientConfig {
  readonly id: string;
  readonly logicalId: string;
  readonly poolId: string;
  readonly name: string;
  readonly explicitAuthFlows: string[];
  readonly accessTokenValiditySeconds: number;
  readonly idTokenValiditySeconds: number;
  readonly refreshTokenValiditySeconds: number;
  readonly authSessionValiditySeconds: number;
  readonly preventUserExistenceErrors: boolean;
  /** GenerateSecret: calls would need a SECRET_HASH, which the sandbox does not check, so it refuses the client. */
  readonly hasSecret: boolean;
  /** The sandbox's client secret (stable per stack and logical ID) when GenerateSecret is set. */
  readonly secret?: string;
  readonly oauth: ClientOAuthConfig;
  /** RefreshTokenRotation: GetTokensFromRefreshToken issues a new refresh token; the old one lasts the grace period. */
  readonly refreshTokenRotation?: { readonly enabled: boolean; readonly retryGracePeriodSeconds: number };
  /** EnableTokenRevocation (default true): RevokeToken works for this client's refresh tokens. */
  readonly tokenRevocation?: boolean;
  /** The client's resolved CloudFormation properties, for DescribeUserPoolClient. */
  readonly properties?: Record<string, any>;
}

export interface WebAuthnSettings {
  /** Undefined when the template sets none: the sandbox then uses `localhost` (see webauthn.ts). */
  readonly relyingPartyId?: string;
  readonly userVerification: 'required' | 'preferred';
}
