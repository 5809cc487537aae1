import { codeMismatch, expiredCode } from '../core/errors';
import { totpStep } from '../crypto/totp';

/**
 * Checks a code against the secret, accepting one step of clock skew either side, and returns
 * the time step it matched so the caller can refuse the same step twice (Cognito does).
 */
export function checkTotp(secret: string, code: string, now: number, lastUsedStep: number | undefined, mismatchMessage?: string): number {
  const step = totpStep(secret, code, now);
  if (step === undefined) throw codeMismatch(mismatchMessage);
  if (lastUsedStep !== undefined && step <= lastUsedStep) throw expiredCode('Your software token has already been used once.');
  return step;
}
