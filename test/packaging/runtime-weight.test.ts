import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * What a CDK app loads when it imports the construct and synthesizes a stack with it: the construct
 * and its two peers, nothing else. The sandbox and the CLI are the @cdk-mfa/cli package. Runs in a
 * fresh Node.js process, so require.cache holds exactly what the import and the synthesis loaded;
 * an empty probe in the same kind of process says what ts-node itself loads.
 */
const PROBE = `
const { App, Stack } = require('aws-cdk-lib');
const { Auth, MfaMode } = require('./src');
const app = new App();
const stack = new Stack(app, 'Probe');
new Auth(stack, 'Auth', {
  loginWith: { email: {} },
  userAttributes: { phoneNumber: { required: false, mutable: true } },
  multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: {} },
  deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
  triggers: { signUpGuard: { allowedEmailDomains: ['example.com'] } },
  groups: [{ name: 'admins', precedence: 0 }],
});
const template = app.synth().getStackByName('Probe').template;
process.stdout.write(JSON.stringify({ resources: Object.keys(template.Resources).length, loaded: Object.keys(require.cache) }));
`;
const EMPTY_PROBE = 'process.stdout.write(JSON.stringify({ resources: 0, loaded: Object.keys(require.cache) }))';

/** Imports the package, builds an Auth with `config` (a JavaScript object literal) and synthesizes. */
const configProbe = (config: string) => `
const { App, Stack } = require('aws-cdk-lib');
const { Auth } = require('./src');
const app = new App();
const stack = new Stack(app, 'Probe');
new Auth(stack, 'Auth', ${config});
const template = app.synth().getStackByName('Probe').template;
process.stdout.write(JSON.stringify({ resources: Object.keys(template.Resources).length, loaded: Object.keys(require.cache) }));
`;

const root = path.join(__dirname, '..', '..');
const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const manifest = readManifest(root);

function probe(code: string): { resources: number; loaded: string[] } {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', code], {
    cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' },
  });
  return JSON.parse(out);
}

test('the construct package has no runtime dependency, bundles nothing and runs no install script', () => {
  expect(manifest.dependencies ?? {}).toEqual({});
  expect(manifest.bundledDependencies ?? manifest.bundleDependencies ?? []).toEqual([]);
  expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'constructs']);
  expect(Object.keys(manifest.scripts ?? {}).filter(s => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  expect(manifest.bin).toBeUndefined();
});

test('importing the package and synthesizing loads only the construct, aws-cdk-lib and constructs', () => {
  const { resources, loaded } = probe(PROBE);
  expect(resources).toBeGreaterThan(5);
  const ours = loaded.filter(f => f.startsWith(path.join(root, 'src') + path.sep));
  expect(ours.length).toBeGreaterThan(10); // the probe really loaded the construct
  const baseline = new Set(probe(EMPTY_PROBE).loaded.map(f => packageOf(f)));
  const packages = new Set(loaded.map(f => packageOf(f)).filter((p): p is string => p !== undefined && !baseline.has(p)));
  // aws-cdk-lib's own dependencies (hoisted beside it) come with it.
  const peersAndTheirs = new Set(['aws-cdk-lib', 'constructs', ...Object.keys(readManifest(path.join(root, 'node_modules', 'aws-cdk-lib')).dependencies ?? {})]);
  expect([...packages].filter(p => !peersAndTheirs.has(p))).toEqual([]);
  expect(packages.has('aws-cdk-lib')).toBe(true);
  const outside = loaded.filter(f => !f.startsWith(path.join(root, 'node_modules') + path.sep) && !f.startsWith(path.join(root, 'src') + path.sep));
  expect(outside.filter(f => f.startsWith(root))).toEqual([]); // nothing of packages/cli, examples or scripts
});

/**
 * Loading costs what the config uses (issue 23): a module only some features need is required in
 * the code path that uses it (src/lazy.ts). Which modules load is what a test can pin; how long
 * they take is for bench/load-bench.ts.
 */
describe('modules a config does not use are not loaded', () => {
  const FEATURE_MODULES = ['aws-lambda', 'aws-logs', 'aws-iam', 'aws-kms', 'aws-cognito-identitypool', 'aws-s3-assets', 'aws-certificatemanager'];
  const FUNCTION_CLASSES = ['sign-up-guard-function', 'mfa-by-group-function', 'custom-message-function'];

  test('a minimal pool loads none of aws-lambda, aws-logs, aws-iam, aws-kms, the identity pool, a trigger function class or a feature\'s part', () => {
    const { resources, loaded } = probe(configProbe('{ loginWith: { email: {} } }'));
    expect(resources).toBeGreaterThan(1);
    expect(cdkModulesOf(loaded).filter(m => FEATURE_MODULES.includes(m))).toEqual([]);
    expect(oursLoaded(loaded).filter(f => FUNCTION_CLASSES.some(c => f.endsWith(`${c}.ts`)))).toEqual([]);
    // Nor the parts for features it does not use.
    const FEATURE_PARTS = ['sms-role', 'identity-providers', 'resource-servers', 'domain', 'managed-login', 'identity-pool'];
    expect(oursLoaded(loaded).filter(f => FEATURE_PARTS.some(part => f.endsWith(`${path.sep}parts${path.sep}${part}.ts`)))).toEqual([]);
    // The cognito files a raw UserPool and UserPoolClient do not load either (domain, identity providers).
    expect(loaded.filter(f => /aws-cognito[\\/]lib[\\/](user-pool-domain|user-pool-idps)/.test(f))).toEqual([]);
  });

  test('a built-in trigger loads aws-lambda and its own function class, not the other triggers\'', () => {
    const { loaded } = probe(configProbe("{ loginWith: { email: {} }, triggers: { signUpGuard: { allowedEmailDomains: ['example.com'] } } }"));
    expect(cdkModulesOf(loaded)).toEqual(expect.arrayContaining(['aws-lambda', 'aws-logs', 'aws-iam']));
    expect(oursLoaded(loaded).filter(f => FUNCTION_CLASSES.some(c => f.endsWith(`${c}.ts`))).map(f => path.basename(f)))
      .toEqual(['sign-up-guard-function.ts']);
  });
});

/** The aws-cdk-lib submodules (`aws-lambda`, `core`, ...) that loaded files belong to. */
function cdkModulesOf(loaded: string[]): string[] {
  const top = path.join(root, 'node_modules', 'aws-cdk-lib') + path.sep;
  return [...new Set(loaded.filter(f => f.startsWith(top)).map(f => f.slice(top.length).split(path.sep)[0]))];
}

function oursLoaded(loaded: string[]): string[] {
  return loaded.filter(f => f.startsWith(path.join(root, 'src') + path.sep));
}

/** The top-level package (`@scope/name` or `name`) of the repo's node_modules that a loaded file is in, if any. */
function packageOf(file: string): string | undefined {
  const top = path.join(root, 'node_modules') + path.sep;
  if (!file.startsWith(top)) return undefined;
  const [first, second] = file.slice(top.length).split(path.sep);
  return first.startsWith('@') ? `${first}/${second}` : first;
}
