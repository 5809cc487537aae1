import type { Database, Statement } from 'better-sqlite3';
import { MfaMethod } from '../core/pool-config';
import { DeviceRecord, StoredCode, UserRecord, VerifiableAttribute } from '../core/records';

/** UserRecord fields that have their own columns or tables; every other field goes to `users.data`. */
const TABLED_FIELDS = new Set([
  'username', 'sub', 'status', 'enabled', 'createdAt', 'updatedAt', 'attributes', 'totp', 'pendingTotpSecret',
  'mfaEnabled', 'preferredMfa', 'devices', 'groups', 'confirmationCode', 'resetCode', 'attributeCodes',
]);

const ATTRIBUTE_CODE_PREFIX = 'attribute:';

interface UserRow {
  id: number;
  username: string;
  sub: string;
  status: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  data: string;
}

/**
 * One user as the rows it is stored in, each part in a comparable form: what a write compares with the
 * image last written (or read) to write only the rows that changed. A TOTP sign-in changes two rows
 * (the user's failed-count and the MFA row's last used step), not the user's every child row.
 */
export interface UserImage {
  /** users.id; set once the user row exists. */
  id?: number;
  /** The users row's columns, JSON (compared), and as values (written). */
  readonly user: string;
  readonly userColumns: readonly unknown[];
  readonly attributes: ReadonlyMap<string, string>;
  /** The user_mfa row's columns, JSON ('' when the user has none), and as values. */
  readonly mfa: string;
  readonly mfaColumns?: readonly unknown[];
  /** Device key to the devices row's data. */
  readonly devices: ReadonlyMap<string, string>;
  /** Code kind to JSON [code, expiresAt]. */
  readonly codes: ReadonlyMap<string, string>;
  /** The groups in order, JSON, and as the list. */
  readonly groups: string;
  readonly groupList: readonly string[];
}

/** Whether two images store the same rows (ids aside). */
export function sameImage(a: UserImage | undefined, b: UserImage | undefined): boolean {
  if (!a || !b) return a === b;
  return a.user === b.user && a.mfa === b.mfa && a.groups === b.groups
    && sameMap(a.attributes, b.attributes) && sameMap(a.devices, b.devices) && sameMap(a.codes, b.codes);
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The rows `user` is stored in. */
export function userImage(user: UserRecord, id?: number): UserImage {
  const extra: Record<string, unknown> = {};
  for (const field of Object.keys(user)) {
    const value = (user as unknown as Record<string, unknown>)[field];
    if (value !== undefined && !TABLED_FIELDS.has(field)) extra[field] = value;
  }
  const hasMfa = user.totp || user.pendingTotpSecret || user.preferredMfa || (user.mfaEnabled ?? []).length;
  const codes = new Map<string, string>();
  if (user.confirmationCode) codes.set('confirmation', codeJson(user.confirmationCode));
  if (user.resetCode) codes.set('reset', codeJson(user.resetCode));
  for (const attr of Object.keys(user.attributeCodes ?? {})) {
    const code = user.attributeCodes![attr as VerifiableAttribute];
    if (code) codes.set(`${ATTRIBUTE_CODE_PREFIX}${attr}`, codeJson(code));
  }
  const attributes = new Map<string, string>();
  for (const name of Object.keys(user.attributes ?? {})) attributes.set(name, String(user.attributes[name]));
  const devices = new Map<string, string>();
  for (const device of Object.values(user.devices ?? {})) devices.set(device.key, JSON.stringify(device));
  const userColumns = [user.username, user.sub, user.status, user.enabled ? 1 : 0, user.createdAt, user.updatedAt, JSON.stringify(extra)];
  const mfaColumns = hasMfa ? [user.totp?.secret ?? null, user.totp ? (user.totp.verified ? 1 : 0) : null, user.totp?.lastUsedStep ?? null,
    user.pendingTotpSecret ?? null, JSON.stringify(user.mfaEnabled ?? []), user.preferredMfa ?? null] : undefined;
  const groupList = [...(user.groups ?? [])];
  return {
    id,
    user: JSON.stringify(userColumns),
    userColumns,
    attributes,
    mfa: mfaColumns ? JSON.stringify(mfaColumns) : '',
    mfaColumns,
    devices,
    codes,
    groups: JSON.stringify(groupList),
    groupList,
  };
}

const codeJson = (code: StoredCode) => JSON.stringify([code.code, code.expiresAt]);

/** Entries of a map in key order: the order the database's primary keys give when it is read. */
const sortedEntries = <T>(map: ReadonlyMap<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The user record an image stores, in new objects each time: what reading its rows gives (children
 * in the database's key order), so a user rebuilt from the image a commit wrote is the one the
 * database would return.
 */
export function userFromImage(image: UserImage): UserRecord {
  const [username, sub, status, enabled, createdAt, updatedAt, data] = image.userColumns as [string, string, string, number, number, number, string];
  const extra = JSON.parse(data) as Partial<UserRecord>;
  const attributes: Record<string, string> = Object.create(null);
  for (const [name, value] of sortedEntries(image.attributes)) attributes[name] = value;
  const devices: Record<string, DeviceRecord> = Object.create(null);
  for (const [, text] of sortedEntries(image.devices)) {
    const device = JSON.parse(text) as DeviceRecord;
    devices[device.key] = device;
  }
  const user: UserRecord = {
    ...extra,
    username,
    sub,
    status: status as UserRecord['status'],
    enabled: enabled === 1,
    createdAt,
    updatedAt,
    attributes,
    devices,
    groups: [...image.groupList],
    mfaEnabled: [],
  } as UserRecord;
  if (image.mfaColumns) {
    type MfaColumns = [string | null, number | null, number | null, string | null, string, string | null];
    const [secret, verified, lastStep, pending, methods, preferred] = image.mfaColumns as MfaColumns;
    user.mfaEnabled = JSON.parse(methods) as MfaMethod[];
    if (secret !== null) user.totp = { secret, verified: verified === 1, ...(lastStep !== null ? { lastUsedStep: lastStep } : {}) };
    if (pending !== null) user.pendingTotpSecret = pending;
    if (preferred !== null) user.preferredMfa = preferred as MfaMethod;
  }
  for (const [kind, text] of sortedEntries(image.codes)) {
    const [value, expiresAt] = JSON.parse(text) as [string, number];
    const code: StoredCode = { code: value, expiresAt };
    if (kind === 'confirmation') {user.confirmationCode = code;} else if (kind === 'reset') {user.resetCode = code;} else if (kind.startsWith(ATTRIBUTE_CODE_PREFIX)) {
      (user.attributeCodes ??= {})[kind.slice(ATTRIBUTE_CODE_PREFIX.length) as VerifiableAttribute] = code;
    }
  }
  return user;
}

/** Reads and writes one user as rows of users, user_attributes, user_mfa, devices, codes and group_members. */
export class UserRows {
  private readonly byKey: Statement;
  private readonly attributes: Statement;
  private readonly mfa: Statement;
  private readonly devices: Statement;
  private readonly codes: Statement;
  private readonly groups: Statement;
  private readonly upsert: Statement;
  private readonly idOf: Statement;
  private readonly putAttribute: Statement;
  private readonly dropAttribute: Statement;
  private readonly putMfa: Statement;
  private readonly dropMfa: Statement;
  private readonly putDevice: Statement;
  private readonly dropDevice: Statement;
  private readonly putCode: Statement;
  private readonly dropCode: Statement;
  private readonly clearMembers: Statement;
  private readonly insertMember: Statement;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.byKey = db.prepare('SELECT * FROM users WHERE pool = ? AND user_key = ?');
    this.attributes = db.prepare('SELECT name, value FROM user_attributes WHERE user_id = ?');
    this.mfa = db.prepare('SELECT * FROM user_mfa WHERE user_id = ?');
    this.devices = db.prepare('SELECT device_key, data FROM devices WHERE user_id = ?');
    this.codes = db.prepare('SELECT kind, code, expires_at FROM codes WHERE user_id = ?');
    this.groups = db.prepare('SELECT group_name FROM group_members WHERE user_id = ? ORDER BY position');
    // An upsert keeps the row id, so ListUsers' order (by id) stays the order users were created in.
    this.upsert = db.prepare(`INSERT INTO users (pool, user_key, username, sub, status, enabled, created_at, updated_at, data)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (pool, user_key) DO UPDATE SET username = excluded.username, sub = excluded.sub, status = excluded.status,
        enabled = excluded.enabled, created_at = excluded.created_at, updated_at = excluded.updated_at, data = excluded.data`);
    this.idOf = db.prepare('SELECT id FROM users WHERE pool = ? AND user_key = ?').pluck();
    // Child rows are updated in place (ON CONFLICT DO UPDATE), not deleted and inserted again.
    this.putAttribute = db.prepare(`INSERT INTO user_attributes (user_id, pool, name, value, value_lower) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value, value_lower = excluded.value_lower`);
    this.dropAttribute = db.prepare('DELETE FROM user_attributes WHERE user_id = ? AND name = ?');
    this.putMfa = db.prepare(`INSERT INTO user_mfa (user_id, totp_secret, totp_verified, totp_last_step, pending_totp_secret, enabled_methods, preferred)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET totp_secret = excluded.totp_secret, totp_verified = excluded.totp_verified,
        totp_last_step = excluded.totp_last_step, pending_totp_secret = excluded.pending_totp_secret,
        enabled_methods = excluded.enabled_methods, preferred = excluded.preferred`);
    this.dropMfa = db.prepare('DELETE FROM user_mfa WHERE user_id = ?');
    this.putDevice = db.prepare(`INSERT INTO devices (user_id, pool, device_key, data) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, device_key) DO UPDATE SET data = excluded.data`);
    this.dropDevice = db.prepare('DELETE FROM devices WHERE user_id = ? AND device_key = ?');
    this.putCode = db.prepare(`INSERT INTO codes (user_id, kind, code, expires_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, kind) DO UPDATE SET code = excluded.code, expires_at = excluded.expires_at`);
    this.dropCode = db.prepare('DELETE FROM codes WHERE user_id = ? AND kind = ?');
    this.clearMembers = db.prepare('DELETE FROM group_members WHERE user_id = ?');
    this.insertMember = db.prepare('INSERT OR IGNORE INTO group_members (user_id, pool, group_name, position) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM users WHERE pool = ? AND user_key = ?');
  }

  /** The user stored under `key`, with the image of its rows (what the next write compares with). */
  read(pool: string, key: string): { user: UserRecord; image: UserImage } | undefined {
    const row = this.byKey.get(pool, key) as UserRow | undefined;
    if (!row) return undefined;
    const mfa = this.mfa.get(row.id) as Record<string, unknown> | undefined;
    const mfaColumns = mfa
      ? [mfa.totp_secret, mfa.totp_verified, mfa.totp_last_step, mfa.pending_totp_secret, mfa.enabled_methods, mfa.preferred]
      : undefined;
    const userColumns = [row.username, row.sub, row.status, row.enabled, row.created_at, row.updated_at, row.data];
    const groupList = (this.groups.all(row.id) as { group_name: string }[]).map(g => g.group_name);
    // The image straight from the rows (no record serialized again): equal to userImage(user) for rows it wrote.
    const image: UserImage = {
      id: row.id,
      user: JSON.stringify(userColumns),
      userColumns,
      attributes: new Map((this.attributes.all(row.id) as { name: string; value: string }[]).map(a => [a.name, a.value])),
      mfa: mfaColumns ? JSON.stringify(mfaColumns) : '',
      mfaColumns,
      devices: new Map((this.devices.all(row.id) as { device_key: string; data: string }[]).map(d => [d.device_key, d.data])),
      codes: new Map((this.codes.all(row.id) as { kind: string; code: string; expires_at: number }[])
        .map(c => [c.kind, codeJson({ code: c.code, expiresAt: c.expires_at })])),
      groups: JSON.stringify(groupList),
      groupList,
    };
    return { user: userFromImage(image), image };
  }

  /**
   * Writes a user's rows, `now` (its userImage), inside the caller's transaction: only the rows that
   * differ from `before`, the image of what the database holds (all of them without it). Sets now.id.
   */
  write(pool: string, key: string, now: UserImage, before?: UserImage): void {
    now.id ??= before?.id;
    if (now.user !== before?.user || now.id === undefined) {
      this.upsert.run(pool, key, ...now.userColumns);
      now.id ??= this.idOf.get(pool, key) as number;
    }
    const id = now.id!;
    for (const [name, value] of now.attributes) {
      if (before?.attributes.get(name) !== value) this.putAttribute.run(id, pool, name, value, value.toLowerCase());
    }
    for (const name of before?.attributes.keys() ?? []) if (!now.attributes.has(name)) this.dropAttribute.run(id, name);
    if (now.mfa !== (before?.mfa ?? '')) {
      if (now.mfaColumns) this.putMfa.run(id, ...now.mfaColumns);
      else this.dropMfa.run(id);
    }
    for (const [device, data] of now.devices) if (before?.devices.get(device) !== data) this.putDevice.run(id, pool, device, data);
    for (const device of before?.devices.keys() ?? []) if (!now.devices.has(device)) this.dropDevice.run(id, device);
    for (const [kind, code] of now.codes) if (before?.codes.get(kind) !== code) this.putCode.run(id, kind, ...JSON.parse(code));
    for (const kind of before?.codes.keys() ?? []) if (!now.codes.has(kind)) this.dropCode.run(id, kind);
    if (now.groups !== (before?.groups ?? '[]')) {
      this.clearMembers.run(id);
      now.groupList.forEach((group, position) => this.insertMember.run(id, pool, group, position));
    }
  }

  delete(pool: string, key: string): void {
    this.remove.run(pool, key);
  }
}

/** A user record from an older state file, with the fields it may lack filled in (a record without attributes, devices, ...). */
export function withDefaults(user: Partial<UserRecord> & { username: string; sub: string }, now: number): UserRecord {
  return {
    ...user,
    attributes: Object.assign(Object.create(null), user.attributes ?? {}),
    status: user.status ?? 'CONFIRMED',
    enabled: user.enabled ?? true,
    createdAt: user.createdAt ?? now,
    updatedAt: user.updatedAt ?? user.createdAt ?? now,
    passwordHash: user.passwordHash ?? '',
    passwordSalt: user.passwordSalt ?? '',
    srpSalt: user.srpSalt ?? '',
    srpVerifier: user.srpVerifier ?? '',
    mfaEnabled: user.mfaEnabled ?? [],
    groups: user.groups ?? [],
    failedSignIns: user.failedSignIns ?? 0,
    devices: Object.assign(Object.create(null), user.devices ?? {}),
  } as UserRecord;
}
