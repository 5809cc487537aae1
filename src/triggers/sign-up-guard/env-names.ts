/**
 * Environment variable names: the whole contract between the construct (`built-in.ts`) and this
 * trigger's handler. Both sides import them from here.
 */

/** 'true' | 'false'; when 'true' a valid E.164 `phone_number` is required (SMS is the only MFA method). */
export const REQUIRE_PHONE_NUMBER = 'REQUIRE_PHONE_NUMBER';

/** JSON array of lowercase email domains allowed to sign up (exact or subdomain match). */
export const ALLOWED_EMAIL_DOMAINS = 'ALLOWED_EMAIL_DOMAINS';

/** JSON array of lowercase email domains denied sign-up (exact or subdomain match; deny wins). */
export const DENIED_EMAIL_DOMAINS = 'DENIED_EMAIL_DOMAINS';
