/**
 * Scale and speed of the local Cognito sandbox (issues 14, 25): the sandbox runs in its own process
 * (bench/sandbox-server.ts, bundled to JavaScript) and this process is the client over HTTP: the
 * real AWS SDK for latency and for one throughput row, bench/wire-client.ts (the same requests,
 * without the SDK's per-call CPU) as the load generator of the throughput phases. One sandbox per size
 * (1k, 10k and 100k existing users: a JSON state file each imports on first start, see
 * bench/sandbox-state.ts) and cognito-local (bench/cognito-local-process.ts) run side by side, and
 * every phase is measured in ROUNDS rounds, the sides taking turns in an order that rotates each
 * round, so load on the machine hits every side alike and the ratios hold on a busy machine. It measures:
 * - first start (import) and restart from the sandbox's own state, and the state's size on disk;
 * - USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA and SignUp+ConfirmSignUp latency (p50/p95, one at a time);
 * - throughput, CONCURRENCY requests in flight: password+TOTP, USER_SRP_AUTH + PASSWORD_VERIFIER +
 *   SOFTWARE_TOKEN_MFA (real SRP and TOTP codes), SignUp+ConfirmSignUp, SignUp+AdminConfirmSignUp,
 *   and password+TOTP once more through the AWS SDK (what a test suite on the SDK sees);
 * - cognito-local on what it implements of those (password+TOTP latency and throughput,
 *   SignUp+AdminConfirmSignUp; it has no SRP, and its SignUp codes are not read here), as a ratio;
 * then prints a table with the targets and ratios side by side. Writes bench-results/sandbox-bench.json.
 *
 *   npx ts-node --project test/tsconfig.json bench/sandbox-bench.ts [--quick] [--sizes 1000,10000] [--only PHASES] [--no-cognito-local] [--cpu-prof] [--baseline FILE.js]
 *
 * --quick (or BENCH_QUICK=1) runs every phase at a tiny size (CI: the bench still runs; figures meaningless);
 * --cpu-prof writes the sandbox's CPU profiles to bench-results/profiles/ (node --cpu-prof; open them in
 * Chrome DevTools or read with bench/profile-top.ts); --only latency,password,srp,signup,admin runs only
 * those phases (to profile one of them). --baseline FILE.js adds, for every size, a sandbox served by another
 * bundle of bench/sandbox-server.ts (a copy of bench-results/.build/sandbox-server.js made at an earlier commit,
 * kept in that folder so it finds node_modules), labelled "baseline": it takes its turn in every round beside this
 * tree's, so a before/after comparison holds on a busy machine (compare the CPU per operation). Exits non-zero if
 * any operation against the sandbox failed.
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
import { CognitoLocalProcess } from './cognito-local-process';
import { QUICK } from './quick';
import type { FromServer, ToServer } from './sandbox-server';
import { BenchUser, writeBenchState } from './sandbox-state';
import { WireClient } from './wire-client';
import { srpClient, srpTimestamp, totpCode } from '../packages/cli/src';
import { readResources } from '../packages/cli/src/sandbox/template/template-reader';
import { loadTemplates } from '../packages/cli/src/sandbox/template/template-source';

// The SDK's notice about Node 20 support would repeat in every run's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const CPU_PROF = args.includes('--cpu-prof');
const COGNITO_LOCAL = !args.includes('--no-cognito-local');
const PHASES = new Set(args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['latency', 'password', 'srp', 'signup', 'admin']);
const sizesArg = args[args.indexOf('--sizes') + 1];
const SIZES = args.includes('--sizes') ? sizesArg.split(',').map(Number) : QUICK ? [100, 200] : [1_000, 10_000, 100_000];
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BASELINE = args.includes('--baseline') ? path.resolve(args[args.indexOf('--baseline') + 1]) : undefined;
/** Rounds of every phase, the sides taking turns in each (see the header). */
const ROUNDS = QUICK ? 1 : 4;
/** Sequential operations per latency sample (over all rounds), and seconds per throughput phase (over all rounds). */
const LATENCY_SAMPLES = QUICK ? 10 : 200;
const THROUGHPUT_SECONDS = QUICK ? 0.4 : 8;
/** A latency sample stops early after this long per round (a slow side must not stall the run). */
const LATENCY_CAP_SECONDS = QUICK ? 5 : 10;
/** Users with their own password and SRP verifier, signed in round-robin (each once per TOTP step). */
const ACTIVE_USERS = QUICK ? 40 : 2_000;
/** cognito-local's users with TOTP enrolled (its sign-ins have no replay check, so fewer suffice). */
const COGNITO_LOCAL_USERS = QUICK ? 10 : 200;
const PASSWORD = 'Bench-passw0rd!';
const STEP_MS = 30_000;
const REGION = 'us-east-1';

const TARGETS = {
  latencyRatio: 1.2,
  restartSeconds: 2,
  passwordPerSecond: 800,
  srpPerSecond: 250,
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

/**
 * The sandbox's clock: a fixed instant in the middle of a TOTP step, moved only by the bench, a whole
 * step at a time (nextStep). A clock that also followed the wall clock crossed a step boundary on its
 * own now and then: with one bench step in flight too, a code was two steps old and refused
 * ("Invalid code received for user"; a 10k run aborted on it).
 */
const CLOCK_START = Math.floor(Date.now() / STEP_MS) * STEP_MS + STEP_MS / 2;

/** One sandbox process, talked to over IPC (ready, sign-up codes, clock) and HTTP (Cognito API). */
class SandboxProcess {
  static async start(script: string, templatePath: string, stateFile: string, profileDir?: string): Promise<SandboxProcess> {
    const spawned = performance.now();
    const child = fork(script, [templatePath, stateFile, String(CLOCK_START)], {
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
  now = () => CLOCK_START + this.offset;

  /** The code the sandbox "emailed" to `destination` on sign-up. */
  code(destination: string): Promise<string> {
    const early = this.early.get(destination);
    if (early) {
      this.early.delete(destination);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      // A code that never comes (the sandbox's log line changed shape, say) fails the phase instead of hanging the run.
      const timer = setTimeout(() => {
        this.codes.delete(destination);
        reject(new Error(`no sign-up code for ${destination} in ${WireClient.TIMEOUT_MS} ms`));
      }, WireClient.TIMEOUT_MS);
      this.codes.set(destination, code => {
        clearTimeout(timer);
        this.codes.delete(destination);
        resolve(code);
      });
    });
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
 * each with the sandbox time it was handed out at: its code is for that step. When every user had
 * its turn the clock moves one step on, but not twice while a sign-in handed out before the first
 * move is in flight: the sandbox accepts one step of skew, so such a code would be refused.
 */
class UserCursor {
  private index = 0;
  private cycle = 0;
  /** Sign-ins in flight, by the parity of the cycle they were handed out in. */
  private readonly inFlight = [0, 0];
  private advancing?: Promise<void>;
  constructor(private readonly users: BenchUser[], private readonly sandbox: SandboxProcess) {}

  async take(): Promise<{ user: BenchUser; at: number; done: () => void }> {
    while (this.index >= this.users.length) {
      this.advancing ??= this.advance();
      await this.advancing;
    }
    const parity = this.cycle % 2;
    this.inFlight[parity]++;
    return { user: this.users[this.index++], at: this.sandbox.now(), done: () => void this.inFlight[parity]-- };
  }

  private async advance(): Promise<void> {
    // The cycle before this one shares this parity: wait until its sign-ins are answered.
    while (this.inFlight[(this.cycle + 1) % 2] > 0) await new Promise(resolve => setTimeout(resolve, 1));
    await this.sandbox.nextStep();
    this.cycle++;
    this.index = 0;
    this.advancing = undefined;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A throughput phase: completed operations per second, and CPU time per operation on each side. */
interface Rate {
  readonly perSecond: number;
  /** CPU ms per operation, every thread of the server process (crypto on the thread pool included). */
  readonly serverCpuMs: number;
  /** CPU ms per operation in this process (the client, wire or AWS SDK, with its TOTP codes and SRP math). */
  readonly clientCpuMs: number;
  readonly errors: number;
  readonly firstError?: string;
}

const NO_RATE: Rate = { perSecond: NaN, serverCpuMs: NaN, clientCpuMs: NaN, errors: 0 };

/** One Cognito operation by name, through the AWS SDK or the wire client. */
type Call = (operation: string, input: object) => Promise<any>;

/** An operation measured: resolves to its latency in ms (what the server spent, the bench's waits left out). */
type Operation = () => Promise<number>;

/** What one phase has gathered on one side over the rounds. */
class Tally {
  readonly times: number[] = [];
  count = 0;
  errors = 0;
  firstError?: string;
  seconds = 0;
  serverCpuMs = 0;
  clientCpuMs = 0;

  latency(): { p50: number; p95: number } {
    if (!this.times.length) return { p50: NaN, p95: NaN };
    const sorted = [...this.times].sort((a, b) => a - b);
    return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
  }

  rate(): Rate {
    if (!this.seconds) return { ...NO_RATE, errors: this.errors, firstError: this.firstError };
    return {
      perSecond: this.count / this.seconds,
      serverCpuMs: this.serverCpuMs / this.count,
      clientCpuMs: this.clientCpuMs / this.count,
      errors: this.errors,
      firstError: this.firstError,
    };
  }

  failed(err: unknown): void {
    this.errors++;
    this.firstError ??= String((err as Error).message ?? err);
  }
}

/** `count` operations one after the other (capped in time), into the tally's latencies. */
async function latencyRound(tally: Tally, count: number, operation: Operation): Promise<void> {
  const end = performance.now() + LATENCY_CAP_SECONDS * 1000;
  for (let i = 0; i < count && (i < 3 || performance.now() < end); i++) {
    try {
      tally.times.push(await operation());
    } catch (err) {
      tally.failed(err);
    }
  }
}

/** Completed operations with `concurrency` in flight for `seconds`, and what they cost in CPU on both sides, into the tally. */
async function throughputRound(tally: Tally, side: Side, seconds: number, concurrency: number, operation: Operation): Promise<void> {
  let count = 0;
  const serverBefore = await side.cpuMs();
  const clientBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      try {
        await operation();
        count++;
      } catch (err) {
        tally.failed(err);
      }
    }
  }));
  tally.seconds += (performance.now() - start) / 1000;
  const client = process.cpuUsage(clientBefore);
  tally.count += count;
  tally.serverCpuMs += await side.cpuMs() - serverBefore;
  tally.clientCpuMs += (client.user + client.system) / 1000;
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

/** The phases, by name; each side has the operations it can run. */
type PhaseName = 'signInLatency' | 'signUpLatency' | 'password' | 'passwordSdk' | 'srp' | 'signUp' | 'signUpAdmin';

const PHASE_GROUP: Record<PhaseName, string> = {
  signInLatency: 'latency', signUpLatency: 'latency', password: 'password', passwordSdk: 'password', srp: 'srp', signUp: 'signup', signUpAdmin: 'admin',
};
const LATENCY_PHASES: PhaseName[] = ['signInLatency', 'signUpLatency'];

/** One server under measurement: a sandbox at one size, or cognito-local. */
interface Side {
  readonly label: string;
  readonly users?: number;
  readonly operations: Partial<Record<PhaseName, Operation>>;
  readonly tallies: Map<PhaseName, Tally>;
  /** Start figures of a sandbox side. */
  readonly start?: { importStartMs: number; restartMs: number; restartWallMs: number; stateBytes: number; stateFiles: Record<string, number> };
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** Password sign-in answered with a TOTP code: the latency of its two calls. */
async function passwordTotp(call: Call, clientId: string, user: BenchUser, code: () => string): Promise<number> {
  const started = performance.now();
  const first = await call('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.name, PASSWORD } });
  const done = await call('RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'SOFTWARE_TOKEN_MFA',
    Session: first.Session,
    ChallengeResponses: { USERNAME: user.name, SOFTWARE_TOKEN_MFA_CODE: code() },
  });
  if (!done.AuthenticationResult?.IdToken) throw new Error(`sign-in did not complete (${first.ChallengeName ?? 'no challenge'})`);
  return performance.now() - started;
}

function sdkCall(endpoint: string): { call: Call; destroy: () => void } {
  const sdk = new CognitoIdentityProviderClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    // An answer that never comes fails the call (as WireClient's timeout does) instead of hanging the run.
    requestHandler: { requestTimeout: WireClient.TIMEOUT_MS, throwOnRequestTimeout: true },
  });
  const COMMANDS: Record<string, new (input: any) => any> = {
    InitiateAuth: InitiateAuthCommand,
    RespondToAuthChallenge: RespondToAuthChallengeCommand,
    SignUp: SignUpCommand,
    ConfirmSignUp: ConfirmSignUpCommand,
  };
  return { call: (operation, input) => sdk.send(new COMMANDS[operation](input)), destroy: () => sdk.destroy() };
}

async function sandboxSide(size: number, script: string, templatePath: string, poolId: string, cleanup: (() => Promise<void>)[], variant = ''): Promise<Side> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sandbox-bench-${size}-`));
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'state.json');
  const built = performance.now();
  const users = await writeBenchState(stateFile, { poolId, count: size, active: Math.min(size, ACTIVE_USERS), password: PASSWORD, now: CLOCK_START });
  console.log(`${size} users${variant ? ` (${variant})` : ''}: state file of ${mb(fs.statSync(stateFile).size)} written in ${((performance.now() - built) / 1000).toFixed(1)} s`);

  const first = await SandboxProcess.start(script, templatePath, stateFile);
  await first.stop();
  const profileDir = CPU_PROF ? path.join(RESULTS, 'profiles', `${size}${variant ? `-${variant}` : ''}`) : undefined;
  if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  const sandbox = await SandboxProcess.start(script, templatePath, stateFile, profileDir);
  cleanup.push(() => sandbox.stop());
  const files = stateFiles(dir);
  console.log(`  first start (import) ${ms(first.ready.startMs)}, restart ${ms(sandbox.ready.startMs)}`
    + ` (process spawn to listening ${ms(sandbox.wallMs)}), state on disk ${Object.entries(files).map(([n, b]) => `${n} ${mb(b)}`).join(', ')}`);

  const sdk = sdkCall(sandbox.ready.endpoint);
  const wire = new WireClient(sandbox.ready.endpoint, CONCURRENCY);
  cleanup.push(async () => { sdk.destroy(); wire.destroy(); });
  const viaWire: Call = (operation, input) => wire.call(operation, input);
  const clientId = sandbox.ready.clientId;
  const cursor = new UserCursor(users, sandbox);

  const passwordSignIn = (call: Call): Operation => async () => {
    const { user, at, done } = await cursor.take();
    try {
      return await passwordTotp(call, clientId, user, () => totpCode(user.secret, at));
    } finally {
      done();
    }
  };
  const poolName = poolId.split('_')[1];
  const srpSignIn: Operation = async () => {
    const { user: u, at, done } = await cursor.take();
    try {
      const started = performance.now();
      const client = srpClient(poolName);
      const challenge = await viaWire('InitiateAuth', { ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: u.name, SRP_A: client.A } });
      const timestamp = srpTimestamp(new Date(sandbox.now()));
      const mfa = await viaWire('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: challenge.Session,
        ChallengeResponses: client.passwordVerifier(challenge.ChallengeParameters, PASSWORD, timestamp),
      });
      const result = await viaWire('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session,
        ChallengeResponses: { USERNAME: u.name, SOFTWARE_TOKEN_MFA_CODE: totpCode(u.secret, at) },
      });
      if (!result.AuthenticationResult?.IdToken) throw new Error('SRP sign-in did not complete');
      return performance.now() - started;
    } finally {
      done();
    }
  };
  let signUps = 0;
  const tag = Math.random().toString(36).slice(2, 8);
  const signUp = (call: Call): Operation => async () => {
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
  const signUpAdmin: Operation = async () => {
    const name = `admin-${tag}-${signUps++}`;
    const started = performance.now();
    await viaWire('SignUp', { ClientId: clientId, Username: name, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] });
    await wire.call('AdminConfirmSignUp', { UserPoolId: poolId, Username: name }, WireClient.adminHeaders(sandbox.now(), REGION));
    return performance.now() - started;
  };
  const side: Side = {
    label: `${size >= 1000 ? `${size / 1000}k users` : `${size} users`}${variant ? ` ${variant}` : ''}`,
    users: size,
    operations: {
      signInLatency: passwordSignIn(sdk.call),
      signUpLatency: signUp(sdk.call),
      password: passwordSignIn(viaWire),
      passwordSdk: passwordSignIn(sdk.call),
      srp: srpSignIn,
      signUp: signUp(viaWire),
      signUpAdmin,
    },
    tallies: new Map(),
    cpuMs: () => sandbox.cpuMs(),
    stop: () => sandbox.stop(),
    start: {
      importStartMs: first.ready.startMs,
      restartMs: sandbox.ready.startMs,
      restartWallMs: sandbox.wallMs,
      stateBytes: Object.values(files).reduce((a, b) => a + b, 0),
      stateFiles: files,
    },
  };
  // warm-up: JIT, sockets of both clients
  for (const [operation, concurrency] of [[side.operations.passwordSdk!, 4], [side.operations.password!, CONCURRENCY]] as const) {
    await throughputRound(new Tally(), side, QUICK ? 0.2 : 1, concurrency, operation);
  }
  return side;
}

async function cognitoLocalSide(cleanup: (() => Promise<void>)[]): Promise<Side> {
  const started = performance.now();
  const local = await CognitoLocalProcess.start(COGNITO_LOCAL_USERS, PASSWORD);
  cleanup.push(() => local.stop());
  console.log(`cognito-local: started with ${COGNITO_LOCAL_USERS} TOTP users in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const sdk = sdkCall(local.endpoint);
  const wire = new WireClient(local.endpoint, CONCURRENCY);
  cleanup.push(async () => { sdk.destroy(); wire.destroy(); });
  const viaWire: Call = (operation, input) => wire.call(operation, input);
  let next = 0;
  // No replay check in cognito-local: a user may sign in again within a step; codes follow the wall clock.
  const passwordSignIn = (call: Call): Operation => () => {
    const user = local.users[next++ % local.users.length];
    return passwordTotp(call, local.clientId, user, () => totpCode(user.secret, Date.now()));
  };
  let signUps = 0;
  const signUpAdmin: Operation = async () => {
    const name = `admin-${signUps++}@example.com`;
    const t0 = performance.now();
    await viaWire('SignUp', { ClientId: local.clientId, Username: name, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: name }] });
    await viaWire('AdminConfirmSignUp', { UserPoolId: local.poolId, Username: name });
    return performance.now() - t0;
  };
  const side: Side = {
    label: 'cognito-local',
    operations: { signInLatency: passwordSignIn(sdk.call), password: passwordSignIn(viaWire), passwordSdk: passwordSignIn(sdk.call), signUpAdmin },
    tallies: new Map(),
    cpuMs: () => local.cpuMs(),
    stop: () => local.stop(),
  };
  await throughputRound(new Tally(), side, QUICK ? 0.2 : 1, CONCURRENCY, side.operations.password!);
  return side;
}

const ms = (n: number) => (Number.isNaN(n) ? 'failed' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
const rate = (r: Rate) => `${r.perSecond.toFixed(0)}/s (CPU per operation: server ${r.serverCpuMs.toFixed(2)} ms, client ${r.clientCpuMs.toFixed(2)} ms)`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Runs every phase in rounds, the sides taking turns in an order that rotates each round. */
async function measure(sides: Side[]): Promise<void> {
  const phases = (Object.keys(PHASE_GROUP) as PhaseName[]).filter(p => PHASES.has(PHASE_GROUP[p]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const phase of phases) {
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(round + k) % sides.length];
        const operation = side.operations[phase];
        if (!operation) continue;
        const tally = side.tallies.get(phase) ?? new Tally();
        side.tallies.set(phase, tally);
        if (LATENCY_PHASES.includes(phase)) await latencyRound(tally, Math.ceil(LATENCY_SAMPLES / ROUNDS), operation);
        else await throughputRound(tally, side, THROUGHPUT_SECONDS / ROUNDS, CONCURRENCY, operation);
      }
    }
    console.log(`  round ${round + 1} of ${ROUNDS} done`);
  }
}

/** The figures against the targets (this tree's sandboxes only), with the baseline's and cognito-local's columns beside them. */
function table(sandboxes: Side[], local?: Side, baselines: Side[] = []): string {
  const first = sandboxes[0];
  const last = sandboxes[sandboxes.length - 1];
  const shortLabel = (side: Side) => side.label.replace(' users', '');
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const columns = [...sandboxes, ...baselines, ...(local ? [local] : [])];
  const rows: string[][] = [];
  const has = (phase: PhaseName) => columns.some(side => side.tallies.has(phase));
  const latencyOf = (side: Side, phase: PhaseName, p: 'p50' | 'p95') => side.tallies.get(phase)?.latency()[p] ?? NaN;
  const rateOf = (side: Side, phase: PhaseName) => side.tallies.get(phase)?.rate().perSecond ?? NaN;
  const localRatio = (sandboxValue: number, localValue: number, higherIsBetter: boolean) =>
    (!local || Number.isNaN(localValue) ? '-' : `${(higherIsBetter ? sandboxValue / localValue : localValue / sandboxValue).toFixed(1)}x`);
  const latencyRow = (name: string, phase: PhaseName, p: 'p50' | 'p95') => {
    if (!has(phase)) return;
    const ratio = latencyOf(last, phase, p) / latencyOf(first, phase, p);
    rows.push([name, ...columns.map(side => (side.operations[phase] ? ms(latencyOf(side, phase, p)) : 'n/a')),
      `${shortLabel(last)}/${shortLabel(first)} <= ${TARGETS.latencyRatio}`, `${ratio.toFixed(2)}x`, verdict(ratio <= TARGETS.latencyRatio),
      local?.operations[phase] ? localRatio(Math.max(...sandboxes.map(side => latencyOf(side, phase, p))), latencyOf(local, phase, p), false) : '-']);
  };
  const rateRow = (name: string, phase: PhaseName, target?: number) => {
    if (!has(phase)) return;
    const worst = Math.min(...sandboxes.map(side => rateOf(side, phase)));
    rows.push([name, ...columns.map(side => (side.operations[phase] ? (Number.isNaN(rateOf(side, phase)) ? 'failed' : `${rateOf(side, phase).toFixed(0)}/s`) : 'n/a')),
      target ? `>= ${target}/s` : '-', target ? `${(worst / target).toFixed(2)}x` : '-', target ? verdict(worst >= target) : '-',
      local?.operations[phase] ? localRatio(worst, rateOf(local, phase), true) : '-']);
  };
  latencyRow('sign-in p50 (password+TOTP, AWS SDK)', 'signInLatency', 'p50');
  latencyRow('sign-in p95', 'signInLatency', 'p95');
  latencyRow('SignUp+Confirm p50', 'signUpLatency', 'p50');
  latencyRow('SignUp+Confirm p95', 'signUpLatency', 'p95');
  rateRow('password+TOTP sign-ins', 'password', TARGETS.passwordPerSecond);
  rateRow('  through the AWS SDK', 'passwordSdk');
  rateRow('SRP+TOTP sign-ins', 'srp', TARGETS.srpPerSecond);
  rateRow('SignUp+ConfirmSignUp (code)', 'signUp');
  rateRow('SignUp+AdminConfirmSignUp', 'signUpAdmin');
  const startRow = (name: string, pick: (s: NonNullable<Side['start']>) => string, target = '-', ratio = '-', met = '-') =>
    rows.push([name, ...columns.map(side => (side.start ? pick(side.start) : '-')), target, ratio, met, '-']);
  startRow('first start (JSON import)', s => ms(s.importStartMs));
  const restart = last.start!.restartMs / 1000;
  startRow('restart (own state)', s => ms(s.restartMs), `< ${TARGETS.restartSeconds} s at ${shortLabel(last)}`,
    `${(restart / TARGETS.restartSeconds).toFixed(2)}x`, verdict(restart < TARGETS.restartSeconds));
  startRow('restart, spawn to listening', s => ms(s.restartWallMs));
  startRow('state on disk', s => mb(s.stateBytes));
  // The cognito-local column compares the sandbox's worst size with it: its slowest latency, its lowest rate.
  const header = ['', ...columns.map(side => side.label), 'target', 'ratio', '', local ? 'sandbox (worst size) vs cognito-local' : ''];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map(row => row[i].length)));
  return all.map(row => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

async function main(): Promise<number> {
  const script = buildServer();
  const templatePath = path.join(RESULTS, '.build', 'Bench.template.json');
  fs.writeFileSync(templatePath, JSON.stringify(template()));
  const { pools } = readResources(loadTemplates({ templatePath }), REGION);
  const poolId = pools[0].id;
  console.log(`sandbox bench: sizes ${SIZES.join(', ')}${COGNITO_LOCAL ? ' and cognito-local' : ''}; concurrency ${CONCURRENCY}; ${ROUNDS} alternating rounds;`
    + ` ${LATENCY_SAMPLES} sequential samples and ${THROUGHPUT_SECONDS} s per throughput phase over the rounds${QUICK ? ' (quick: figures meaningless)' : ''};`
    + ` ${os.cpus().length} CPUs, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}`);
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const sandboxes: Side[] = [];
    for (const size of SIZES) sandboxes.push(await sandboxSide(size, script, templatePath, poolId, cleanup));
    const baselines: Side[] = [];
    if (BASELINE) for (const size of SIZES) baselines.push(await sandboxSide(size, BASELINE, templatePath, poolId, cleanup, 'baseline'));
    const local = COGNITO_LOCAL ? await cognitoLocalSide(cleanup) : undefined;
    const all = [...sandboxes, ...baselines, ...(local ? [local] : [])];
    await measure(all);
    for (const side of all) {
      const rates = [...side.tallies].filter(([phase]) => !LATENCY_PHASES.includes(phase)).map(([phase, t]) => `${phase} ${rate(t.rate())}`);
      console.log(`  ${side.label}: ${rates.join('; ')}`);
    }
    console.log(`\n${table(sandboxes, local, baselines)}\n(load average after: ${os.loadavg().map(l => l.toFixed(1)).join(' ')})`);
    fs.mkdirSync(RESULTS, { recursive: true });
    const summary = (side: Side) => ({
      label: side.label,
      users: side.users,
      ...side.start,
      ...Object.fromEntries([...side.tallies].map(([phase, t]) =>
        [phase, LATENCY_PHASES.includes(phase) ? { ...t.latency(), errors: t.errors } : t.rate()])),
    });
    fs.writeFileSync(path.join(RESULTS, 'sandbox-bench.json'), JSON.stringify({
      at: new Date().toISOString(),
      quick: QUICK,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      loadAverage: os.loadavg(),
      sandbox: sandboxes.map(summary),
      ...(BASELINE ? { baseline: { bundle: BASELINE, sandbox: baselines.map(summary) } } : {}),
      cognitoLocal: local && summary(local),
    }, null, 2));
    // Every failed operation against this tree's sandbox fails the run (the baseline's and cognito-local's are only reported).
    let failed = 0;
    for (const side of all) {
      const counts = sandboxes.includes(side);
      for (const [phase, t] of side.tallies) {
        if (!t.errors) continue;
        console.error(`${counts ? 'FAIL' : 'note'} ${side.label} ${phase}: ${t.errors} failed operations, first: ${t.firstError}`);
        if (counts) failed += t.errors;
      }
    }
    const missing = sandboxes.flatMap(side => [...side.tallies].filter(([phase, t]) => !LATENCY_PHASES.includes(phase) && t.count === 0).map(([phase]) => `${side.label} ${phase}`));
    for (const m of missing) console.error(`FAIL ${m}: no operation completed`);
    return failed || missing.length ? 1 : 0;
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

main().then(code => process.exit(code), err => {
  console.error(err);
  process.exit(1);
});
