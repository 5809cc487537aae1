import * as fs from 'fs';
import * as path from 'path';
import BetterSqlite3, { Database } from 'better-sqlite3';
import { importJsonState, readJsonState } from './json-import';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './private-files';
import { SCHEMA, SCHEMA_VERSION } from './schema';

const SQLITE_HEADER = 'SQLite format 3\0';

/** Suffix of the copy kept of a JSON state file when it is converted to a database. */
export const JSON_BACKUP_SUFFIX = '.json-backup';
/** The database being built from a JSON state file, renamed over it when complete. */
export const IMPORTING_SUFFIX = '.importing';

/** A state file that cannot be opened: the message names the file and what to do. */
export class StateFileError extends Error {}

/**
 * Opens (or creates) the sandbox database at `file`, or an in-memory one without a file, through one
 * code path. Refuses, changing nothing: a file that is neither a database nor a JSON state file, a
 * corrupt database, one from a newer sandbox, or one another running sandbox holds.
 */
export function openDatabase(file: string | undefined, now: number, maxPageCount?: number): Database {
  if (!file) return prepare(new BetterSqlite3(':memory:'), ':memory:', maxPageCount);
  const resolved = path.resolve(file);
  ensurePrivateDir(path.dirname(resolved));
  const kind = fileKind(resolved);
  if (kind === 'json') convertJson(resolved, now);
  // Created by SQLite with the process umask: made 0600 before anything is written to it.
  if (!fs.existsSync(resolved)) fs.writeFileSync(resolved, '', { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(resolved, PRIVATE_FILE_MODE);
  let db: Database;
  try {
    db = new BetterSqlite3(resolved, { timeout: 0 });
  } catch (err) {
    throw explain(err, resolved);
  }
  try {
    prepare(db, resolved, maxPageCount);
  } catch (err) {
    db.close();
    throw explain(err, resolved);
  }
  for (const side of ['-wal', '-shm']) if (fs.existsSync(resolved + side)) fs.chmodSync(resolved + side, PRIVATE_FILE_MODE);
  return db;
}

function prepare(db: Database, file: string, maxPageCount?: number): Database {
  // The database is this process's alone: EXCLUSIVE holds SQLite's file lock from the first read to
  // close (the OS drops it if the process dies), so a second sandbox on the same file is refused.
  db.pragma('locking_mode = EXCLUSIVE');
  const version = db.pragma('user_version', { simple: true }) as number; // the first read: takes the lock, detects corruption
  if (version > SCHEMA_VERSION) {
    throw new StateFileError(`${file} was written by a newer sandbox (schema version ${version}; this one reads up to ${SCHEMA_VERSION}). `
      + 'Upgrade @cdk-mfa/auth, or start with another --state file.');
  }
  db.pragma('journal_mode = WAL');
  // FULL: each commit's WAL frames are fsynced before COMMIT returns, and commits happen before the
  // response is sent, so every response a client has seen survives a crash or power loss. NORMAL
  // would fsync only at checkpoints: safe against a killed process, not against power loss.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  if (maxPageCount) db.pragma(`max_page_count = ${maxPageCount}`);
  db.exec('BEGIN EXCLUSIVE');
  try {
    db.exec(SCHEMA);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
  if (file !== ':memory:') {
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw new StateFileError(`${file} is a corrupt sandbox database (${check}). Restore it from a backup or start with another --state file.`);
  }
  return db;
}

/** What is at `file`: nothing (or an empty file), a SQLite database, a JSON state file, or something else. */
function fileKind(file: string): 'none' | 'sqlite' | 'json' {
  if (!fs.existsSync(file)) return 'none';
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(16);
  const read = fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (read === 0) return 'none';
  if (head.toString('latin1', 0, read) === SQLITE_HEADER) return 'sqlite';
  if (head.toString('utf8', 0, read).trimStart().startsWith('{')) return 'json';
  throw new StateFileError(`${file} is neither a sandbox database nor a JSON state file; it was left as it is. Give --state another path.`);
}

/**
 * Converts a JSON state file (the format before the database) in place: the database is built next
 * to it, the original is kept as `<file>.json-backup`, then the database is renamed over the file.
 * A crash at any point leaves either the JSON file (converted again on the next start) or the database.
 */
function convertJson(file: string, now: number): void {
  const state = readJsonState(file);
  const building = `${file}${IMPORTING_SUFFIX}`;
  for (const leftover of [building, `${building}-journal`]) fs.rmSync(leftover, { force: true });
  fs.writeFileSync(building, '', { mode: PRIVATE_FILE_MODE });
  const db = new BetterSqlite3(building);
  try {
    db.exec('BEGIN');
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.pragma('foreign_keys = ON');
    importJsonState(db, state, now);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  fs.copyFileSync(file, `${file}${JSON_BACKUP_SUFFIX}`);
  fs.chmodSync(`${file}${JSON_BACKUP_SUFFIX}`, PRIVATE_FILE_MODE);
  fs.renameSync(building, file);
}

/** A clear error for what SQLite reports while opening. */
function explain(err: unknown, file: string): Error {
  if (err instanceof StateFileError) return err;
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new StateFileError(`${file} is in use by another running sandbox (the database is locked). Stop that sandbox, or give this one another --state file.`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StateFileError(`${file} is a corrupt sandbox database (${code}); it was left as it is. Restore it from a backup or give --state another path.`);
  }
  return new StateFileError(`${file} could not be opened as the sandbox database: ${(err as Error).message}`);
}
