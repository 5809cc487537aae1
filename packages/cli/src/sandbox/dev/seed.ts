/**
 * `--seed users.json`: test users every developer would otherwise create by hand, made through the
 * sandbox's own model (the username rules, password policy and hashing SignUp uses) and committed
 * in one unit of work. Idempotent: a user that already exists is left as it is and reported.
 *
 * File schema (README "Seeded users"):
 *   { "users": [ { "username", "password", "pool"?, "attributes"?, "status"?, "groups"?, "mfa"? } ] }
 *   - pool: the pool's ID, `<Stack>/<LogicalId>` or logical ID; needed only when the sandbox serves several pools.
 *   - status: "CONFIRMED" (default) or "UNCONFIRMED".
 *   - mfa: { "totp"?: true | { "secret": BASE32 }, "sms"?: true, "email"?: true, "preferred"?: "TOTP" | "SMS" | "EMAIL" }
 *     totp true generates a secret, printed once as an otpauth URI and a terminal QR code.
 * Remembered devices are not seeded: a device key only means something to the client that confirmed it.
 */
import { Secret } from 'otpauth';
import { CognitoError } from '../core/errors';
import { MfaMethod } from '../core/pool-config';
import { passwordMatches } from '../crypto/passwords';
import { newTotpSecret, otpauthUri } from '../crypto/totp';
import { PoolRuntime, SandboxContext } from '../model/context';
import { checkPasswordPolicy } from '../model/password-policy';
import { checkRequired, findUser, newUser, usernameFor } from '../model/users';
import { groupsOf } from '../operations/groups';

const MFA_METHOD = { TOTP: 'SOFTWARE_TOKEN_MFA', SMS: 'SMS_MFA', EMAIL: 'EMAIL_OTP' } as const satisfies Record<string, MfaMethod>;
type MfaName = keyof typeof MFA_METHOD;

export interface SeedUser {
  readonly pool?: string;
  readonly username: string;
  readonly password: string;
  readonly attributes: Record<string, string>;
  readonly status: 'CONFIRMED' | 'UNCONFIRMED';
  readonly groups: string[];
  readonly mfa: {
    readonly totp?: true | { readonly secret: string };
    readonly sms?: boolean;
    readonly email?: boolean;
    readonly preferred?: MfaName;
  };
}

/** One line per seeded user; `otpauthUri` when a TOTP secret was generated (show it once). */
export interface SeedResult {
  readonly username: string;
  readonly pool: string;
  readonly outcome: 'created' | 'unchanged' | 'conflict';
  readonly detail?: string;
  readonly otpauthUri?: string;
}

/** The seed file is not as documented: every problem, each naming its entry and field. */
export class SeedFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`the seed file has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
    this.name = 'SeedFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN = new Set(['pool', 'username', 'password', 'attributes', 'status', 'groups', 'mfa']);

/** Checks the parsed JSON against the schema above. @throws SeedFileError listing every problem. */
export function parseSeedFile(json: unknown): SeedUser[] {
  const problems: string[] = [];
  if (!isObject(json) || !Array.isArray(json.users)) throw new SeedFileError(['users: expected {"users": [ ... ]}']);
  const users = json.users.map((entry, i): SeedUser | undefined => {
    const at = `users[${i}]`;
    const fail = (field: string, why: string) => { problems.push(`${at}.${field}: ${why}`); };
    if (!isObject(entry)) return void problems.push(`${at}: expected an object`);
    for (const key of Object.keys(entry)) if (!KNOWN.has(key)) fail(key, `unknown field (known: ${[...KNOWN].join(', ')})`);
    for (const key of ['username', 'password'] as const) if (typeof entry[key] !== 'string' || !entry[key]) fail(key, 'required, a non-empty string');
    if (entry.pool !== undefined && typeof entry.pool !== 'string') fail('pool', 'a pool ID, <Stack>/<LogicalId> or logical ID');
    const attributes = entry.attributes ?? {};
    if (!isObject(attributes) || Object.values(attributes).some(v => typeof v !== 'string')) fail('attributes', 'an object of attribute names to string values');
    const status = entry.status ?? 'CONFIRMED';
    if (status !== 'CONFIRMED' && status !== 'UNCONFIRMED') fail('status', `"CONFIRMED" or "UNCONFIRMED", got ${JSON.stringify(status)}`);
    const groups = entry.groups ?? [];
    if (!Array.isArray(groups) || groups.some(g => typeof g !== 'string')) fail('groups', 'a list of group names');
    const mfa = entry.mfa ?? {};
    if (!isObject(mfa)) {
      fail('mfa', 'an object: { "totp"?, "sms"?, "email"?, "preferred"? }');
    } else {
      const totp = mfa.totp;
      if (totp !== undefined && totp !== true && !(isObject(totp) && typeof totp.secret === 'string')) fail('mfa.totp', 'true (generate a secret) or { "secret": "BASE32" }');
      if (isObject(totp) && typeof totp.secret === 'string' && !isBase32Secret(totp.secret)) fail('mfa.totp.secret', 'not a base32 secret of at least 16 characters (A-Z, 2-7)');
      for (const key of ['sms', 'email'] as const) if (mfa[key] !== undefined && typeof mfa[key] !== 'boolean') fail(`mfa.${key}`, 'true or false');
      if (mfa.preferred !== undefined && !Object.keys(MFA_METHOD).includes(String(mfa.preferred))) fail('mfa.preferred', '"TOTP", "SMS" or "EMAIL"');
      const enabled = { TOTP: totp !== undefined, SMS: mfa.sms === true, EMAIL: mfa.email === true };
      if (mfa.preferred !== undefined && !enabled[mfa.preferred as MfaName]) fail('mfa.preferred', `${String(mfa.preferred)} is not enabled for this user`);
    }
    return entry as unknown as SeedUser;
  });
  if (problems.length) throw new SeedFileError(problems);
  return users.map(u => ({
    ...u!,
    attributes: { ...(u!.attributes ?? {}) },
    status: u!.status ?? 'CONFIRMED',
    groups: u!.groups ?? [],
    mfa: u!.mfa ?? {},
  }));
}

function isBase32Secret(secret: string): boolean {
  if (!/^[A-Z2-7]{16,}=*$/.test(secret)) return false;
  try {
    return Secret.fromBase32(secret).bytes.length >= 10;
  } catch {
    return false;
  }
}

/**
 * Creates the users that do not exist yet. Every entry is checked first and only then are users
 * written, in one unit of work: a file with a bad entry seeds no one, so fixing it and restarting
 * gives the whole set. A user that exists is `unchanged` when its password still matches and
 * `conflict` otherwise: never overwritten, so a developer's own changes to a seeded user survive.
 * @throws SeedFileError for entries no pool can take (unknown pool, password policy, required attributes, MFA the pool lacks).
 */
export async function seedUsers(ctx: SandboxContext, users: SeedUser[]): Promise<SeedResult[]> {
  return ctx.store.run(async () => {
    const problems: string[] = [];
    const plans: Plan[] = [];
    const seen = new Set<string>();
    for (const [i, seed] of users.entries()) {
      try {
        const plan = await planOne(ctx, seed);
        const key = `${plan.pool.config.id}\u0000${seed.username.toLowerCase()}`;
        if (seen.has(key)) throw new Error('username: appears twice in the file');
        seen.add(key);
        plans.push(plan);
      } catch (err) {
        problems.push(`users[${i}] (${seed.username}): ${err instanceof CognitoError ? `${err.type}: ${err.message}` : (err as Error).message}`);
      }
    }
    if (problems.length) throw new SeedFileError(problems);
    const results: SeedResult[] = [];
    for (const plan of plans) results.push(plan.result ?? await create(ctx, plan));
    return results;
  });
}

/** One entry, checked: the pool it goes to, and either its outcome (it exists) or what to create. */
interface Plan {
  readonly seed: SeedUser;
  readonly pool: PoolRuntime;
  readonly result?: SeedResult;
  readonly username?: string;
  readonly attributes?: Record<string, string>;
}

function poolFor(ctx: SandboxContext, name: string | undefined): PoolRuntime {
  const pools = [...ctx.pools.values()];
  if (name === undefined) {
    if (pools.length === 1) return pools[0];
    throw new Error(`pool: the sandbox serves ${pools.length} pools; name one (${pools.map(p => `${p.config.stackName}/${p.config.logicalId}`).join(', ')})`);
  }
  const pool = pools.find(p => p.config.id === name || `${p.config.stackName}/${p.config.logicalId}` === name || p.config.logicalId === name);
  if (!pool) throw new Error(`pool: no pool ${JSON.stringify(name)} (pools: ${pools.map(p => `${p.config.stackName}/${p.config.logicalId}`).join(', ')})`);
  return pool;
}

async function planOne(ctx: SandboxContext, seed: SeedUser): Promise<Plan> {
  const pool = poolFor(ctx, seed.pool);
  const base = { username: seed.username, pool: pool.config.id };
  const existing = findUser(pool, seed.username);
  if (existing) {
    const same = await passwordMatches(seed.password, existing.passwordHash, existing.passwordSalt);
    return {
      seed,
      pool,
      result: same ? { ...base, outcome: 'unchanged' }
        : { ...base, outcome: 'conflict', detail: 'exists with another password; left as it is (delete the user or the state file to seed it again)' },
    };
  }
  checkPasswordPolicy(seed.password, pool.config.passwordPolicy);
  const missing = mfaMethods(seed).filter(m => !pool.config.enabledMfas.includes(m));
  if (missing.length) throw new Error(`mfa: the pool does not enable ${missing.join(', ')} (it enables ${pool.config.enabledMfas.join(', ') || 'no MFA'})`);
  const groups = groupsOf(ctx, pool);
  const unknownGroups = seed.groups.filter(g => !groups[g]);
  if (unknownGroups.length) throw new Error(`groups: no group ${unknownGroups.join(', ')} in the pool (groups: ${Object.keys(groups).join(', ') || 'none'})`);
  const attributes = { ...seed.attributes };
  const username = usernameFor(pool, seed.username, attributes);
  checkRequired(pool, attributes);
  return { seed, pool, username, attributes };
}

async function create(ctx: SandboxContext, plan: Plan): Promise<SeedResult> {
  const { seed, pool } = plan;
  const user = await newUser(ctx, pool, plan.username!, plan.attributes!, seed.password);
  user.status = seed.status;
  user.groups = [...seed.groups];
  let generated: string | undefined;
  if (seed.mfa.totp !== undefined) {
    const secret = seed.mfa.totp === true ? (generated = newTotpSecret()) : seed.mfa.totp.secret;
    user.totp = { secret, verified: true };
  }
  const methods = mfaMethods(seed);
  user.mfaEnabled = methods;
  const preferred = seed.mfa.preferred ?? (methods.length === 1 ? nameOf(methods[0]) : undefined);
  if (preferred) user.preferredMfa = MFA_METHOD[preferred];
  return {
    username: seed.username,
    pool: pool.config.id,
    outcome: 'created',
    ...(generated ? { otpauthUri: otpauthUri(generated, seed.username, pool.config.name) } : {}),
  };
}

const nameOf = (method: MfaMethod) => (Object.keys(MFA_METHOD) as MfaName[]).find(k => MFA_METHOD[k] === method);

function mfaMethods(seed: SeedUser): MfaMethod[] {
  return [
    ...(seed.mfa.totp !== undefined ? [MFA_METHOD.TOTP] : []),
    ...(seed.mfa.sms ? [MFA_METHOD.SMS] : []),
    ...(seed.mfa.email ? [MFA_METHOD.EMAIL] : []),
  ];
}
