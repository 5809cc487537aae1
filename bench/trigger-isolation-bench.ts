/**
 * Benchmark of the sandbox's trigger isolation (each function runs in a Node.js process of its
 * own): a cold invocation (process start, handler load, first call), warm invocations of the kept
 * process, and the same bundled handler called in-process, side by side in one run, for the
 * built-in sign-up guard (no SDK) and MFA-by-group (loads the AWS SDK at start).
 *
 *   npx projen bundle && npx ts-node --project test/tsconfig.json bench/trigger-isolation-bench.ts
 */
import * as path from 'path';
import { QUICK } from './quick';
import { PoolConfig, TriggerFunction } from '../packages/cli/src/sandbox/core/pool-config';
import { TriggerRunner } from '../packages/cli/src/sandbox/functions';
import { MFA_REQUIRED_GROUPS } from '../src/triggers/mfa-by-group/env-names';
import { ALLOWED_EMAIL_DOMAINS, DENIED_EMAIL_DOMAINS, REQUIRE_PHONE_NUMBER } from '../src/triggers/sign-up-guard/env-names';

const COLD_STARTS = QUICK ? 1 : 5;
const WARM_CALLS = QUICK ? 10 : 300;

interface Case {
  readonly name: string;
  readonly bundle: string;
  readonly trigger: string;
  readonly triggerSource: string;
  readonly environment: Record<string, string>;
  readonly request: Record<string, unknown>;
  readonly version?: '1' | '2';
}

const CASES: Case[] = [
  {
    name: 'sign-up-guard (PreSignUp)',
    bundle: 'sign-up-guard',
    trigger: 'PreSignUp',
    triggerSource: 'PreSignUp_SignUp',
    environment: { [REQUIRE_PHONE_NUMBER]: 'false', [ALLOWED_EMAIL_DOMAINS]: '["example.com"]', [DENIED_EMAIL_DOMAINS]: '[]' },
    request: { userAttributes: { email: 'a@example.com' }, validationData: {}, clientMetadata: {} },
  },
  {
    name: 'mfa-by-group (PreTokenGeneration, no privileged group)',
    bundle: 'mfa-by-group',
    trigger: 'PreTokenGeneration',
    triggerSource: 'TokenGeneration_Authentication',
    environment: { [MFA_REQUIRED_GROUPS]: '["admins"]' },
    request: { userAttributes: { sub: 'x' }, groupConfiguration: { groupsToOverride: ['readers'], iamRolesToOverride: [], preferredRole: null }, scopes: [] },
    version: '2',
  },
];

const pool = (fn: TriggerFunction, trigger: string) => ({ id: 'us-east-1_Bench0001', triggers: { [trigger]: fn } }) as unknown as PoolConfig;

function functionOf(c: Case): TriggerFunction {
  return {
    logicalId: c.bundle,
    handler: 'index.handler',
    codeDir: path.join(__dirname, '..', 'assets', 'triggers', c.bundle, `${c.bundle}.lambda`),
    environment: c.environment,
    eventVersion: c.version,
  };
}

const callOf = (c: Case) => ({ trigger: c.trigger, triggerSource: c.triggerSource, username: 'bench', clientId: 'client', request: c.request });

async function coldMs(c: Case): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const runner = new TriggerRunner({ region: 'us-east-1' }, () => undefined);
    const start = performance.now();
    await runner.invoke(pool(functionOf(c), c.trigger), callOf(c));
    times.push(performance.now() - start);
    await runner.close();
  }
  return median(times);
}

async function warmMs(c: Case): Promise<number> {
  const runner = new TriggerRunner({ region: 'us-east-1' }, () => undefined);
  const p = pool(functionOf(c), c.trigger);
  for (let i = 0; i < 20; i++) await runner.invoke(p, callOf(c));
  const start = performance.now();
  for (let i = 0; i < WARM_CALLS; i++) await runner.invoke(p, callOf(c));
  const ms = (performance.now() - start) / WARM_CALLS;
  await runner.close();
  return ms;
}

async function inProcessMs(c: Case): Promise<number> {
  Object.assign(process.env, c.environment);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(path.join(functionOf(c).codeDir!, 'index.js')) as { handler: (e: unknown) => Promise<unknown> };
  const event = () => ({
    version: c.version ?? '1',
    region: 'us-east-1',
    userPoolId: 'us-east-1_Bench0001',
    userName: 'bench',
    triggerSource: c.triggerSource,
    callerContext: { awsSdkVersion: 'x', clientId: 'client' },
    request: JSON.parse(JSON.stringify(c.request)),
    response: {},
  });
  for (let i = 0; i < 200; i++) await handler(event());
  const start = performance.now();
  for (let i = 0; i < WARM_CALLS * 10; i++) await handler(event());
  return (performance.now() - start) / (WARM_CALLS * 10);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const rows = [['trigger', 'cold ms (median of 5)', 'warm ms', 'warm inv/s', 'in-process ms', 'warm / in-process']];
  for (const c of CASES) {
    const cold = await coldMs(c);
    const warm = await warmMs(c);
    const direct = await inProcessMs(c);
    rows.push([c.name, cold.toFixed(1), warm.toFixed(3), Math.round(1000 / warm).toLocaleString('en-US'), direct.toFixed(4), `${(warm / direct).toFixed(0)}x`]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
