/**
 * The sandbox database's tables (better-sqlite3). Columns hold what is looked up (usernames, sub,
 * attribute values, device keys, refresh tokens); each row's less-queried fields sit in a JSON
 * `data` column, so optional fields added to UserRecord persist without a schema change.
 * `PRAGMA user_version` is the schema version: a database from a newer sandbox is refused.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS pools (
  id TEXT PRIMARY KEY,
  signing_key TEXT NOT NULL,
  key_id TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  pool TEXT NOT NULL REFERENCES pools(id),
  user_key TEXT NOT NULL,
  username TEXT NOT NULL,
  sub TEXT NOT NULL,
  status TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  UNIQUE (pool, user_key)
);
CREATE INDEX IF NOT EXISTS users_by_sub ON users (pool, sub);
CREATE INDEX IF NOT EXISTS users_by_status ON users (pool, status);
CREATE TABLE IF NOT EXISTS user_attributes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pool TEXT NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  value_lower TEXT NOT NULL,
  PRIMARY KEY (user_id, name)
);
CREATE INDEX IF NOT EXISTS attributes_by_value ON user_attributes (pool, name, value_lower);
CREATE TABLE IF NOT EXISTS user_mfa (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  totp_secret TEXT,
  totp_verified INTEGER,
  totp_last_step INTEGER,
  pending_totp_secret TEXT,
  enabled_methods TEXT NOT NULL,
  preferred TEXT
);
CREATE TABLE IF NOT EXISTS devices (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pool TEXT NOT NULL,
  device_key TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (user_id, device_key)
);
CREATE INDEX IF NOT EXISTS devices_by_key ON devices (pool, device_key);
CREATE TABLE IF NOT EXISTS codes (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind)
);
CREATE TABLE IF NOT EXISTS group_members (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  pool TEXT NOT NULL,
  group_name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (user_id, group_name)
);
CREATE INDEX IF NOT EXISTS members_by_group ON group_members (pool, group_name);
CREATE TABLE IF NOT EXISTS groups (
  pool TEXT NOT NULL REFERENCES pools(id),
  name TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool, name)
);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  pool TEXT NOT NULL REFERENCES pools(id),
  token TEXT NOT NULL,
  username TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (pool, token)
);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_user ON refresh_tokens (pool, username);
CREATE TABLE IF NOT EXISTS provider_links (
  pool TEXT NOT NULL REFERENCES pools(id),
  link_key TEXT NOT NULL,
  username TEXT NOT NULL,
  PRIMARY KEY (pool, link_key)
);
CREATE TABLE IF NOT EXISTS revoked_origins (
  pool TEXT NOT NULL REFERENCES pools(id),
  origin_jti TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (pool, origin_jti)
);
-- The local KMS keys custom sender codes are encrypted under (AES-256 material, hex), by key ARN.
-- A table added after version 1: IF NOT EXISTS creates it in older databases, which older sandboxes ignore.
CREATE TABLE IF NOT EXISTS kms_keys (
  arn TEXT PRIMARY KEY,
  material TEXT NOT NULL
);
`;
