/**
 * Password history (Policies.PasswordPolicy.PasswordHistorySize): "Users can't set a password that
 * matches any of n previous passwords". The sandbox counts the current password as the newest of
 * those n (so with n = 1 only the current one is refused; the docs leave this open) and keeps the
 * scrypt hashes of the n - 1 before it on the user, never the passwords. ChangePassword,
 * ConfirmForgotPassword, AdminSetUserPassword and the forced change (NEW_PASSWORD_REQUIRED, from the
 * API or the hosted pages; a temporary password is the current one) refuse a reuse with
 * PasswordHistoryPolicyViolationException.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_PasswordPolicyType.html
 */
import { PoolRuntime } from './context';
import { CognitoError } from '../core/errors';
import { UserRecord } from '../core/records';
import { passwordMatches } from '../crypto/passwords';

const sizeOf = (pool: PoolRuntime) => pool.config.passwordPolicy.historySize ?? 0;

/** Refuses `password` when it is one of the user's last PasswordHistorySize passwords. */
export async function checkPasswordHistory(pool: PoolRuntime, user: UserRecord, password: string): Promise<void> {
  const size = sizeOf(pool);
  if (!size) return;
  const previous = [{ hash: user.passwordHash, salt: user.passwordSalt }, ...(user.passwordHistory ?? [])].slice(0, size);
  for (const p of previous) {
    if (!p.hash || !(await passwordMatches(password, p.hash, p.salt))) continue;
    throw new CognitoError('PasswordHistoryPolicyViolationException',
      `The password must not match any of the user's last ${size} passwords (the pool's PasswordHistorySize).`);
  }
}

/** Before a new password is set: the current hash joins the history, trimmed to what the pool keeps. */
export function rememberCurrentPassword(pool: PoolRuntime, user: UserRecord): void {
  const size = sizeOf(pool);
  if (!size || !user.passwordHash) {
    if (user.passwordHistory) user.passwordHistory = undefined;
    return;
  }
  user.passwordHistory = [{ hash: user.passwordHash, salt: user.passwordSalt }, ...(user.passwordHistory ?? [])].slice(0, size - 1);
}
