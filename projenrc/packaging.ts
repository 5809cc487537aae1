/**
 * Packages for every jsii language, versions and the changelog, and the newcomer's pack-and-consume
 * check (issue 15). `.projenrc.ts` spreads {@link PACKAGING_OPTIONS} into the project's options and
 * calls {@link addPackaging} once; everything else about packaging lives here.
 */
import { awscdk, release } from 'projen';

/**
 * The package name in every language jsii targets. Python, Java, .NET and Go users install these;
 * each embeds the npm package and runs it in a Node.js process (jsii), so Node.js is needed too.
 */
export const JSII_TARGETS = {
  publishToPypi: { distName: 'cdk-mfa-auth', module: 'cdk_mfa_auth' },
  publishToMaven: { mavenGroupId: 'io.github.cdk-mfa', mavenArtifactId: 'cdk-mfa-auth', javaPackage: 'io.github.cdkmfa.auth' },
  publishToNuget: { dotNetNamespace: 'CdkMfa.Auth', packageId: 'CdkMfa.Auth' },
  publishToGo: { moduleName: 'github.com/example/cdk-mfa-auth-go', packageName: 'cdkmfaauth' },
} satisfies Partial<awscdk.AwsCdkConstructLibraryOptions>;

/**
 * Releases through projen's own machinery, offline: `npx projen release` derives the next version from
 * the conventional commits since the last `v*` tag and writes dist/changelog.md; `npx projen publish:git`
 * then folds it into CHANGELOG.md, commits and tags (pushing is left to the maintainer). Nothing is
 * published to a registry from here: no registry but npm is reachable, and npm needs a token.
 */
export const RELEASE_OPTIONS = {
  release: true,
  releaseToNpm: false,
  releaseTrigger: release.ReleaseTrigger.manual({ changelogPath: 'CHANGELOG.md', gitPushCommand: '' }),
  // Pre-1.0: breaking changes bump the minor, features and fixes the patch (commit-and-tag-version's
  // preMajor rule). Without any release tag yet, the first release is 0.1.0 (projen would say 0.0.0).
  nextVersionCommand: 'git tag --list "v*" | grep -q . || echo 0.1.0',
  // projen's default, commit-and-tag-version 13, needs Node.js 22; 12 supports the Node.js 20 we have.
  bumpPackage: 'commit-and-tag-version@^12',
} satisfies Partial<awscdk.AwsCdkConstructLibraryOptions>;

/** Both blocks of project options; spread into the AwsCdkConstructLibrary options. */
export const PACKAGING_OPTIONS = { ...JSII_TARGETS, ...RELEASE_OPTIONS };

/** Run with ts-node against the test tsconfig, as the repo's other scripts are. */
const TS_NODE = 'ts-node --transpile-only --project test/tsconfig.json';

/**
 * Wires the packaging tasks:
 * - `build` bumps the version before it compiles and restores 0.0.0 after packing, so what it packs
 *   carries the version a release would get (the committed package.json stays 0.0.0, as projen keeps it);
 * - `package` runs `package:bindings`: the npm tarball plus the Python, Java, .NET and Go code
 *   (`jsii-pacmak --code-only`), checked with what this machine has (scripts/check-bindings.ts);
 *   projen's `package:<language>` tasks, which also compile and package each language, stay for
 *   machines that reach PyPI, Maven Central, NuGet and the Go proxy (`npx projen package-all`);
 * - `consume` installs the packed tarball into a new app outside the repo and synthesizes it (CI runs it);
 * - `polyglot` does the same in Python, Java and Go, comparing each template with a TypeScript twin's (CI runs it);
 * - the build's last line, from `build:summary`, says what passed.
 */
export function addPackaging(project: awscdk.AwsCdkConstructLibrary): void {
  // Every jsii tool prints a boxed end-of-life warning for Node 20, the only Node.js here: 16 of them per build.
  project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

  // One jsii-pacmak run writes the npm tarball (dist/js) and the code of every other language
  // (dist/python, dist/java, dist/dotnet, dist/go): its `npm pack` alone takes about 25 s here.
  const pacmakCodeOnly = 'jsii-pacmak --code-only --target js --target python --target java --target dotnet --target go';
  const bindings = project.addTask('package:bindings', {
    description: 'Pack the npm tarball and generate the Python, Java, .NET and Go code (no registry needed), then check that code with the toolchains this machine has',
  });
  bindings.exec('rm -rf dist/js dist/python dist/java dist/dotnet dist/go');
  bindings.exec(pacmakCodeOnly);
  bindings.exec(`${TS_NODE} scripts/check-bindings.ts dist`);
  // The .NET check parses C# with tree-sitter's WebAssembly grammar (there is no .NET SDK here).
  project.addDevDeps('web-tree-sitter', 'tree-sitter-c-sharp');

  // `build` is locked in projen: bump in its `pre-compile` step (after `default`, whose synth writes
  // package.json with 0.0.0; before jsii writes the version into .jsii), restore 0.0.0 as `package` ends.
  project.preCompileTask.prependSpawn(project.tasks.tryFind('bump')!);
  // `package` is the build's last step, so its last line (build:summary) closes the build log.
  const summary = project.addTask('build:summary', { description: 'Print the line that closes the build: what passed, with counts' });
  summary.exec(`${TS_NODE} scripts/build-summary.ts`);
  project.packageTask.reset();
  project.packageTask.spawn(bindings);
  // The CLI's tarball (dist/cli) carries the version just bumped, so it is packed before `unbump`.
  const packCli = project.addTask('package:cli', { description: 'Pack the command-line package (packages/cli) into dist/cli with the construct\'s version' });
  packCli.exec(`${TS_NODE} scripts/pack-cli.ts`);
  project.packageTask.spawn(packCli);
  project.packageTask.spawn(project.tasks.tryFind('unbump')!);
  project.packageTask.spawn(summary);

  const consume = project.addTask('consume', {
    description: 'Pack-and-consume check: install the packed tarball (dist/js) into a new CDK app outside the repo, synthesize it with MFA and print its summary',
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_NOTICES: 'true' },
  });
  consume.exec(`${TS_NODE} scripts/consume.ts`, { receiveArgs: true });

  // Python, Java and Go for real (issue 28): the wheel, the jar and the Go module packaged from the code
  // `package:bindings` generated, each installed into a new app outside the repo with README's command,
  // synthesizing polyglot/<language>'s three stacks; each template must equal the TypeScript twin's.
  const polyglot = project.addTask('polyglot', {
    description: 'Package the Python wheel, Maven jar and Go module from dist/ (after build), install each into a new app with README\'s command, synthesize the three polyglot/ configurations and compare them with the TypeScript twin (`-- --only python,java,go`, `--keep`)',
    env: { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_NOTICES: 'true' },
  });
  polyglot.exec(`${TS_NODE} scripts/polyglot.ts`, { receiveArgs: true });
  // The TypeScript twin is type-checked and linted with the tests (test/tsconfig.json).
  project.tsconfigDev.addInclude('../polyglot/**/*.ts');
  project.npmignore?.exclude('/polyglot');

  // scripts/ and polyglot/ are type-checked and linted with test/tsconfig.json (the root tsconfig is the
  // library's), in `integ:lint` beside integ-tests and bench: a step added to the `eslint` task here was
  // dropped when projen wrote that task, so scripts/ went unlinted.
  project.tsconfigDev.addInclude('../scripts/**/*.ts');
  project.eslint?.allowDevDeps('scripts/**');
  project.eslint?.allowDevDeps('polyglot/**');
  project.tasks.tryFind('integ:lint')!.exec('eslint --ext .ts --fix --parser-options=projectService:false --parser-options=project:./test/tsconfig.json scripts polyglot');
  project.npmignore?.exclude('/scripts');
}
