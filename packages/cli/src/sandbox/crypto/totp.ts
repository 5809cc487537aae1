import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as Cognito uses it: SHA1, 6 digits, 30 s steps. */
const PERIOD = 30;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label = 'user', issuer = 'cdk-mfa-auth') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export const otpauthUri = (secret: string, label: string, issuer: string) => totpFor(secret, label, issuer).toString();

/** Generates the current code (the benchmark and tests play the authenticator app with it). */
export const totpCode = (secret: string, now: number) => totpFor(secret).generate({ timestamp: now });

/**
 * The time step `code` matches for the secret, accepting one step of clock skew either side, or
 * undefined when it matches none (model/totp.ts turns that into Cognito's errors).
 */
export function totpStep(secret: string, code: string, now: number): number | undefined {
  const delta = /^\d{6}$/.test(String(code)) ? totpFor(secret).validate({ token: String(code), timestamp: now, window: 1 }) : null;
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}
