/**
 * The IDs the sandbox gives the template's pools and app clients: they derive from stack and logical
 * ID, so a restart (or a fresh state) keeps the same IDs. Random IDs and secrets are in crypto/ids.ts.
 */
import { createHash } from 'crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Maps a seed's SHA-256 onto an alphabet; the slight modulo bias is irrelevant for identifiers. */
function derive(seed: string, alphabet: string, length: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i % bytes.length] % alphabet.length];
  return out;
}

export const poolIdFor = (region: string, seed: string) => `${region}_${derive(`pool:${seed}`, ALNUM, 9)}`;
export const clientIdFor = (seed: string) => derive(`client:${seed}`, LOWER_ALNUM, 26);
/** A KMS key's id (what Ref answers): a UUID, as KMS gives its keys. */
export const kmsKeyIdFor = (seed: string) => {
  const hex = createHash('sha256').update(`kms-key:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex[16], 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
