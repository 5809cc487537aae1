import * as fs from 'fs';
import * as path from 'path';
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../server/tls';
import { IMPORTING_SUFFIX, JSON_BACKUP_SUFFIX } from '../store/open';

/** Where the sandbox writes, as the command line gave it (any may be absent). */
export interface OwnFileLocations {
  /** The state database: its `-wal`, `-shm`, `-journal`, `.json-backup` siblings, and the TLS files beside it. */
  readonly stateFile?: string;
  /** The outbox directory (outbox.jsonl). */
  readonly outboxDir?: string;
  /** amplify_outputs.json, and the per-pool `<name>.<Stack>.<Pool><ext>` files written when there are several pools. */
  readonly outputsPath?: string;
}

/** SQLite's files beside the database, the JSON state file's backup and a conversion in progress (store/open.ts). */
const STATE_SIDES = ['', '-wal', '-shm', '-journal', JSON_BACKUP_SUFFIX, IMPORTING_SUFFIX, `${IMPORTING_SUFFIX}-journal`];

/** The TLS certificate and key the sandbox keeps next to its state file (server/tls.ts). */
const TLS_FILES = [TLS_CERT_FILE, TLS_KEY_FILE];

/**
 * A test for "the sandbox wrote this": watch mode must never re-synthesize because of its own
 * output, wherever the files are (inside the app folder, under a `**` watch or not). Paths are
 * compared absolute and with symlinked folders resolved, so `./amplify_outputs.json` and the
 * watcher's `/real/path/app/amplify_outputs.json` are the same file.
 */
export function ownFiles(locations: OwnFileLocations): (file: string) => boolean {
  const exact = new Set<string>();
  const under: string[] = [];
  const patterns: Array<{ dir: string; start: string; end: string }> = [];
  if (locations.stateFile) {
    const state = canonical(locations.stateFile);
    for (const side of STATE_SIDES) exact.add(state + side);
    for (const name of TLS_FILES) exact.add(path.join(path.dirname(state), name));
  }
  if (locations.outboxDir) under.push(canonical(locations.outboxDir));
  if (locations.outputsPath) {
    const outputs = canonical(locations.outputsPath);
    exact.add(outputs);
    const ext = path.extname(outputs) || '.json';
    const base = path.basename(outputs, path.extname(outputs));
    patterns.push({ dir: path.dirname(outputs), start: `${base}.`, end: ext });
  }
  // Watchers ask about every file of the tree: each folder is resolved once.
  const folders = new Map<string, string>();
  return file => {
    const resolved = path.resolve(file);
    const folder = path.dirname(resolved);
    if (!folders.has(folder)) folders.set(folder, path.dirname(canonical(path.join(folder, 'x'))));
    const abs = path.join(folders.get(folder)!, path.basename(resolved));
    if (exact.has(abs)) return true;
    if (under.some(dir => abs === dir || abs.startsWith(dir + path.sep))) return true;
    const name = path.basename(abs);
    return patterns.some(p => path.dirname(abs) === p.dir && name.startsWith(p.start) && name.endsWith(p.end));
  };
}

/** The absolute path with its folder's symlinks resolved (the file itself may not exist yet). */
function canonical(file: string): string {
  const abs = path.resolve(file);
  try {
    return path.join(fs.realpathSync.native(path.dirname(abs)), path.basename(abs));
  } catch {
    return abs;
  }
}
