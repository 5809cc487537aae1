import { AsyncLocalStorage } from 'async_hooks';
import type { Database, Statement } from 'better-sqlite3';
import { JSON_BACKUP_SUFFIX, openDatabase, StateFileError } from './open';
import { readPoolState, writePoolSettings } from './pool-rows';
import { UserRows } from './user-rows';
import { CognitoError } from '../core/errors';
import { PoolState, RefreshRecord, UserRecord } from '../core/records';
import { randomToken } from '../crypto/ids';
import { generateSigningKeyPem } from '../crypto/jwt';

export { JSON_BACKUP_SUFFIX, StateFileError };

/** A user as loaded by the operations in flight, with what the database holds for it. */
interface UserEntry {
  readonly id: string;
  readonly pool: string;
  readonly key: string;
  /** The record handlers see and change; undefined once deleted. */
  user?: UserRecord;
  /** JSON of the record as the database has it ('' when it has none). */
  persisted: string;
  /** Units of work holding this entry: it leaves the cache when the last one ends. */
  refs: number;
}

/**
 * The records one Cognito operation read, created or deleted. Committed in one transaction when
 * the operation ends and before its response is sent: what changed is written, so no handler can
 * forget a write. Auth sessions and code attempts are not in it: they live in memory (sessions.ts,
 * code-attempts.ts), short-lived by design, and a restart ends them as a deployment would.
 */
export class UnitOfWork {
  readonly users = new Set<UserEntry>();
  /** Refresh tokens written (record) or deleted (null), keyed by pool and token. */
  readonly tokens = new Map<string, { pool: string; token: string; record: RefreshRecord | null }>();
  closed = false;
}

/** Options for tests. */
export interface StoreOptions {
  /** PRAGMA max_page_count: a database that cannot grow past it, to test a full disk (SQLITE_FULL). */
  readonly maxPageCount?: number;
  readonly log?: (line: string) => void;
}

const cacheKey = (pool: string, key: string) => `${pool}\u0000${key}`;
const snapshot = (user: UserRecord | undefined) => (user ? JSON.stringify(user) : '');
const poolSnapshot = (pool: PoolState) => JSON.stringify(pool);

/**
 * The sandbox's state in a SQLite database (better-sqlite3): `file`, or in memory without one.
 * Users and refresh tokens are read per operation through indexes (never all loaded at start);
 * pools, with their groups, provider links and revoked sign-ins, are small and kept in memory.
 */
export class Store {
  readonly file?: string;
  private readonly db: Database;
  private readonly rows: UserRows;
  private readonly pools = new Map<string, { state: PoolState; persisted: string }>();
  private readonly cache = new Map<string, UserEntry>();
  private readonly units = new AsyncLocalStorage<UnitOfWork>();
  private ambient?: UnitOfWork;
  private readonly log: (line: string) => void;
  private readonly sql: Record<'byStatus' | 'byGroup' | 'bySub' | 'byAttribute' | 'allKeys' | 'token' | 'tokensOf' | 'putToken' | 'deleteToken', Statement>;

  constructor(file?: string, now: () => number = Date.now, options: StoreOptions = {}) {
    this.file = file;
    this.log = options.log ?? (() => undefined);
    this.db = openDatabase(file, now(), options.maxPageCount);
    this.rows = new UserRows(this.db);
    this.sql = {
      byStatus: this.db.prepare('SELECT user_key FROM users WHERE pool = ? AND status = ? ORDER BY id').pluck(),
      byGroup: this.db.prepare(`SELECT u.user_key FROM group_members m JOIN users u ON u.id = m.user_id
        WHERE m.pool = ? AND m.group_name = ? ORDER BY u.id`).pluck(),
      bySub: this.db.prepare('SELECT user_key FROM users WHERE pool = ? AND sub = ?').pluck(),
      byAttribute: this.db.prepare(`SELECT u.user_key FROM user_attributes a JOIN users u ON u.id = a.user_id
        WHERE a.pool = ? AND a.name = ? AND a.value_lower = ?`).pluck(),
      allKeys: this.db.prepare('SELECT user_key FROM users WHERE pool = ? ORDER BY id').pluck(),
      token: this.db.prepare('SELECT data FROM refresh_tokens WHERE pool = ? AND token = ?').pluck(),
      tokensOf: this.db.prepare('SELECT token, data FROM refresh_tokens WHERE pool = ? AND username = ?'),
      putToken: this.db.prepare('INSERT OR REPLACE INTO refresh_tokens (pool, token, username, expires_at, data) VALUES (?, ?, ?, ?, ?)'),
      deleteToken: this.db.prepare('DELETE FROM refresh_tokens WHERE pool = ? AND token = ?'),
    };
    this.write(() => this.db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?').run(now()));
  }

  /** The stored state of a pool, created (with a fresh signing key) on first use. */
  pool(id: string): PoolState {
    let known = this.pools.get(id);
    if (!known) {
      let state = readPoolState(this.db, id);
      if (!state) {
        state = { id, signingKey: generateSigningKeyPem(), keyId: randomToken(32) };
        const created = state;
        this.write(() => this.db.prepare('INSERT INTO pools (id, signing_key, key_id) VALUES (?, ?, ?)').run(id, created.signingKey, created.keyId));
      }
      known = { state, persisted: poolSnapshot(state) };
      this.pools.set(id, known);
    }
    return known.state;
  }

  /**
   * Forgets a pool's users (their attributes, MFA, devices, codes and memberships go with them),
   * groups, tokens, links and key, in one transaction: the next `pool(id)` starts it empty (watch
   * mode's --reset-pool).
   */
  resetPool(id: string): void {
    this.write(() => {
      for (const table of ['refresh_tokens', 'revoked_origins', 'provider_links', 'group_members', 'groups', 'users']) {
        this.db.prepare(`DELETE FROM ${table} WHERE pool = ?`).run(id);
      }
      this.db.prepare('DELETE FROM pools WHERE id = ?').run(id);
    });
    this.pools.delete(id);
  }

  // ---- users (through src/sandbox/users.ts) ----

  /** The user stored under `key` (userKey of the username), loaded for the current operation. */
  user(pool: string, key: string): UserRecord | undefined {
    return this.entry(pool, key)?.user;
  }

  /** Adds (or replaces) the user under `key`; written when the operation commits. */
  putUser(pool: string, key: string, user: UserRecord): void {
    const entry = this.entry(pool, key) ?? this.track({ id: cacheKey(pool, key), pool, key, persisted: '', refs: 0 });
    entry.user = user;
  }

  deleteUser(pool: string, key: string): void {
    const entry = this.entry(pool, key);
    if (entry) entry.user = undefined;
  }

  /** Keys of the users with this sub (index users_by_sub). */
  userKeysBySub(pool: string, sub: string): string[] {
    return this.withPending(pool, this.sql.bySub.all(pool, sub) as string[], u => u.sub === sub);
  }

  /** Keys of the users in this status (index users_by_status), in creation order. */
  userKeysByStatus(pool: string, status: string): string[] {
    return this.withPending(pool, this.sql.byStatus.all(pool, status) as string[], u => u.status === status);
  }

  /** Keys of users whose attribute `name` equals `value` ignoring case (index attributes_by_value); callers compare exactly. */
  userKeysByAttribute(pool: string, name: string, value: string): string[] {
    const lower = value.toLowerCase();
    return this.withPending(pool, this.sql.byAttribute.all(pool, name, lower) as string[], u => u.attributes[name]?.toLowerCase() === lower);
  }

  /** Keys of the members of one group (index members_by_group), in creation order. */
  userKeysByGroup(pool: string, group: string): string[] {
    return this.withPending(pool, this.sql.byGroup.all(pool, group) as string[], u => u.groups.includes(group));
  }

  /** Every user's key in the order they were created (ListUsers, the stand-in provider's list). */
  allUserKeys(pool: string): string[] {
    return this.withPending(pool, this.sql.allKeys.all(pool) as string[], () => true);
  }

  // ---- refresh tokens ----

  refreshToken(pool: string, token: string): RefreshRecord | undefined {
    const pending = this.current().tokens.get(cacheKey(pool, token));
    if (pending) return pending.record ?? undefined;
    const data = this.sql.token.get(pool, token) as string | undefined;
    return data ? JSON.parse(data) : undefined;
  }

  putRefreshToken(pool: string, token: string, record: RefreshRecord): void {
    this.current().tokens.set(cacheKey(pool, token), { pool, token, record });
  }

  deleteRefreshToken(pool: string, token: string): void {
    this.current().tokens.set(cacheKey(pool, token), { pool, token, record: null });
  }

  /** The refresh tokens of one user (index refresh_tokens_by_user). */
  refreshTokensOf(pool: string, username: string): [string, RefreshRecord][] {
    const found = new Map<string, RefreshRecord>();
    for (const row of this.sql.tokensOf.all(pool, username) as { token: string; data: string }[]) found.set(row.token, JSON.parse(row.data));
    for (const p of this.current().tokens.values()) {
      if (p.pool !== pool) continue;
      if (p.record === null) found.delete(p.token);
      else if (p.record.username === username) found.set(p.token, p.record);
    }
    return [...found];
  }

  // ---- units of work ----

  /** Runs one operation in its own unit of work, committed when it ends (also when it throws: failed sign-in counts persist). */
  async run<T>(operation: () => Promise<T> | T): Promise<T> {
    const unit = new UnitOfWork();
    let result: T;
    try {
      result = await this.units.run(unit, operation);
    } finally {
      this.commit(unit);
    }
    return result;
  }

  /** Starts a unit of work for an HTTP request; `next` and everything it awaits run inside it (see http/app.ts). */
  enter(unit: UnitOfWork, next: () => void): void {
    this.units.run(unit, next);
  }

  /**
   * Writes what the unit changed in one transaction. On failure (a full disk: SQLITE_FULL) nothing
   * of it is written, the records it changed are read back as the database has them, and a
   * Cognito-style InternalErrorException (500) says what happened; the process stays up.
   */
  commit(unit: UnitOfWork): void {
    if (unit.closed) return;
    unit.closed = true;
    if (this.ambient === unit) this.ambient = undefined;
    const users = [...unit.users].map(entry => ({ entry, now: snapshot(entry.user) })).filter(u => u.now !== u.entry.persisted);
    const pools = [...this.pools.values()].map(p => ({ p, now: poolSnapshot(p.state) })).filter(x => x.now !== x.p.persisted);
    try {
      if (users.length || pools.length || unit.tokens.size) {
        this.write(() => {
          for (const { entry } of users) {
            if (entry.user) this.rows.write(entry.pool, entry.key, entry.user);
            else this.rows.delete(entry.pool, entry.key);
          }
          for (const t of unit.tokens.values()) {
            if (t.record) this.sql.putToken.run(t.pool, t.token, t.record.username, t.record.expiresAt, JSON.stringify(t.record));
            else this.sql.deleteToken.run(t.pool, t.token);
          }
          for (const { p } of pools) writePoolSettings(this.db, p.state);
        });
      }
      for (const u of users) u.entry.persisted = u.now;
      for (const x of pools) x.p.persisted = x.now;
    } catch (err) {
      for (const { entry } of users) this.reload(entry);
      for (const { p } of pools) this.reloadPool(p.state);
      throw this.writeFailure(err);
    } finally {
      for (const entry of unit.users) if (--entry.refs === 0) this.cache.delete(entry.id);
    }
  }

  /** Commits work done outside any operation (start-up, timers). */
  flush(): void {
    if (this.ambient) this.commit(this.ambient);
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }

  private current(): UnitOfWork {
    const unit = this.units.getStore();
    if (unit && !unit.closed) return unit;
    if (!this.ambient) {
      const ambient = this.ambient = new UnitOfWork();
      setImmediate(() => {
        try {
          this.commit(ambient);
        } catch (err) {
          this.log(`could not save a change made outside a request: ${(err as Error).message}`);
        }
      });
    }
    return this.ambient;
  }

  private entry(pool: string, key: string): UserEntry | undefined {
    const id = cacheKey(pool, key);
    const cached = this.cache.get(id);
    if (cached) return this.track(cached);
    const user = this.rows.read(pool, key);
    return user ? this.track({ id, pool, key, user, persisted: snapshot(user), refs: 0 }) : undefined;
  }

  private track(entry: UserEntry): UserEntry {
    const unit = this.current();
    if (!unit.users.has(entry)) {
      unit.users.add(entry);
      entry.refs++;
      this.cache.set(entry.id, entry);
    }
    return entry;
  }

  /** Database keys plus what operations in flight changed and have not committed yet. */
  private withPending(pool: string, keys: string[], matches: (user: UserRecord) => boolean): string[] {
    const out = new Set(keys);
    for (const e of this.cache.values()) {
      if (e.pool !== pool) continue;
      if (e.user && matches(e.user)) out.add(e.key);
      else out.delete(e.key);
    }
    return [...out];
  }

  private reload(entry: UserEntry): void {
    const stored = this.rows.read(entry.pool, entry.key);
    if (entry.user && stored) {
      for (const field of Object.keys(entry.user)) delete (entry.user as any)[field];
      Object.assign(entry.user, stored);
    } else {
      entry.user = stored;
    }
    entry.persisted = snapshot(stored);
  }

  private reloadPool(state: PoolState): void {
    const stored = readPoolState(this.db, state.id);
    if (!stored) return;
    for (const field of Object.keys(state)) delete (state as any)[field];
    Object.assign(state, stored);
    this.pools.get(state.id)!.persisted = poolSnapshot(state);
  }

  private write(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  private writeFailure(err: unknown): Error {
    const code = (err as { code?: string }).code ?? '';
    const where = this.file ?? 'the in-memory database';
    const reason = code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || /ENOSPC/.test(String(err))
      ? `the disk holding ${where} is full (${code || 'ENOSPC'}); free some space and retry`
      : `writing ${where} failed (${code || (err as Error).message})`;
    this.log(`a change was not saved: ${reason}`);
    return new CognitoError('InternalErrorException', `The sandbox could not save this request's changes: ${reason}. Nothing of this request was saved.`, 500);
  }
}

/**
 * A map keyed by names users choose (usernames, group names, device keys, tokens): no prototype,
 * so `__proto__`, `constructor` or `toString` are keys like any other, never Object.prototype's
 * members. JSON.stringify writes it as a plain object.
 */
export function keyedByInput<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
