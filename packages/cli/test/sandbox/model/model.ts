/**
 * A small model of what Cognito allows, written from its documentation and independent of the
 * sandbox's code: which factors a sign-in must prove before tokens, which MFA settings a user may
 * choose, and which tokens stay valid.
 *
 * - A sign-in proves a first factor: the password (directly or by SRP), or a passwordless code.
 * - MFA is demanded when the pool's MFA is ON, or OPTIONAL and the user has an MFA method on that
 *   the pool offers and the user can receive (TOTP set up, a phone for SMS, an email for email).
 *   Passwordless codes are the whole sign-in: Cognito asks MFA only after a password.
 * - The one documented exception: a remembered device, in a pool with ChallengeRequiredOnNewDevice,
 *   proves itself by device SRP instead of an MFA code.
 * - A refresh continues an earlier sign-in; it proves nothing new and needs nothing new.
 * - A global sign-out revokes every token issued to the user before it.
 */
export type Method = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
export type Factor = 'password' | 'mfa' | 'device' | 'otp';
export type ClientName = 'A' | 'B';

export interface PoolModel {
  readonly name: string;
  readonly mode: 'OFF' | 'OPTIONAL' | 'ON';
  readonly methods: readonly Method[];
  readonly devices?: { readonly challengeRequiredOnNewDevice: boolean; readonly onlyRememberedOnUserPrompt: boolean };
  /** EMAIL_OTP as a first factor through USER_AUTH. */
  readonly passwordless: boolean;
}

export interface DeviceModel {
  readonly key: string;
  readonly groupKey: string;
  /** The secret the client keeps (device SRP password). */
  readonly secret: string;
  confirmed: boolean;
  remembered: boolean;
}

export interface UserModel {
  readonly email: string;
  readonly phone?: string;
  exists: boolean;
  confirmed: boolean;
  password: string;
  /** Secret of a verified TOTP authenticator. */
  totpSecret?: string;
  readonly enabled: Set<Method>;
  preferred?: Method;
  readonly devices: Map<string, DeviceModel>;
  /** Wrong passwords and codes; the model keeps them below Cognito's lockout (five). */
  failures: number;
  /** Wrong sign-up confirmation codes (Cognito allows five an hour). */
  wrongConfirmations: number;
}

export interface TokenModel {
  readonly user: number;
  readonly client: ClientName;
  readonly access: string;
  readonly refresh?: string;
  readonly expiresAt: number;
  revoked: boolean;
  /** A new device the sign-in created (NewDeviceMetadata), not yet confirmed by ConfirmDevice. */
  newDevice?: { readonly key: string; readonly groupKey: string };
}

/** A sign-in in progress: what it has proven and the session of its current challenge. */
export interface Attempt {
  readonly user: number;
  readonly client: ClientName;
  readonly admin: boolean;
  readonly deviceKey?: string;
  readonly proven: Set<Factor>;
  session: string;
  challenge: string;
  parameters: Record<string, string>;
  expiresAt: number;
  /** The code sent for the current SMS_MFA or EMAIL_OTP challenge. */
  code?: string;
  /** Wrong answers on the current session (Cognito ends it after five). */
  wrongAnswers: number;
  open: boolean;
  /** For the SRP rounds: the client ephemeral of this attempt, and the user's password when it started. */
  srp?: { readonly a: { A: string; sign: (args: any) => string }; readonly poolName: string; readonly userId: string; readonly password: string };
}

export interface SpentSession {
  readonly user: number;
  readonly client: ClientName;
  readonly session: string;
  readonly challenge: string;
}

export interface Model {
  readonly pool: PoolModel;
  readonly users: UserModel[];
  readonly attempts: Attempt[];
  readonly spent: SpentSession[];
  readonly tokens: TokenModel[];
  /** The model's clock (the sandbox's, moved by the same commands). */
  now: number;
}

/** Cognito's authentication sessions last three minutes (the client's AuthSessionValidity default). */
export const SESSION_MS = 3 * 60 * 1000;

/** Can the user receive this method's codes at all? */
export function usable(user: UserModel, method: Method): boolean {
  if (method === 'SOFTWARE_TOKEN_MFA') return user.totpSecret !== undefined;
  if (method === 'SMS_MFA') return user.phone !== undefined;
  return true;
}

/** Does the pool, with this user's settings, demand an MFA factor after a password now? */
export function mfaDemanded(pool: PoolModel, user: UserModel): boolean {
  if (pool.mode === 'OFF') return false;
  if (pool.mode === 'ON') return true;
  return [...user.enabled].some(m => pool.methods.includes(m) && usable(user, m));
}

/** Does a remembered device stand in for MFA now? */
export function deviceWaivesMfa(pool: PoolModel, user: UserModel, deviceKey: string | undefined): boolean {
  const device = deviceKey ? user.devices.get(deviceKey) : undefined;
  return !!pool.devices?.challengeRequiredOnNewDevice && !!device?.confirmed && device.remembered;
}

/** Why tokens issued to `attempt` now would break the rules, or undefined when Cognito allows them. */
export function tokenViolation(m: Model, attempt: Attempt): string | undefined {
  const user = m.users[attempt.user];
  const p = attempt.proven;
  if (!user.exists) return 'tokens for a user who does not exist';
  if (!p.has('password') && !p.has('otp')) return 'tokens without a first factor';
  if (p.has('password') && mfaDemanded(m.pool, user) && !p.has('mfa')) {
    if (!deviceWaivesMfa(m.pool, user, attempt.deviceKey)) return `tokens without the MFA the pool (${m.pool.mode}) and the user's settings demand`;
    if (!p.has('device')) return 'tokens for a remembered device that did not prove itself';
  }
  return undefined;
}

/** A token the sandbox must accept: not revoked, not expired, its user there. */
export function tokenValid(m: Model, token: TokenModel): boolean {
  return !token.revoked && m.now < token.expiresAt && m.users[token.user].exists;
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference as Cognito documents them: a method can be on
 * only when the user can receive it, preferred only when on; under required MFA the user cannot
 * turn off the last method the pool offers. Returns the error the call must end with, if any.
 */
export function preferenceError(pool: PoolModel, user: UserModel, method: Method, enabled: boolean, preferred: boolean): string | undefined {
  if (enabled && !usable(user, method)) return 'InvalidParameterException';
  const after = new Set(user.enabled);
  if (enabled) after.add(method);
  else after.delete(method);
  if (preferred && !after.has(method)) return 'InvalidParameterException';
  const offered = (s: Set<Method>) => [...s].some(m => pool.methods.includes(m));
  if (pool.mode === 'ON' && offered(user.enabled) && !offered(after)) return 'InvalidParameterException';
  return undefined;
}

export function applyPreference(user: UserModel, method: Method, enabled: boolean, preferred: boolean): void {
  if (enabled) user.enabled.add(method);
  else user.enabled.delete(method);
  if (preferred) user.preferred = method;
  else if (user.preferred === method) user.preferred = undefined;
  if (!enabled && user.preferred === method) user.preferred = undefined;
}

/** Everything issued to the user so far stops working. */
export function revokeAll(m: Model, userIndex: number): void {
  for (const t of m.tokens) if (t.user === userIndex) t.revoked = true;
}
