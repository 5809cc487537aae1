import type { Database } from 'better-sqlite3';
import { GroupRecord, PoolState } from '../core/records';

/** PoolState fields that have tables of their own; the rest (mfaOverride, fields added later) go to `pools.settings`. */
const TABLED_FIELDS = new Set(['id', 'signingKey', 'keyId', 'groups', 'providerLinks', 'revokedOrigins']);

/** Rewrites a pool's pool-level rows: settings, groups, provider links, revoked sign-ins (inside the caller's transaction). */
export function writePoolSettings(db: Database, pool: PoolState): void {
  const settings: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(pool)) if (!TABLED_FIELDS.has(field) && value !== undefined) settings[field] = value;
  delete settings.users;
  delete settings.refreshTokens;
  db.prepare('UPDATE pools SET settings = ? WHERE id = ?').run(JSON.stringify(settings), pool.id);
  for (const table of ['groups', 'provider_links', 'revoked_origins']) db.prepare(`DELETE FROM ${table} WHERE pool = ?`).run(pool.id);
  const group = db.prepare('INSERT INTO groups (pool, name, data) VALUES (?, ?, ?)');
  for (const [name, record] of Object.entries(pool.groups ?? {})) group.run(pool.id, name, JSON.stringify(record));
  const link = db.prepare('INSERT INTO provider_links (pool, link_key, username) VALUES (?, ?, ?)');
  for (const [key, username] of Object.entries(pool.providerLinks ?? {})) link.run(pool.id, key, username);
  const revoked = db.prepare('INSERT INTO revoked_origins (pool, origin_jti, expires_at) VALUES (?, ?, ?)');
  for (const [jti, until] of Object.entries(pool.revokedOrigins ?? {})) revoked.run(pool.id, jti, until);
}

/** Reads a pool's state (without users or refresh tokens, which are read per operation). */
export function readPoolState(db: Database, id: string): PoolState | undefined {
  const row = db.prepare('SELECT * FROM pools WHERE id = ?').get(id) as { signing_key: string; key_id: string; settings: string } | undefined;
  if (!row) return undefined;
  const pool: PoolState = { ...JSON.parse(row.settings), id, signingKey: row.signing_key, keyId: row.key_id };
  const groups = db.prepare('SELECT name, data FROM groups WHERE pool = ? ORDER BY rowid').all(id) as { name: string; data: string }[];
  if (groups.length) pool.groups = keyed(groups.map(g => [g.name, JSON.parse(g.data) as GroupRecord]));
  const links = db.prepare('SELECT link_key, username FROM provider_links WHERE pool = ?').all(id) as { link_key: string; username: string }[];
  if (links.length) pool.providerLinks = keyed(links.map(l => [l.link_key, l.username]));
  const revoked = db.prepare('SELECT origin_jti, expires_at FROM revoked_origins WHERE pool = ?').all(id) as { origin_jti: string; expires_at: number }[];
  if (revoked.length) pool.revokedOrigins = keyed(revoked.map(r => [r.origin_jti, r.expires_at]));
  return pool;
}

const keyed = <T>(entries: [string, T][]): Record<string, T> => Object.assign(Object.create(null), Object.fromEntries(entries));
