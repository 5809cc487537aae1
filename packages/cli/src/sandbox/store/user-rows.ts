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
  private readonly clear: Statement[];
  private readonly insertAttribute: Statement;
  private readonly insertMfa: Statement;
  private readonly insertDevice: Statement;
  private readonly insertCode: Statement;
  private readonly insertMember: Statement;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.byKey = db.prepare('SELECT * FROM users WHERE pool = ? AND user_key = ?');
    this.attributes = db.prepare('SELECT name, value FROM user_attributes WHERE user_id = ?');
    this.mfa = db.prepare('SELECT * FROM user_mfa WHERE user_id = ?');
    this.devices = db.prepare('SELECT data FROM devices WHERE user_id = ?');
    this.codes = db.prepare('SELECT kind, code, expires_at FROM codes WHERE user_id = ?');
    this.groups = db.prepare('SELECT group_name FROM group_members WHERE user_id = ? ORDER BY position');
    // An upsert keeps the row id, so ListUsers' order (by id) stays the order users were created in.
    this.upsert = db.prepare(`INSERT INTO users (pool, user_key, username, sub, status, enabled, created_at, updated_at, data)
      VALUES (@pool, @key, @username, @sub, @status, @enabled, @createdAt, @updatedAt, @data)
      ON CONFLICT (pool, user_key) DO UPDATE SET username = excluded.username, sub = excluded.sub, status = excluded.status,
        enabled = excluded.enabled, created_at = excluded.created_at, updated_at = excluded.updated_at, data = excluded.data`);
    this.idOf = db.prepare('SELECT id FROM users WHERE pool = ? AND user_key = ?').pluck();
    this.clear = ['user_attributes', 'user_mfa', 'devices', 'codes', 'group_members']
      .map(table => db.prepare(`DELETE FROM ${table} WHERE user_id = ?`));
    this.insertAttribute = db.prepare('INSERT INTO user_attributes (user_id, pool, name, value, value_lower) VALUES (?, ?, ?, ?, ?)');
    this.insertMfa = db.prepare(`INSERT INTO user_mfa (user_id, totp_secret, totp_verified, totp_last_step, pending_totp_secret, enabled_methods, preferred)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.insertDevice = db.prepare('INSERT INTO devices (user_id, pool, device_key, data) VALUES (?, ?, ?, ?)');
    this.insertCode = db.prepare('INSERT INTO codes (user_id, kind, code, expires_at) VALUES (?, ?, ?, ?)');
    this.insertMember = db.prepare('INSERT OR IGNORE INTO group_members (user_id, pool, group_name, position) VALUES (?, ?, ?, ?)');
    this.remove = db.prepare('DELETE FROM users WHERE pool = ? AND user_key = ?');
  }

  read(pool: string, key: string): UserRecord | undefined {
    const row = this.byKey.get(pool, key) as UserRow | undefined;
    if (!row) return undefined;
    const extra = JSON.parse(row.data) as Partial<UserRecord>;
    const attributes: Record<string, string> = Object.create(null);
    for (const a of this.attributes.all(row.id) as { name: string; value: string }[]) attributes[a.name] = a.value;
    const devices: Record<string, DeviceRecord> = Object.create(null);
    for (const d of this.devices.all(row.id) as { data: string }[]) {
      const device = JSON.parse(d.data) as DeviceRecord;
      devices[device.key] = device;
    }
    const user: UserRecord = {
      ...extra,
      username: row.username,
      sub: row.sub,
      status: row.status as UserRecord['status'],
      enabled: row.enabled === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      attributes,
      devices,
      groups: (this.groups.all(row.id) as { group_name: string }[]).map(g => g.group_name),
      mfaEnabled: [],
    } as UserRecord;
    const mfa = this.mfa.get(row.id) as any;
    if (mfa) {
      user.mfaEnabled = JSON.parse(mfa.enabled_methods) as MfaMethod[];
      if (mfa.totp_secret !== null) {
        const lastUsed = mfa.totp_last_step !== null ? { lastUsedStep: mfa.totp_last_step } : {};
        user.totp = { secret: mfa.totp_secret, verified: mfa.totp_verified === 1, ...lastUsed };
      }
      if (mfa.pending_totp_secret !== null) user.pendingTotpSecret = mfa.pending_totp_secret;
      if (mfa.preferred !== null) user.preferredMfa = mfa.preferred;
    }
    for (const c of this.codes.all(row.id) as { kind: string; code: string; expires_at: number }[]) {
      const code: StoredCode = { code: c.code, expiresAt: c.expires_at };
      if (c.kind === 'confirmation') {user.confirmationCode = code;} else if (c.kind === 'reset') {user.resetCode = code;} else if (c.kind.startsWith(ATTRIBUTE_CODE_PREFIX)) {
        (user.attributeCodes ??= {})[c.kind.slice(ATTRIBUTE_CODE_PREFIX.length) as VerifiableAttribute] = code;
      }
    }
    return user;
  }

  /** Writes the user's rows (inside the caller's transaction): the user row updated in place, its child rows replaced. */
  write(pool: string, key: string, user: UserRecord): void {
    const extra: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(user)) if (!TABLED_FIELDS.has(field) && value !== undefined) extra[field] = value;
    this.upsert.run({
      pool,
      key,
      username: user.username,
      sub: user.sub,
      status: user.status,
      enabled: user.enabled ? 1 : 0,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      data: JSON.stringify(extra),
    });
    const id = this.idOf.get(pool, key) as number;
    for (const statement of this.clear) statement.run(id);
    for (const [name, value] of Object.entries(user.attributes ?? {})) {
      this.insertAttribute.run(id, pool, name, String(value), String(value).toLowerCase());
    }
    if (user.totp || user.pendingTotpSecret || user.preferredMfa || (user.mfaEnabled ?? []).length) {
      this.insertMfa.run(id, user.totp?.secret ?? null, user.totp ? (user.totp.verified ? 1 : 0) : null, user.totp?.lastUsedStep ?? null,
        user.pendingTotpSecret ?? null, JSON.stringify(user.mfaEnabled ?? []), user.preferredMfa ?? null);
    }
    for (const device of Object.values(user.devices ?? {})) this.insertDevice.run(id, pool, device.key, JSON.stringify(device));
    const codes: [string, StoredCode | undefined][] = [['confirmation', user.confirmationCode], ['reset', user.resetCode],
      ...Object.entries(user.attributeCodes ?? {}).map(([attr, code]) => [`${ATTRIBUTE_CODE_PREFIX}${attr}`, code] as [string, StoredCode])];
    for (const [kind, code] of codes) if (code) this.insertCode.run(id, kind, code.code, code.expiresAt);
    (user.groups ?? []).forEach((group, position) => this.insertMember.run(id, pool, group, position));
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
