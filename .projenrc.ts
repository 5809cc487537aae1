import { awscdk, javascript } from 'projen';
import { addPackaging, PACKAGING_OPTIONS } from './projenrc/packaging';

// Versions verified to work together on our machines (see ../shared/DESIGN.md):
// integ-runner 2.197.10 reads cloud-assembly schema 53 at most, so aws-cdk-lib 2.257.0 is the ceiling.
const CDK_VERSION = '2.257.0';

const project = new awscdk.AwsCdkConstructLibrary({
  author: 'Auth construct team',
  authorAddress: 'team@example.com',
  cdkVersion: CDK_VERSION,
  constructsVersion: '10.6.0',
  defaultReleaseBranch: 'main',
  jsiiVersion: '~6.0.0',
  name: '@cdk-mfa/auth',
  description: 'A defineAuth-style CDK construct: one declarative config to a hardened Cognito user pool with MFA, plus a local sandbox where the MFA flows run.',
  keywords: ['cdk', 'cognito', 'mfa', 'totp', 'auth', 'amplify'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  repositoryUrl: 'https://github.com/example/cdk-mfa-auth.git',
  github: false,
  bin: { 'cdk-mfa-auth': 'lib/cli/main.js' },
  // --- Packages for every jsii language, versions, changelog (projenrc/packaging.ts) ---
  ...PACKAGING_OPTIONS,
  // --- end packages ---
  // Runtime deps are bundled (jsii requires non-jsii runtime deps to be bundled).
  bundledDeps: [
    '@aws-sdk/client-cognito-identity-provider',
    'otpauth',
    'qrcode',
    // Watch mode (sandbox --watch): file watching as `cdk watch` does, and its include/exclude globs.
    'chokidar@^4',
    'picomatch@^4',
    // The sandbox's HTTP surface (JSON API, JWKS, later the OAuth endpoints and pages): body limits,
    // timeouts and routing come tested.
    'fastify@^5',
    // Hosted sign-in pages: form bodies, cookies (HttpOnly, SameSite) and a CSRF token on every form.
    '@fastify/formbody@^9',
    // 11.1 loads the ESM-only cookie 2 with a dynamic import, which jest cannot run.
    '@fastify/cookie@~11.0.2',
    '@fastify/csrf-protection@^8',
    // A self-signed certificate for https on the sandbox's port: Amplify builds https://<oauth.domain>/... URLs.
    'selfsigned@^5',
    // CORS for browser SDKs, limited to the origins the sandbox allows (per-route needs via `config.cors`).
    '@fastify/cors@^11.2',
    // The SDK's own API schema (NormalizedSchema) types every request; SigV4 checks admin calls.
    '@smithy/core',
    '@smithy/signature-v4',
    '@smithy/types',
    // Passkeys: verifies WebAuthn attestations and assertions (the sandbox's WEB_AUTHN challenge).
    '@simplewebauthn/server@^14',
    // The sandbox's durable store (src/sandbox/store): 12.x runs on Node 20; 13.x segfaults there.
    'better-sqlite3@^12',
  ],
  devDeps: [
    // Test passkeys: the software authenticator CBOR-encodes its attestation independently of the sandbox's library.
    'cbor-x',
    '@types/better-sqlite3',
    'typescript@~6.0.0',
    '@types/node@^20',
    '@types/aws-lambda',
    '@types/qrcode',
    'esbuild',
    'fast-check',
    'cdk-nag@2.38.2',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    'aws-cdk@2.1148.1',
    'amazon-cognito-identity-js',
    '@aws-amplify/backend-output-schemas',
    // Amplify JS v6: Amplify.configure(outputs) parses amplify_outputs.json; its signIn runs against the sandbox.
    '@aws-amplify/core',
    '@aws-amplify/auth',
    // Benchmark baseline only: Amplify Gen 2's auth construct, to compare resources for the same config.
    '@aws-amplify/auth-construct',
    // Hosted sign-in proofs: a real browser (Debian's chromium), a standard OIDC relying party, AWS's JWT verifier.
    'playwright-core',
    'openid-client@^6',
    'aws-jwt-verify',
    // The Authenticator suite (test/browser/authenticator.test.ts): Amplify's <Authenticator> page, built with Vite.
    'vite@^8',
    'react@^19',
    'react-dom@^19',
    'aws-amplify@^6',
    '@aws-amplify/ui-react@^6',
  ],
  // Built-in trigger handlers (src/**/*.lambda.ts) are bundled at build time, so users never bundle at synth.
  lambdaOptions: {
    runtime: awscdk.LambdaRuntime.NODEJS_24_X,
    bundlingOptions: {
      // The Lambda runtime provides the AWS SDK v3.
      externals: ['@aws-sdk/*'],
    },
  },
  jestOptions: {
    // Snapshots change only through `npx projen test:update`; a mismatch fails the test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 60_000,
    },
  },
  gitignore: ['/cdk.out', '/examples/cdk.out', '/integ-tests/cdk.out', '/.sandbox', '/bench-results'],
});

// `--ci` makes jest refuse to write new or changed snapshots during the normal test run.
project.testTask.reset();
project.testTask.exec('jest --passWithNoTests --ci', { receiveArgs: true });
project.testTask.spawn(project.tasks.tryFind('eslint')!);
// ts-jest transpiles without type checks (isolatedModules): type-check tests, examples, integ cases and benchmarks here.
project.testTask.exec('tsc --noEmit -p test/tsconfig.json');

// Main job for newcomers: synthesize the example app and print a summary of what it built.
const exampleTask = project.addTask('example', {
  description: 'Synthesize examples/app.ts and print what it built',
});
exampleTask.spawn(project.bundler.bundleTask);
exampleTask.exec('ts-node --project test/tsconfig.json examples/app.ts', { receiveArgs: true });

// Main job, full form: synthesize the example, then run its user pool in the local sandbox (Ctrl-C to stop).
const sandboxTask = project.addTask('sandbox', {
  description: 'Synthesize the example app and start the local Cognito sandbox with its user pool; re-synthesizes and reloads on every change to examples/',
});
sandboxTask.spawn(exampleTask);
sandboxTask.exec('ts-node --project test/tsconfig.json src/cli/main.ts sandbox --watch --cdk-json examples/cdk.json --app examples/cdk.out --state .sandbox/state.json --outbox .sandbox/outbox --outputs .sandbox/amplify_outputs.json',
  { receiveArgs: true });

project.addDevDeps('ts-node');
for (const path of ['/examples', '/integ-tests', '/bench', '/.ci']) project.npmignore?.exclude(path);
for (const dir of ['examples', 'integ-tests', 'bench']) project.tsconfigDev.addInclude(`../${dir}/**/*.ts`);

// Benchmarks (not tests): ratios measured side by side in one run; results also in bench-results/.
const benchTask = project.addTask('bench', { description: 'Run the benchmarks: trigger handlers, sandbox trigger isolation, synth vs the raw L2, sandbox sign-ins' });
benchTask.spawn(project.bundler.bundleTask);
for (const bench of ['triggers-bench', 'trigger-isolation-bench', 'synth-bench', 'sandbox-bench']) {
  benchTask.exec(`ts-node --project test/tsconfig.json bench/${bench}.ts`);
}

// --- Integration tests (integ-runner) ---
// integ-tests/integ.*.ts run with ts-node (transpile only: `tsc -p test/tsconfig.json` and eslint type-check them).
// Snapshots are committed; integ:verify compares them offline and fails on drift (CHANGED).
const integRunner = [
  'integ-runner --directory integ-tests --language typescript',
  '--app "ts-node --transpile-only --project test/tsconfig.json {filePath}"',
].join(' ');
const integEnv = { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_NOTICES: 'true' };
// The trigger bundles are part of the snapshots (asset hashes), so every integ task bundles first.
const integSnapshot = project.addTask('integ:snapshot', {
  description: 'Rewrite all integ-tests snapshots offline (synth only, nothing is deployed); commit the result',
  env: integEnv,
});
integSnapshot.spawn(project.bundler.bundleTask);
integSnapshot.exec(`${integRunner} --update-on-failed --force --dry-run`, { receiveArgs: true });
const integVerify = project.addTask('integ:verify', {
  description: 'Check offline that the committed integ-tests snapshots match the code (fails on drift)',
  env: integEnv,
});
integVerify.spawn(project.bundler.bundleTask);
integVerify.exec(integRunner, { receiveArgs: true });
const integDeploy = project.addTask('integ:deploy', {
  description: 'Needs an AWS account: deploy every integ case, run its assertions, destroy it, update snapshots. '
    + 'Pass e.g. `-- --parallel-regions us-east-1 --profiles my-profile`; INTEG_SES_FROM_EMAIL must be SES-verified there.',
  env: integEnv,
});
integDeploy.spawn(project.bundler.bundleTask);
integDeploy.exec(`${integRunner} --update-on-failed --force`, { receiveArgs: true });
// integ-tests import dev dependencies (integ-tests-alpha) and are not in the jsii tsconfig, so lint them with test/tsconfig.json.
project.eslint?.allowDevDeps('integ-tests/**');
const integLint = project.addTask('integ:lint', {
  description: 'Lint integ-tests (type-aware, with test/tsconfig.json)',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
});
integLint.exec('eslint --ext .ts --fix --parser-options=projectService:false --parser-options=project:./test/tsconfig.json integ-tests');
project.testTask.spawn(integLint);
// CI fails when a snapshot no longer matches the code.
project.testTask.spawn(integVerify);
project.gitignore.exclude('/integ-tests/cdk-integ.out.*');
// --- end integration tests ---

// Minify the built-in trigger bundles (projen's BundlingOptions has no minify flag for auto-discovered lambdas).
for (const task of project.tasks.all.filter(t => /^bundle:.*\.lambda$/.test(t.name))) {
  const [step] = task.steps;
  task.reset();
  task.exec([...step.execArgs!, '--minify'].join(' '));
}

// --- Packaging: bindings check, version bump in the build, pack-and-consume (projenrc/packaging.ts) ---
addPackaging(project);
// --- end packaging ---

project.synth();
