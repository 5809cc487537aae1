import * as fs from 'fs';
import { PRIVATE_FILE_MODE, tightenFile } from './private-files';

/**
 * outbox.jsonl, one JSON record a line, appended whole or not at all: a write cut short (a full
 * disk, a file size limit) is truncated back to the file's previous length. Should that fail too,
 * or a crash have cut the last line short, the file does not end in a newline and the next record
 * starts with one: only the torn line is lost, never the record after it, and readers skip it
 * ({@link readJsonLines}). The file is opened for each record, so one removed or rotated by hand is
 * simply started again.
 */
export class OutboxFile {
  constructor(readonly file: string) {
    // One left wider by an earlier version; new files get the mode as they are created.
    tightenFile(file);
  }

  append(record: object): void {
    const fd = fs.openSync(this.file, 'a+', PRIVATE_FILE_MODE);
    try {
      const before = fs.fstatSync(fd).size;
      const line = Buffer.from(`${endsMidLine(fd, before) ? '\n' : ''}${JSON.stringify(record)}\n`);
      try {
        writeAll(fd, line);
      } catch (err) {
        try {
          fs.ftruncateSync(fd, before);
        } catch { /* the next record starts on a line of its own */ }
        throw new Error(`cannot append to ${this.file}: ${(err as Error).message}`);
      }
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** The records of a JSON-lines file, skipping any line that is not a whole JSON object (a torn write). */
export function readJsonLines(file: string): Array<Record<string, unknown>> {
  return fs.readFileSync(file, 'utf8').split('\n').flatMap(line => {
    if (!line.trim()) return [];
    try {
      const value: unknown = JSON.parse(line);
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

function endsMidLine(fd: number, size: number): boolean {
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  fs.readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** `writeSync` may write part of the buffer (a full disk): write the rest, or throw. */
function writeAll(fd: number, data: Buffer): void {
  for (let done = 0; done < data.length;) {
    const written = fs.writeSync(fd, data, done, data.length - done);
    if (written <= 0) throw new Error('nothing could be written');
    done += written;
  }
}
