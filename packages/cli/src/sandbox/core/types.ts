import { PreTokenEventVersion } from './token-customization';
/** Shapes shared by the sandbox modules: pool/client settings read from a template, and stored state. */

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

/** AWS::Cognito::ManagedLoginBranding values the pages use. */
export interface BrandingConfig {
  /** Colors read from Settings (CSS color values), when given. */
  readonly colors: { readonly primary?: string; readonly pageBackground?: string; readonly formBackground?: string };
  /** FORM_LOGO asset as a data: URL. */
  readonly logo?: string;
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

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED' | 'EXTERNAL_PROVIDER';

/** Attributes Cognito verifies with a code. */
export type VerifiableAttribute = 'email' | 'phone_number';

export interface StoredCode {
  readonly code: string;
  readonly expiresAt: number;
}

export interface DeviceRecord {
  readonly key: string;
  readonly groupKey: string;
  name?: string;
  /** Device SRP salt and verifier (hex), set by ConfirmDevice. */
  salt?: string;
  verifier?: string;
  confirmed: boolean;
  remembered: boolean;
  readonly createdAt: number;
  lastAuthenticatedAt: number;
  lastModifiedAt: number;
}

export interface WebAuthnSettings {
  /** Undefined when the template sets none: the sandbox then uses `localhost` (see webauthn.ts). */
  readonly relyingPartyId?: string;
  readonly userVerification: 'required' | 'preferred';
}

/** A registered passkey (CompleteWebAuthnRegistration). */
export interface WebAuthnCredentialRecord {
  /** base64url credential ID, as the authenticator made it. */
  readonly id: string;
  /** base64url COSE public key. */
  readonly publicKey: string;
  /** The authenticator's signature counter at its last use (0 for authenticators that do not count). */
  counter: number;
  readonly relyingPartyId: string;
  readonly transports: string[];
  readonly attachment?: string;
  readonly friendlyName: string;
  readonly createdAt: number;
}

/** A StartWebAuthnRegistration in progress, until CompleteWebAuthnRegistration. */
export interface PendingWebAuthnRegistration {
  readonly challenge: string;
  readonly relyingPartyId: string;
  readonly expiresAt: number;
}

export interface UserRecord {
  /** Internal username (the sub when the pool signs in with email/phone as username). */
  readonly username: string;
  readonly sub: string;
  attributes: Record<string, string>;
  status: UserStatus;
  enabled: boolean;
  /** scrypt hash of the password (hex) with its salt; the password itself is never stored. */
  passwordHash: string;
  passwordSalt: string;
  /** SRP salt and verifier (hex) for USER_SRP_AUTH. */
  srpSalt: string;
  srpVerifier: string;
  temporaryPasswordExpiresAt?: number;
  readonly createdAt: number;
  updatedAt: number;
  confirmationCode?: StoredCode;
  /** Code from ForgotPassword, until ConfirmForgotPassword. */
  resetCode?: StoredCode;
  totp?: { secret: string; verified: boolean; lastUsedStep?: number };
  /** Secret from AssociateSoftwareToken (access token path) until VerifySoftwareToken. */
  pendingTotpSecret?: string;
  mfaEnabled: MfaMethod[];
  preferredMfa?: MfaMethod;
  groups: string[];
  failedSignIns: number;
  lockedUntil?: number;
  devices: Record<string, DeviceRecord>;
  /** Set by (Admin)GlobalSignOut (epoch ms): access tokens issued before it are refused (see revocation.ts). */
  tokensRevokedAt?: number;
  /** origin_jti of the sign-ins revoked in the second of `tokensRevokedAt` (token `iat` is whole seconds). */
  revokedOrigins?: string[];
  /** Codes from GetUserAttributeVerificationCode, until VerifyUserAttribute. */
  attributeCodes?: Partial<Record<VerifiableAttribute, StoredCode>>;
  /**
   * New email/phone values that wait for their code (AttributesRequireVerificationBeforeUpdate):
   * the user keeps the old value, and VerifyUserAttribute puts this one in its place.
   */
  pendingAttributes?: Partial<Record<VerifiableAttribute, string>>;
  /** scrypt hashes of the user's latest passwords, newest first (PasswordHistorySize); never the passwords. */
  passwordHistory?: { readonly hash: string; readonly salt: string }[];
  /** Registered passkeys. */
  webAuthnCredentials?: WebAuthnCredentialRecord[];
  webAuthnRegistration?: PendingWebAuthnRegistration;
}

export interface RefreshRecord {
  readonly username: string;
  readonly clientId: string;
  readonly deviceKey?: string;
  readonly originJti: string;
  readonly authTime: number;
  readonly expiresAt: number;
  /** OAuth scopes of tokens from the hosted sign-in, kept for refreshes; absent for API sign-ins. */
  readonly scopes?: string[];
  /** Set on a rotated-out refresh token (epoch ms): it works until then, for client retries. */
  readonly graceUntil?: number;
}

export interface GroupRecord {
  readonly name: string;
  readonly description?: string;
  readonly precedence?: number;
  readonly createdAt: number;
}

/**
 * A pool's own state, kept in memory and saved with each operation (src/sandbox/store.ts). Its users
 * and refresh tokens are rows read per operation: reach them through users.ts and refresh-tokens.ts.
 * Optional fields added here persist (in `pools.settings`) without a schema change.
 */
export interface PoolState {
  readonly id: string;
  /** RSA private key (PKCS8 PEM) that signs this pool's tokens. */
  readonly signingKey: string;
  readonly keyId: string;
  /** When the sandbox first served this pool (epoch ms): DescribeUserPool's CreationDate. */
  createdAt?: number;
  /** origin_jti of revoked sign-ins (RevokeToken, /oauth2/revoke) to when their refresh token would have expired. */
  revokedOrigins?: Record<string, number>;
  /** Groups from the template plus those created through CreateGroup. */
  groups?: Record<string, GroupRecord>;
  /** Federated identities linked to local users (AdminLinkProviderForUser): `<provider>:<subject>` to username. */
  providerLinks?: Record<string, string>;
  /** SetUserPoolMfaConfig changes, applied over the template on restart. */
  mfaOverride?: {
    mfaConfiguration: MfaMode;
    enabledMfas: MfaMethod[];
    smsAuthenticationMessage?: string;
    emailMessage?: string;
    emailSubject?: string;
  };
}
