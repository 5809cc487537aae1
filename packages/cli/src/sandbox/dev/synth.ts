import { spawn } from 'child_process';

/** How `runSynth` ended: ok, or why not, with the tail of the app's output to show. */
export type SynthResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

const OUTPUT_TAIL_CHARS = 4000;

/**
 * The synth's shell on POSIX systems, run as `sh -c WATCHDOG sh COMMAND` in a process group of its
 * own. A background subshell waits on stdin (fd 3: a background list's own stdin is /dev/null), a
 * pipe only the sandbox holds; when the pipe closes, because the sandbox exited (even by SIGKILL,
 * which no handler sees) or because the synth is over, it kills the group: the shell, the app and
 * anything they started. Node has no parent-death signal (Linux prctl PR_SET_PDEATHSIG needs native
 * code), and a pipe's end is immediate where polling the parent's pid is not.
 */
const WATCHDOG = 'exec 3<&0; (read _ <&3; kill -KILL 0) >/dev/null 2>&1 & exec 3<&-; exec /bin/sh -c "$1" </dev/null';

/**
 * Runs the CDK app command as `cdk synth` does: a shell command in the app's directory with
 * CDK_OUTDIR naming the assembly directory (aws-cdk-lib's App reads it). Its output goes to `log`
 * line by line as it runs; a non-zero exit or the timeout is an error with the output's tail.
 * The child leads its own process group, so a timeout or `kill` ends it and everything it started,
 * and (see WATCHDOG) so does the sandbox's end, however it ends.
 */
export function runSynth(command: string, options: { cwd: string; outdir: string; timeoutMs: number; log: (line: string) => void }): {
  readonly done: Promise<SynthResult>;
  kill(): void;
} {
  const env = { ...process.env, CDK_OUTDIR: options.outdir };
  const child = process.platform === 'win32'
    ? spawn(command, { cwd: options.cwd, shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('/bin/sh', ['-c', WATCHDOG, 'sh', command], { cwd: options.cwd, detached: true, env, stdio: ['pipe', 'pipe', 'pipe'] });
  // The watchdog's pipe: never written, closed when the shell exits (ending what it left running) or with this process.
  child.stdin?.on('error', () => undefined);
  child.once('exit', () => child.stdin?.destroy());
  let tail = '';
  let pending = '';
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) options.log(`  synth: ${line}`);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const kill = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch { /* already gone */ }
  };
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs);
  const done = new Promise<SynthResult>(resolve => {
    child.on('error', err => {
      clearTimeout(timer);
      resolve({ ok: false, error: `cannot run '${command}': ${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (pending.trim()) options.log(`  synth: ${pending}`);
      if (timedOut) resolve({ ok: false, error: `'${command}' did not finish within ${options.timeoutMs / 1000} s and was stopped${tailOf(tail)}` });
      else if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, error: `'${command}' failed (${signal ? `signal ${signal}` : `exit code ${code}`})${tailOf(tail)}` });
    });
  });
  return { done, kill };
}

const tailOf = (output: string) => (output.trim() ? `:\n${output.trimEnd()}` : ' with no output');
