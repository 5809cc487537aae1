/**
 * The command-line package (`packages/cli`, npm only, not jsii): it owns the `cdk-mfa-auth` command —
 * the local sandbox, client-config and the operator commands — with ordinary npm dependencies, so
 * npm installs each platform's native binary (better-sqlite3) and a CDK app that only synthesizes
 * never downloads any of them. `.projenrc.ts` calls {@link addCliPackage} once.
 */
import { awscdk, DependencyType, javascript, typescript } from 'projen';

/** The CLI package's directory, relative to the repository root. */
export const CLI_DIR = 'packages/cli';

/** Runtime dependencies of the CLI: never bundled, so npm picks each platform's prebuilt binary. */
const CLI_DEPS = [
  // The SDK's own API schema types every request; the sandbox hands the SDK to the triggers it runs.
  '@aws-sdk/client-cognito-identity-provider',
  '@smithy/core',
  '@smithy/signature-v4',
  '@smithy/types',
  'otpauth',
  'qrcode',
  // Watch mode (sandbox --watch): file watching as `cdk watch` does, and its include/exclude globs.
  'chokidar@^4',
  'picomatch@^4',
  // The sandbox's HTTP surface (JSON API, JWKS, OAuth endpoints, pages): body limits, timeouts, routing.
  'fastify@^5',
  '@fastify/formbody@^9',
  // 11.1 loads the ESM-only cookie 2 with a dynamic import, which jest cannot run.
  '@fastify/cookie@~11.0.2',
  '@fastify/csrf-protection@^8',
  '@fastify/cors@^11.2',
  // A self-signed certificate for https on the sandbox's port: Amplify builds https://<oauth.domain>/... URLs.
  'selfsigned@^5',
  // Passkeys: verifies WebAuthn attestations and assertions (the sandbox's WEB_AUTHN challenge).
  '@simplewebauthn/server@^14',
  // The sandbox's durable store: 12.x runs on Node 20; 13.x segfaults there.
  'better-sqlite3@^12',
  // Custom email/SMS sender triggers: codes are encrypted as Cognito does, in the AWS Encryption SDK's message format.
  '@aws-crypto/client-node@^5',
];

/** What only the CLI's tests need: real clients for the other side of each protocol, and a real browser. */
const CLI_DEV_DEPS = [
  '@types/better-sqlite3',
  '@types/node@^20',
  '@types/qrcode',
  'esbuild',
  'fast-check',
  'ts-node',
  'aws-cdk-lib@2.257.0',
  'constructs@10.6.0',
  // Test passkeys: the software authenticator CBOR-encodes its attestation independently of the sandbox's library.
  'cbor-x',
  'amazon-cognito-identity-js',
  '@aws-amplify/backend-output-schemas',
  '@aws-amplify/core',
  '@aws-amplify/auth',
  // Hosted sign-in proofs: a real browser (Debian's chromium), a standard OIDC relying party, AWS's JWT verifier.
  'playwright-core',
  'openid-client@^6',
  'aws-jwt-verify',
  // The custom sender test function is the Cognito guide's decrypt example, which decodes with base64-js.
  'base64-js@^1.5.1',
  // The KMS endpoint's refusals, seen through the real KMS client.
  '@aws-sdk/client-kms@^3.1164.0',
  // The Authenticator suite: Amplify's <Authenticator> page, built with Vite.
  'vite@^8',
  'react@^19',
  'react-dom@^19',
  'aws-amplify@^6',
  '@aws-amplify/ui-react@^6',
];

/**
 * Test files that are slow by nature (model-based runs, SIGKILL durability, a real browser, soaks):
 * `npx projen test:fast` leaves them out, `npx projen test` (and so the build and CI) runs everything.
 */
export const SLOW_TESTS = [
  '/test/browser/',
  '/test/sandbox/durability.test.ts',
  '/test/sandbox/mfa-model.test.ts',
  '/test/sandbox/device-waiver.test.ts',
  '/test/sandbox/wire-fuzz.test.ts',
  '/test/sandbox/dev/watch-cli.test.ts',
  '/test/examples/',
];

/** The sandbox's sources (paths as eslint sees them, run from packages/cli). */
const SANDBOX = './src/sandbox';

/**
 * The sandbox in layers, top to bottom; nothing imports upward, and `import/no-restricted-paths`
 * says so (one zone per layer, see {@link layerZones}):
 *
 *   index.ts, dev/ (start, watch, seed: may import anything)
 *   server/        fastify app, JSON API, IAM auth, origins, TLS; mounts hosted/
 *   hosted/        OAuth endpoints and pages: operations/ and model/ (and below), never server/ or wire/
 *   wire/          typed input from the SDK's schema
 *   operations/    one file per API area, sign-in flows
 *   model/         users, sessions, codes, tokens, messages, passkeys
 *   functions/, store/   Lambda trigger runner; SQLite store
 *   core/          errors, pool config (what the template says), stored records
 *
 * Leaves beside the stack: crypto/ (SRP, JWT, TOTP, scrypt, ids) imports nothing of ours; template/
 * (the CloudFormation reader, used by the top only) imports core/ only. The command (src/cli), the
 * client helpers (src/client) and the package entry (src/index.ts) sit above the sandbox.
 */
const LAYERS_BELOW_TOP: { readonly layer: string; readonly above: readonly string[] }[] = [
  { layer: 'server', above: [] },
  { layer: 'hosted', above: ['server', 'wire'] },
  { layer: 'wire', above: ['server', 'hosted'] },
  { layer: 'operations', above: ['server', 'hosted', 'wire'] },
  { layer: 'model', above: ['server', 'hosted', 'wire', 'operations'] },
  { layer: 'functions', above: ['server', 'hosted', 'wire', 'operations', 'model', 'store'] },
  { layer: 'store', above: ['server', 'hosted', 'wire', 'operations', 'model', 'functions'] },
];

/** What only the top of the sandbox (index.ts, dev/) and the code above it may import. */
const TOP_ONLY = ['./src/index.ts', './src/cli', './src/client', `${SANDBOX}/index.ts`, `${SANDBOX}/dev`, `${SANDBOX}/template`];

/** The zones of `import/no-restricted-paths` that keep the sandbox's layers (see {@link LAYERS_BELOW_TOP}). */
export function layerZones(): Record<string, unknown>[] {
  const zones: Record<string, unknown>[] = LAYERS_BELOW_TOP.map(({ layer, above }) => ({
    target: `${SANDBOX}/${layer}`,
    from: [...TOP_ONLY, ...above.map(a => `${SANDBOX}/${a}`)],
    message: `${layer}/ may not import ${[...above.map(a => `${a}/`), 'the top (index.ts, dev/, template/, src/cli, src/client)'].join(', ')}: move what both need down a layer`,
  }));
  // The bottom and the leaves: all of the sandbox but themselves (template/ may use core/), and nothing above.
  const leaves: [string, string[], string][] = [
    ['core', ['./core'], 'core/ is the bottom layer: it imports nothing else of the sandbox'],
    ['crypto', ['./crypto'], 'crypto/ imports nothing of ours outside itself (not even core/): return results and let model/ raise Cognito errors'],
    ['template', ['./template', './core'], 'template/ (the CloudFormation reader) imports only core/ of the sandbox'],
  ];
  for (const [layer, except, message] of leaves) {
    zones.push({ target: `${SANDBOX}/${layer}`, from: SANDBOX, except, message });
    zones.push({ target: `${SANDBOX}/${layer}`, from: TOP_ONLY.slice(0, 3), message });
  }
  zones.push({
    target: './src/client',
    from: ['./src/index.ts', './src/cli', SANDBOX],
    message: 'The client helpers (src/client) stand alone: apps import them without the sandbox',
  });
  return zones;
}

/** The CLI package's README on npm: what it is, how to install and run it, and where the full guide is. */
const CLI_README = `# @cdk-mfa/cli

The \`cdk-mfa-auth\` command for apps built with [@cdk-mfa/auth](https://www.npmjs.com/package/@cdk-mfa/auth):
a local Cognito sandbox that runs your synthesized user pools (SRP, MFA with TOTP, SMS and email codes,
devices, passkeys, hosted sign-in and OAuth endpoints, your Lambda triggers, custom email and SMS senders
with codes encrypted as Cognito encrypts them), \`client-config\` for \`amplify_outputs.json\`, and
operator commands for a deployed pool.

\`\`\`sh
npm install --save-dev @cdk-mfa/cli      # beside @cdk-mfa/auth, in the same version
npx cdk synth
npx cdk-mfa-auth sandbox --app cdk.out --outputs amplify_outputs.json
\`\`\`

\`npx cdk-mfa-auth --help\` lists the commands. Programs can start the sandbox too:
\`import { startSandbox } from '@cdk-mfa/cli'\`. The full guide is the README of the repository
(sections "Run the sandbox in your app" and "Local sandbox").

This package is npm only (not jsii): the construct, for every CDK language, is \`@cdk-mfa/auth\`, which
has no runtime dependency; the sandbox's dependencies (fastify, better-sqlite3, the AWS SDK, ...) are
ordinary dependencies here, so npm installs each platform's prebuilt native binary.
`;

export function addCliPackage(root: awscdk.AwsCdkConstructLibrary): typescript.TypeScriptProject {
  // npm workspaces: one `npm install` at the root installs both packages and links them.
  root.package.addField('workspaces', [CLI_DIR]);

  const cli = new typescript.TypeScriptProject({
    parent: root,
    outdir: CLI_DIR,
    name: '@cdk-mfa/cli',
    description: 'The cdk-mfa-auth command: a local Cognito sandbox that runs the user pools of @cdk-mfa/auth (SRP, MFA, devices, hosted sign-in), client-config and operator commands.',
    defaultReleaseBranch: 'main',
    packageManager: javascript.NodePackageManager.NPM,
    repository: 'https://github.com/example/cdk-mfa-auth.git',
    repositoryDirectory: CLI_DIR,
    authorName: 'Auth construct team',
    authorEmail: 'team@example.com',
    license: 'Apache-2.0',
    projenrcTs: false,
    projenrcJson: false,
    github: false,
    release: false,
    buildWorkflow: false,
    depsUpgrade: false,
    pullRequestTemplate: false,
    sampleCode: false,
    readme: { contents: CLI_README },
    licensed: true,
    minNodeVersion: '20.0.0',
    typescriptVersion: '~6.0.0',
    bin: { 'cdk-mfa-auth': 'lib/cli/main.js' },
    deps: CLI_DEPS,
    devDeps: CLI_DEV_DEPS,
    // The construct's template reader (`@cdk-mfa/auth/template`) is the one thing the CLI takes from it:
    // the app that runs the sandbox has the construct already, in the version it synthesizes with.
    peerDeps: ['@cdk-mfa/auth'],
    peerDependencyOptions: { pinnedDevDependency: false },
    tsconfig: {
      compilerOptions: {
        module: 'node16',
        moduleResolution: javascript.TypeScriptModuleResolution.NODE16,
        target: 'ES2022',
        lib: ['es2022'],
        skipLibCheck: true,
        types: ['node', 'jest', 'better-sqlite3', 'qrcode'],
        noEmitOnError: true,
      },
    },
    // Tests and their type check see the construct's sources (as jest's moduleNameMapper below does).
    tsconfigDev: {
      compilerOptions: {
        rootDir: '../../..',
        paths: { '@cdk-mfa/auth': ['../../../src'], '@cdk-mfa/auth/*': ['../../../src/*'] },
      },
    },
    jestOptions: {
      updateSnapshot: javascript.UpdateSnapshot.NEVER,
      jestConfig: {
        testMatch: ['<rootDir>/test/**/*.test.ts'],
        testTimeout: 60_000,
        // Nothing reads the coverage report, and instrumenting the sandbox made the suite ~4x slower (641 s
        // against 133 s, both on a loaded 2-core machine): CI runs the tests as they were proven under load.
        collectCoverage: false,
        // Tests see the construct's sources, as the root package's own tests do (no stale lib/).
        moduleNameMapper: {
          '^@cdk-mfa/auth$': '<rootDir>/../../src',
          '^@cdk-mfa/auth/(.*)$': '<rootDir>/../../src/$1',
        },
      },
    },
    eslint: true,
  });
  // In the repository the peer is the workspace root itself (a link): npm cannot fetch an unreleased version.
  cli.deps.addDependency('@cdk-mfa/auth@file:../..', DependencyType.DEVENV);
  cli.package.addField('exports', {
    '.': { types: './lib/index.d.ts', default: './lib/index.js' },
    './package.json': './package.json',
  });
  // ts-jest transpiles without type checks: type-check the tests here, as the root package does.
  cli.testTask.exec('tsc --noEmit -p test/tsconfig.json');
  // The sandbox's layers: nothing imports upward (see LAYERS_BELOW_TOP).
  cli.eslint?.addRules({ 'import/no-restricted-paths': ['error', { zones: layerZones() }] });
  addFastTestTask(cli);
  return cli;
}

/**
 * `npx projen test:fast`: jest without {@link SLOW_TESTS} and without coverage, for the edit-test loop
 * (a few minutes on a busy 2-core machine). The `test` task still runs every file.
 */
function addFastTestTask(cli: typescript.TypeScriptProject): void {
  // Passing --testPathIgnorePatterns replaces the configured list, so it repeats the configured entries.
  const ignored = ['/node_modules/', ...SLOW_TESTS];
  cli.addTask('test:fast', {
    description: 'Run the tests except the slow ones (SLOW_TESTS in projenrc/cli-package.ts); `test` runs them all',
    steps: [{
      exec: ['jest --passWithNoTests --ci --coverage=false', ...ignored.map(p => `--testPathIgnorePatterns '${p}'`)].join(' '),
      receiveArgs: true,
    }],
  });
}
