/**
 * Synth-time benchmark: our Auth vs the raw aws-cdk-lib L2 for the same config, measured alternately
 * in one process; plus resources per template vs Amplify's auth construct. Not a test.
 *
 *   npx ts-node --project test/tsconfig.json bench/synth-bench.ts [rounds]
 *
 * Two L2 sides:
 * - bare L2: the same user-facing config in L2 props (a smaller template: no hardened SMS role
 *   conditions, no cdk-nag suppressions, no stack outputs);
 * - L2, same template: the bare L2 plus the code it takes by hand to get our template exactly. The
 *   run refuses to start unless the two templates are equal, so this ratio is the construct's own cost.
 *
 * Writes bench-results/synth-bench.json.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { QUICK } from './quick';
import { buildAmplify, buildL2, buildL2SameTemplate, buildOurs, NagRulesByChild, Scenario, SCENARIOS } from './synth-scenarios';

const ROUNDS = QUICK ? 1 : Number(process.argv[2] ?? 40);
/** Synths per side in a row within one round: a block evens out GC pauses that a single synth would take whole. */
const BLOCK = QUICK ? 1 : 5;
const WARMUP_ROUNDS = QUICK ? 0 : 3;
const TARGET = 1.10;
const ENV = { account: '123456789012', region: 'us-east-1' };

/**
 * The context `cdk synth` passes to the app (aws-cdk 2.1148, read from CDK_CONTEXT_JSON by an app run
 * under the CLI). It leaves construct creation stack traces on.
 */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

type Build = (stack: Stack) => void;

/** Each side synthesizes into its own output directory, overwritten every time, like cdk.out. */
function freshStack(outdir: string): Stack {
  return new Stack(new App({ context: CLI_CONTEXT, outdir }), 'BenchStack', { env: ENV });
}

function synthesize(build: Build, outdir: string) {
  const stack = freshStack(outdir);
  build(stack);
  return Template.fromStack(stack).toJSON();
}

/** Construct + synthesize, timed the same way for every side; milliseconds per synth over one block. */
function timeBlock(build: Build, outdir: string): number {
  const t0 = performance.now();
  for (let i = 0; i < BLOCK; i++) synthesize(build, outdir);
  return (performance.now() - t0) / BLOCK;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The cdk-nag suppressions our construct put on each child, in cdk-nag's API shape. */
function nagRulesOf(auth: Construct): NagRulesByChild {
  const rules: NagRulesByChild = {};
  for (const child of auth.node.children) {
    const cfn = child.node.defaultChild;
    const metadata = CfnResource.isCfnResource(cfn) ? cfn.getMetadata('cdk_nag') : undefined;
    if (!metadata) continue;
    rules[child.node.id] = metadata.rules_to_suppress.map((r: any) => ({ id: r.id, reason: r.reason, appliesTo: r.applies_to }));
  }
  return rules;
}

function resourceCounts(build: Build, outdir: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of Object.values<any>(synthesize(build, outdir).Resources ?? {})) {
    if (r.Type !== 'AWS::CDK::Metadata') counts[r.Type] = (counts[r.Type] ?? 0) + 1; // CDK's version reporting, in every stack
  }
  return counts;
}

function benchScenario(s: Scenario, outdirs: Record<'ours' | 'l2' | 'same', string>) {
  const probe = freshStack(outdirs.ours);
  buildOurs(probe, s);
  const nagRules = nagRulesOf(probe.node.findChild('Auth'));
  const sides: Record<'ours' | 'l2' | 'same', Build> = {
    ours: stack => buildOurs(stack, s),
    l2: stack => buildL2(stack, s),
    same: stack => buildL2SameTemplate(stack, s, nagRules),
  };
  if (!isDeepStrictEqual(synthesize(sides.ours, outdirs.ours), synthesize(sides.same, outdirs.same))) {
    throw new Error(`${s.name}: the hand-written L2 no longer produces our template; update bench/synth-scenarios.ts`);
  }

  const names = Object.keys(sides) as (keyof typeof sides)[];
  const samples: Record<string, number[]> = { ours: [], l2: [], same: [] };
  for (let round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
    // Alternate, rotating who goes first, so drift and GC hit every side alike.
    for (let k = 0; k < names.length; k++) {
      const side = names[(round + WARMUP_ROUNDS + k) % names.length];
      const ms = timeBlock(sides[side], outdirs[side]);
      if (round >= 0) samples[side].push(ms);
    }
  }
  const stats = (xs: number[]) => ({ medianMs: percentile(xs, 50), p90Ms: percentile(xs, 90) });
  const [ours, l2, same] = [stats(samples.ours), stats(samples.l2), stats(samples.same)];
  return {
    scenario: s.name,
    ours,
    l2,
    l2SameTemplate: same,
    ratioVsBareL2: ours.medianMs / l2.medianMs,
    ratioVsL2SameTemplate: ours.medianMs / same.medianMs,
    resources: {
      ours: resourceCounts(sides.ours, outdirs.ours),
      l2: resourceCounts(sides.l2, outdirs.l2),
      amplify: resourceCounts(stack => buildAmplify(stack, s), outdirs.l2),
    },
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const ms = (v: number) => v.toFixed(2).padStart(6);
const x = (v: number) => `${v.toFixed(2)}x`;

function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
  const outdirs = { ours: path.join(root, 'ours'), l2: path.join(root, 'l2'), same: path.join(root, 'same') };
  const results = SCENARIOS.map(s => benchScenario(s, outdirs));
  fs.rmSync(root, { recursive: true, force: true });

  console.log(`Synth time per stack (construct + Template.fromStack, with the context cdk synth passes), median of ${ROUNDS} alternating rounds of ${BLOCK} synths (ms)`);
  console.log('scenario                          ours    p90 | bare L2    p90 | ratio | L2, same template    p90 | ratio');
  for (const r of results) {
    console.log(`${r.scenario.padEnd(32)} ${ms(r.ours.medianMs)} ${ms(r.ours.p90Ms)} |  ${ms(r.l2.medianMs)} ${ms(r.l2.p90Ms)} | ${x(r.ratioVsBareL2)}`
      + ` |            ${ms(r.l2SameTemplate.medianMs)} ${ms(r.l2SameTemplate.p90Ms)} | ${x(r.ratioVsL2SameTemplate)}`);
  }
  const worstSame = Math.max(...results.map(r => r.ratioVsL2SameTemplate));
  const worstBare = Math.max(...results.map(r => r.ratioVsBareL2));
  console.log(`within ${TARGET.toFixed(2)}x of the L2 producing the same template: ${worstSame <= TARGET ? 'yes' : 'no'} (worst ${x(worstSame)})`);
  console.log(`within ${TARGET.toFixed(2)}x of the bare L2 (smaller template): ${worstBare <= TARGET ? 'yes' : 'no'} (worst ${x(worstBare)})`);

  console.log('\nResources per template (total; by type)');
  for (const r of results) {
    console.log(`${r.scenario}`);
    for (const side of ['ours', 'l2', 'amplify'] as const) {
      const counts = r.resources[side];
      const detail = Object.entries(counts).map(([t, n]) => `${t.replace('AWS::', '')}=${n}`).join(', ');
      console.log(`  ${side.padEnd(8)} ${String(sum(counts)).padStart(2)}  ${detail}`);
    }
  }

  const out = path.join(__dirname, '..', 'bench-results', 'synth-bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ rounds: ROUNDS, block: BLOCK, target: TARGET, context: CLI_CONTEXT, results }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
}

main();
