import { Secret, TOTP } from 'otpauth';
import { codeMismatch, expiredCode } from '../core/errors';

/** RFC 6238 as Cognito uses it: SHA1, 6 digits, 30 s steps. */
const PERIOD = 30;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label = 'user', issuer = 'cdk-mfa-auth') =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export const otpauthUri = (secret: string, label: string, issuer: string) => totpFor(secret, label, issuer).toString();

/** Generates the current code (the benchmark and tests play the authenticator app with it). */
export const totpCode = (secret: string, now: number) => totpFor(secret).generate({ timestamp: now });

/**
 * Checks a code against the secret, accepting one step of clock skew either side, and returns
 * the time step it matched so the caller can refuse the same step twice (Cognito does).
 */
export function checkTotp(secret: string, code: string, now: number, lastUsedStep: number | undefined, mismatchMessage?: string): number {
  const delta = /^\d{6}$/.test(String(code)) ? totpFor(secret).validate({ token: String(code), timestamp: now, window: 1 }) : null;
  if (delta === null) throw codeMismatch(mismatchMessage);
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastUsedStep !== undefined && step <= lastUsedStep) throw expiredCode('Your software token has already been used once.');
  return step;
}
