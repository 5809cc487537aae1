import { AsyncLocalStorage } from 'async_hooks';
import { randomBytes } from 'crypto';
import type { Database, Statement } from 'better-sqlite3';
import { FileIdentity } from './file-identity';
import { JSON_BACKUP_SUFFIX, openDatabase, StateFileError } from './open';
import { readPoolState, writePoolSettings } from './pool-rows';
import { sameImage, UserImage, UserRows, userImage } from './user-rows';
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
  /** The rows the database has for it (undefined when it has none): a commit writes only what differs. */
  persisted?: UserImage;
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
const imageOf = (user: UserRecord | undefined) => (user ? userImage(user) : undefined);

/** A unit of work waiting for the next group commit, and its caller's promise. */
interface Queued {
  readonly unit: UnitOfWork;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/** A pool's state with the snapshot the database holds. */
interface KnownPool {
  readonly state: PoolState;
  persisted: string;
}

/** What a batch's open transaction holds, not yet committed: user images and pool snapshots written. */
interface Staged {
  readonly users: Map<UserEntry, UserImage | undefined>;
  readonly pools: Map<KnownPool, string>;
  /**
   * Each user's image and each pool's snapshot as the batch commits them, made once per batch (records
   * do not change while it runs): kept up to date when a failed unit reads a record back.
   */
  readonly images: Map<UserEntry, UserImage | undefined>;
  readonly snapshots: Map<KnownPool, string>;
  /** The state file's check, made once per batch when a unit has something to write: its failure, or null when it passed. */
  file?: Error | null;
}
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
  private readonly pools = new Map<string, KnownPool>();
  private readonly cache = new Map<string, UserEntry>();
  private readonly units = new AsyncLocalStorage<UnitOfWork>();
  private ambient?: UnitOfWork;
  /** Units of work whose responses wait for the next group commit (commitDurably). */
  private queue: Queued[] = [];
  /** The state file's identity as opened: a write is refused once the path holds another file or none. */
  private readonly identity?: FileIdentity;
  private readonly log: (line: string) => void;
  private readonly sql: Record<'byStatus' | 'byGroup' | 'bySub' | 'byAttribute' | 'allKeys' | 'token' | 'tokensOf' | 'putToken' | 'deleteToken', Statement>;

  constructor(file?: string, now: () => number = Date.now, options: StoreOptions = {}) {
    this.file = file;
    this.log = options.log ?? (() => undefined);
    this.db = openDatabase(file, now(), options.maxPageCount);
    if (file) this.identity = new FileIdentity(file, this.db, this.log);
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
   * The key material of the local KMS key `arn` (32 bytes), made on first use and kept, so codes
   * encrypted before a restart still decrypt after it. A pool reset keeps it: the key is not the pool's.
   */
  kmsKeyMaterial(arn: string): Buffer {
    const stored = this.db.prepare('SELECT material FROM kms_keys WHERE arn = ?').pluck().get(arn) as string | undefined;
    if (stored) return Buffer.from(stored, 'hex');
    const material = randomBytes(32);
    this.write(() => this.db.prepare('INSERT INTO kms_keys (arn, material) VALUES (?, ?)').run(arn, material.toString('hex')));
    return material;
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
    // Users of the pool that operations in flight hold: the database has none of them now.
    for (const entry of this.cache.values()) if (entry.pool === id) entry.persisted = undefined;
  }

  // ---- users (through src/sandbox/users.ts) ----

  /** The user stored under `key` (userKey of the username), loaded for the current operation. */
  user(pool: string, key: string): UserRecord | undefined {
    return this.entry(pool, key)?.user;
  }

  /** Adds (or replaces) the user under `key`; written when the operation commits. */
  putUser(pool: string, key: string, user: UserRecord): void {
    const entry = this.entry(pool, key) ?? this.track({ id: cacheKey(pool, key), pool, key, refs: 0 });
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
   * Writes what the unit changed in one transaction, now. On failure (a full disk: SQLITE_FULL, or
   * the state file removed or replaced) nothing of it is written, the records it changed are read
   * back as the database has them, and a Cognito-style InternalErrorException (500) says what
   * happened; the process stays up.
   */
  commit(unit: UnitOfWork): void {
    if (unit.closed) return;
    unit.closed = true;
    const [failure] = this.commitBatch([unit]);
    if (failure) throw failure;
  }

  /**
   * Group commit: queues the unit and resolves once it is durable. Units queued in one turn of the
   * event loop are written in one transaction (a savepoint each, so one unit's failure fails only
   * it), and the transaction's COMMIT is their one fsync (WAL, synchronous=FULL): requests that end
   * together share it instead of paying one each. Rejects as commit() throws. A unit that changed
   * nothing (a read, or a sign-in step that keeps everything as it was) while no commit is pending
   * resolves at once: no transaction, no wait. With commits pending it waits for them, so no answer
   * shows a change before it is durable.
   */
  commitDurably(unit: UnitOfWork): Promise<void> {
    if (unit.closed) return Promise.resolve();
    unit.closed = true;
    if (this.ambient === unit) this.ambient = undefined;
    if (!this.queue.length && !this.changes(unit)) {
      this.release(unit);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ unit, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.commitQueued());
    });
  }

  private commitQueued(): void {
    const batch = this.queue;
    this.queue = [];
    if (!batch.length) return; // close() committed them already
    let failures: (Error | undefined)[];
    try {
      failures = this.commitBatch(batch.map(q => q.unit));
    } catch (err) {
      failures = batch.map(() => err as Error);
    }
    batch.forEach((q, i) => (failures[i] ? q.reject(failures[i]!) : q.resolve()));
  }

  /** Whether the unit has anything to write: tokens, a user whose rows differ from the database's, or a changed pool. */
  private changes(unit: UnitOfWork): boolean {
    return this.hasChanges(unit, this.stage());
  }

  /** A batch about to commit: the pools' snapshots as they are now. */
  private stage(): Staged {
    const staged: Staged = { users: new Map(), pools: new Map(), images: new Map(), snapshots: new Map() };
    for (const p of this.pools.values()) staged.snapshots.set(p, poolSnapshot(p.state));
    return staged;
  }

  /** The unit is done with its users: each leaves the cache when no unit in flight holds it. */
  private release(unit: UnitOfWork): void {
    for (const entry of unit.users) if (--entry.refs === 0) this.cache.delete(entry.id);
  }

  /** Commits `units` in one transaction; each unit's failure, or undefined for the ones written. */
  private commitBatch(units: UnitOfWork[]): (Error | undefined)[] {
    for (const unit of units) if (this.ambient === unit) this.ambient = undefined;
    const staged = this.stage();
    let failures: (Error | undefined)[] = units.map(() => undefined);
    try {
      // A batch that changed nothing opens no transaction (BEGIN IMMEDIATE and COMMIT cost even when empty).
      if (!units.some(unit => this.hasChanges(unit, staged))) return failures;
      // The state file is checked in writeUnit, once per batch and only when there is something to write:
      // a batch of reads still answers after the file is gone (reads come from the file SQLite has open).
      this.write(() => {
        failures = units.map(unit => this.writeUnit(unit, staged));
      }, false);
      for (const [entry, image] of staged.users) entry.persisted = image;
      for (const [p, now] of staged.pools) p.persisted = now;
    } catch (err) {
      // The transaction did not commit: nothing of any unit is on disk.
      for (const unit of units) for (const entry of unit.users) this.reload(entry);
      for (const p of staged.pools.keys()) this.reloadPool(p.state);
      const failure = this.writeFailure(err);
      failures = units.map(() => failure);
    } finally {
      for (const unit of units) this.release(unit);
    }
    return failures;
  }

  /** The image the batch commits for `entry`, made on first use. */
  private imageIn(staged: Staged, entry: UserEntry): UserImage | undefined {
    if (!staged.images.has(entry)) staged.images.set(entry, imageOf(entry.user));
    return staged.images.get(entry);
  }

  /** Whether `unit` has anything to write compared with what the database holds before the batch. */
  private hasChanges(unit: UnitOfWork, staged: Staged): boolean {
    if (unit.tokens.size) return true;
    for (const entry of unit.users) if (!sameImage(this.imageIn(staged, entry), entry.persisted)) return true;
    for (const [p, now] of staged.snapshots) if (now !== p.persisted) return true;
    return false;
  }

  /** Reads a user (or pool) back inside the batch: staged as the database has it, and so the batch's image of it. */
  private readBack(staged: Staged, entry: UserEntry): void {
    const image = this.reload(entry);
    staged.users.set(entry, image);
    staged.images.set(entry, imageOf(entry.user));
  }

  private readBackPool(staged: Staged, p: KnownPool): void {
    const snapshot = this.reloadPool(p.state);
    staged.pools.set(p, snapshot);
    staged.snapshots.set(p, snapshot);
  }

  /** Writes one unit inside the batch's transaction, in a savepoint: on failure only its writes are undone. */
  private writeUnit(unit: UnitOfWork, staged: Staged): Error | undefined {
    const before = (entry: UserEntry) => (staged.users.has(entry) ? staged.users.get(entry) : entry.persisted);
    const users = [...unit.users].map(entry => ({ entry, now: this.imageIn(staged, entry) })).filter(u => !sameImage(u.now, before(u.entry)));
    const pools = [...staged.snapshots].map(([p, now]) => ({ p, now })).filter(x => x.now !== (staged.pools.get(x.p) ?? x.p.persisted));
    if (!users.length && !pools.length && !unit.tokens.size) return undefined;
    if (staged.file === undefined) staged.file = this.fileProblem();
    if (staged.file) {
      for (const { entry } of users) this.readBack(staged, entry);
      for (const { p } of pools) this.readBackPool(staged, p);
      return staged.file;
    }
    this.db.exec('SAVEPOINT unit');
    try {
      for (const { entry, now } of users) {
        if (now) this.rows.write(entry.pool, entry.key, now, before(entry));
        else this.rows.delete(entry.pool, entry.key);
      }
      for (const t of unit.tokens.values()) {
        if (t.record) this.sql.putToken.run(t.pool, t.token, t.record.username, t.record.expiresAt, JSON.stringify(t.record));
        else this.sql.deleteToken.run(t.pool, t.token);
      }
      for (const { p } of pools) writePoolSettings(this.db, p.state);
      this.db.exec('RELEASE unit');
    } catch (err) {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, I/O): then the batch fails.
      if (!this.db.inTransaction) throw err;
      this.db.exec('ROLLBACK TO unit');
      this.db.exec('RELEASE unit');
      // Read back as the open transaction has them (earlier units of the batch included).
      for (const { entry } of users) this.readBack(staged, entry);
      for (const { p } of pools) this.readBackPool(staged, p);
      return this.writeFailure(err);
    }
    for (const { entry, now } of users) staged.users.set(entry, now);
    for (const { p, now } of pools) staged.pools.set(p, now);
    return undefined;
  }

  /** Commits work done outside any operation (start-up, timers). */
  flush(): void {
    if (this.ambient) this.commit(this.ambient);
  }

  /** Why changes are no longer saved (the state file was removed or replaced), or undefined while they are. */
  get unsaved(): string | undefined {
    return this.identity?.problem;
  }

  close(): void {
    if (this.queue.length) this.commitQueued();
    this.flush();
    this.identity?.stop();
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
    const stored = this.rows.read(pool, key);
    return stored ? this.track({ id, pool, key, user: stored.user, persisted: stored.image, refs: 0 }) : undefined;
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

  /** Reads the entry back as the database has it; returns the image of its rows. */
  private reload(entry: UserEntry): UserImage | undefined {
    const stored = this.rows.read(entry.pool, entry.key);
    if (entry.user && stored) {
      for (const field of Object.keys(entry.user)) delete (entry.user as any)[field];
      Object.assign(entry.user, stored.user);
    } else {
      entry.user = stored?.user;
    }
    return (entry.persisted = stored?.image);
  }

  private reloadPool(state: PoolState): string {
    const known = this.pools.get(state.id)!;
    const stored = readPoolState(this.db, state.id);
    if (!stored) return known.persisted;
    for (const field of Object.keys(state)) delete (state as any)[field];
    Object.assign(state, stored);
    return (known.persisted = poolSnapshot(state));
  }

  /** One transaction, refused (nothing written) once the state file is no longer the one opened (unless the caller checks). */
  private write(work: () => void, checkFile = true): void {
    if (checkFile) this.identity?.check();
    this.db.transaction(work).immediate();
  }

  /** The error that refuses writes once the state file was removed or replaced, or null. */
  private fileProblem(): Error | null {
    try {
      this.identity?.check();
      return null;
    } catch (err) {
      return err as Error;
    }
  }

  private writeFailure(err: unknown): Error {
    if (err instanceof CognitoError) return err;
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
