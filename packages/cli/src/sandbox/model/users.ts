import { PoolRuntime, SandboxContext } from './context';
import { rememberCurrentPassword } from './password-history';
import { CognitoError, invalidParameter, userNotFound } from '../core/errors';
import { UserRecord } from '../core/records';
import { uuid } from '../crypto/ids';
import { hashPassword } from '../crypto/passwords';
import { makeVerifierOffThread } from '../crypto/srp';
import { keyedByInput } from '../store/store';

export interface AttributeType {
  Name: string;
  Value: string;
}

const STANDARD_ATTRIBUTES = new Set([
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name',
  'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo', 'sub',
]);

/** Storage key of a username: Cognito compares usernames case-insensitively unless CaseSensitive. */
export const userKey = (pool: PoolRuntime, username: string) =>
  pool.config.caseSensitive ? username : username.toLowerCase();

/**
 * Finds a user by the name they sign in with: the username, or an email/phone that is the
 * username attribute, or a verified alias (email, phone_number, preferred_username).
 */
export function findUser(pool: PoolRuntime, name: unknown): UserRecord | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  const direct = getUser(pool, name);
  if (direct) return direct;
  const lower = name.toLowerCase();
  const signInAttributes = [...pool.config.usernameAttributes, ...pool.config.aliasAttributes];
  // Federated users (EXTERNAL_PROVIDER) sign in only through their provider, never by an attribute.
  const signsInWith = (u: UserRecord, attr: string) => {
    if (u.status === 'EXTERNAL_PROVIDER') return false;
    const value = u.attributes[attr];
    if (value === undefined || (attr === 'email' ? value.toLowerCase() !== lower : value !== name)) return false;
    // Aliases only sign in once verified; username attributes always do.
    if (pool.config.usernameAttributes.includes(attr)) return true;
    return attr === 'preferred_username' || u.attributes[`${attr}_verified`] === 'true';
  };
  for (const attr of signInAttributes) {
    // The index finds candidates ignoring case; signsInWith compares as Cognito does.
    for (const key of pool.store.userKeysByAttribute(pool.config.id, attr, name)) {
      const user = pool.store.user(pool.config.id, key);
      if (user && signsInWith(user, attr)) return user;
    }
  }
  return undefined;
}

/** The user whose username is `username` (compared as the pool compares usernames), or undefined. */
export function getUser(pool: PoolRuntime, username: string): UserRecord | undefined {
  return pool.store.user(pool.config.id, userKey(pool, username));
}

/** The user with this `sub`, or undefined. */
export function userBySub(pool: PoolRuntime, sub: string): UserRecord | undefined {
  for (const key of pool.store.userKeysBySub(pool.config.id, sub)) {
    const user = pool.store.user(pool.config.id, key);
    if (user?.sub === sub) return user;
  }
  return undefined;
}

/** Adds a new user to the pool (saved when the operation commits). */
export function addUser(pool: PoolRuntime, user: UserRecord): void {
  pool.store.putUser(pool.config.id, userKey(pool, user.username), user);
}

/** Deletes the user with its devices, MFA settings, codes and group memberships. */
export function deleteUser(pool: PoolRuntime, user: UserRecord): void {
  pool.store.deleteUser(pool.config.id, userKey(pool, user.username));
}

/** Users whose attribute `name` has `value` (exactly), found through the attribute index. */
export function usersWithAttribute(pool: PoolRuntime, name: string, value: string): UserRecord[] {
  return pool.store.userKeysByAttribute(pool.config.id, name, value)
    .map(key => pool.store.user(pool.config.id, key))
    .filter((u): u is UserRecord => u?.attributes[name] === value);
}

/** Users in one status (UNCONFIRMED, EXTERNAL_PROVIDER, ...), through the status index, in creation order. */
export function usersWithStatus(pool: PoolRuntime, status: UserRecord['status']): UserRecord[] {
  return pool.store.userKeysByStatus(pool.config.id, status)
    .map(key => pool.store.user(pool.config.id, key))
    .filter((u): u is UserRecord => u?.status === status);
}

/** The members of one group, through the membership index, in creation order. */
export function usersInGroup(pool: PoolRuntime, group: string): UserRecord[] {
  return pool.store.userKeysByGroup(pool.config.id, group)
    .map(key => pool.store.user(pool.config.id, key))
    .filter((u): u is UserRecord => u?.groups.includes(group) === true);
}

/** How many users the pool stores (keys only: no user is read). */
export const countUsers = (pool: PoolRuntime): number => pool.store.allUserKeys(pool.config.id).length;

/** Every user of the pool in creation order, each read when the caller reaches it. */
export function* allUsers(pool: PoolRuntime): Generator<UserRecord> {
  for (const key of pool.store.allUserKeys(pool.config.id)) {
    const user = pool.store.user(pool.config.id, key);
    if (user) yield user;
  }
}

/**
 * True when `username`, or an email/phone among `attributes` that the pool signs in with as a
 * username, already names a user (the check sign-up repeats after its asynchronous password hash).
 */
export function isUsernameTaken(pool: PoolRuntime, username: string, attributes: Record<string, string>): boolean {
  if (getUser(pool, username)) return true;
  return pool.config.usernameAttributes.some(attr => attributes[attr] !== undefined && findUser(pool, attributes[attr]) !== undefined);
}

export function requireUser(pool: PoolRuntime, name: unknown): UserRecord {
  const user = findUser(pool, name);
  if (!user) throw userNotFound();
  return user;
}

/** What a user keeps of a password: its scrypt hash and SRP verifier, never the password itself. */
export type PasswordSecrets = Pick<UserRecord, 'passwordHash' | 'passwordSalt' | 'srpSalt' | 'srpVerifier'>;

/** Hashes a password for `username` (the hash runs off the event loop, see passwords.ts). */
export async function passwordSecrets(pool: PoolRuntime, username: string, password: string): Promise<PasswordSecrets> {
  const [{ hash, salt }, srp] = await Promise.all([hashPassword(password), makeVerifierOffThread(poolName(pool), username, password)]);
  return { passwordHash: hash, passwordSalt: salt, srpSalt: srp.salt, srpVerifier: srp.verifier };
}

/**
 * Sets the password hash and SRP verifier. All four fields change together after the hash is
 * done, so no request ever sees a user with a half-changed password.
 */
export async function setPassword(pool: PoolRuntime, user: UserRecord, password: string): Promise<void> {
  const secrets = await passwordSecrets(pool, user.username, password);
  rememberCurrentPassword(pool, user);
  Object.assign(user, secrets);
}

/** The SRP "pool name": the part of the pool ID after the region and underscore. */
export const poolName = (pool: PoolRuntime) => pool.config.id.split('_')[1];

export function toAttributeMap(list: unknown, pool: PoolRuntime, allowSub = false): Record<string, string> {
  const out: Record<string, string> = {};
  if (list === undefined) return out;
  if (!Array.isArray(list)) throw invalidParameter('UserAttributes must be a list.');
  for (const item of list as AttributeType[]) {
    const name = String(item?.Name ?? '');
    if (name === 'sub' && !allowSub) throw invalidParameter('Cannot modify an immutable attribute: sub');
    if (!STANDARD_ATTRIBUTES.has(name) && !name.startsWith('custom:') && !name.startsWith('dev:')) {
      throw invalidParameter(`Attribute does not exist in the schema: ${name}`);
    }
    if (name.startsWith('custom:') && pool.config.schema.length && !pool.config.schema.some(s => `custom:${s.name}` === name || s.name === name)) {
      throw invalidParameter(`Attribute does not exist in the schema: ${name}`);
    }
    out[name] = String(item.Value ?? '');
  }
  return out;
}

/** Required schema attributes that are missing, for sign-up and new-password checks. */
export function missingRequired(pool: PoolRuntime, attributes: Record<string, string>): string[] {
  return pool.config.schema.filter(s => s.required && !attributes[s.name]).map(s => s.name);
}

export function checkRequired(pool: PoolRuntime, attributes: Record<string, string>): void {
  const missing = missingRequired(pool, attributes);
  if (missing.length) throw invalidParameter(`Attributes did not conform to the schema: ${missing.map(m => `${m}: The attribute ${m} is required`).join(', ')}`);
}

export const attributeList = (user: UserRecord): AttributeType[] =>
  Object.entries({ sub: user.sub, ...user.attributes }).map(([Name, Value]) => ({ Name, Value }));

/** Refuses users that may not sign in, with Cognito's errors. */
export function checkCanSignIn(user: UserRecord): void {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
}

/** Masks a destination the way Cognito shows it in CodeDeliveryDetails. */
export function maskDestination(value: string, medium: 'SMS' | 'EMAIL'): string {
  if (medium === 'SMS') return `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`;
  const [local, domain = ''] = value.split('@');
  return `${local[0] ?? ''}***@${domain[0] ?? ''}***`;
}

/** Schema attributes a user must keep: refused by (Admin)DeleteUserAttributes and blank updates. */
export function isRequiredAttribute(pool: PoolRuntime, name: string): boolean {
  return pool.config.schema.some(s => s.required && (s.name === name || `custom:${s.name}` === name));
}

/** Schema attributes set only at creation (Mutable: false); `sub` is always one. */
export function isImmutableAttribute(pool: PoolRuntime, name: string): boolean {
  return name === 'sub' || pool.config.schema.some(s => !s.mutable && (s.name === name || `custom:${s.name}` === name));
}

/**
 * Another user already signs in with this email or phone number (a username attribute, or a
 * verified alias): a change to it is refused with AliasExistsException, so sign-in names stay unique.
 */
export function signInNameTaken(pool: PoolRuntime, user: UserRecord, attribute: string, value: string): boolean {
  const signInAttributes = [...pool.config.usernameAttributes, ...pool.config.aliasAttributes];
  if (!signInAttributes.includes(attribute)) return false;
  const other = findUser(pool, value);
  return !!other && other.username !== user.username;
}

/**
 * Works out the internal username: with UsernameAttributes the user signs in with an email or
 * phone and Cognito names them by a UUID; otherwise the given username is the name.
 */
export function usernameFor(pool: PoolRuntime, given: unknown, attributes: Record<string, string>): string {
  const name = String(given ?? '');
  if (!name) throw invalidParameter('1 validation error detected: Value at \'username\' failed to satisfy constraint: Member must not be null');
  const attrs = pool.config.usernameAttributes;
  if (attrs.length === 0) {
    if (findUser(pool, name)) throw new CognitoError('UsernameExistsException', 'User already exists');
    return name;
  }
  const attr = attrs.includes('email') && name.includes('@') ? 'email' : attrs.includes('phone_number') && name.startsWith('+') ? 'phone_number' : undefined;
  if (!attr) {
    throw invalidParameter(attrs.length > 1 ? 'Username should be either an email or a phone number.' : `Username should be ${attrs[0] === 'email' ? 'an email' : 'a phone number'}.`);
  }
  if (findUser(pool, name)) throw new CognitoError('UsernameExistsException', `An account with the given ${attr} already exists.`);
  attributes[attr] = name;
  return uuid();
}

/**
 * A new user; `sub` is given for federated users, whose username is `<Provider>_<subject>`. The
 * password hash runs off the event loop, so the name is checked again once it is done: another
 * request may have taken it meanwhile, and the user is stored whole or not at all.
 */
export async function newUser(
  ctx: SandboxContext, pool: PoolRuntime, username: string, attributes: Record<string, string>, password: string, sub?: string,
): Promise<UserRecord> {
  const secrets = await passwordSecrets(pool, username, password);
  if (isUsernameTaken(pool, username, sub === undefined ? attributes : {})) throw new CognitoError('UsernameExistsException', 'User already exists');
  const now = ctx.now();
  sub ??= pool.config.usernameAttributes.length ? username : uuid();
  const user: UserRecord = {
    username,
    sub,
    attributes,
    status: 'UNCONFIRMED',
    enabled: true,
    ...secrets,
    createdAt: now,
    updatedAt: now,
    mfaEnabled: [],
    groups: [],
    failedSignIns: 0,
    devices: keyedByInput(),
  };
  addUser(pool, user);
  return user;
}
