import * as fs from 'fs';
import * as path from 'path';
import type { Database } from 'better-sqlite3';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';
import { CognitoError } from '../core/errors';

/** How often the path is looked at between writes, so a removed file is put back before anyone writes. */
const WATCH_INTERVAL_MS = 2_000;

/**
 * Notices the state database's file removed, or another file renamed over it, while the sandbox runs.
 * SQLite keeps writing to the file it opened, which is then no longer at the path: every write would
 * be acknowledged and lost at the next start. better-sqlite3 does not expose the database's file
 * descriptor, so the path's device and inode, taken once the database is open, are compared with the
 * path's now before every commit (one stat per group commit) and on a timer.
 *
 * From then on every write is refused with an InternalErrorException (500) naming the file, the way a
 * full disk is: nothing is acknowledged that is not on disk. The state as last saved is not lost with
 * the file: it is written back to the path when the path is empty, or next to it when another file
 * took its place, and the log says where. The choice of error is ours (Cognito has no such case): a
 * client sees a server-side failure, retriable after the sandbox restarts.
 */
export class FileIdentity {
  /** Why writes are refused, once they are. */
  problem?: string;
  private readonly file: string;
  private readonly dev: number;
  private readonly ino: number;
  private readonly timer: NodeJS.Timeout;

  constructor(file: string, private readonly db: Database, private readonly log: (line: string) => void) {
    this.file = path.resolve(file);
    const stat = fs.statSync(this.file);
    this.dev = stat.dev;
    this.ino = stat.ino;
    this.timer = setInterval(() => {
      try {
        this.check();
      } catch {
        // logged by check(); writes are refused from now on
      }
    }, WATCH_INTERVAL_MS).unref();
  }

  /** Throws (a Cognito error naming the file) if the path no longer holds the database this sandbox opened. */
  check(): void {
    if (!this.problem) {
      const now = fs.statSync(this.file, { throwIfNoEntry: false });
      if (now && now.dev === this.dev && now.ino === this.ino) return;
      this.problem = this.lost(now ? 'replaced by another file' : 'removed');
      clearInterval(this.timer);
      this.log(`${this.problem}; no change is saved until the sandbox restarts (stop it with Ctrl-C and start it again)`);
    }
    throw new CognitoError('InternalErrorException', `The sandbox could not save this request's changes: ${this.problem}; `
      + 'no change is saved until the sandbox restarts. Nothing of this request was saved.', 500);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The message for a lost file; saves the state as last committed where the user will find it. */
  private lost(what: string): string {
    const copy = what === 'removed' ? this.file : `${this.file}.saved-${Date.now()}`;
    let saved: string;
    try {
      fs.mkdirSync(path.dirname(copy), { recursive: true, mode: PRIVATE_DIR_MODE });
      fs.writeFileSync(copy, this.db.serialize(), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
      saved = `the state as last saved was written to ${copy}`;
    } catch (err) {
      saved = `the state as last saved could not be written out: ${(err as Error).message}`;
    }
    return `the state file ${this.file} was ${what} while the sandbox ran (${saved})`;
  }
}
