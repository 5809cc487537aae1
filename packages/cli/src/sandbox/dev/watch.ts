import * as path from 'path';
import { watch as chokidarWatch } from 'chokidar';
import { ImmutablePoolChangeError, ReloadReport } from './reload';
import { runSynth, SynthResult } from './synth';
import { reportedResult, SynthOutputFilter } from './synth-output';
import { WatchConfig } from './watch-config';

// picomatch ships no types; this is the one call used (globs to a matcher).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const picomatch: (globs: string[], options: { dot: boolean }) => (file: string) => boolean = require('picomatch');

/** Waits this long after the last change before synthesizing, so a save of several files is one synth. */
export const DEBOUNCE_MS = 300;

export interface WatchOptions {
  readonly config: WatchConfig;
  readonly synthTimeoutMs: number;
  readonly log: (line: string) => void;
  /** Swaps the running pools for the freshly synthesized assembly. */
  readonly reload: () => Promise<ReloadReport>;
  /** Called after every successful reload (e.g. to rewrite amplify_outputs.json). */
  readonly afterReload?: () => void;
  /**
   * Files the sandbox writes itself (see own-files.ts): never watched, whatever the globs select,
   * or every write of amplify_outputs.json or the state database would start another synth.
   */
  readonly ignore?: (file: string) => boolean;
}

/** runSynth's prefix for each line of the app's output. */
const SYNTH_PREFIX = '  synth: ';

/** Synthesizes once; the result says why it failed. The construct's configuration errors come without their stack (synth-output.ts). */
export function synthOnce(config: WatchConfig, timeoutMs: number, log: (line: string) => void): { done: Promise<SynthResult>; kill(): void } {
  log(`Synthesizing: ${config.app} (in ${config.rootDir}, timeout ${timeoutMs / 1000} s)`);
  const filter = new SynthOutputFilter(line => log(`${SYNTH_PREFIX}${line}`));
  const synth = runSynth(config.app, {
    cwd: config.rootDir,
    outdir: config.outdir,
    timeoutMs,
    log: line => (line.startsWith(SYNTH_PREFIX) ? filter.line(line.slice(SYNTH_PREFIX.length)) : log(line)),
  });
  const done = synth.done.then(result => {
    filter.end();
    return reportedResult(result, filter);
  });
  return { done, kill: () => synth.kill() };
}

/**
 * `cdk watch` for the sandbox: on a change to a watched file, re-synthesizes (debounced, one at a
 * time, a change during a synth queues one more) and reloads the pools. A failed synth or a refused
 * reload keeps serving the old pools and prints why.
 */
export function watchApp(options: WatchOptions): { ready: Promise<void>; close(): Promise<void> } {
  const { config, log } = options;
  const included = picomatch(config.include, { dot: true });
  const excluded = picomatch(config.exclude, { dot: true });
  const relative = (file: string) => path.relative(config.rootDir, file).split(path.sep).join('/');
  const watcher = chokidarWatch(config.rootDir, {
    ignoreInitial: true,
    // Directories are only skipped when excluded; files must also be included.
    ignored: (file, stats) => {
      const rel = relative(file);
      if (!rel) return false;
      if (options.ignore?.(file)) return true;
      if (excluded(rel)) return true;
      return !!stats?.isFile() && !included(rel);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  let running: { done: Promise<SynthResult>; kill(): void } | undefined;
  let again = false;
  let closed = false;

  const cycle = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = synthOnce(config, options.synthTimeoutMs, log);
    const result = await running.done;
    running = undefined;
    if (closed) return;
    if (!result.ok) {
      log(`Synth failed; still serving the previous pools. ${result.error}`);
    } else {
      try {
        const report = await options.reload();
        log(report.changes.length ? `Reloaded:\n${report.changes.map(c => `  ${c}`).join('\n')}` : 'Reloaded: no change to the pools');
        options.afterReload?.();
      } catch (e) {
        const prefix = e instanceof ImmutablePoolChangeError ? 'Change refused' : 'Reload failed';
        log(`${prefix}; still serving the previous pools. ${(e as Error).message}`);
      }
    }
    if (again && !closed) {
      again = false;
      await cycle();
    }
  };
  watcher.on('all', (event, file) => {
    if (closed || !['add', 'change', 'unlink'].includes(event)) return;
    log(`Changed: ${relative(file)}`);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void cycle(), DEBOUNCE_MS);
  });
  const ready = new Promise<void>(resolve => watcher.once('ready', () => resolve()));
  return {
    ready,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      running?.kill();
      await watcher.close();
    },
  };
}
