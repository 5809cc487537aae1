import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'crypto';

/** RS256 signing key of one pool, kept as PEM so it survives restarts. */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function signingKeyFrom(keyId: string, pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  return { keyId, privateKey, publicKey: createPublicKey(privateKey) };
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** RS256 on libuv's thread pool (crypto.sign with a callback), off the event loop. */
export async function signJwt(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  const header = b64url(JSON.stringify({ kid: key.keyId, alg: 'RS256' }));
  const body = b64url(JSON.stringify(claims));
  const signature = await new Promise<Buffer>((resolve, reject) =>
    sign('RSA-SHA256', Buffer.from(`${header}.${body}`), key.privateKey, (err, sig) => (err ? reject(err) : resolve(sig))));
  return `${header}.${body}.${b64url(signature)}`;
}

/** Returns the claims when the signature is valid, undefined otherwise (expiry is the caller's check). */
export function verifyJwt(key: SigningKey, token: string): Record<string, any> | undefined {
  const parts = String(token).split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
    if (header.alg !== 'RS256' || header.kid !== key.keyId) return undefined;
    const ok = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2], 'base64url'));
    return ok ? JSON.parse(Buffer.from(parts[1], 'base64url').toString()) : undefined;
  } catch {
    return undefined;
  }
}

export function jwk(key: SigningKey) {
  const jwkKey = key.publicKey.export({ format: 'jwk' });
  return { alg: 'RS256', e: jwkKey.e, kid: key.keyId, kty: 'RSA', n: jwkKey.n, use: 'sig' };
}
