/**
 * Synth-time benchmark: our Auth vs the raw aws-cdk-lib L2 (UserPool + UserPoolClient) configured
 * for the same result, interleaved in one process; plus resources per template vs Amplify's
 * auth construct. Not a test.
 *
 *   npx ts-node --project test/tsconfig.json bench/synth-bench.ts [rounds] [cli]
 *
 * Writes bench-results/synth-bench.json.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AmplifyAuth } from '@aws-amplify/auth-construct';
import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Auth, AuthProps, MfaMode } from '../src';

const ROUNDS = Number(process.argv[2] ?? 30);
/** `cli`: no construct stack traces, as under `cdk synth` (the CLI sets this context unless --debug). */
const CLI_LIKE = process.argv[3] === 'cli';
const WARMUP = 5;
const TARGET = 1.10;
const ENV = { account: '123456789012', region: 'us-east-1' };
const FROM = 'noreply@example.com';

/** One scenario, built three ways into a fresh stack. */
interface Scenario {
  readonly name: string;
  readonly ours: AuthProps;
  readonly l2: Partial<cognito.UserPoolProps>;
  readonly l2Groups?: string[];
  readonly amplify: ConstructorParameters<typeof AmplifyAuth>[2];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'default (email, TOTP required)',
    ours: { loginWith: { email: {} } },
    l2: { signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true }, mfaSecondFactor: { otp: true, sms: false } },
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true } },
  },
  {
    name: 'phone, SMS + TOTP optional',
    ours: { loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} } },
    l2: {
      signInAliases: { phone: true }, autoVerify: { phone: true }, keepOriginal: { phone: true },
      mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: true }, enableSmsRole: true,
      accountRecovery: cognito.AccountRecovery.PHONE_ONLY_WITHOUT_MFA,
    },
    amplify: { loginWith: { phone: true }, multifactor: { mode: 'OPTIONAL', totp: true, sms: true } },
  },
  {
    name: 'email MFA with SES',
    ours: { loginWith: { email: {} }, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: {} }, senders: { email: { fromEmail: FROM } } },
    l2: {
      signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true },
      mfaSecondFactor: { otp: true, sms: false, email: true }, email: cognito.UserPoolEmail.withSES({ fromEmail: FROM }),
    },
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true, email: true }, senders: { email: { fromEmail: FROM } } },
  },
  {
    name: 'device tracking + groups',
    ours: {
      loginWith: { email: {} },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
      groups: [{ name: 'admins', precedence: 0 }, { name: 'users', precedence: 1 }],
    },
    l2: {
      signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true }, mfaSecondFactor: { otp: true, sms: false },
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    },
    l2Groups: ['admins', 'users'],
    // Amplify has no deviceTracking prop: groups only.
    amplify: { loginWith: { email: true }, multifactor: { mode: 'REQUIRED', totp: true }, groups: ['admins', 'users'] },
  },
];

/** The hardened settings our defaults add, spelled out for the L2 so both produce the same pool. */
const L2_BASE: cognito.UserPoolProps = {
  selfSignUpEnabled: true,
  signInCaseSensitive: false,
  mfa: cognito.Mfa.REQUIRED,
  passwordPolicy: {
    minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true,
    tempPasswordValidity: Duration.days(3), passwordHistorySize: 5,
  },
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
  enableSmsRole: false,
  removalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
};

function freshStack(): Stack {
  return new Stack(new App(CLI_LIKE ? { context: { 'aws:cdk:disable-stack-trace': true } } : {}), 'BenchStack', { env: ENV });
}

function buildOurs(stack: Stack, s: Scenario) {
  new Auth(stack, 'Auth', s.ours);
}

/** Ours without the three stack outputs: the same template as the bare L2 (plus cdk-nag metadata). */
function buildOursNoOutputs(stack: Stack, s: Scenario) {
  new Auth(stack, 'Auth', { ...s.ours, outputs: false });
}

function buildL2(stack: Stack, s: Scenario) {
  const userPool = new cognito.UserPool(stack, 'UserPool', { ...L2_BASE, ...s.l2 });
  const client = new cognito.UserPoolClient(stack, 'UserPoolClient', {
    userPool, generateSecret: false, disableOAuth: true, authFlows: { userSrp: true },
    preventUserExistenceErrors: true, enableTokenRevocation: true,
    accessTokenValidity: Duration.hours(1), idTokenValidity: Duration.hours(1), refreshTokenValidity: Duration.days(30),
  });
  (s.l2Groups ?? []).forEach((groupName, precedence) => new cognito.UserPoolGroup(stack, `Group${groupName}`, { userPool, groupName, precedence }));
  return { userPool, client };
}

/** The L2 plus the three stack outputs Auth emits (pool ID, client ID, region): the like-for-like template. */
function buildL2WithOutputs(stack: Stack, s: Scenario) {
  const { userPool, client } = buildL2(stack, s);
  new CfnOutput(stack, 'AuthUserPoolId', { value: userPool.userPoolId, description: 'Cognito user pool ID' });
  new CfnOutput(stack, 'AuthUserPoolClientId', { value: client.userPoolClientId, description: 'Cognito app client ID (public, no secret)' });
  new CfnOutput(stack, 'AuthRegion', { value: stack.region, description: 'Region of the user pool' });
}

function buildAmplify(stack: Stack, s: Scenario) {
  new AmplifyAuth(stack, 'Auth', s.amplify);
}

/** Construct + synthesize (Template.fromStack), timed the same way for every side. */
function timed(build: (stack: Stack, s: Scenario) => void, s: Scenario): { total: number; synth: number } {
  const t0 = performance.now();
  const stack = freshStack();
  build(stack, s);
  const t1 = performance.now();
  Template.fromStack(stack);
  const t2 = performance.now();
  return { total: t2 - t0, synth: t2 - t1 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function resourceCounts(build: (stack: Stack, s: Scenario) => void, s: Scenario): Record<string, number> {
  const stack = freshStack();
  build(stack, s);
  const counts: Record<string, number> = {};
  for (const r of Object.values<any>(Template.fromStack(stack).toJSON().Resources ?? {})) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
  return counts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const ms = (v: number) => v.toFixed(1).padStart(6);

function main() {
  const results = SCENARIOS.map(s => {
    const sides = [buildOurs, buildL2, buildL2WithOutputs, buildOursNoOutputs];
    for (let i = 0; i < WARMUP; i++) sides.forEach(build => timed(build, s));
    const samples: { total: number; synth: number }[][] = sides.map(() => []);
    // Interleaved, rotating who goes first, so drift and GC hit every side alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < sides.length; k++) {
        const i = (round + k) % sides.length;
        samples[i].push(timed(sides[i], s));
      }
    }
    const [ours, l2, l2Out, oursNoOut] = samples;
    const stats = (xs: { total: number; synth: number }[]) => ({
      medianMs: percentile(xs.map(x => x.total), 50), p90Ms: percentile(xs.map(x => x.total), 90),
      synthOnlyMedianMs: percentile(xs.map(x => x.synth), 50),
    });
    const o = stats(ours);
    const l = stats(l2);
    const lo = stats(l2Out);
    const on = stats(oursNoOut);
    return {
      scenario: s.name,
      ours: o,
      l2: l,
      l2WithOutputs: lo,
      ratio: o.medianMs / l.medianMs,
      ratioVsL2WithOutputs: o.medianMs / lo.medianMs,
      oursNoOutputs: on,
      ratioNoOutputsVsL2: on.medianMs / l.medianMs,
      resources: { ours: resourceCounts(buildOurs, s), l2: resourceCounts(buildL2, s), amplify: resourceCounts(buildAmplify, s) },
    };
  });

  console.log(`Synth time, construct + Template.fromStack, ${ROUNDS} interleaved rounds after ${WARMUP} warm-up (ms)${CLI_LIKE ? ', CLI-like (no stack traces)' : ''}`);
  console.log('scenario                          ours med   p90 |  L2 med   p90 | ratio | L2+outputs med   p90 | ratio | ours, outputs: false med | vs L2');
  for (const r of results) {
    console.log(`${r.scenario.padEnd(32)} ${ms(r.ours.medianMs)} ${ms(r.ours.p90Ms)} | ${ms(r.l2.medianMs)} ${ms(r.l2.p90Ms)} | ${r.ratio.toFixed(2)}x`
      + ` |         ${ms(r.l2WithOutputs.medianMs)} ${ms(r.l2WithOutputs.p90Ms)} | ${r.ratioVsL2WithOutputs.toFixed(2)}x`
      + ` |                   ${ms(r.oursNoOutputs.medianMs)} | ${r.ratioNoOutputsVsL2.toFixed(2)}x`);
  }
  const worst = Math.max(...results.map(r => r.ratio));
  const worstLike = Math.max(...results.map(r => r.ratioVsL2WithOutputs));
  console.log(`within ${TARGET.toFixed(2)}x of the bare L2: ${worst <= TARGET ? 'yes' : 'no'} (worst ${worst.toFixed(2)}x)`);
  console.log(`within ${TARGET.toFixed(2)}x of the L2 with the same outputs: ${worstLike <= TARGET ? 'yes' : 'no'} (worst ${worstLike.toFixed(2)}x)`);
  const worstNoOut = Math.max(...results.map(r => r.ratioNoOutputsVsL2));
  console.log(`ours with outputs: false within ${TARGET.toFixed(2)}x of the bare L2: ${worstNoOut <= TARGET ? 'yes' : 'no'} (worst ${worstNoOut.toFixed(2)}x)`);

  console.log('\nResources per template (total; by type)');
  for (const r of results) {
    console.log(`${r.scenario}`);
    for (const side of ['ours', 'l2', 'amplify'] as const) {
      const counts = r.resources[side];
      const detail = Object.entries(counts).map(([t, n]) => `${t.replace('AWS::', '')}=${n}`).join(', ');
      console.log(`  ${side.padEnd(8)} ${String(sum(counts)).padStart(2)}  ${detail}`);
    }
  }

  const out = path.join(__dirname, '..', 'bench-results', CLI_LIKE ? 'synth-bench-cli.json' : 'synth-bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ rounds: ROUNDS, cliLike: CLI_LIKE, warmup: WARMUP, target: TARGET, withinTarget: worst <= TARGET, withinTargetLikeForLike: worstLike <= TARGET, results }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main();
