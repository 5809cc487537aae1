import { SandboxContext } from '../context';
import { BAD_CREDENTIALS, notAuthorized } from '../errors';
import { UserRecord } from '../types';

/** Failed passwords before Cognito starts its temporary lockout. */
const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60 * 1000;
const ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

/** Refuses any password while the user is locked out, even the right one. */
export function checkNotLocked(ctx: SandboxContext, user: UserRecord): void {
  if (user.lockedUntil && user.lockedUntil > ctx.now()) throw notAuthorized(ATTEMPTS_EXCEEDED);
}

/**
 * Counts a wrong password. From the fifth on, the user is locked for 1 s, doubling with
 * each further failure up to 15 minutes (Cognito's documented lockout).
 */
export function recordWrongPassword(ctx: SandboxContext, user: UserRecord): Error {
  user.failedSignIns += 1;
  ctx.store.changed();
  if (user.failedSignIns < FREE_ATTEMPTS) return notAuthorized(BAD_CREDENTIALS);
  const lockMs = Math.min(1000 * 2 ** (user.failedSignIns - FREE_ATTEMPTS), MAX_LOCK_MS);
  user.lockedUntil = ctx.now() + lockMs;
  return notAuthorized(ATTEMPTS_EXCEEDED);
}

/** Temporary passwords from AdminCreateUser stop working after TemporaryPasswordValidityDays. */
export function checkTemporaryPassword(ctx: SandboxContext, user: UserRecord): void {
  if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordExpiresAt && user.temporaryPasswordExpiresAt < ctx.now()) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}
