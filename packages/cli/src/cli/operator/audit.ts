import { userRef } from './redact';

/** The outcome recorded in the audit line. */
export type AuditResult = 'dry-run' | 'changed' | 'nothing-to-do' | 'blocked' | 'failed';

/** One audit record for a changing command. */
export interface AuditRecord {
  readonly action: string;
  readonly userPoolId: string;
  readonly username: string;
  readonly result: AuditResult;
  /** A short machine-readable summary of what was (or would be) done; never contains personal data. */
  readonly plan?: string;
  readonly error?: string;
}

/**
 * Formats the single `AUDIT {...}` line a changing command writes to stderr. The user appears only as
 * a SHA-256 prefix of the user name, so audit logs can be shipped without personal data.
 */
export function auditLine(record: AuditRecord, now: Date): string {
  return `AUDIT ${JSON.stringify({
    time: now.toISOString(),
    action: record.action,
    userPoolId: record.userPoolId,
    user: userRef(record.username),
    result: record.result,
    ...(record.plan ? { plan: record.plan } : {}),
    ...(record.error ? { error: record.error } : {}),
  })}`;
}

/** What a changing command reports for its audit line. */
export interface AuditedOutcome {
  readonly exitCode: number;
  readonly result: AuditResult;
  readonly plan?: string;
}

/**
 * Runs a changing command and writes exactly one audit line to `err`, also when it throws
 * (result `failed`, with the error's name only: messages may carry personal data).
 */
export async function audited(
  base: { action: string; userPoolId: string; username: string },
  err: (line: string) => void,
  now: () => Date,
  run: () => Promise<AuditedOutcome>,
): Promise<number> {
  let outcome: AuditedOutcome;
  try {
    outcome = await run();
  } catch (e) {
    err(auditLine({ ...base, result: 'failed', error: (e as Error)?.name ?? 'Error' }, now()));
    throw e;
  }
  err(auditLine({ ...base, result: outcome.result, plan: outcome.plan }, now()));
  return outcome.exitCode;
}
