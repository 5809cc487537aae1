/**
 * Environment variable names: the whole contract between the construct (`built-in.ts`) and this
 * trigger's handler. Both sides import them from here.
 */

/** JSON array of group names that require an enabled MFA method. */
export const MFA_REQUIRED_GROUPS = 'MFA_REQUIRED_GROUPS';

/** Seconds to cache a user's "has MFA" status (integer ≥ 0, default 60; 0 disables the cache). */
export const MFA_STATUS_CACHE_TTL_SECONDS = 'MFA_STATUS_CACHE_TTL_SECONDS';

/** Default for {@link MFA_STATUS_CACHE_TTL_SECONDS}. */
export const DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS = 60;
