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
 *   - attributes: email_verified / phone_number_verified default to "true" when the user has that address.
 * Every problem of the file (its shape and what the pools refuse) is reported in one SeedFileError.
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

/** One entry of the file as far as it could be read: what to plan with, and its own shape problems. */
interface SeedEntry {
  /** The entry with its malformed fields left out; undefined when it has no username and password to check against a pool. */
  readonly user?: SeedUser;
  readonly problems: string[];
}

/**
 * Checks the parsed JSON against the schema above, every entry and field. Entries keep what was
 * well-formed so the pool's checks (password policy, MFA methods, groups, attributes) can run on
 * them too, and one pass reports everything.
 */
function readSeedEntries(json: unknown): SeedEntry[] {
  if (!isObject(json) || !Array.isArray(json.users)) return [{ problems: ['users: expected {"users": [ ... ]}'] }];
  return json.users.map((entry, i): SeedEntry => {
    const at = `users[${i}]`;
    const problems: string[] = [];
    const fail = (field: string, why: string) => { problems.push(`${at}.${field}: ${why}`); };
    if (!isObject(entry)) return { problems: [`${at}: expected an object`] };
    for (const key of Object.keys(entry)) if (!KNOWN.has(key)) fail(key, `unknown field (known: ${[...KNOWN].join(', ')})`);
    for (const key of ['username', 'password'] as const) if (typeof entry[key] !== 'string' || !entry[key]) fail(key, 'required, a non-empty string');
    if (entry.pool !== undefined && typeof entry.pool !== 'string') fail('pool', 'a pool ID, <Stack>/<LogicalId> or logical ID');
    let attributes = entry.attributes ?? {};
    if (!isObject(attributes) || Object.values(attributes).some(v => typeof v !== 'string')) {
      fail('attributes', 'an object of attribute names to string values');
      attributes = {};
    }
    const status = entry.status ?? 'CONFIRMED';
    if (status !== 'CONFIRMED' && status !== 'UNCONFIRMED') fail('status', `"CONFIRMED" or "UNCONFIRMED", got ${JSON.stringify(status)}`);
    let groups = entry.groups ?? [];
    if (!Array.isArray(groups) || groups.some(g => typeof g !== 'string')) {
      fail('groups', 'a list of group names');
      groups = [];
    }
    const mfa: Record<string, unknown> = {};
    const given = entry.mfa ?? {};
    if (!isObject(given)) {
      fail('mfa', 'an object: { "totp"?, "sms"?, "email"?, "preferred"? }');
    } else {
      const totp = given.totp;
      if (totp !== undefined && totp !== true && !(isObject(totp) && typeof totp.secret === 'string')) fail('mfa.totp', 'true (generate a secret) or { "secret": "BASE32" }');
      else if (isObject(totp) && !isBase32Secret(totp.secret as string)) fail('mfa.totp.secret', 'not a base32 secret of at least 16 characters (A-Z, 2-7)');
      else if (totp !== undefined) mfa.totp = totp;
      for (const key of ['sms', 'email'] as const) {
        if (given[key] !== undefined && typeof given[key] !== 'boolean') fail(`mfa.${key}`, 'true or false');
        else if (given[key] !== undefined) mfa[key] = given[key];
      }
      if (given.preferred !== undefined && !Object.keys(MFA_METHOD).includes(String(given.preferred))) fail('mfa.preferred', '"TOTP", "SMS" or "EMAIL"');
      const enabled = { TOTP: given.totp !== undefined, SMS: given.sms === true, EMAIL: given.email === true };
      if (given.preferred !== undefined && !enabled[given.preferred as MfaName]) fail('mfa.preferred', `${String(given.preferred)} is not enabled for this user`);
      else if (given.preferred !== undefined) mfa.preferred = given.preferred;
    }
    const plannable = typeof entry.username === 'string' && !!entry.username && typeof entry.password === 'string' && !!entry.password;
    const user: SeedUser | undefined = plannable ? {
      ...(typeof entry.pool === 'string' ? { pool: entry.pool } : {}),
      username: entry.username as string,
      password: entry.password as string,
      attributes: { ...(attributes as Record<string, string>) },
      status: status === 'UNCONFIRMED' ? 'UNCONFIRMED' : 'CONFIRMED',
      groups: [...(groups as string[])],
      mfa: mfa as SeedUser['mfa'],
    } : undefined;
    return { user, problems };
  });
}

/** Checks the parsed JSON against the schema above. @throws SeedFileError listing every problem. */
export function parseSeedFile(json: unknown): SeedUser[] {
  const entries = readSeedEntries(json);
  const problems = entries.flatMap(e => e.problems);
  if (problems.length) throw new SeedFileError(problems);
  return entries.map(e => e.user!);
}

/**
 * The whole `--seed` file in one pass: its shape and what the pools say about each entry, every
 * problem at once (a bad secret and a weak password in the same report), then the users created.
 * @throws SeedFileError listing every problem; then no user is created.
 */
export async function seedFromFile(ctx: SandboxContext, json: unknown): Promise<SeedResult[]> {
  const entries = readSeedEntries(json);
  return seedEntries(ctx, entries);
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
  return seedEntries(ctx, users.map(user => ({ user, problems: [] })));
}

async function seedEntries(ctx: SandboxContext, entries: SeedEntry[]): Promise<SeedResult[]> {
  return ctx.store.run(async () => {
    const problems: string[] = [];
    const plans: Plan[] = [];
    const seen = new Set<string>();
    for (const [i, entry] of entries.entries()) {
      problems.push(...entry.problems);
      const seed = entry.user;
      if (!seed) continue;
      const at = `users[${i}] (${seed.username})`;
      const { plan, refusals } = await planOne(ctx, seed);
      problems.push(...refusals.map(why => `${at}: ${why}`));
      if (!plan) continue;
      const key = `${plan.pool.config.id}\u0000${seed.username.toLowerCase()}`;
      if (seen.has(key)) problems.push(`${at}: username: appears twice in the file`);
      seen.add(key);
      plans.push(plan);
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

/** Every reason the pool refuses the entry (none: the plan), each as `<field>: <why>` or a Cognito error. */
async function planOne(ctx: SandboxContext, seed: SeedUser): Promise<{ plan?: Plan; refusals: string[] }> {
  let pool: PoolRuntime;
  try {
    pool = poolFor(ctx, seed.pool);
  } catch (err) {
    return { refusals: [(err as Error).message] };
  }
  const base = { username: seed.username, pool: pool.config.id };
  const existing = findUser(pool, seed.username);
  if (existing) {
    const same = await passwordMatches(seed.password, existing.passwordHash, existing.passwordSalt);
    return {
      plan: {
        seed,
        pool,
        result: same ? { ...base, outcome: 'unchanged' }
          : { ...base, outcome: 'conflict', detail: 'exists with another password; left as it is (delete the user or the state file to seed it again)' },
      },
      refusals: [],
    };
  }
  const refusals: string[] = [];
  const check = (f: () => void) => {
    try {
      f();
    } catch (err) {
      refusals.push(err instanceof CognitoError ? `${err.type}: ${err.message}` : (err as Error).message);
    }
  };
  check(() => checkPasswordPolicy(seed.password, pool.config.passwordPolicy));
  const missing = mfaMethods(seed).filter(m => !pool.config.enabledMfas.includes(m));
  if (missing.length) refusals.push(`mfa: the pool does not enable ${missing.join(', ')} (it enables ${pool.config.enabledMfas.join(', ') || 'no MFA'})`);
  const groups = groupsOf(ctx, pool);
  const unknownGroups = seed.groups.filter(g => !groups[g]);
  if (unknownGroups.length) refusals.push(`groups: no group ${unknownGroups.join(', ')} in the pool (groups: ${Object.keys(groups).join(', ') || 'none'})`);
  const attributes = { ...seed.attributes };
  let username: string | undefined;
  check(() => { username = usernameFor(pool, seed.username, attributes); });
  check(() => checkRequired(pool, attributes));
  // Test users are reachable: their email and phone count as verified (so password reset and MFA by
  // email or SMS work) unless the file says otherwise, as an admin would mark them when creating them.
  for (const [attribute, flag] of [['email', 'email_verified'], ['phone_number', 'phone_number_verified']]) {
    if (attributes[attribute] !== undefined && attributes[flag] === undefined) attributes[flag] = 'true';
  }
  if (refusals.length || username === undefined) return { refusals };
  return { plan: { seed, pool, username, attributes }, refusals };
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
