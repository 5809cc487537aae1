/**
 * Bounded in-memory TTL cache of "this user has MFA enabled", keyed by pool and username.
 *
 * Only positive results are cached: a user who just enrolled TOTP signs in again to get the
 * privileged groups, and a cached "no MFA" would make that second sign-in fail for up to the TTL.
 * The price is that a removed MFA method is noticed up to one TTL late.
 */
/** The cache key of a user: NUL cannot occur in pool ids or usernames. */
export function mfaCacheKey(userPoolId: string, username: string): string {
  return `${userPoolId}\u0000${username}`;
}

/** See the file header. */
export class MfaStatusCache {
  // Map keeps insertion order, so the first key is the oldest entry.
  private readonly expiries = new Map<string, number>();

  /**
   * @param maxEntries bound on memory; the oldest entry is evicted first
   * @param now clock in milliseconds (injectable for tests)
   */
  constructor(private readonly maxEntries: number, private readonly now: () => number = Date.now) {}

  /** True when `key` was remembered less than its TTL ago. */
  hasMfa(key: string): boolean {
    const expiry = this.expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }

  /** Remembers that `key` has MFA for `ttlSeconds` (0 disables caching). */
  rememberMfa(key: string, ttlSeconds: number): void {
    if (ttlSeconds <= 0 || this.maxEntries <= 0) return;
    this.expiries.delete(key);
    while (this.expiries.size >= this.maxEntries) {
      const oldest = this.expiries.keys().next().value as string;
      this.expiries.delete(oldest);
    }
    this.expiries.set(key, this.now() + ttlSeconds * 1000);
  }

  /** Number of entries held (expired ones included until touched). */
  get size(): number {
    return this.expiries.size;
  }
}
