/**
 * Load-time benchmark: what an app pays, in a cold process, to require the construct, build it and
 * synthesize, against the raw aws-cdk-lib L2 with equivalent settings. Not a test.
 *
 *   npx projen compile   # the samples load lib/, the way an app loads the package
 *   npx ts-node --project test/tsconfig.json bench/load-bench.ts [samples]
 *
 * Every sample is a fresh `node` process running a few lines of plain JavaScript (no ts-node), so
 * nothing is cached from an earlier sample but the operating system's file cache. Sides alternate,
 * the first one rotating, so load on the machine hits both alike. Each process reports, from its
 * first line:
 * - require: the process's first require, `require('@cdk-mfa/auth')` vs `require('aws-cdk-lib/aws-cognito')`
 *   (plus aws-lambda and aws-logs, which an L2 user requires for the trigger scenario);
 * - total: that, `require('aws-cdk-lib')` for App and Stack, the construct and `app.synth()`; in
 *   wall-clock time and in CPU time (steadier than wall-clock on a busy machine).
 * The L2 side is the synth benchmark's bare L2 (bench/synth-scenarios.ts): the same user-facing
 * config in L2 props, an app client, and for the trigger scenario the same bundled handler in a
 * lambda.Function with its log group.
 *
 * Writes bench-results/load-bench.json.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { QUICK } from './quick';

const SAMPLES = QUICK ? 1 : Number(process.argv[2] ?? 30);
const WARMUP = QUICK ? 0 : 2;
const TARGET = 1.05;
const root = path.join(__dirname, '..');

/**
 * The sample's code: requires `requireCode` first thing (its value is `m`), then App and Stack, runs
 * `build` (which may use App, Stack, Duration, RemovalPolicy, m and stack) and synthesizes.
 * Wall-clock and CPU time (user + system, all threads) from the first line.
 */
function probe(requireCode: string, build: string): string {
  return `
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
const ms = t => Number(t - t0) / 1e6;
const cpuMs = () => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1e3; };
const m = ${requireCode};
const requireMs = ms(process.hrtime.bigint());
const requireCpuMs = cpuMs();
const { App, Stack, Duration, RemovalPolicy } = require('aws-cdk-lib');
const app = new App({ outdir: process.argv[1] });
const stack = new Stack(app, 'LoadBench', { env: { account: '123456789012', region: 'us-east-1' } });
${build}
app.synth();
const totalMs = ms(process.hrtime.bigint());
const totalCpuMs = cpuMs();
const resources = Object.keys(app.synth().getStackByName('LoadBench').template.Resources).length;
process.stdout.write(JSON.stringify({ requireMs, requireCpuMs, totalMs, totalCpuMs, resources }));
`;
}

/** synth-scenarios.ts's L2_BASE and bare-L2 app client, in plain JavaScript. */
const L2_POOL_AND_CLIENT = `
const { cognito } = m;
const userPool = new cognito.UserPool(stack, 'UserPool', {
  selfSignUpEnabled: true, signInCaseSensitive: false, mfa: cognito.Mfa.REQUIRED,
  passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
    tempPasswordValidity: Duration.days(3), passwordHistorySize: 5 },
  featurePlan: cognito.FeaturePlan.ESSENTIALS, accountRecovery: cognito.AccountRecovery.EMAIL_ONLY, enableSmsRole: false,
  removalPolicy: RemovalPolicy.RETAIN, deletionProtection: true,
  signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true }, mfaSecondFactor: { otp: true, sms: false },
});
new cognito.UserPoolClient(stack, 'UserPoolClient', {
  userPool, generateSecret: false, disableOAuth: true, authFlows: { userSrp: true },
  preventUserExistenceErrors: true, enableTokenRevocation: true,
  accessTokenValidity: Duration.hours(1), idTokenValidity: Duration.hours(1), refreshTokenValidity: Duration.days(30),
});
`;

interface Scenario {
  readonly name: string;
  readonly ours: string;
  readonly l2: string;
}

const SIGN_UP_GUARD_ASSET = path.join(root, 'assets', 'triggers', 'sign-up-guard', 'sign-up-guard.lambda');

const SCENARIOS: Scenario[] = [
  {
    name: 'minimal (loginWith email)',
    ours: probe("require('@cdk-mfa/auth')", "new m.Auth(stack, 'Auth', { loginWith: { email: {} } });"),
    l2: probe("({ cognito: require('aws-cdk-lib/aws-cognito') })", L2_POOL_AND_CLIENT),
  },
  {
    name: 'built-in trigger (sign-up guard)',
    ours: probe("require('@cdk-mfa/auth')",
      "new m.Auth(stack, 'Auth', { loginWith: { email: {} }, triggers: { signUpGuard: { allowedEmailDomains: ['example.com'] } } });"),
    l2: probe(
      "({ cognito: require('aws-cdk-lib/aws-cognito'), lambda: require('aws-cdk-lib/aws-lambda'), logs: require('aws-cdk-lib/aws-logs') })",
      `${L2_POOL_AND_CLIENT}
const { lambda, logs } = m;
const fn = new lambda.Function(stack, 'SignUpGuard', {
  runtime: new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS), handler: 'index.handler',
  code: lambda.Code.fromAsset(${JSON.stringify(SIGN_UP_GUARD_ASSET)}),
  environment: { ALLOWED_EMAIL_DOMAINS: '["example.com"]' },
  logGroup: new logs.LogGroup(stack, 'SignUpGuardLogs', { retention: logs.RetentionDays.ONE_YEAR }),
});
userPool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn);`),
  },
];

interface Sample { requireMs: number; requireCpuMs: number; totalMs: number; totalCpuMs: number; resources: number }

function run(code: string, outdir: string): Sample {
  fs.rmSync(outdir, { recursive: true, force: true });
  const out = execFileSync(process.execPath, ['-e', code, outdir], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function benchScenario(s: Scenario, tmp: string) {
  const sides = { ours: s.ours, l2: s.l2 };
  const names = Object.keys(sides) as (keyof typeof sides)[];
  const samples: Record<keyof typeof sides, Sample[]> = { ours: [], l2: [] };
  for (let i = -WARMUP; i < SAMPLES; i++) {
    for (let k = 0; k < names.length; k++) {
      const side = names[(i + WARMUP + k) % names.length];
      const sample = run(sides[side], path.join(tmp, side));
      if (i >= 0) samples[side].push(sample);
    }
  }
  const stats = (xs: Sample[]) => ({
    requireMs: median(xs.map(x => x.requireMs)),
    totalMs: median(xs.map(x => x.totalMs)),
    requireCpuMs: median(xs.map(x => x.requireCpuMs)),
    totalCpuMs: median(xs.map(x => x.totalCpuMs)),
    resources: xs[0].resources,
  });
  const ours = stats(samples.ours);
  const l2 = stats(samples.l2);
  return {
    scenario: s.name,
    ours,
    l2,
    requireRatio: ours.requireMs / l2.requireMs,
    totalRatio: ours.totalMs / l2.totalMs,
    totalCpuRatio: ours.totalCpuMs / l2.totalCpuMs,
  };
}

function main() {
  if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npx projen compile` first');
  if (!fs.existsSync(SIGN_UP_GUARD_ASSET)) throw new Error('assets/ is missing: run `npx projen bundle` first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'load-bench-'));
  const results = SCENARIOS.map(s => benchScenario(s, tmp));
  fs.rmSync(tmp, { recursive: true, force: true });

  const ms = (v: number) => v.toFixed(1).padStart(6);
  const x = (v: number) => `${v.toFixed(2)}x`.padStart(7);
  console.log(`Cold process, median of ${SAMPLES} alternating samples per side (ms). require: the first require, the package vs`);
  console.log('aws-cdk-lib/aws-cognito; total: from it to the end of app.synth() (wall-clock; CPU time in the last columns).');
  console.log('scenario                          | require: ours     L2   ratio | total: ours     L2   ratio | CPU: ours     L2   ratio | resources');
  for (const r of results) {
    console.log(`${r.scenario.padEnd(33)} |        ${ms(r.ours.requireMs)} ${ms(r.l2.requireMs)} ${x(r.requireRatio)}`
      + ` |      ${ms(r.ours.totalMs)} ${ms(r.l2.totalMs)} ${x(r.totalRatio)}`
      + ` |    ${ms(r.ours.totalCpuMs)} ${ms(r.l2.totalCpuMs)} ${x(r.totalCpuRatio)} | ${r.ours.resources} / ${r.l2.resources}`);
  }
  const worst = Math.max(...results.map(r => r.totalRatio));
  const worstCpu = Math.max(...results.map(r => r.totalCpuRatio));
  console.log(`require + construct + synth within ${TARGET.toFixed(2)}x of the raw L2: ${worst <= TARGET ? 'yes' : 'no'} (worst ${x(worst).trim()};`
    + ` in CPU time ${worstCpu <= TARGET ? 'yes' : 'no'}, worst ${x(worstCpu).trim()})`);

  const out = path.join(root, 'bench-results', 'load-bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ samples: SAMPLES, target: TARGET, results }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main();
