/**
 * The sign-up policy check: pure, returns the user-facing rejection message or undefined.
 * Messages name the attribute but never echo its value.
 */
import { SignUpPolicy } from './config';
import { domainMatches, emailDomain } from './email-domain';

/** E.164: '+', a non-zero country digit, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** Every rejection message starts with this. */
export const REJECTION_PREFIX = 'Sign-up rejected: ';

/** The attributes the policy looks at (non-string values count as absent). */
export interface SignUpAttributes {
  readonly email?: string;
  readonly phoneNumber?: string;
}

/**
 * Checks `attrs` against `policy`.
 * @param federated true for PreSignUp_ExternalProvider: Cognito does not run MFA for federated sign-in,
 *   so the phone requirement does not apply; email domain rules still do.
 */
export function checkSignUp(attrs: SignUpAttributes, policy: SignUpPolicy, federated: boolean): string | undefined {
  if (policy.requirePhoneNumber && !federated) {
    if (!attrs.phoneNumber) return `${REJECTION_PREFIX}phone_number is required because SMS is the only MFA method.`;
    if (!E164.test(attrs.phoneNumber)) return `${REJECTION_PREFIX}phone_number must be in E.164 format, for example +14155550100.`;
  }
  const { allowedDomains, deniedDomains } = policy;
  if (allowedDomains.length === 0 && deniedDomains.length === 0) return undefined;
  if (!attrs.email) {
    // Without an email there is nothing a denylist can match; an allowlist requires one.
    return allowedDomains.length > 0 ? `${REJECTION_PREFIX}email is required.` : undefined;
  }
  const domain = emailDomain(attrs.email);
  if (!domain) return `${REJECTION_PREFIX}email is not a valid email address.`;
  // One message for "denied" and "not allowed": do not reveal the lists.
  if (domainMatches(domain, deniedDomains)) return `${REJECTION_PREFIX}email domain is not allowed.`;
  if (allowedDomains.length > 0 && !domainMatches(domain, allowedDomains)) return `${REJECTION_PREFIX}email domain is not allowed.`;
  return undefined;
}
