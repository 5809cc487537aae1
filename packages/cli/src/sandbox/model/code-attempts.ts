/**
 * How many wrong codes a user may enter. Cognito documents the figure only for password reset:
 * "In a given hour, we allow between five and 20 attempts for a user to request or enter a
 * password reset code" (how-to-recover-a-user-account). The sandbox takes the strict end and
 * applies it to every emailed or texted code a user types outside sign-in (sign-up confirmation,
 * password reset, attribute verification): five wrong codes within an hour, then
 * LimitExceededException ("Attempt limit exceeded, please try after some time.") for any code,
 * the right one too, until the oldest of those five is an hour old. A right code clears the count;
 * asking for a new code does not. MFA and passwordless sign-in codes are limited by the session
 * and the sign-in lockout instead (auth/password-check.ts).
 *
 * Each code works once (one-time.ts): `claim` checks it and spends it before the operation awaits
 * anything. A code already spent, or claimed by a request still in flight, answers
 * ExpiredCodeException ("Invalid code provided, please request a code again.", Cognito's answer
 * for a used code) and is not counted as a wrong one: the user typed the right code.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
 */
import { OneTimeClaims } from './one-time';
import { attemptLimitExceeded, codeMismatch, expiredCode } from '../core/errors';
import { StoredCode } from '../core/records';

export const MAX_WRONG_CODES = 5;
const SPENT_CODE = 'Invalid code provided, please request a code again.';
export const ATTEMPT_WINDOW_MS = 60 * 60 * 1000;
/** Users whose failures are remembered at once; the least recently failing are forgotten first. */
const MAX_TRACKED = 10_000;

export type CodePurpose = 'SIGN_UP' | 'FORGOT_PASSWORD' | 'VERIFY_ATTRIBUTE:email' | 'VERIFY_ATTRIBUTE:phone_number';

/** Failure times per pool, user and purpose, in memory (a restart forgives, as the sandbox's users are throwaway). */
export class CodeAttempts {
  private readonly failures = new Map<string, number[]>();

  /** `claims`: the sandbox's one claim store (ctx.oneTime), so a code is spent for every operation that checks it. */
  constructor(private readonly now: () => number, private readonly claims: OneTimeClaims) {}

  /**
   * {@link check}, then spends the code for this request. Returns `release`, for an operation whose
   * later work refuses the request in a way the user may retry with the same code (a new password
   * the policy or the history refuses): the code then works again.
   */
  claim(poolId: string, username: string, purpose: CodePurpose, stored: StoredCode | undefined, given: unknown): () => void {
    const key = `${poolId}\u0000${username}\u0000${purpose}\u0000${String(given ?? '')}`;
    if (this.claims.isClaimed(key)) throw expiredCode(SPENT_CODE);
    this.check(poolId, username, purpose, stored, given);
    this.claims.claim(key, stored!.expiresAt);
    return () => this.claims.release(key);
  }

  /**
   * Checks `given` against `stored` under the limit: LimitExceededException when the attempts are
   * spent, CodeMismatchException (counted) for a wrong code, ExpiredCodeException for a stale one.
   */
  check(poolId: string, username: string, purpose: CodePurpose, stored: StoredCode | undefined, given: unknown): void {
    const key = `${poolId}\u0000${username}\u0000${purpose}`;
    const recent = this.recent(key);
    if (recent.length >= MAX_WRONG_CODES) throw attemptLimitExceeded();
    if (!stored || stored.code !== String(given ?? '')) {
      this.failures.delete(key);
      this.failures.set(key, [...recent, this.now()]);
      if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value as string);
      throw codeMismatch('Invalid verification code provided, please try again.');
    }
    if (stored.expiresAt <= this.now()) throw expiredCode(SPENT_CODE);
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - ATTEMPT_WINDOW_MS;
    return (this.failures.get(key) ?? []).filter(at => at > since);
  }
}
