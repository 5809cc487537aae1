import { SynthResult } from './synth';

/**
 * The construct's configuration errors, as a synth shows them to the developer: the message only.
 * `Auth` throws `AuthConfigError` ("Invalid Auth configuration at <path> (N problems):" and one
 * `  - <property>: <problem>; <fix>.` line each), which already says what to change. Node.js prints an
 * uncaught error with the source location above it and the stack frames and the error's fields (an
 * object dump) below it: ~35 lines of noise around the ones that matter. Any other error is relayed
 * untouched, stack included, since there the stack is the clue.
 */
const CONFIG_ERROR = /^AuthConfigError: /;
/** Node's first line for an uncaught error: `<file>:<line>` (then the source line, a caret, a blank line). */
const LOCATION = /^(?:\/|[A-Za-z]:[\\/]|file:\/\/).*:\d+$/;
const OTHER_ERROR = /^(?:[\w.]*(?:Error|Exception)|Error)\b/;
const STACK_FRAME = /^\s+at /;
/** Node's location header is 4 lines; a held block longer than this was not one. */
const MAX_HEADER_LINES = 6;

/** A line filter for the synth's output as it streams: `line` for each, `end` when the synth ends. */
export class SynthOutputFilter {
  /** Whether an AuthConfigError was seen (its message was relayed, the rest dropped). */
  public configError = false;
  private held: string[] = [];
  private state: 'normal' | 'header' | 'message' | 'dropping' = 'normal';

  constructor(private readonly emit: (line: string) => void) {}

  line(text: string): void {
    switch (this.state) {
      case 'dropping':
        return;
      case 'message':
        if (STACK_FRAME.test(text)) this.state = 'dropping';
        else this.emit(text);
        return;
      case 'header':
        if (CONFIG_ERROR.test(text)) {
          this.held = [];
          this.startMessage(text);
        } else {
          this.held.push(text);
          if (OTHER_ERROR.test(text) || this.held.length > MAX_HEADER_LINES) this.release();
        }
        return;
      default:
        if (CONFIG_ERROR.test(text)) {
          this.startMessage(text);
        } else if (LOCATION.test(text)) {
          this.held = [text];
          this.state = 'header';
        } else {
          this.emit(text);
        }
    }
  }

  end(): void {
    this.release();
  }

  private startMessage(text: string): void {
    this.configError = true;
    this.state = 'message';
    this.emit(text.replace(CONFIG_ERROR, ''));
  }

  private release(): void {
    for (const line of this.held) this.emit(line);
    this.held = [];
    if (this.state === 'header') this.state = 'normal';
  }
}

/**
 * The synth's result as the sandbox reports it: after a configuration error, whose problems were
 * just printed, the failure says so instead of repeating the app's output (stack and all) from its tail.
 */
export function reportedResult(result: SynthResult, filter: SynthOutputFilter): SynthResult {
  if (result.ok || !filter.configError) return result;
  const headline = result.error.split(/:\n/)[0];
  return { ok: false, error: `${headline}: the app's Auth configuration is invalid; fix the problems listed above` };
}
