import { Secret, TOTP } from 'otpauth';
import * as QRCode from 'qrcode';

/**
 * What an authenticator app needs to register a user pool's TOTP secret.
 */
export interface TotpSetupInput {
  /** The `SecretCode` returned by Cognito's AssociateSoftwareToken (base32). */
  readonly secret: string;
  /** The app or company name shown in the authenticator app, e.g. `Example Corp`. */
  readonly issuer: string;
  /** The user's account name shown in the authenticator app, e.g. their email address. */
  readonly account: string;
}

/** QR code output formats. */
export type TotpQrFormat = 'terminal' | 'svg' | 'png-data-url';

// RFC 4648 base32; Cognito returns upper case without padding, but padding is valid too.
const BASE32 = /^[A-Z2-7]+=*$/;

/**
 * Builds the `otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30`
 * URI authenticator apps read from a QR code. Cognito's TOTP is SHA1, 6 digits, 30 seconds.
 *
 * @throws Error naming the argument when the secret is not base32 or the issuer or account is empty or contains ':'.
 */
export function buildTotpUri(input: TotpSetupInput): string {
  return totpFor(input).toString();
}

/**
 * Renders the setup URI as a QR code: `terminal` (text for a console), `svg` (markup) or
 * `png-data-url` (`data:image/png;base64,...` for an `<img src>`).
 */
export async function renderTotpQr(input: TotpSetupInput, format: TotpQrFormat): Promise<string> {
  const uri = buildTotpUri(input);
  switch (format) {
    case 'terminal': return QRCode.toString(uri, { type: 'terminal', small: true });
    case 'svg': return QRCode.toString(uri, { type: 'svg', margin: 2 });
    case 'png-data-url': return QRCode.toDataURL(uri, { type: 'image/png', margin: 2 });
    default: throw new Error(`format must be one of terminal, svg, png-data-url; got ${JSON.stringify(format)}`);
  }
}

/** The TOTP generator for a setup input (validated). Useful to show or check a code in tests. */
export function totpFor(input: TotpSetupInput): TOTP {
  const secret = normalizeSecret(input?.secret);
  const issuer = label(input?.issuer, 'issuer');
  const account = label(input?.account, 'account');
  return new TOTP({
    issuer,
    label: account,
    issuerInLabel: true,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  });
}

function normalizeSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.trim().length === 0) throw new Error('secret must be a non-empty base32 string (the SecretCode from AssociateSoftwareToken)');
  // People paste secrets in groups ("ABCD EFGH") or lower case; neither changes the key.
  const normalized = secret.replace(/\s+/g, '').toUpperCase();
  if (!BASE32.test(normalized)) throw new Error('secret must be base32 (letters A-Z and digits 2-7), as returned in AssociateSoftwareToken SecretCode');
  return normalized;
}

function label(value: unknown, name: 'issuer' | 'account'): string {
  if (typeof value !== 'string' || value.trim().length === 0) throw new Error(`${name} must be a non-empty string`);
  // ':' separates issuer and account in the URI label; apps would split it wrongly.
  if (value.includes(':')) throw new Error(`${name} must not contain ':' (it separates issuer and account in the otpauth URI)`);
  return value.trim();
}
