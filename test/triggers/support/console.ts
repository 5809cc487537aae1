/**
 * Captures everything the handlers write to the console.
 */
export interface CapturedConsole {
  /** All captured lines. */
  lines(): string[];
  /** Parsed JSON lines. */
  json(): Array<Record<string, unknown>>;
  restore(): void;
}

/** Replaces console.log/info/warn/error/debug with a recorder. */
export function captureConsole(): CapturedConsole {
  const captured: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map(method =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(args.map(a => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    }),
  );
  return {
    lines: () => [...captured],
    json: () => captured.map(line => JSON.parse(line) as Record<string, unknown>),
    restore: () => spies.forEach(spy => spy.mockRestore()),
  };
}
