import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * What a CDK app loads when it imports the construct and synthesizes a stack with it. The package
 * bundles dependencies for the local sandbox and the operator CLI (the AWS SDK, fastify, otpauth,
 * qrcode, ...); a CDK app must load none of them, nor the sandbox itself. Runs in a fresh Node.js process, so require.cache
 * holds exactly what the import and the synthesis loaded.
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

test('importing the package and synthesizing loads neither the AWS SDK nor the sandbox', () => {
  const root = path.join(__dirname, '..', '..');
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', PROBE], {
    cwd: root, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: 'test/tsconfig.json' },
  });
  const { resources, loaded } = JSON.parse(out) as { resources: number; loaded: string[] };
  expect(resources).toBeGreaterThan(5);
  const ours = loaded.filter(f => f.startsWith(path.join(root, 'src')));
  expect(ours.length).toBeGreaterThan(10); // the probe really loaded the construct
  const relative = ours.map(f => path.relative(root, f));
  expect(relative.filter(f => /^src[\\/](sandbox|cli|client)[\\/]/.test(f) && !f.endsWith(path.join('client', 'description.ts')))).toEqual([]);
  const shipped = bundledClosure(root);
  expect(shipped.has('@aws-sdk/client-cognito-identity-provider')).toBe(true);
  const bundled = loaded.filter(f => shipped.has(packageOf(root, f) ?? ''));
  expect(bundled).toEqual([]);
});

/** The top-level package (`@scope/name` or `name`) of the repo's node_modules that a loaded file is in, if any. */
function packageOf(root: string, file: string): string | undefined {
  const top = path.join(root, 'node_modules') + path.sep;
  if (!file.startsWith(top)) return undefined;
  const [first, second] = file.slice(top.length).split(path.sep);
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** The bundled dependencies of package.json and everything they depend on: what ships in the tarball's node_modules. */
function bundledClosure(root: string): Set<string> {
  const manifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const names = new Set<string>();
  const visit = (name: string) => {
    if (names.has(name)) return;
    names.add(name);
    const dir = path.join(root, 'node_modules', ...name.split('/'));
    if (!fs.existsSync(dir)) return; // nested under a dependant, not hoisted: still named
    for (const dep of Object.keys(manifest(dir).dependencies ?? {})) visit(dep);
  };
  for (const name of manifest(root).bundledDependencies ?? []) visit(name);
  return names;
}
