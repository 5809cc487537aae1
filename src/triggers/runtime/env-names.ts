/**
 * Environment variable names: the whole contract between the construct and the built-in trigger handlers.
 *
 * The construct configures each handler only through these variables, so both sides import the names
 * from here instead of repeating string literals.
 */

/** mfa-by-group: JSON array of group names that require an enabled MFA method. */
export const MFA_REQUIRED_GROUPS = 'MFA_REQUIRED_GROUPS';

/** mfa-by-group: seconds to cache a user's "has MFA" status (integer ≥ 0, default 60; 0 disables the cache). */
export const MFA_STATUS_CACHE_TTL_SECONDS = 'MFA_STATUS_CACHE_TTL_SECONDS';

/** sign-up-guard: 'true' | 'false'; when 'true' a valid E.164 `phone_number` is required (SMS is the only MFA method). */
export const REQUIRE_PHONE_NUMBER = 'REQUIRE_PHONE_NUMBER';

/** sign-up-guard: JSON array of lowercase email domains allowed to sign up (exact or subdomain match). */
export const ALLOWED_EMAIL_DOMAINS = 'ALLOWED_EMAIL_DOMAINS';

/** sign-up-guard: JSON array of lowercase email domains denied sign-up (exact or subdomain match; deny wins). */
export const DENIED_EMAIL_DOMAINS = 'DENIED_EMAIL_DOMAINS';

/** custom-message: JSON `CustomMessageConfig` (see `custom-message/config.ts`). */
export const CUSTOM_MESSAGE_CONFIG = 'CUSTOM_MESSAGE_CONFIG';

/** Default for {@link MFA_STATUS_CACHE_TTL_SECONDS}. */
export const DEFAULT_MFA_STATUS_CACHE_TTL_SECONDS = 60;
