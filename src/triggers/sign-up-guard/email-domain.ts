/**
 * Email domain matching for the sign-up guard: exact domain or subdomain, case-insensitive.
 */

// Lowercase DNS labels; anything else (spaces, control characters, a second '@') is not a domain we can match safely.
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** The lowercase domain of `email`, or undefined when `email` is not `local@domain`. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at <= 0) return undefined;
  const domain = email.slice(at + 1).toLowerCase().replace(/\.$/, '');
  return DOMAIN.test(domain) ? domain : undefined;
}

/** Normalises configured domains: lowercase, no leading '@' or '.'. */
export function normaliseDomains(domains: readonly string[]): string[] {
  return domains.map(d => d.trim().toLowerCase().replace(/^[@.]+/, '')).filter(d => d.length > 0);
}

/** True when `domain` equals one of `list` or is a subdomain of one (`a.example.com` matches `example.com`). */
export function domainMatches(domain: string, list: readonly string[]): boolean {
  return list.some(entry => domain === entry || domain.endsWith(`.${entry}`));
}
