/**
 * The watch synth cannot outlive the sandbox nor its --synth-timeout: `cdk-mfa-auth sandbox --watch`
 * runs in a process of its own with an app whose synth never ends (a shell and a node process, both
 * carrying a marker in their arguments); once the sandbox is killed with SIGKILL, or the timeout
 * passes, no process with the marker is left.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleForChild, ROOT_NODE_MODULES, waitFor } from '../../support';

/** How long the synth's processes may take to go once the sandbox is gone (they go at once; this is a loaded machine's margin). */
const GONE_WITHIN_MS = 2_000;

let dir: string;
let bundle: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-orphans-'));
  bundle = path.join(dir, 'cli.js');
  // The command's own entry: run as a program, it runs main() and exits with its code.
  bundleForChild(path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts'), bundle);
  // An app whose synth never ends; `; true` keeps the shell alive beside node, as `sh -c 'npx ...'` would.
  fs.writeFileSync(path.join(dir, 'app.js'), 'setInterval(() => undefined, 1000);\n');
});
afterAll(() => {
  // Whatever a failed run left behind: only the processes this test's apps started (they carry its marker).
  for (const pid of markedProcesses(`synth-orphans-${process.pid}`)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Pids of the processes whose command line contains `marker`, and whether each is the app's node process. */
function markedProcesses(marker: string): number[] {
  return processesWith(marker).map(p => p.pid);
}
function processesWith(marker: string): Array<{ pid: number; isApp: boolean }> {
  return fs.readdirSync('/proc').filter(name => /^\d+$/.test(name)).flatMap(name => {
    try {
      const args = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      return args.some(a => a.includes(marker)) ? [{ pid: Number(name), isApp: args.includes('app.js') && args.includes(marker) }] : [];
    } catch {
      return [];
    }
  });
}

/** Starts the CLI with --watch on the never-ending app; resolves once the app's node process runs. */
async function startWatching(marker: string, synthTimeoutS: number): Promise<{ child: ChildProcess; output: () => string }> {
  const cdkJson = path.join(dir, `${marker}.cdk.json`);
  fs.writeFileSync(cdkJson, JSON.stringify({ app: `node app.js ${marker}; true`, output: `cdk.out-${marker}` }));
  const child = spawn(process.execPath, [bundle, 'sandbox', '--watch', '--cdk-json', cdkJson, '--port', '0', '--synth-timeout', String(synthTimeoutS),
    '--state', path.join(dir, `${marker}.db`)], { cwd: dir, env: { ...process.env, NODE_PATH: ROOT_NODE_MODULES }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', chunk => (text += chunk));
  child.stderr!.on('data', chunk => (text += chunk));
  await waitFor(() => processesWith(marker).some(p => p.isApp), `the app's node process (output so far: ${text})`);
  expect(processesWith(marker).length).toBeGreaterThanOrEqual(2); // its shell too
  return { child, output: () => text };
}

const exited = (child: ChildProcess) => new Promise<void>(resolve => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
});

test('a synth running when the sandbox is killed with SIGKILL ends with it', async () => {
  const marker = `synth-orphans-${process.pid}-killed`;
  const { child } = await startWatching(marker, 600);
  child.kill('SIGKILL');
  await exited(child);
  await waitFor(() => markedProcesses(marker).length === 0, 'the synth processes to end', { timeoutMs: GONE_WITHIN_MS }).catch(() => undefined);
  expect(markedProcesses(marker)).toEqual([]);
});

test('a synth past --synth-timeout is stopped with everything it started', async () => {
  const marker = `synth-orphans-${process.pid}-timeout`;
  const { child, output } = await startWatching(marker, 2);
  await exited(child);
  expect(output()).toMatch(/did not finish within 2 s and was stopped/);
  await waitFor(() => markedProcesses(marker).length === 0, 'the synth processes to end', { timeoutMs: GONE_WITHIN_MS }).catch(() => undefined);
  expect(markedProcesses(marker)).toEqual([]);
});
