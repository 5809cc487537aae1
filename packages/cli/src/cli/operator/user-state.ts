import {
  AdminGetUserCommand, CognitoIdentityProviderClient, GetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { maskEmail, maskIdentifier, maskPhone } from './redact';
import { ClientMfaMethod, MFA_METHOD_BY_COGNITO_NAME, MFA_MODE_BY_COGNITO_NAME } from '../../client/description';

/** A second factor, by its short name. */
export type MfaFactor = ClientMfaMethod;

/** A contact attribute, masked. */
export interface MaskedContact {
  readonly masked: string;
  readonly verified: boolean;
}

/** What an operator needs to know about a user's MFA, with personal data already masked. */
export interface UserMfaState {
  /** The user name as Cognito stores it, masked when it is an email address or phone number. */
  readonly username: string;
  readonly status?: string;
  readonly enabled: boolean;
  /** Second factors the user has set up and enabled. */
  readonly factors: MfaFactor[];
  readonly preferred?: MfaFactor;
  readonly pool: { readonly mode: 'OFF' | 'OPTIONAL' | 'REQUIRED'; readonly factors: MfaFactor[] };
  readonly phone?: MaskedContact;
  readonly email?: MaskedContact;
}


/** Reads the user (AdminGetUser) and the pool's MFA settings (GetUserPoolMfaConfig). */
export async function loadUserMfaState(client: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<UserMfaState> {
  const [user, mfa] = await Promise.all([
    client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })),
    client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId })),
  ]);
  const attributes = new Map((user.UserAttributes ?? []).map(a => [a.Name ?? '', a.Value ?? '']));
  const poolFactors: MfaFactor[] = [];
  if (mfa.SoftwareTokenMfaConfiguration?.Enabled) poolFactors.push('TOTP');
  // GetUserPoolMfaConfig returns the SMS and email blocks only for factors enabled on the pool.
  if (mfa.SmsMfaConfiguration) poolFactors.push('SMS');
  if (mfa.EmailMfaConfiguration) poolFactors.push('EMAIL');
  const phone = attributes.get('phone_number');
  const email = attributes.get('email');
  return {
    username: maskIdentifier(user.Username ?? username),
    status: user.UserStatus,
    enabled: user.Enabled !== false,
    factors: (user.UserMFASettingList ?? []).map(f => MFA_METHOD_BY_COGNITO_NAME[f]).filter((f): f is MfaFactor => f !== undefined),
    preferred: user.PreferredMfaSetting ? MFA_METHOD_BY_COGNITO_NAME[user.PreferredMfaSetting] : undefined,
    pool: { mode: MFA_MODE_BY_COGNITO_NAME[mfa.MfaConfiguration ?? 'OFF'] ?? 'OFF', factors: poolFactors },
    phone: phone ? { masked: maskPhone(phone), verified: attributes.get('phone_number_verified') === 'true' } : undefined,
    email: email ? { masked: maskEmail(email), verified: attributes.get('email_verified') === 'true' } : undefined,
  };
}
