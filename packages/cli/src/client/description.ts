/**
 * What an app needs to know about a deployed (or sandboxed) user pool to sign users in.
 *
 * Plain data with no CDK types, so it can be built from a synthesized template plus real ids (a
 * deployed stack's outputs, or the local sandbox) and turned into client configuration files.
 */
export interface AuthClientDescription {
  /** AWS Region of the user pool, e.g. `us-east-1`. */
  readonly region: string;
  /** The user pool id, e.g. `us-east-1_AbCdEf123`. */
  readonly userPoolId: string;
  /** The app client id (a public client: no secret). */
  readonly userPoolClientId: string;
  /**
   * The identity pool id, when there is one.
   * @default - no identity pool
   */
  readonly identityPoolId?: string;
  /**
   * Whether the identity pool gives guests credentials. Only meaningful with `identityPoolId`.
   * @default false
   */
  readonly unauthenticatedIdentitiesEnabled?: boolean;
  /** Whether a second factor is off, optional or required (the project's names, not CloudFormation's `ON`). */
  readonly mfaMode: ClientMfaMode;
  /** The second factors enabled on the pool. Empty when `mfaMode` is `OFF`. */
  readonly mfaMethods: ClientMfaMethod[];
  /** What users sign in with. Empty means a plain user name. */
  readonly usernameAttributes: UsernameAttribute[];
  /** Standard attributes required at sign-up (e.g. `email`, `name`). */
  readonly requiredAttributes: string[];
  /** Attributes Cognito verifies by sending a code. */
  readonly verificationTypes: UsernameAttribute[];
  /** The password rules, so a sign-up form can check a password before sending it. */
  readonly passwordPolicy: ClientPasswordPolicy;
  /** The user pool groups. */
  readonly groups: ClientGroup[];
  /**
   * First factors besides the password (choice-based sign-in), from the pool's SignInPolicy.
   * @default - password only
   */
  readonly passwordless?: ClientPasswordless;
  /**
   * Hosted sign-in through the user pool domain, when the app client uses the authorization code or
   * implicit grant (what Amplify's `signInWithRedirect` needs).
   * @default - no hosted sign-in
   */
  readonly oauth?: ClientOAuthDescription;
}

/** Hosted sign-in settings of the app client. */
export interface ClientOAuthDescription {
  /** Host name of the user pool domain, e.g. `my-app.auth.eu-west-1.amazoncognito.com` or `auth.example.com`. */
  readonly domain: string;
  readonly scopes: string[];
  readonly redirectSignIn: string[];
  readonly redirectSignOut: string[];
  /** `code` (authorization code grant with PKCE) or `token` (implicit grant). */
  readonly responseType: 'code' | 'token';
  /** Every provider the client offers, by Cognito's name (`COGNITO`, `Google`, an OIDC provider's name). */
  readonly identityProviders: string[];
}

/** Passwordless first factors a user pool allows. */
export interface ClientPasswordless {
  readonly emailOtp: boolean;
  readonly smsOtp: boolean;
  /** Passkeys, with the relying party (an empty id means the pool's own domain). */
  readonly webAuthn?: { readonly relyingPartyId: string; readonly userVerification: 'required' | 'preferred' };
}

/** MFA mode of a user pool. */
export type ClientMfaMode = 'OFF' | 'OPTIONAL' | 'REQUIRED';

/** A second factor, by the name client libraries use. */
export type ClientMfaMethod = 'SMS' | 'TOTP' | 'EMAIL';

/** CloudFormation's / Cognito's `MfaConfiguration` value to the mode name clients use. */
export const MFA_MODE_BY_COGNITO_NAME: Readonly<Record<string, ClientMfaMode>> = { ON: 'REQUIRED', OPTIONAL: 'OPTIONAL', OFF: 'OFF' };

/** Cognito's second-factor names (EnabledMfas, UserMFASettingList) to the names clients use. */
export const MFA_METHOD_BY_COGNITO_NAME: Readonly<Record<string, ClientMfaMethod>> = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' };

/** An attribute users sign in with or verify. */
export type UsernameAttribute = 'email' | 'phone_number';

/** Password rules of a user pool. */
export interface ClientPasswordPolicy {
  readonly minLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
}

/** A user pool group. */
export interface ClientGroup {
  readonly name: string;
  /** Lower wins when a user is in several groups. */
  readonly precedence?: number;
}
