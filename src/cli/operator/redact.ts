import { createHash } from 'crypto';

/**
 * Masks an email address: `jane.doe@example.com` becomes `j***@e***.com`.
 * Operators need to recognise the address, not read it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${email[0]}***@${domain[0] ?? ''}***${tld}`;
}

/** Masks a phone number, keeping the last two digits: `+14155550123` becomes `+*********23`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '***';
  return `${phone.startsWith('+') ? '+' : ''}${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** Masks a value when it looks like an email address or a phone number (user names often are). */
export function maskIdentifier(value: string): string {
  if (value.includes('@')) return maskEmail(value);
  if (/^\+?[\d\s().-]{6,}$/.test(value)) return maskPhone(value);
  return value;
}

/** A stable, non-reversible reference to a user for audit logs: the first 12 hex of SHA-256. */
export function userRef(username: string): string {
  return createHash('sha256').update(username, 'utf8').digest('hex').slice(0, 12);
}

/** Replaces every occurrence of the given sensitive strings (e.g. the typed user name) in a message. */
export function scrub(text: string, sensitive: string[]): string {
  let result = text;
  for (const value of sensitive.filter(v => v.length > 0)) result = result.split(value).join(maskIdentifier(value));
  return result;
}
