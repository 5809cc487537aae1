import { randomBytes, scrypt, timingSafeEqual } from 'crypto';

/** scrypt's cost parameters, stored with every hash so that they can change without losing a password. */
interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * New hashes: N = 2^7, r = 8, p = 1 (128 KiB, about 0.25 ms). The sandbox holds throwaway
 * development accounts, and each user's SRP verifier (g^H(salt | H(pool | user ":" password)) mod N,
 * stored beside this hash because USER_SRP_AUTH needs it) already lets whoever reads the state file
 * test a guess for one SHA-256 pair and one 3072-bit power, about 0.6 ms: a costlier scrypt would
 * slow every sign-in and protect nothing. Before these values the sandbox stored bare hex hashes
 * made with N = 2^10, r = 8, p = 1 (LEGACY); those still verify as they are.
 */
const CURRENT: ScryptCost = { N: 128, r: 8, p: 1 };
const LEGACY: ScryptCost = { N: 1024, r: 8, p: 1 };
/** Bytes of every derived key, at any cost. */
const KEY_BYTES = 32;
/** "scrypt$N$r$p$<hex>", or the legacy bare hex. */
const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([0-9a-f]+)$/;

/** scrypt on libuv's thread pool: the event loop keeps serving other requests meanwhile. */
function scryptKey(password: string, salt: string, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, KEY_BYTES, cost, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  const key = await scryptKey(password, salt, CURRENT);
  return { salt, hash: `scrypt$${CURRENT.N}$${CURRENT.r}$${CURRENT.p}$${key.toString('hex')}` };
}

/** True when `password` hashes to the stored scrypt hash (compared in constant time), with the cost it was made at. */
export async function passwordMatches(password: string, hash: string, salt: string): Promise<boolean> {
  const parsed = STORED.exec(hash);
  const cost = parsed ? { N: Number(parsed[1]), r: Number(parsed[2]), p: Number(parsed[3]) } : LEGACY;
  const stored = Buffer.from(parsed ? parsed[4] : hash, 'hex');
  // A stored value that is neither form (or parameters scrypt refuses) never matches.
  if (stored.length !== KEY_BYTES) return false;
  const given = await scryptKey(String(password), salt, cost).catch(() => undefined);
  return given !== undefined && timingSafeEqual(given, stored);
}
