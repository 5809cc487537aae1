import * as fs from 'fs';

/**
 * Files only the developer may read: the outbox holds codes and temporary passwords, the state
 * holds password hashes, TOTP secrets and signing keys. Files are 0600 and the folders the sandbox
 * creates for them 0700, whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and missing parents) as 0700. A folder that already exists is tightened only when
 * `own` says it is the sandbox's own (the outbox folder), never a folder such as the project root
 * that happens to hold a state file.
 */
export function ensurePrivateDir(dir: string, own = false): void {
  const existed = fs.existsSync(dir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!existed || own) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Makes an existing file 0600 (one left wider by an earlier version); new files get the mode as they are created. */
export function tightenFile(file: string): void {
  if (fs.existsSync(file)) fs.chmodSync(file, PRIVATE_FILE_MODE);
}
