import * as fs from 'fs';
import * as path from 'path';
import { randomToken } from './ids';
import { generateSigningKeyPem } from './jwt';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';
import { PoolState, SandboxState } from './types';

/** How long writes coalesce before the state file is rewritten. */
const FLUSH_DELAY_MS = 20;

/**
 * Holds all users, devices and refresh tokens, and persists them to a JSON file written
 * atomically (temp file + rename) so a crash never leaves a half-written state.
 */
export class Store {
  private static read(file: string): SandboxState {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed?.version !== 1 || typeof parsed.pools !== 'object') throw new Error(`${file} is not a sandbox state file`);
    parsed.pools = keyedByInput(parsed.pools);
    for (const pool of Object.values<PoolState>(parsed.pools)) {
      pool.users = keyedByInput(pool.users);
      pool.refreshTokens = keyedByInput(pool.refreshTokens);
      if (pool.groups) pool.groups = keyedByInput(pool.groups);
      for (const user of Object.values(pool.users)) user.devices = keyedByInput(user.devices);
    }
    return parsed;
  }

  readonly state: SandboxState;
  private timer?: NodeJS.Timeout;

  constructor(private readonly file?: string, private readonly now: () => number = Date.now) {
    this.state = file && fs.existsSync(file) ? Store.read(file) : { version: 1, pools: keyedByInput() };
    this.pruneExpired();
  }

  /** The stored state of a pool, created (with a fresh signing key) on first use. */
  pool(id: string): PoolState {
    let pool = this.state.pools[id];
    if (!pool) {
      pool = { id, signingKey: generateSigningKeyPem(), keyId: randomToken(32), users: keyedByInput(), refreshTokens: keyedByInput() };
      this.state.pools[id] = pool;
      this.changed();
    }
    return pool;
  }

  /** Forgets a pool's users, devices, tokens and key: the next `pool(id)` starts it empty (watch mode's --reset-pool). */
  resetPool(id: string): void {
    delete this.state.pools[id];
    this.changed();
  }

  /** Marks the state dirty; the write happens shortly after, and always on flush(). */
  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    ensurePrivateDir(path.dirname(path.resolve(this.file)));
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state), { mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, this.file);
  }

  private pruneExpired(): void {
    const now = this.now();
    for (const pool of Object.values(this.state.pools)) {
      for (const [token, record] of Object.entries(pool.refreshTokens)) {
        if (record.expiresAt < now) delete pool.refreshTokens[token];
      }
    }
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
