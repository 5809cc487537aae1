/**
 * Scale and speed of the local Cognito sandbox (issue 14): the sandbox runs in its own process
 * (bench/sandbox-server.ts, bundled to JavaScript) and this process is the client over HTTP: the
 * real AWS SDK for latency and for one throughput row, bench/wire-client.ts (the same requests,
 * without the SDK's per-call CPU) as the load generator of the throughput phases. For 1k, 10k and
 * 100k existing users (a JSON state file the sandbox imports on first start, see
 * bench/sandbox-state.ts) it measures:
 * - first start (import) and restart from the sandbox's own state, and the state's size on disk;
 * - SignUp+ConfirmSignUp and USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA latency (p50/p95, one at a time);
 * - throughput of the same two, and of USER_SRP_AUTH + PASSWORD_VERIFIER + SOFTWARE_TOKEN_MFA (real
 *   SRP and real TOTP codes), with CONCURRENCY requests in flight, and password+TOTP once more
 *   through the AWS SDK (what a test suite on the SDK sees);
 * then prints a table with the targets and ratios side by side. Writes bench-results/sandbox-bench.json.
 *
 *   npx ts-node --project test/tsconfig.json bench/sandbox-bench.ts [--quick] [--sizes 1000,10000] [--only PHASES] [--cpu-prof]
 *
 * --quick (or BENCH_QUICK=1) shortens every phase; --cpu-prof writes the sandbox's CPU profiles to
 * bench-results/profiles/ (node --cpu-prof; open them in Chrome DevTools or read with bench/profile-top.ts);
 * --only password,srp,signup,latency runs only those phases (to profile one of them).
 */
import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CognitoIdentityProviderClient, ConfirmSignUpCommand, InitiateAuthCommand, RespondToAuthChallengeCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { buildSync } from 'esbuild';
import { srpClient, srpTimestamp, totpCode } from '../packages/cli/src';
import { loadTemplates } from '../packages/cli/src/sandbox/template/template-source';
import { readResources } from '../packages/cli/src/sandbox/template/template-reader';
import type { FromServer, ToServer } from './sandbox-server';
import { BenchUser, writeBenchState } from './sandbox-state';
import { WireClient } from './wire-client';

// The SDK's notice about Node 20 support would repeat in every run's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const CPU_PROF = args.includes('--cpu-prof');
const PHASES = new Set(args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['latency', 'password', 'srp', 'signup']);
const sizesArg = args[args.indexOf('--sizes') + 1];
const SIZES = args.includes('--sizes') ? sizesArg.split(',').map(Number) : [1_000, 10_000, 100_000];
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Sequential operations per latency sample, and seconds per throughput phase. */
const LATENCY_SAMPLES = QUICK ? 60 : 200;
const THROUGHPUT_SECONDS = QUICK ? 2 : 5;
/** A latency sample stops early after this long (a slow store at 100k users must not stall the run). */
const LATENCY_CAP_SECONDS = QUICK ? 10 : 20;
/** Users with their own password and SRP verifier, signed in round-robin (each once per TOTP step). */
const ACTIVE_USERS = 2_000;
const PASSWORD = 'Bench-passw0rd!';
const STEP_MS = 30_000;
const REGION = 'us-east-1';

const TARGETS = {
  latencyRatio: 1.2,
  restartSeconds: 2,
  passwordPerSecond: 400,
  srpPerSecond: 150,
};

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(ROOT, 'bench-results');

function template(): object {
  const stack = new Stack(new App(), 'Bench', { env: { region: REGION } });
  const userPool = new cognito.UserPool(stack, 'Pool', {
    selfSignUpEnabled: true,
    signInAliases: { username: true, email: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
  });
  userPool.addClient('Web', { authFlows: { userPassword: true, userSrp: true } });
  return Template.fromStack(stack).toJSON();
}

/** Bundles the server to plain JavaScript next to node_modules, so its start time is not ts-node's. */
function buildServer(): string {
  const outfile = path.join(RESULTS, '.build', 'sandbox-server.js');
  buildSync({ entryPoints: [path.join(__dirname, 'sandbox-server.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  return outfile;
}

/** One sandbox process, talked to over IPC (ready, sign-up codes, clock) and HTTP (Cognito API). */
class SandboxProcess {
  static async start(script: string, templatePath: string, stateFile: string, profileDir?: string): Promise<SandboxProcess> {
    const spawned = performance.now();
    const child = fork(script, [templatePath, stateFile], {
      execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const sandbox = new SandboxProcess(child);
    const ready = await sandbox.next('ready') as Extract<FromServer, { type: 'ready' }>;
    return Object.assign(sandbox, { ready, wallMs: performance.now() - spawned });
  }

  ready!: Extract<FromServer, { type: 'ready' }>;
  wallMs = 0;
  private readonly codes = new Map<string, (code: string) => void>();
  private readonly early = new Map<string, string>();
  private waiting?: { type: string; resolve: (m: FromServer) => void };
  private offset = 0;
  private exited = false;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: FromServer) => {
      if (message.type === 'code') {
        const resolve = this.codes.get(message.destination);
        if (resolve) resolve(message.code);
        else this.early.set(message.destination, message.code);
      } else if (this.waiting?.type === message.type) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(message);
      }
    });
    child.on('exit', code => {
      this.exited = true;
      if (code) console.error(`sandbox process exited with ${code}`);
    });
  }

  /** The sandbox's clock (epoch ms), which the TOTP codes must follow. */
  now = () => Date.now() + this.offset;

  /** The code the sandbox "emailed" to `destination` on sign-up. */
  code(destination: string): Promise<string> {
    const early = this.early.get(destination);
    if (early) {
      this.early.delete(destination);
      return Promise.resolve(early);
    }
    return new Promise(resolve => this.codes.set(destination, code => {
      this.codes.delete(destination);
      resolve(code);
    }));
  }

  /** Moves both clocks one TOTP step on. */
  async nextStep(): Promise<void> {
    this.offset += STEP_MS;
    this.child.send({ type: 'clock', offset: this.offset } satisfies ToServer);
    await this.next('clock-ack');
  }

  /** CPU time (ms, every thread) the sandbox process has used so far. */
  async cpuMs(): Promise<number> {
    this.child.send({ type: 'cpu' } satisfies ToServer);
    const usage = await this.next('cpu') as Extract<FromServer, { type: 'cpu' }>;
    return (usage.user + usage.system) / 1000;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  private next(type: FromServer['type']): Promise<FromServer> {
    return new Promise(resolve => { this.waiting = { type, resolve }; });
  }
}

/**
 * Hands out active users so that none signs in twice in one TOTP step (a replayed code is refused),
 * each with the sandbox time it was handed out at: its code is for that step even when the clock
 * moves on while its sign-in is in flight (the sandbox accepts one step of skew), so a user taken
 * again in the next step never repeats a code.
 */
class UserCursor {
  private index = 0;
  private advancing?: Promise<void>;
  constructor(private readonly users: BenchUser[], private readonly sandbox: SandboxProcess) {}

  async take(): Promise<{ user: BenchUser; at: number }> {
    while (this.index >= this.users.length) {
      this.advancing ??= this.sandbox.nextStep().then(() => { this.index = 0; this.advancing = undefined; });
      await this.advancing;
    }
    return { user: this.users[this.index++], at: this.sandbox.now() };
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** p50/p95 (ms) of `count` operations run one after the other. */
async function latency(count: number, operation: () => Promise<number>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  const end = performance.now() + LATENCY_CAP_SECONDS * 1000;
  for (let i = 0; i < count && (i < 5 || performance.now() < end); i++) times.push(await operation());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** A throughput phase: completed operations per second, and CPU time per operation on each side. */
interface Rate {
  readonly perSecond: number;
  /** CPU ms per operation, every thread of the sandbox process (crypto on the thread pool included). */
  readonly serverCpuMs: number;
  /** CPU ms per operation in this process (the client, wire or AWS SDK, with its TOTP codes and SRP math). */
  readonly clientCpuMs: number;
}

const NO_RATE: Rate = { perSecond: NaN, serverCpuMs: NaN, clientCpuMs: NaN };

/** One Cognito operation by name, through the AWS SDK or the wire client. */
type Call = (operation: string, input: object) => Promise<any>;

/** Completed operations per second with `concurrency` in flight for `seconds`, and what they cost in CPU on both sides. */
async function throughput(sandbox: SandboxProcess, seconds: number, concurrency: number, operation: () => Promise<unknown>): Promise<Rate> {
  let count = 0;
  const serverBefore = await sandbox.cpuMs();
  const clientBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      await operation();
      count++;
    }
  }));
  const elapsed = (performance.now() - start) / 1000;
  const client = process.cpuUsage(clientBefore);
  const serverCpuMs = (await sandbox.cpuMs() - serverBefore) / count;
  return { perSecond: count / elapsed, serverCpuMs, clientCpuMs: (client.user + client.system) / 1000 / count };
}

/** Bytes of the files the sandbox keeps in `dir` (state file, database and its journal), by name. */
function stateFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of fs.readdirSync(dir)) {
    const stat = fs.statSync(path.join(dir, name));
    if (stat.isFile()) out[name] = stat.size;
  }
  return out;
}

interface SizeResult {
  users: number;
  importStartMs: number;
  restartMs: number;
  restartWallMs: number;
  stateBytes: number;
  stateFiles: Record<string, number>;
  signInLatency: { p50: number; p95: number };
  signUpLatency: { p50: number; p95: number };
  password: Rate;
  /** The same sign-ins with the AWS SDK as the client (its CPU shares the machine with the sandbox). */
  passwordSdk: Rate;
  srp: Rate;
  signUp: Rate;
  error?: string;
}

async function measure(size: number, script: string, templatePath: string, poolId: string): Promise<SizeResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sandbox-bench-${size}-`));
  let running: SandboxProcess | undefined;
  try {
    const stateFile = path.join(dir, 'state.json');
    const built = performance.now();
    const users = await writeBenchState(stateFile, { poolId, count: size, active: Math.min(size, ACTIVE_USERS), password: PASSWORD, now: Date.now() });
    console.log(`${size} users: state file of ${mb(fs.statSync(stateFile).size)} written in ${((performance.now() - built) / 1000).toFixed(1)} s`);

    const first = await SandboxProcess.start(script, templatePath, stateFile);
    running = first;
    await first.stop();
    const profileDir = CPU_PROF ? path.join(RESULTS, 'profiles', String(size)) : undefined;
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    const sandbox = await SandboxProcess.start(script, templatePath, stateFile, profileDir);
    running = sandbox;
    const files = stateFiles(dir);
    console.log(`  first start (import) ${ms(first.ready.startMs)}, restart ${ms(sandbox.ready.startMs)}`
      + ` (process spawn to listening ${ms(sandbox.wallMs)}), state on disk ${Object.entries(files).map(([n, b]) => `${n} ${mb(b)}`).join(', ')}`);

    const sdk = new CognitoIdentityProviderClient({
      region: REGION, endpoint: sandbox.ready.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1,
    });
    const SDK_COMMANDS: Record<string, new (input: any) => any> = {
      InitiateAuth: InitiateAuthCommand, RespondToAuthChallenge: RespondToAuthChallengeCommand, SignUp: SignUpCommand, ConfirmSignUp: ConfirmSignUpCommand,
    };
    const viaSdk: Call = (operation, input) => sdk.send(new SDK_COMMANDS[operation](input));
    const wire = new WireClient(sandbox.ready.endpoint, CONCURRENCY);
    const viaWire: Call = (operation, input) => wire.call(operation, input);
    const clientId = sandbox.ready.clientId;
    const cursor = new UserCursor(users, sandbox);

    const passwordSignIn = (call: Call) => async () => {
      const { user: u, at } = await cursor.take();
      const started = performance.now();
      const first = await call('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.name, PASSWORD } });
      const done = await call('RespondToAuthChallenge', {
        ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: first.Session,
        ChallengeResponses: { USERNAME: u.name, SOFTWARE_TOKEN_MFA_CODE: totpCode(u.secret, at) },
      });
      if (!done.AuthenticationResult?.IdToken) throw new Error('sign-in did not complete');
      return performance.now() - started;
    };
    const poolName = poolId.split('_')[1];
    const srpSignIn = (call: Call) => async () => {
      const { user: u, at } = await cursor.take();
      const client = srpClient(poolName);
      const first = await call('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: u.name, SRP_A: client.A } });
      const p = first.ChallengeParameters;
      const timestamp = srpTimestamp(new Date(sandbox.now()));
      const mfa = await call('RespondToAuthChallenge', {
        ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: first.Session,
        ChallengeResponses: client.passwordVerifier(p, PASSWORD, timestamp),
      });
      const done = await call('RespondToAuthChallenge', {
        ClientId: clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: mfa.Session,
        ChallengeResponses: { USERNAME: u.name, SOFTWARE_TOKEN_MFA_CODE: totpCode(u.secret, at) },
      });
      if (!done.AuthenticationResult?.IdToken) throw new Error('SRP sign-in did not complete');
    };
    let signUps = 0;
    const tag = Math.random().toString(36).slice(2, 8);
    const signUp = (call: Call) => async () => {
      const name = `new-${tag}-${signUps++}`;
      const email = `${name}@example.com`;
      const started = performance.now();
      await call('SignUp', { ClientId: clientId, Username: name, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] });
      const signedUp = performance.now();
      const code = await sandbox.code(email);
      const confirming = performance.now();
      await call('ConfirmSignUp', { ClientId: clientId, Username: name, ConfirmationCode: code });
      // The wait for the code (IPC from the sandbox process) is the bench's, not the sandbox's.
      return (signedUp - started) + (performance.now() - confirming);
    };

    const none = { p50: NaN, p95: NaN };
    let [signInLatency, signUpLatency, password, passwordSdk, srp, signUpRate] = [none, none, NO_RATE, NO_RATE, NO_RATE, NO_RATE];
    let error: string | undefined;
    try {
      // warm-up: JIT, sockets of both clients
      await throughput(sandbox, 1, 4, passwordSignIn(viaSdk));
      await throughput(sandbox, 1, CONCURRENCY, passwordSignIn(viaWire));
      if (PHASES.has('latency')) {
        signInLatency = await latency(LATENCY_SAMPLES, passwordSignIn(viaSdk));
        signUpLatency = await latency(LATENCY_SAMPLES, signUp(viaSdk));
      }
      if (PHASES.has('password')) {
        password = await throughput(sandbox, THROUGHPUT_SECONDS, CONCURRENCY, passwordSignIn(viaWire));
        passwordSdk = await throughput(sandbox, THROUGHPUT_SECONDS, CONCURRENCY, passwordSignIn(viaSdk));
      }
      if (PHASES.has('srp')) srp = await throughput(sandbox, THROUGHPUT_SECONDS, CONCURRENCY, srpSignIn(viaWire));
      if (PHASES.has('signup')) signUpRate = await throughput(sandbox, THROUGHPUT_SECONDS, CONCURRENCY, signUp(viaWire));
    } catch (err) {
      // The table shows what was measured; the rest of this size is marked failed.
      error = String((err as Error).message ?? err);
      console.error(`  ${size} users: measurement failed: ${error}`);
    }
    console.log(`  sign-in p50 ${ms(signInLatency.p50)} p95 ${ms(signInLatency.p95)}; sign-up+confirm p50 ${ms(signUpLatency.p50)} p95 ${ms(signUpLatency.p95)};`
      + ` password+TOTP ${rate(password)}, through the AWS SDK ${rate(passwordSdk)}, SRP+TOTP ${rate(srp)}, sign-up+confirm ${rate(signUpRate)}`);
    sdk.destroy();
    wire.destroy();
    await sandbox.stop();
    const bytes = Object.values(files).reduce((a, b) => a + b, 0);
    return {
      users: size, importStartMs: first.ready.startMs, restartMs: sandbox.ready.startMs, restartWallMs: sandbox.wallMs,
      stateBytes: bytes, stateFiles: files, signInLatency, signUpLatency, password, passwordSdk, srp, signUp: signUpRate, error,
    };
  } finally {
    await running?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (Number.isNaN(n) ? 'failed' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
const rate = (r: Rate) => `${r.perSecond.toFixed(0)}/s (CPU per operation: sandbox ${r.serverCpuMs.toFixed(2)} ms, client ${r.clientCpuMs.toFixed(2)} ms)`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function table(results: SizeResult[]): string {
  const first = results[0];
  const last = results[results.length - 1];
  const label = (r: SizeResult) => (r.users >= 1000 ? `${r.users / 1000}k` : String(r.users));
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rows: string[][] = [];
  // Phases left out with --only get no row (rather than a row of "failed").
  const ratioRow = (name: string, pick: (r: SizeResult) => number) => {
    if (!PHASES.has('latency')) return;
    const ratio = pick(last) / pick(first);
    rows.push([name, ...results.map(r => ms(pick(r))), `${label(last)}/${label(first)} <= ${TARGETS.latencyRatio}`,
      `${ratio.toFixed(2)}x`, verdict(ratio <= TARGETS.latencyRatio)]);
  };
  const rateRow = (phase: string, name: string, pick: (r: SizeResult) => number, target?: number) => {
    if (!PHASES.has(phase)) return;
    const worst = Math.min(...results.map(pick));
    rows.push([name, ...results.map(r => (Number.isNaN(pick(r)) ? 'failed' : `${pick(r).toFixed(0)}/s`)),
      target ? `>= ${target}/s` : '-', target ? `${(worst / target).toFixed(2)}x` : '-', target ? verdict(worst >= target) : '-']);
  };
  ratioRow('sign-in p50 (password+TOTP)', r => r.signInLatency.p50);
  ratioRow('sign-in p95', r => r.signInLatency.p95);
  ratioRow('SignUp+Confirm p50', r => r.signUpLatency.p50);
  ratioRow('SignUp+Confirm p95', r => r.signUpLatency.p95);
  rateRow('password', 'password+TOTP sign-ins', r => r.password.perSecond, TARGETS.passwordPerSecond);
  rateRow('password', '  through the AWS SDK', r => r.passwordSdk.perSecond);
  rateRow('srp', 'SRP+TOTP sign-ins', r => r.srp.perSecond, TARGETS.srpPerSecond);
  rateRow('signup', 'SignUp+Confirm', r => r.signUp.perSecond);
  rows.push(['first start (JSON import)', ...results.map(r => ms(r.importStartMs)), '-', '-', '-']);
  const restart = last.restartMs / 1000;
  rows.push([`restart (own state)`, ...results.map(r => ms(r.restartMs)), `< ${TARGETS.restartSeconds} s at ${label(last)}`,
    `${(restart / TARGETS.restartSeconds).toFixed(2)}x`, verdict(restart < TARGETS.restartSeconds)]);
  rows.push(['restart, spawn to listening', ...results.map(r => ms(r.restartWallMs)), '-', '-', '-']);
  rows.push(['state on disk', ...results.map(r => mb(r.stateBytes)), '-', '-', '-']);
  const header = ['', ...results.map(r => `${label(r)} users`), 'target', 'ratio', ''];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map(row => row[i].length)));
  return all.map(row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

async function main() {
  const script = buildServer();
  const templatePath = path.join(RESULTS, '.build', 'Bench.template.json');
  fs.writeFileSync(templatePath, JSON.stringify(template()));
  const { pools } = readResources(loadTemplates({ templatePath }), REGION);
  const poolId = pools[0].id;
  console.log(`sandbox bench: sizes ${SIZES.join(', ')}; concurrency ${CONCURRENCY}; ${LATENCY_SAMPLES} sequential samples; ${THROUGHPUT_SECONDS} s per throughput phase${QUICK ? ' (quick)' : ''}; ${os.cpus().length} CPUs`);
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size, script, templatePath, poolId));
  console.log(`\n${table(results)}`);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, 'sandbox-bench.json'), JSON.stringify({ at: new Date().toISOString(), quick: QUICK, concurrency: CONCURRENCY, results }, null, 2));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
