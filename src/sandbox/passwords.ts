import { randomBytes, scrypt, timingSafeEqual } from 'crypto';
import { CognitoError } from './errors';
import { PasswordPolicy } from './types';

/**
 * scrypt with N = 2^10, r = 8, p = 1 (1 MiB, about 2 ms): the sandbox holds throwaway development
 * accounts and must sign in fast, and every stored hash since the first release uses these values,
 * so they stay (a change would need the parameters stored with each hash).
 */
const SCRYPT = { N: 1024, r: 8, p: 1 };

/** scrypt on libuv's thread pool: the event loop keeps serving other requests meanwhile. */
function scryptKey(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: (await scryptKey(password, salt)).toString('hex') };
}

/** True when `password` hashes to the stored scrypt hash (compared in constant time). */
export async function passwordMatches(password: string, hash: string, salt: string): Promise<boolean> {
  const given = await scryptKey(String(password), salt);
  const stored = Buffer.from(hash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Enforces Policies.PasswordPolicy with Cognito's InvalidPasswordException wording. */
export function checkPasswordPolicy(password: unknown, policy: PasswordPolicy): asserts password is string {
  const fail = (why: string) => new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (typeof password !== 'string' || password.length < policy.minimumLength) throw fail('Password not long enough');
  if (policy.requireLowercase && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.requireSymbols && !SYMBOLS.test(password)) throw fail('Password must have symbol characters');
}

/** A temporary password that satisfies any policy up to 64 characters. */
export function temporaryPassword(policy: PasswordPolicy): string {
  const core = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  const base = `Aa1!${core}`;
  return base.length >= policy.minimumLength ? base : base.padEnd(policy.minimumLength, 'x');
}
