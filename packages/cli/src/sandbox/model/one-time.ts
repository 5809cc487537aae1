/**
 * One use of a one-time artifact, however many requests race for it. Node runs one request at a
 * time between awaits, so the rule every operation follows is: the check that accepts an artifact
 * and the claim that spends it happen in one synchronous stretch, before the operation's first
 * await; the slow work (scrypt, SRP, signing, triggers) comes after. Of N requests carrying the
 * same artifact exactly one gets past the claim; the others get Cognito's error for a spent one.
 *
 * Where each kind is claimed:
 * - sign-in sessions (challenge answers, AssociateSoftwareToken and VerifySoftwareToken with a
 *   session; SMS, email and passwordless codes, TOTP answers, SRP and device SRP proofs, WebAuthn
 *   assertions, new passwords): `Sessions.consume`, called by each step before it awaits; a wrong
 *   code keeps the session (Cognito lets the user retry) until MAX_CODE_FAILURES.
 * - authorization codes: `Sessions.redeemCode` takes the code out at the first redemption.
 * - sign-up, password reset and attribute verification codes: `CodeAttempts.claim`, with the
 *   {@link OneTimeClaims} below (the code stays on the user until the operation succeeds).
 * - refresh tokens under rotation without a grace period: `claimRefreshToken` (refresh-tokens.ts).
 * - the WebAuthn registration challenge: `takeOnce` takes it off the user.
 * - TOTP codes: the user's last used time step, checked and moved forward in one stretch (totp.ts).
 */

/** Claims kept at most: the oldest are forgotten first (each lasts only as long as its artifact). */
export const MAX_CLAIMS = 100_000;

/**
 * Artifacts claimed by a request in flight or spent by one that succeeded, in memory (a restart
 * forgets them; by then a spent artifact is gone from the user or the store as well).
 */
export class OneTimeClaims {
  /** Claimed keys and when each claim lapses (the artifact's own expiry), oldest claim first. */
  private readonly claims = new Map<string, number>();

  constructor(private readonly now: () => number, private readonly max = MAX_CLAIMS) {}

  /** True for the first caller; false while another request holds or has spent `key`. */
  claim(key: string, until: number): boolean {
    if (this.isClaimed(key)) return false;
    this.claims.delete(key);
    this.claims.set(key, until);
    this.trim();
    return true;
  }

  isClaimed(key: string): boolean {
    const until = this.claims.get(key);
    return until !== undefined && until > this.now();
  }

  /** Gives a claim back: the slow work refused the request in a way the user may retry with the same artifact. */
  release(key: string): void {
    this.claims.delete(key);
  }

  private trim(): void {
    const now = this.now();
    for (const [key, until] of this.claims) {
      if (this.claims.size <= this.max && until > now) break;
      this.claims.delete(key);
    }
  }
}

/** Takes a one-time value off its holder in one step: the caller that gets it is the only one. */
export function takeOnce<T extends object, K extends keyof T>(holder: T, field: K): T[K] | undefined {
  const value = holder[field];
  if (value !== undefined) holder[field] = undefined as T[K];
  return value;
}
