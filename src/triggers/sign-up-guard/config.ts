/**
 * sign-up-guard configuration from the environment (see `env-names.ts`).
 */
import { normaliseDomains } from './email-domain';
import { ALLOWED_EMAIL_DOMAINS, DENIED_EMAIL_DOMAINS, REQUIRE_PHONE_NUMBER } from './env-names';
import { parseBoolean, parseOptionalStringArray, readEnv } from '../runtime/env';
import { logWarning } from '../runtime/log';

/** The sign-up policy. */
export interface SignUpPolicy {
  readonly requirePhoneNumber: boolean;
  /** Empty: every domain allowed (unless denied). */
  readonly allowedDomains: readonly string[];
  readonly deniedDomains: readonly string[];
}

const warn = (reason: string) => logWarning('sign-up-guard', `${reason}; sign-ups are rejected`);

/** Reads the policy, or undefined when a variable is invalid (the handler then rejects: fail closed). */
export function readSignUpPolicy(): SignUpPolicy | undefined {
  const phone = readEnv(REQUIRE_PHONE_NUMBER, parseBoolean(REQUIRE_PHONE_NUMBER, false), warn);
  const allowed = readEnv(ALLOWED_EMAIL_DOMAINS, parseOptionalStringArray(ALLOWED_EMAIL_DOMAINS), warn);
  const denied = readEnv(DENIED_EMAIL_DOMAINS, parseOptionalStringArray(DENIED_EMAIL_DOMAINS), warn);
  if (!phone.ok || !allowed.ok || !denied.ok) return undefined;
  return {
    requirePhoneNumber: phone.value,
    allowedDomains: normaliseDomains(allowed.value),
    deniedDomains: normaliseDomains(denied.value),
  };
}
