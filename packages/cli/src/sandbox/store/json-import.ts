import * as fs from 'fs';
import type { Database } from 'better-sqlite3';
import { writePoolSettings } from './pool-rows';
import { UserRows, userImage, withDefaults } from './user-rows';
import { PoolState, RefreshRecord, UserRecord } from '../core/records';

/** The JSON state file of earlier sandbox versions: `{ version: 1, pools: { <id>: PoolState & { users, refreshTokens } } }`. */
export interface JsonState {
  version: 1;
  pools: Record<string, JsonPool> | JsonPool[];
}

export type JsonPool = PoolState & { users?: Record<string, Partial<UserRecord>>; refreshTokens?: Record<string, RefreshRecord> };

export function readJsonState(file: string): JsonState {
  let parsed: any;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file} looks like a JSON state file but does not parse (${(err as Error).message}); it was left as it is.`);
  }
  if (parsed?.version !== 1 || typeof parsed.pools !== 'object' || parsed.pools === null) {
    throw new Error(`${file} is not a sandbox state file (expected {"version": 1, "pools": {...}}); it was left as it is.`);
  }
  return parsed;
}

/**
 * Writes a JSON state into a fresh database (inside the caller's transaction). `pools` may be an
 * object keyed by pool ID or a list (`pools: []` was once written and then never saved to);
 * user records lacking fields (attributes, devices, groups) get defaults.
 */
export function importJsonState(db: Database, state: JsonState, now: number): void {
  const users = new UserRows(db);
  const insertPool = db.prepare('INSERT INTO pools (id, signing_key, key_id) VALUES (?, ?, ?)');
  const insertToken = db.prepare('INSERT OR REPLACE INTO refresh_tokens (pool, token, username, expires_at, data) VALUES (?, ?, ?, ?, ?)');
  const pools = Array.isArray(state.pools) ? state.pools : Object.values(state.pools);
  for (const pool of pools) {
    if (!pool?.id || !pool.signingKey || !pool.keyId) continue;
    insertPool.run(pool.id, pool.signingKey, pool.keyId);
    writePoolSettings(db, pool);
    for (const [key, user] of Object.entries(pool.users ?? {})) {
      if (!user?.username || !user.sub) continue;
      users.write(pool.id, key, userImage(withDefaults(user as UserRecord, now)));
    }
    for (const [token, record] of Object.entries(pool.refreshTokens ?? {})) {
      if (record.expiresAt >= now) insertToken.run(pool.id, token, record.username, record.expiresAt, JSON.stringify(record));
    }
  }
}
