/**
 * What the sandbox stores: users, devices, passkeys, refresh tokens, groups and a pool's own state.
 * The settings a template gives a pool live in pool-config.ts.
 */
import { MfaMethod, MfaMode } from './pool-config';

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
 * A pool's own state, kept in memory and saved with each operation (store/store.ts). Its users
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
