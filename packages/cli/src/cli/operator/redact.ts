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

// C0 and C1 control characters (ESC, CR, LF, BEL, ...) and DEL, which move the cursor or end a line, and the
// Unicode line separators and bidirectional overrides, which reorder or break what the terminal shows.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A value from Cognito (a device name, an attribute, a user name) made safe for a terminal line:
 * every control character is written as an escape (`\n`, `\x1b`, `\u202e`) and a backslash as `\\`,
 * so a value can neither fake a line of output nor move the cursor.
 */
export function printable(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(UNPRINTABLE, c => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** JSON for a terminal line: JSON.stringify escapes C0 controls; this also escapes DEL, C1, line separators and bidi overrides. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value).replace(UNPRINTABLE, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
