import { awscdk, javascript } from 'projen';
import { addCliPackage, CLI_DIR } from './projenrc/cli-package';
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
  description: 'A defineAuth-style CDK construct: one declarative config to a hardened Cognito user pool with MFA. The local sandbox is the @cdk-mfa/cli package.',
  keywords: ['cdk', 'cognito', 'mfa', 'totp', 'auth', 'amplify'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  repositoryUrl: 'https://github.com/example/cdk-mfa-auth.git',
  github: false,
  // --- Packages for every jsii language, versions, changelog (projenrc/packaging.ts) ---
  ...PACKAGING_OPTIONS,
  // --- end packages ---
  // No runtime dependencies and nothing bundled: aws-cdk-lib and constructs are peers. The sandbox and the
  // CLI, with their ordinary npm dependencies, are the @cdk-mfa/cli package (projenrc/cli-package.ts).
  devDeps: [
    'typescript@~6.0.0',
    '@types/node@^20',
    '@types/aws-lambda',
    'esbuild',
    'fast-check',
    'cdk-nag@2.38.2',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@2.197.10',
    'aws-cdk@2.1148.1',
    'amazon-cognito-identity-js',
    // The mfa-by-group trigger's types (the Lambda runtime provides the SDK; its bundle leaves it out).
    '@aws-sdk/client-cognito-identity-provider',
    // Benchmark baseline only: Amplify Gen 2's auth construct, to compare resources for the same config.
    '@aws-amplify/auth-construct',
    // Benchmark baseline only: another local Cognito emulator, measured beside the sandbox (bench/sandbox-bench.ts).
    'cognito-local@5.3.0',
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
      // Nothing reads the coverage report; the suites are proven under load without it (scripts/prove-under-load.sh).
      collectCoverage: false,
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

// Both packages compiled as an app and the CLI load them (lib/, packages/cli/lib), without the build's version bump:
// the CLI's sources read templates through the construct's compiled reader (`@cdk-mfa/auth/template`).
const compileLibs = project.addTask('compile:libs', {
  description: 'Compile the construct (jsii) and the CLI (tsc) into their lib/ folders, without bumping the version',
});
compileLibs.exec('jsii --silence-warnings=reserved-word');
compileLibs.exec('tsc --build', { cwd: 'packages/cli' });

// Main job for newcomers: synthesize the example app and print a summary of what it built.
const exampleTask = project.addTask('example', {
  description: 'Synthesize examples/app.ts and print what it built',
});
exampleTask.spawn(project.bundler.bundleTask);
exampleTask.spawn(compileLibs);
exampleTask.exec('ts-node --project test/tsconfig.json examples/app.ts', { receiveArgs: true });

// Main job, full form: synthesize the example, then run its user pool in the local sandbox (Ctrl-C to stop).
const sandboxTask = project.addTask('sandbox', {
  description: 'Synthesize the example app and start the local Cognito sandbox with its user pool; re-synthesizes and reloads on every change to examples/',
});
sandboxTask.spawn(exampleTask);
sandboxTask.exec('node packages/cli/lib/cli/main.js sandbox --watch --cdk-json examples/cdk.json --app examples/cdk.out --state .sandbox/state.json --outbox .sandbox/outbox --outputs .sandbox/amplify_outputs.json',
  { receiveArgs: true });

project.addDevDeps('ts-node');
for (const path of ['/examples', '/integ-tests', '/bench', '/.ci']) project.npmignore?.exclude(path);
for (const dir of ['examples', 'integ-tests', 'bench']) project.tsconfigDev.addInclude(`../${dir}/**/*.ts`);

// Benchmarks (not tests): ratios measured side by side in one run; results also in bench-results/.
const benchTask = project.addTask('bench', {
  description: 'Run the benchmarks: trigger handlers, sandbox trigger isolation, synth vs the raw L2, load in a cold process vs the raw L2, sandbox sign-ins',
});
benchTask.spawn(project.bundler.bundleTask);
// load-bench loads lib/, the way an app loads the package; the sandbox benches load the CLI's sources.
benchTask.spawn(compileLibs);
const BENCHES = ['triggers-bench', 'trigger-isolation-bench', 'synth-bench', 'load-bench', 'sandbox-bench'];
// Transpile only: the test task type-checks bench/ (tsc -p test/tsconfig.json), and type-checking in each run took seconds.
const benchRun = (bench: string) => `ts-node --transpile-only --project test/tsconfig.json bench/${bench}.ts`;
for (const bench of BENCHES) benchTask.exec(benchRun(bench));
// Every phase of every bench at a tiny size (figures meaningless): CI runs it after the build (which bundled
// the triggers and compiled lib/), so a bench that stops running fails CI instead of rotting.
const benchQuick = project.addTask('bench:quick', {
  description: 'Run every bench phase at a tiny size (needs the build\'s bundles and lib/): proves the benches still run',
  env: { BENCH_QUICK: '1' },
});
for (const bench of BENCHES) benchQuick.exec(benchRun(bench));

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
project.eslint?.allowDevDeps('bench/**');
// The mfa-by-group trigger's SDK client: the Lambda runtime provides the AWS SDK v3 (its bundle leaves it
// out), so the construct package lists it as a dev dependency for the types only, never a runtime one.
project.eslint?.allowDevDeps('src/triggers/mfa-by-group/cognito-client.ts');
// bench/ too: like integ-tests, it lives outside src/ and test/, where the eslint task looks.
const integLint = project.addTask('integ:lint', {
  description: 'Lint integ-tests, bench, scripts and polyglot (type-aware, with test/tsconfig.json)',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
});
integLint.exec('eslint --ext .ts --fix --parser-options=projectService:false --parser-options=project:./test/tsconfig.json integ-tests bench');
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

// Only the public entry (and what jsii and tools read) is importable: lib/'s files are not an API.
// `./template` is the one CloudFormation reader the CLI shares with the construct's own checks.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './template': { types: './lib/template/index.d.ts', default: './lib/template/index.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});

// --- The command-line package: sandbox, client-config, operator commands (projenrc/cli-package.ts) ---
const cli = addCliPackage(project);
// The CLI compiles against the construct's compiled lib/ (its template reader), so after the root compiles;
// its tests run after the root's; its tarball is packed beside the root's.
project.postCompileTask.exec('npx projen compile', { cwd: CLI_DIR });
project.testTask.exec('npx projen test', { cwd: CLI_DIR });
// The edit-test loop: the root's jest, then the CLI's tests except the slow ones (SLOW_TESTS); `test` runs everything.
const fastTestTask = project.addTask('test:fast', {
  description: 'Run the root\'s tests and the CLI package\'s fast tests (no slow suites, no coverage); `test` runs everything',
});
fastTestTask.exec('jest --passWithNoTests --ci --coverage=false');
fastTestTask.exec('npx projen test:fast', { cwd: CLI_DIR });
project.npmignore?.exclude('/packages');
void cli;
// --- end command-line package ---

// --- Packaging: bindings check, version bump in the build, pack-and-consume (projenrc/packaging.ts) ---
addPackaging(project);
// --- end packaging ---

project.synth();
