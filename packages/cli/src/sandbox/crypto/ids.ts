import { createHmac, randomBytes, randomUUID } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Maps bytes onto an alphabet; the slight modulo bias is irrelevant for identifiers. */
function encode(bytes: Buffer, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length] % alphabet.length];
  return out;
}

/**
 * An app client's secret: keyed by the pool's private signing key, so it stays the same while the
 * state file does and cannot be worked out from the template alone. 51 characters, like Cognito's.
 */
export const clientSecretFor = (poolSigningKey: string, clientId: string) =>
  encode(createHmac('sha512', poolSigningKey).update(`client-secret:${clientId}`).digest(), LOWER_ALNUM, 51);

export const uuid = () => randomUUID();
export const randomToken = (bytes: number) => randomBytes(bytes).toString('base64');
export const deviceKeyFor = (region: string) => `${region}_${randomUUID()}`;
export const deviceGroupKey = () => `-${encode(randomBytes(9), ALNUM, 9)}`;
export const randomDigits = (count: number) => {
  const bytes = randomBytes(count);
  let out = '';
  for (let i = 0; i < count; i++) out += String(bytes[i] % 10);
  return out;
};
