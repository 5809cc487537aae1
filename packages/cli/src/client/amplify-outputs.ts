import { AuthClientDescription, ClientMfaMethod, ClientOAuthDescription, ClientPasswordless, UsernameAttribute } from './description';
import { amplifySocialProviders } from './from-template';

/** The newest `amplify_outputs.json` schema version whose `auth` section this module writes. */
export const AMPLIFY_OUTPUTS_VERSION = '1.4';

/**
 * The `auth` section of Amplify's client configuration (`amplify_outputs.json`), schema v1.4.
 * Field names and allowed values follow `@aws-amplify/client-config` `clientConfigTypesV1_4`.
 */
export interface AmplifyAuthOutputs {
  readonly aws_region: string;
  readonly user_pool_id: string;
  readonly user_pool_client_id: string;
  readonly identity_pool_id?: string;
  readonly unauthenticated_identities_enabled?: boolean;
  readonly mfa_configuration: 'NONE' | 'OPTIONAL' | 'REQUIRED';
  readonly mfa_methods: ClientMfaMethod[];
  /** At least one item; `username` when users sign in with a plain user name. */
  readonly username_attributes: (UsernameAttribute | 'username')[];
  readonly standard_required_attributes: string[];
  readonly user_verification_types: UsernameAttribute[];
  readonly password_policy: {
    readonly min_length: number;
    readonly require_lowercase: boolean;
    readonly require_numbers: boolean;
    readonly require_symbols: boolean;
    readonly require_uppercase: boolean;
  };
  /** One single-key object per group: `{ [groupName]: { precedence } }`. */
  readonly groups: Record<string, { precedence?: number }>[];
  /** Passwordless first factors, when the pool allows any. */
  readonly passwordless?: {
    readonly email_otp_enabled: boolean;
    readonly sms_otp_enabled: boolean;
    readonly web_authn?: { readonly relying_party_id: string; readonly user_verification: 'required' | 'preferred' };
  };
  /** Hosted sign-in (`signInWithRedirect`), when the app client uses it. */
  readonly oauth?: {
    /** Only the social providers: OIDC and SAML ones are signed in with `{ provider: { custom: name } }`. */
    readonly identity_providers: ('GOOGLE' | 'FACEBOOK' | 'LOGIN_WITH_AMAZON' | 'SIGN_IN_WITH_APPLE')[];
    /** Host name of the user pool domain, without a scheme. */
    readonly domain: string;
    readonly scopes: string[];
    readonly redirect_sign_in_uri: string[];
    readonly redirect_sign_out_uri: string[];
    readonly response_type: 'code' | 'token';
  };
}

/** `amplify_outputs.json` with only the `auth` section. */
export interface AmplifyOutputs {
  readonly version: typeof AMPLIFY_OUTPUTS_VERSION;
  readonly auth: AmplifyAuthOutputs;
}

/**
 * Builds `amplify_outputs.json` for Amplify client libraries (`Amplify.configure(outputs)`, the
 * Authenticator) from a user pool description. Pure: no I/O, no AWS calls.
 */
export function buildAmplifyOutputs(input: AuthClientDescription): AmplifyOutputs {
  const policy = input.passwordPolicy;
  return {
    version: AMPLIFY_OUTPUTS_VERSION,
    auth: {
      aws_region: input.region,
      user_pool_id: input.userPoolId,
      user_pool_client_id: input.userPoolClientId,
      ...(input.identityPoolId ? {
        identity_pool_id: input.identityPoolId,
        unauthenticated_identities_enabled: input.unauthenticatedIdentitiesEnabled ?? false,
      } : {}),
      mfa_configuration: input.mfaMode === 'OFF' ? 'NONE' : input.mfaMode,
      mfa_methods: input.mfaMode === 'OFF' ? [] : [...input.mfaMethods],
      // The schema needs at least one item; a pool without username attributes signs in by user name.
      username_attributes: input.usernameAttributes.length ? [...input.usernameAttributes] : ['username'],
      standard_required_attributes: [...input.requiredAttributes],
      user_verification_types: [...input.verificationTypes],
      password_policy: {
        min_length: policy.minLength,
        require_lowercase: policy.requireLowercase,
        require_numbers: policy.requireNumbers,
        require_symbols: policy.requireSymbols,
        require_uppercase: policy.requireUppercase,
      },
      groups: input.groups.map(g => ({ [g.name]: g.precedence === undefined ? {} : { precedence: g.precedence } })),
      ...(input.passwordless ? { passwordless: passwordlessOutputs(input.passwordless) } : {}),
      ...(input.oauth ? { oauth: oauthOutputs(input.oauth) } : {}),
    },
  };
}

function oauthOutputs(o: ClientOAuthDescription): NonNullable<AmplifyAuthOutputs['oauth']> {
  return {
    identity_providers: amplifySocialProviders(o.identityProviders) as NonNullable<AmplifyAuthOutputs['oauth']>['identity_providers'],
    domain: o.domain,
    scopes: [...o.scopes],
    redirect_sign_in_uri: [...o.redirectSignIn],
    redirect_sign_out_uri: [...o.redirectSignOut],
    response_type: o.responseType,
  };
}

function passwordlessOutputs(p: ClientPasswordless): NonNullable<AmplifyAuthOutputs['passwordless']> {
  return {
    email_otp_enabled: p.emailOtp,
    sms_otp_enabled: p.smsOtp,
    ...(p.webAuthn ? { web_authn: { relying_party_id: p.webAuthn.relyingPartyId, user_verification: p.webAuthn.userVerification } } : {}),
  };
}
