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

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

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
  const peersAndTheirs = new Set(['aws-cdk-lib', 'constructs', ...Object.keys(require('aws-cdk-lib/package.json').dependencies ?? {})]);
  expect([...packages].filter(p => !peersAndTheirs.has(p))).toEqual([]);
  expect(packages.has('aws-cdk-lib')).toBe(true);
  const outside = loaded.filter(f => !f.startsWith(path.join(root, 'node_modules') + path.sep) && !f.startsWith(path.join(root, 'src') + path.sep));
  expect(outside.filter(f => f.startsWith(root))).toEqual([]); // nothing of packages/cli, examples or scripts
});

/** The top-level package (`@scope/name` or `name`) of the repo's node_modules that a loaded file is in, if any. */
function packageOf(file: string): string | undefined {
  const top = path.join(root, 'node_modules') + path.sep;
  if (!file.startsWith(top)) return undefined;
  const [first, second] = file.slice(top.length).split(path.sep);
  return first.startsWith('@') ? `${first}/${second}` : first;
}
