import { spawn } from 'child_process';

/** How `runSynth` ended: ok, or why not, with the tail of the app's output to show. */
export type SynthResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

const OUTPUT_TAIL_CHARS = 4000;

/**
 * Runs the CDK app command as `cdk synth` does: a shell command in the app's directory with
 * CDK_OUTDIR naming the assembly directory (aws-cdk-lib's App reads it). Its output goes to `log`
 * line by line as it runs; a non-zero exit or the timeout is an error with the output's tail.
 * The child leads its own process group so a timeout or `stop` ends it and everything it started.
 */
export function runSynth(command: string, options: { cwd: string; outdir: string; timeoutMs: number; log: (line: string) => void }): {
  readonly done: Promise<SynthResult>;
  kill(): void;
} {
  const child = spawn(command, {
    cwd: options.cwd,
    shell: true,
    detached: process.platform !== 'win32',
    env: { ...process.env, CDK_OUTDIR: options.outdir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
