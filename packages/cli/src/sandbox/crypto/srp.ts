import { createDiffieHellman, createHash, createHmac, randomBytes, timingSafeEqual } from 'crypto';
import { ModexpThread } from './modexp-thread';

/**
 * Server side of Cognito's SRP-6a variant as amazon-cognito-identity-js speaks it: the RFC 5054
 * 3072-bit group, g = 2, SHA-256, k = H(N | g), x = H(salt | H(poolName | userId ":" password)),
 * and an HKDF ("Caldera Derived Key") over S and u that keys the password claim signature.
 */
const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
const N = BigInt(`0x${N_HEX}`);
const N_BYTES = Buffer.from(N_HEX, 'hex');
const g = 2n;

const toBig = (hex: string) => BigInt(`0x${hex || '0'}`);
const mod = (a: bigint) => ((a % N) + N) % N;

/** The client's padHex: even length, with a 00 byte when the top bit is set (positive values only). */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const k = toBig(hexHash(padHex(N) + padHex(g)));

/**
 * base^exp mod N through OpenSSL's Diffie-Hellman (computeSecret is exactly a modular power),
 * about ten times faster than BigInt square-and-multiply; falls back to BigInt for edge inputs.
 */
export function modPow(base: bigint, exp: bigint): bigint {
  const b = mod(base);
  if (b > 1n && b < N - 1n && exp > 0n) {
    try {
      const dh = createDiffieHellman(N_BYTES, Buffer.from([2]));
      dh.setPrivateKey(Buffer.from(padHex(exp), 'hex'));
      return toBig(dh.computeSecret(Buffer.from(padHex(b), 'hex')).toString('hex'));
    } catch {
      // fall through to the portable path
    }
  }
  let result = 1n;
  let x = b;
  let e = exp;
  while (e > 0n) {
    if (e % 2n === 1n) result = (result * x) % N;
    x = (x * x) % N;
    e /= 2n;
  }
  return result;
}

const thread = new ModexpThread(N_HEX);

/**
 * modPow on the worker thread (modexp-thread.ts), for the server's per-sign-in powers; the same
 * inputs modPow computes in-thread (edge values, or a failed thread) are computed here instead.
 */
async function modPowOffThread(base: bigint, exp: bigint): Promise<bigint> {
  const b = mod(base);
  if (b > 1n && b < N - 1n && exp > 0n) {
    try {
      return toBig(await thread.power(padHex(b), padHex(exp)));
    } catch {
      // fall through to the in-thread path
    }
  }
  return modPow(b, exp);
}

/** makeVerifier with the power on the worker thread (the sandbox's path; tests and the bench use makeVerifier). */
export async function makeVerifierOffThread(poolName: string, userId: string, password: string): Promise<{ salt: string; verifier: string }> {
  const salt = padHex(toBig(randomBytes(16).toString('hex')));
  const x = toBig(hexHash(salt + sha256Hex(`${poolName}${userId}:${password}`)));
  return { salt, verifier: padHex(await modPowOffThread(g, x)) };
}

/** Salt (hex) and verifier (hex) for a secret; poolName is the part of the pool ID after "_". */
export function makeVerifier(poolName: string, userId: string, password: string): { salt: string; verifier: string } {
  const salt = padHex(toBig(randomBytes(16).toString('hex')));
  const x = toBig(hexHash(salt + sha256Hex(`${poolName}${userId}:${password}`)));
  return { salt, verifier: padHex(modPow(g, x)) };
}

/** Server ephemeral values for one PASSWORD_VERIFIER round. */
export interface ServerEphemeral {
  readonly b: string;
  readonly B: string;
}

export async function serverEphemeral(verifierHex: string): Promise<ServerEphemeral> {
  const b = toBig(randomBytes(32).toString('hex'));
  const B = mod(k * toBig(verifierHex) + await modPowOffThread(g, b));
  return { b: b.toString(16), B: B.toString(16) };
}

/** Rejects A values a client must never send (A mod N = 0 breaks the protocol). */
export const isValidA = (aHex: string) => /^[0-9a-f]+$/i.test(aHex) && mod(toBig(aHex)) !== 0n;

export interface PasswordClaim {
  readonly poolName: string;
  readonly userId: string;
  readonly aHex: string;
  readonly ephemeral: ServerEphemeral;
  readonly verifierHex: string;
  readonly secretBlock: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** True when the client's PASSWORD_CLAIM_SIGNATURE proves knowledge of the secret behind the verifier. */
export async function verifyPasswordClaim(c: PasswordClaim): Promise<boolean> {
  const A = toBig(c.aHex);
  const B = toBig(c.ephemeral.B);
  const u = toBig(hexHash(padHex(A) + padHex(B)));
  if (u === 0n) return false;
  const S = await modPowOffThread(mod(A * await modPowOffThread(toBig(c.verifierHex), u)), toBig(c.ephemeral.b));
  const expected = createHmac('sha256', hkdfKey(S, u)).update(Buffer.concat([
    Buffer.from(c.poolName), Buffer.from(c.userId), Buffer.from(c.secretBlock, 'base64'), Buffer.from(c.timestamp),
  ])).digest();
  const given = Buffer.from(c.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;

/** The "ddd MMM D HH:mm:ss UTC YYYY" format Cognito requires in TIMESTAMP. */
export const isValidTimestamp = (ts: string) => TIMESTAMP.test(ts);

/** Client side of the same math; lets the benchmark and tests sign in over SRP without a browser library. */
export function srpClient(poolName: string) {
  const a = toBig(randomBytes(32).toString('hex'));
  const A = modPow(g, a);
  const sign = (args: { userId: string; password: string; saltHex: string; bHex: string; secretBlock: string; timestamp: string }) => {
    const B = toBig(args.bHex);
    const u = toBig(hexHash(padHex(A) + padHex(B)));
    const x = toBig(hexHash(padHex(toBig(args.saltHex)) + sha256Hex(`${poolName}${args.userId}:${args.password}`)));
    const S = modPow(mod(B - k * modPow(g, x)), a + u * x);
    return createHmac('sha256', hkdfKey(S, u)).update(Buffer.concat([
      Buffer.from(poolName), Buffer.from(args.userId), Buffer.from(args.secretBlock, 'base64'), Buffer.from(args.timestamp),
    ])).digest('base64');
  };
  return {
    A: A.toString(16),
    sign,
    /** The PASSWORD_VERIFIER ChallengeResponses for a user's challenge parameters (USER_ID_FOR_SRP, SALT, SRP_B, SECRET_BLOCK). */
    passwordVerifier: (p: Record<string, string>, password: string, timestamp: string) => ({
      USERNAME: p.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: sign({ userId: p.USER_ID_FOR_SRP, password, saltHex: p.SALT, bHex: p.SRP_B, secretBlock: p.SECRET_BLOCK, timestamp }),
    }),
  };
}

/** HKDF-SHA256 with salt u, key material S and info "Caldera Derived Key", first 16 bytes. */
function hkdfKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex')).update(Buffer.from(padHex(S), 'hex')).digest();
  return createHmac('sha256', prk).update(Buffer.concat([Buffer.from('Caldera Derived Key'), Buffer.from([1])])).digest().subarray(0, 16);
}

/** Formats a date the way Cognito's SRP TIMESTAMP expects. */
export function srpTimestamp(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${date.getUTCDate()} `
    + `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}
