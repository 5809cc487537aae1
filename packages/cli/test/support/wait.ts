/** Polling waits with generous deadlines: a loaded 2-core machine may be slow, never wrong. */

/** Deadline for conditions that are normally true within milliseconds. */
export const GENEROUS_WAIT_MS = 30_000;

/** Resolves with the first truthy value of `check` (polled every `everyMs`); rejects after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  { timeoutMs = GENEROUS_WAIT_MS, everyMs = 20 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
}
