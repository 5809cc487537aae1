/**
 * What counts as a local origin: pure URL helpers the server's Host/Origin checks (server/origins.ts)
 * and the passkey origin check (model/webauthn.ts) share.
 */

/** localhost, *.localhost (RFC 6761), 127.0.0.0/8, ::1 and ::ffff:127.x (brackets stripped). */
export function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return /^127(\.\d{1,3}){3}$/.test(v4) && v4.split('.').every(part => Number(part) <= 255);
}

/** The origin of a URL, or undefined for something that is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
