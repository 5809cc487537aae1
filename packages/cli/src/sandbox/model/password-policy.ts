/** Policies.PasswordPolicy: what a new password must contain, and temporary passwords that satisfy it. */
import { randomBytes } from 'crypto';
import { CognitoError } from '../core/errors';
import { PasswordPolicy } from '../core/pool-config';

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
