import { BAD_CREDENTIALS, notAuthorized } from '../../core/errors';
import { UserRecord } from '../../core/records';
import { SandboxContext } from '../../model/context';

/** Failed passwords before Cognito starts its temporary lockout. */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60 * 1000;
const ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

/** Refuses any password while the user is locked out, even the right one. */
export function checkNotLocked(ctx: SandboxContext, user: UserRecord): void {
  if (user.lockedUntil && user.lockedUntil > ctx.now()) throw notAuthorized(ATTEMPTS_EXCEEDED);
}

/** 2^(n-5) seconds for the n-th failure, up to about 15 minutes. */
const lockMs = (failures: number) => Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MS);

/**
 * Counts a wrong password. From the fifth on, the user is locked for 1 s, doubling with
 * each further failure up to 15 minutes (Cognito's documented lockout).
 */
export function recordWrongPassword(ctx: SandboxContext, user: UserRecord): Error {
  user.failedSignIns += 1;
  if (user.failedSignIns < FREE_ATTEMPTS) return notAuthorized(BAD_CREDENTIALS);
  user.lockedUntil = ctx.now() + lockMs(user.failedSignIns);
  return notAuthorized(ATTEMPTS_EXCEEDED);
}

/**
 * Counts a wrong sign-in code (MFA, or a passwordless first factor) toward the same lockout:
 * "After five unsuccessful attempts to present an MFA code, Amazon Cognito begins the
 * exponential-timeout lockout process described at Lockout behavior for failed sign-in attempts."
 * The caller still answers with the code's own error; the lock applies from the next attempt.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
 */
export function recordWrongCode(ctx: SandboxContext, user: UserRecord): void {
  user.failedSignIns += 1;
  if (user.failedSignIns >= FREE_ATTEMPTS) user.lockedUntil = ctx.now() + lockMs(user.failedSignIns);
}

/** Temporary passwords from AdminCreateUser stop working after TemporaryPasswordValidityDays. */
export function checkTemporaryPassword(ctx: SandboxContext, user: UserRecord): void {
  if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordExpiresAt && user.temporaryPasswordExpiresAt < ctx.now()) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}
