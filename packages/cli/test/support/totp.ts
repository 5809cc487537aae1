/**
 * The authenticator app of the tests: RFC 6238 codes (SHA1, 6 digits, 30 s) from `otpauth`, a library
 * independent of the sandbox's own TOTP code, so the two check each other.
 */
import { Secret, TOTP } from 'otpauth';

/** The TOTP code for the base32 `secret` at `at` (epoch ms): pass the test clock's `now()`. */
export const totpCode = (secret: string, at: number): string =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

/** A six-digit code different from the given one. */
export const wrongCode = (code: string): string => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
