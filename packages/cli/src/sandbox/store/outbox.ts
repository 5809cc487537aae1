import * as path from 'path';
import { OutboxFile, readJsonLines } from './outbox-file';
import { ensurePrivateDir } from './private-files';

/** A message the sandbox "sent": Cognito would have used SNS or SES, the sandbox records it. */
export interface OutboxMessage {
  readonly id: number;
  readonly at: string;
  readonly poolId: string;
  /** The user name as the pool stores it: the sub, when users sign in with their email or phone number. */
  readonly username: string;
  /** The user's sub. */
  readonly sub?: string;
  /** The user's email address and phone number when the message was sent (what the user signs in with). */
  readonly aliases?: readonly string[];
  readonly channel: 'SMS' | 'EMAIL';
  readonly destination: string;
  /** SIGN_UP, RESEND_CODE, ADMIN_CREATE_USER, MFA, VERIFY_ATTRIBUTE, UPDATE_ATTRIBUTE, FORGOT_PASSWORD. */
  readonly purpose: string;
  readonly subject?: string;
  readonly message: string;
  /** The code or temporary password in the message, for test code that needs it. */
  readonly code?: string;
}

/**
 * Which messages to return. `username` finds a user's messages by whatever names them: the user name,
 * the sub, or the email address or phone number (emails compared without case, as Cognito signs in).
 */
export type OutboxFilter = Partial<Pick<OutboxMessage, 'poolId' | 'username' | 'channel' | 'destination' | 'purpose'>>;

function names(m: OutboxMessage, who: string): boolean {
  const lower = who.toLowerCase();
  return m.username === who || m.sub === who || (m.aliases ?? []).some(a => a === who || (a.includes('@') && a.toLowerCase() === lower));
}

/** Public view of the outbox returned by startSandbox. */
export interface OutboxApi {
  messages(filter?: OutboxFilter): OutboxMessage[];
  latest(filter?: OutboxFilter): OutboxMessage | undefined;
  clear(): void;
}

/**
 * Messages kept in memory for `messages()`/`latest()`; older ones stay in outbox.jsonl. Sign-in
 * starts can send codes without credentials, so the list must not grow without bound.
 */
export const MAX_OUTBOX_MESSAGES = 10_000;

/** The messages in an outbox.jsonl, oldest first; a line cut short by a failed write is skipped. */
export function readOutboxFile(file: string): OutboxMessage[] {
  return readJsonLines(file) as unknown as OutboxMessage[];
}

export class Outbox implements OutboxApi {
  private items: OutboxMessage[] = [];
  private nextId = 1;
  private readonly file?: OutboxFile;

  constructor(
    outboxDir: string | undefined,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
    private readonly maxMessages = MAX_OUTBOX_MESSAGES,
  ) {
    if (outboxDir) {
      ensurePrivateDir(outboxDir, true);
      this.file = new OutboxFile(path.join(outboxDir, 'outbox.jsonl'));
    }
  }

  deliver(message: Omit<OutboxMessage, 'id' | 'at'>): OutboxMessage {
    const item: OutboxMessage = { id: this.nextId++, at: new Date(this.now()).toISOString(), ...message };
    // The file first: a message it could not take is not delivered anywhere (the call fails).
    this.file?.append(item);
    this.items.push(item);
    if (this.items.length > this.maxMessages) this.items.splice(0, this.items.length - this.maxMessages);
    // The console says who got what and where to read it; the message (its code or temporary password)
    // stays in the private file and the outbox API, out of terminal scrollback and CI logs.
    const where = this.file ? `in ${this.file.file}` : 'read it with sandbox.outbox.latest()';
    this.log(`${item.channel} to ${item.destination} (${item.purpose}): message ${item.id}, ${where}`);
    return item;
  }

  messages(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.items.filter(m => Object.entries(filter).every(([k, v]) => v === undefined
      || (k === 'username' ? names(m, v) : (m as any)[k] === v)));
  }

  latest(filter: OutboxFilter = {}): OutboxMessage | undefined {
    const found = this.messages(filter);
    return found[found.length - 1];
  }

  clear(): void {
    this.items = [];
  }
}
