import { AdminSetUserMFAPreferenceCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { MfaFactor, UserMfaState } from './user-state';

/** What recovering a lost TOTP device would do for one user. */
export type TotpRecoveryPlan =
  /** The user has no TOTP: nothing to recover. */
  | { readonly kind: 'no-totp' }
  /** The pool does not require MFA: turn TOTP off; the user signs in with the password (or another factor). */
  | { readonly kind: 'disable-totp' }
  /** The pool requires MFA: move the user to another factor, made preferred, and turn TOTP off. */
  | { readonly kind: 'switch'; readonly to: 'SMS' | 'EMAIL' }
  /** No change is possible under Cognito's rules; `options` explains what the operator can do. */
  | { readonly kind: 'blocked'; readonly options: string[] };

/**
 * Decides how to recover a user who lost their TOTP device, following Cognito's rules: an admin
 * may turn TOTP off only when the pool's MFA is not REQUIRED; under REQUIRED the user must be moved
 * to another factor that is enabled on the pool and whose attribute is verified (codes go there).
 */
export function planTotpRecovery(state: UserMfaState): TotpRecoveryPlan {
  if (!state.factors.includes('TOTP')) return { kind: 'no-totp' };
  if (state.pool.mode !== 'REQUIRED') return { kind: 'disable-totp' };

  const usable = (['SMS', 'EMAIL'] as const).filter(f => state.pool.factors.includes(f) && contactOf(state, f)?.verified === true);
  // A factor the user already uses is the least surprising one to switch to.
  const to = usable.find(f => state.factors.includes(f)) ?? usable[0];
  if (to) return { kind: 'switch', to };

  const options: string[] = [];
  for (const f of ['SMS', 'EMAIL'] as const) {
    if (!state.pool.factors.includes(f)) continue;
    const attribute = f === 'SMS' ? 'phone number' : 'email address';
    const has = contactOf(state, f) ? `verify the user's ${attribute} (it is not verified)` : `add and verify a ${attribute} for the user`;
    options.push(`${has} after confirming their identity out of band, then run this command again to switch them to ${f}`);
  }
  if (options.length === 0) options.push('the pool has no other factor (SMS or EMAIL) enabled; enabling one is a pool change (SetUserPoolMfaConfig)');
  options.push('or delete the user (AdminDeleteUser) and invite them again (AdminCreateUser): they set up TOTP again at first sign-in');
  return { kind: 'blocked', options };
}

/** The AdminSetUserMFAPreference settings that carry out a plan, or undefined when nothing changes. */
export function preferenceFor(plan: TotpRecoveryPlan): Omit<AdminSetUserMFAPreferenceCommandInput, 'UserPoolId' | 'Username'> | undefined {
  const totpOff = { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } };
  switch (plan.kind) {
    case 'disable-totp': return totpOff;
    case 'switch': return plan.to === 'SMS'
      ? { ...totpOff, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }
      : { ...totpOff, EmailMfaSettings: { Enabled: true, PreferredMfa: true } };
    default: return undefined;
  }
}

/** One line describing the plan, for people. */
export function describePlan(plan: TotpRecoveryPlan): string {
  switch (plan.kind) {
    case 'no-totp': return 'The user has no TOTP factor: nothing to recover.';
    case 'disable-totp': return 'Turn TOTP off for the user (pool MFA is not REQUIRED). The user can set up a new authenticator after signing in.';
    case 'switch': return `Pool MFA is REQUIRED: enable ${plan.to} for the user, make it preferred, and turn TOTP off. The user can set up a new authenticator after signing in.`;
    case 'blocked': return 'Cannot recover without another verified factor (pool MFA is REQUIRED). Nothing was changed. Options:';
  }
}

function contactOf(state: UserMfaState, factor: MfaFactor) {
  return factor === 'SMS' ? state.phone : factor === 'EMAIL' ? state.email : undefined;
}
