/**
 * One-line structured JSON logging for the trigger handlers.
 *
 * Callers pass only constant reason strings and non-identifying details (error names, counts):
 * never codes, phone numbers, emails, usernames or the event itself.
 */

/** Names of the built-in triggers, as they appear in log lines. */
export type TriggerName = 'mfa-by-group' | 'sign-up-guard' | 'custom-message';

/** Extra non-identifying fields for a log line. */
export type LogDetails = Record<string, string | number | boolean>;

/** Writes `{"level":"WARN","trigger":...,"reason":...}` as one line. */
export function logWarning(trigger: TriggerName, reason: string, details: LogDetails = {}): void {
  console.warn(JSON.stringify({ level: 'WARN', trigger, reason, ...details }));
}

/** The name of a thrown value, safe to log (SDK error messages may quote user input). */
export function errorName(err: unknown): string {
  if (err instanceof Error) return err.name;
  return typeof err;
}
