/**
 * Every jsii language but .NET, proven for real (issue 28): the Python wheel, the Maven artifact and the
 * Go module are packaged from the code `package:bindings` generated (one jsii-pacmak run, dist/python,
 * dist/java, dist/go), each is installed into a new app outside the repo with README.md's install command
 * for its language (as written, from the "Install" table), plus aws-cdk-lib 2.257.0 and constructs 10.6.0,
 * and each app (polyglot/<language>) synthesizes the same three stacks as its TypeScript twin
 * (polyglot/typescript/app.ts). Each template must equal the twin's, once asset hashes and CDK metadata are
 * set aside (see `normalize`); each app's refused config must reach it as its language's error with the
 * construct's message and the property path. The languages run one after another; each is reported, with
 * its times, and the run fails if any failed.
 *
 * Downloads (PyPI, Maven Central, the Go module proxy) and Go's build cache are kept in one folder,
 * POLYGLOT_CACHE (default ~/.cache/cdk-mfa-polyglot), so a second run downloads nothing.
 *
 * Usage: `npx projen polyglot [-- --only python,java,go] [--keep] [--package-only]` after `npx projen build`
 * (or `npx projen compile:libs && npx projen package:bindings`). `--keep` leaves the apps for a look;
 * `--package-only` only builds the packages into dist/polyglot (wheel, jar, Go module proxy folder).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const DIST = path.join(REPO, 'dist');
/** The packages built here, beside the code they were built from. */
const ARTIFACTS = path.join(DIST, 'polyglot');
const CACHE = process.env.POLYGLOT_CACHE ?? path.join(os.homedir(), '.cache', 'cdk-mfa-polyglot');
const GO_MODULE = 'github.com/example/cdk-mfa-auth-go/cdkmfaauth';
/** The stacks every app synthesizes. */
const STACKS = ['EmailMfa', 'SocialM2m', 'PasskeyDomain'];
/** What every language's refused config must show: the construct's message, with the property path. */
const REFUSAL = [
  'Invalid Auth configuration at Refused/Auth (1 problem):',
  '- multifactor.sms.message must contain the placeholder {####} (Placeholders.CODE).',
];

export type Language = 'python' | 'java' | 'go';
export const LANGUAGES: readonly Language[] = ['python', 'java', 'go'];
/** How each language's error reaches the app (what the app prints before the message). */
const CAUGHT_AS: Record<Language | 'typescript', string> = {
  typescript: 'caught: ', // the AuthConfigError itself
  python: 'caught: RuntimeError: ', // jsii raises the JavaScript error as a Python RuntimeError
  java: 'caught: JsiiError: ', // software.amazon.jsii.JsiiError, a RuntimeException
  go: 'caught: ', // a panic, recovered
};
/** The row of README.md's install table for each language (its first cell starts with this). */
const README_ROW: Record<Language, string> = { python: 'Python', java: 'Java', go: 'Go' };
/** How each language's install command starts, among the code spans of its row's install cell. */
const INSTALL_START: Record<Language, string> = { python: 'pip install ', java: '<dependency>', go: 'go get ' };

// ---------------------------------------------------------------------------------------------------
// README's install table

/**
 * The install commands of a language's row in README.md's "Install" table: the code spans of its install
 * cell that are commands (`pip install ...`, `go get ...`) or Maven `<dependency>` elements, in order.
 */
export function readmeInstall(readme: string, language: Language): string[] {
  const section = readme.slice(readme.indexOf('## Install\n'));
  const row = section.split('\n').find(l => l.startsWith(`| ${README_ROW[language]}`));
  if (!row) throw new Error(`README.md's Install table has no ${README_ROW[language]} row`);
  const install = row.split(' | ')[1] ?? '';
  const spans = [...install.matchAll(/`([^`]+)`/g)].map(m => m[1]).filter(s => s.startsWith(INSTALL_START[language]));
  if (spans.length === 0) throw new Error(`README.md's ${README_ROW[language]} row shows no '${INSTALL_START[language]}...'`);
  return spans;
}

// ---------------------------------------------------------------------------------------------------
// Templates

/** What was set aside in one template before comparing. */
export interface Normalized {
  readonly template: any;
  readonly assetHashes: number;
  readonly metadata: number;
}

/**
 * A template with asset hashes replaced by `<asset-hash>` and CDK's metadata left out (the
 * `CDKMetadata` resource and its condition, which record the app's language, and each resource's
 * `aws:cdk:path` / `aws:asset:*` metadata entries). Nothing else is touched.
 */
export function normalize(template: any): Normalized {
  let assetHashes = 0;
  const text = JSON.stringify(template).replace(/\b[0-9a-f]{64}\b/g, () => { assetHashes++; return '<asset-hash>'; });
  const t = JSON.parse(text);
  let metadata = 0;
  if (t.Resources?.CDKMetadata) { delete t.Resources.CDKMetadata; metadata++; }
  if (t.Conditions?.CDKMetadataAvailable) { delete t.Conditions.CDKMetadataAvailable; metadata++; }
  if (t.Conditions && Object.keys(t.Conditions).length === 0) delete t.Conditions;
  for (const resource of Object.values<any>(t.Resources ?? {})) {
    for (const key of Object.keys(resource.Metadata ?? {})) {
      if (key === 'aws:cdk:path' || key.startsWith('aws:asset:')) { delete resource.Metadata[key]; metadata++; }
    }
    if (resource.Metadata && Object.keys(resource.Metadata).length === 0) delete resource.Metadata;
  }
  return { template: t, assetHashes, metadata };
}

/** Where two JSON values differ: one line per difference, at most `limit`. */
export function differences(expected: any, actual: any, at = '', limit = 10): string[] {
  const out: string[] = [];
  const walk = (e: any, a: any, p: string) => {
    if (out.length >= limit) return;
    if (typeof e === 'object' && e !== null && typeof a === 'object' && a !== null && Array.isArray(e) === Array.isArray(a)) {
      for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) walk(e[key], a[key], Array.isArray(e) ? `${p}[${key}]` : `${p}.${key}`);
    } else if (JSON.stringify(e) !== JSON.stringify(a)) {
      out.push(`${p || '(root)'}: TypeScript ${JSON.stringify(e) ?? 'absent'}, here ${JSON.stringify(a) ?? 'absent'}`);
    }
  };
  walk(expected, actual, at);
  return out;
}

function readTemplates(outdir: string): Record<string, any> {
  const templates: Record<string, any> = {};
  for (const stack of STACKS) {
    const file = path.join(outdir, `${stack}.template.json`);
    if (!fs.existsSync(file)) throw new Error(`no ${stack}.template.json in ${outdir}`);
    templates[stack] = JSON.parse(fs.readFileSync(file, 'utf8'));
  }
  return templates;
}

// ---------------------------------------------------------------------------------------------------
// Running things

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

/** Everything each tool needs to use the one cache folder, and jsii's Node 20 banner silenced. */
function environment(goProxy: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    CDK_DISABLE_NOTICES: 'true',
    PIP_CACHE_DIR: path.join(CACHE, 'pip'),
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    // The wheel built here, as if it came from PyPI (`pip install cdk-mfa-auth` as README shows it).
    PIP_FIND_LINKS: [path.join(ARTIFACTS, 'python'), process.env.PIP_FIND_LINKS].filter(Boolean).join(' '),
    GOMODCACHE: path.join(CACHE, 'go', 'mod'),
    GOCACHE: path.join(CACHE, 'go', 'build'),
    // The Go module built here, served from a folder laid out as a module proxy, before the real proxy.
    GOPROXY: `file://${goProxy},${process.env.GOPROXY ?? 'https://proxy.golang.org'}`,
    GONOSUMDB: GO_MODULE,
    GOFLAGS: '-mod=mod',
  };
}

let env: NodeJS.ProcessEnv = process.env;

/** Runs a command, printing it; its output (stdout and stderr) is returned, or is in the thrown error. */
function run(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): string {
  console.log(`polyglot: $ ${[command, ...args].join(' ')}${cwd === REPO ? '' : `   (in ${path.basename(cwd)})`}`);
  try {
    return execFileSync(command, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as Error & { stdout?: string; stderr?: string };
    const output = `${err.stdout ?? ''}${err.stderr ?? ''}`.split('\n').filter(l => !/^\s*$/.test(l)).slice(-25).join('\n');
    throw new Error(`${[command, ...args].join(' ')} failed:\n${output}`);
  }
}

/** Runs a command line as README shows it (it quotes nothing: words split on spaces). */
function runLine(line: string, cwd: string, extraEnv: NodeJS.ProcessEnv = {}): string {
  const [command, ...args] = line.split(/\s+/);
  return run(command, args, cwd, extraEnv);
}

function timed<T>(timings: string[], label: string, f: () => T): T {
  const t0 = Date.now();
  const result = f();
  timings.push(`${label} ${seconds(Date.now() - t0)}`);
  return result;
}

function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

function dirSize(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------
// Packaging: the wheel, the jar, the Go module, from dist/<language> (jsii-pacmak --code-only)

/** The version the build gave the packages (pacmak wrote it into the Maven POM). */
function builtVersion(): string {
  const pom = path.join(DIST, 'java', 'pom.xml');
  if (!fs.existsSync(pom)) throw new Error(`no ${pom}: run 'npx projen build' (or 'npx projen package:bindings') first`);
  const version = /<artifactId>cdk-mfa-auth<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(fs.readFileSync(pom, 'utf8'))?.[1];
  if (!version) throw new Error(`no version for cdk-mfa-auth in ${pom}`);
  return version;
}

/** The wheel: `python -m build` as pacmak runs it, in a build environment kept in the cache. */
function packagePython(work: string): string {
  const tools = path.join(CACHE, 'python-build-tools');
  const python = path.join(tools, 'bin', 'python');
  if (!fs.existsSync(python)) {
    run('python3', ['-m', 'venv', tools], REPO);
    // pacmak's own build requirements (jsii-pacmak/lib/targets/python/requirements-dev.txt).
    run(python, ['-m', 'pip', 'install', '-q', 'setuptools~=75.3.2', 'build~=1.5.0', 'wheel'], REPO);
  }
  const source = path.join(work, 'python-source');
  copyDir(path.join(DIST, 'python'), source);
  const out = path.join(ARTIFACTS, 'python');
  run(python, ['-m', 'build', '--wheel', '--no-isolation', '--outdir', out, source], REPO);
  const wheel = fs.readdirSync(out).find(f => f.endsWith('.whl'));
  if (!wheel) throw new Error(`python -m build wrote no wheel into ${out}`);
  return path.join(out, wheel);
}

/**
 * The jar, installed into the cached local Maven repository (where the app's build finds it), as
 * pacmak builds it but without the javadoc and sources jars a release would also attach.
 */
function packageJava(work: string, version: string): string {
  const source = path.join(work, 'java-source');
  copyDir(path.join(DIST, 'java'), source);
  run('mvn', ['-B', '-q', `-Dmaven.repo.local=${path.join(CACHE, 'm2')}`, '-Dmaven.javadoc.skip=true', '-Dmaven.source.skip=true', 'install'], source);
  const jar = path.join(source, 'target', `cdk-mfa-auth-${version}.jar`);
  const out = path.join(ARTIFACTS, 'java');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(jar, path.join(out, path.basename(jar)));
  fs.copyFileSync(path.join(source, 'pom.xml'), path.join(out, `cdk-mfa-auth-${version}.pom`));
  return path.join(out, path.basename(jar));
}

/**
 * The Go module, as a module zip in a folder laid out as a Go module proxy (`GOPROXY=file://...`), so
 * the app's `go get` finds it as it would on the real proxy. pacmak writes into go.mod, as `// indirect`
 * requirements, the versions of the npm packages installed here (e.g. cloud-assembly-schema 53.28.0),
 * while aws-cdk-go v2.257.0 was released with the ones of its day (53.25.0), which the proxy serves:
 * those lines are left out and `go mod tidy` writes what aws-cdk-go itself requires.
 */
function packageGo(work: string, version: string): { dir: string; zip: string } {
  const dir = path.join(work, 'go-module');
  copyDir(path.join(DIST, 'go', 'cdkmfaauth'), dir);
  const goMod = path.join(dir, 'go.mod');
  fs.writeFileSync(goMod, fs.readFileSync(goMod, 'utf8').split('\n').filter(l => !l.endsWith('// indirect')).join('\n'));
  run('go', ['mod', 'tidy'], dir);
  const proxy = path.join(ARTIFACTS, 'go');
  const at = path.join(proxy, ...GO_MODULE.split('/'), '@v');
  fs.mkdirSync(at, { recursive: true });
  const v = `v${version}`;
  const zip = path.join(at, `${v}.zip`);
  // A module zip holds every file under `<module>@<version>/`; Python's zipfile writes it (no zip tool needed).
  const script = [
    'import os, sys, zipfile',
    'src, zip_path, prefix = sys.argv[1:4]',
    'with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for root, _, files in os.walk(src):',
    '        for f in sorted(files):',
    '            full = os.path.join(root, f)',
    '            z.write(full, prefix + os.path.relpath(full, src))',
  ].join('\n');
  execFileSync('python3', ['-c', script, dir, zip, `${GO_MODULE}@${v}/`]);
  fs.copyFileSync(goMod, path.join(at, `${v}.mod`));
  fs.writeFileSync(path.join(at, `${v}.info`), JSON.stringify({ Version: v, Time: new Date().toISOString() }));
  fs.writeFileSync(path.join(at, 'list'), `${v}\n`);
  return { dir, zip };
}

// ---------------------------------------------------------------------------------------------------
// The apps

/** The TypeScript twin, from the compiled package (lib/): the templates the other languages must match. */
function synthTwin(outdir: string): string {
  return run(path.join(REPO, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--project', 'test/tsconfig.json', 'polyglot/typescript/app.ts'], REPO, { CDK_OUTDIR: outdir });
}

/** Runs the app: it synthesizes into `outdir`, then tries its refused config; what it printed. */
type AppRun = (outdir: string) => string;

function pythonApp(app: string, readme: string, version: string): AppRun {
  copyDir(path.join(REPO, 'polyglot', 'python'), app);
  run('python3', ['-m', 'venv', '.venv'], app);
  const bin = path.join(app, '.venv', 'bin');
  // README's command as written, in the app's virtual environment (as after `source .venv/bin/activate`).
  const activated = { PATH: `${bin}${path.delimiter}${process.env.PATH}`, VIRTUAL_ENV: path.join(app, '.venv') };
  for (const line of readmeInstall(readme, 'python')) runLine(line, app, activated);
  const installed = run(path.join(bin, 'python'), ['-c', 'import importlib.metadata as m; print(m.version("cdk-mfa-auth"))'], app).trim();
  if (installed !== version) throw new Error(`pip installed cdk-mfa-auth ${installed}, not the wheel built here (${version})`);
  const python = path.join(bin, 'python');
  return outdir => run(python, ['app.py'], app, { CDK_OUTDIR: outdir });
}

/** README's Maven snippet(s) with VERSION replaced, put where the app's POM marks them. */
function javaApp(app: string, readme: string, version: string): AppRun {
  copyDir(path.join(REPO, 'polyglot', 'java'), app);
  const dependencies = readmeInstall(readme, 'java').map(s => s.replace(/VERSION/g, version)).join('\n    ');
  const pom = path.join(app, 'pom.xml');
  const text = fs.readFileSync(pom, 'utf8');
  if (!text.includes('<!-- README dependencies -->')) throw new Error('polyglot/java/pom.xml lost its <!-- README dependencies --> marker');
  fs.writeFileSync(pom, text.replace('<!-- README dependencies -->', dependencies));
  const mvn = ['-B', '-q', `-Dmaven.repo.local=${path.join(CACHE, 'm2')}`];
  run('mvn', [...mvn, 'compile'], app);
  return outdir => run('mvn', [...mvn, 'exec:java'], app, { CDK_OUTDIR: outdir });
}

/** The Go module's go.mod says `go 1.25`: an older Go (Debian 12's golang-go is 1.19) cannot build it. */
const MIN_GO = [1, 25];

function goApp(app: string, readme: string): AppRun {
  const goVersion = run('go', ['env', 'GOVERSION'], REPO).trim();
  const [major, minor] = (/^go(\d+)\.(\d+)/.exec(goVersion) ?? []).slice(1).map(Number);
  if (!(major > MIN_GO[0] || (major === MIN_GO[0] && minor >= MIN_GO[1]))) {
    throw new Error(`${goVersion} is older than go${MIN_GO.join('.')}, which the Go module needs: put a newer Go first on PATH`);
  }
  copyDir(path.join(REPO, 'polyglot', 'go'), app);
  run('go', ['mod', 'init', 'polyglot-app'], app);
  for (const line of readmeInstall(readme, 'go')) runLine(line, app);
  run('go', ['build', '-o', 'app', '.'], app);
  const binary = path.join(app, 'app');
  return outdir => run(binary, [], app, { CDK_OUTDIR: outdir });
}

/** Checks one language's templates against the twin's and its refusal; throws on the first mismatch. */
function compare(language: Language, twin: Record<string, any>, outdir: string): string {
  const templates = readTemplates(outdir);
  let hashes = 0;
  let metadata = 0;
  for (const stack of STACKS) {
    const expected = normalize(twin[stack]);
    const actual = normalize(templates[stack]);
    hashes += actual.assetHashes;
    metadata += actual.metadata;
    const diff = differences(expected.template, actual.template, stack);
    if (diff.length > 0) throw new Error(`${language}: the ${stack} template differs from the TypeScript twin's:\n  ${diff.join('\n  ')}`);
  }
  return `${STACKS.length} templates equal the TypeScript twin's (set aside: ${hashes} asset hashes, ${metadata} metadata entries)`;
}

function checkRefusal(language: Language | 'typescript', output: string): string {
  const at = output.indexOf(CAUGHT_AS[language] + REFUSAL[0]);
  if (at < 0 || !output.includes(REFUSAL[1])) {
    throw new Error(`${language}: the refused config did not reach the app as '${CAUGHT_AS[language]}${REFUSAL[0]} ... ${REFUSAL[1]}'; it printed:\n${output.trim()}`);
  }
  return output.slice(at).split('\n').slice(0, 2).map(l => l.trim()).join(' ');
}

/** Builds one language's package into dist/polyglot; what was built, with its size. */
function packageLanguage(language: Language, work: string, version: string): string {
  if (language === 'python') {
    const wheel = packagePython(work);
    return `wheel ${path.basename(wheel)} ${mb(fs.statSync(wheel).size)}`;
  }
  if (language === 'java') {
    const jar = packageJava(work, version);
    return `jar ${path.basename(jar)} ${mb(fs.statSync(jar).size)}`;
  }
  const mod = packageGo(work, version);
  return `Go module ${mb(dirSize(mod.dir))} in its folder, zip ${mb(fs.statSync(mod.zip).size)}`;
}

const INSTALL_LABEL: Record<Language, string> = { python: 'install', java: 'install and compile', go: 'go get and build' };

/** A new app for one language in `app`, with the package installed by README's command. */
function installApp(language: Language, app: string, readme: string, version: string): AppRun {
  if (language === 'python') return pythonApp(app, readme, version);
  if (language === 'java') return javaApp(app, readme, version);
  return goApp(app, readme);
}

// ---------------------------------------------------------------------------------------------------

interface Outcome {
  readonly language: Language;
  readonly ok: boolean;
  readonly line: string;
}

function main(): number {
  const started = Date.now();
  const keep = process.argv.includes('--keep');
  const packageOnly = process.argv.includes('--package-only');
  const onlyAt = process.argv.indexOf('--only');
  const languages = onlyAt < 0 ? LANGUAGES : (process.argv[onlyAt + 1] ?? '').split(',') as Language[];
  const unknown = languages.filter(l => !LANGUAGES.includes(l));
  if (unknown.length > 0) throw new Error(`--only takes ${LANGUAGES.join(', ')}; not ${unknown.join(', ')}`);
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const version = builtVersion();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-mfa-polyglot-'));
  if (path.relative(REPO, work).split(path.sep)[0] !== '..') throw new Error(`${work} is inside the repo; set TMPDIR elsewhere`);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  const goProxy = path.join(ARTIFACTS, 'go');
  env = environment(goProxy);
  console.log(`polyglot: version ${version}; apps in ${work}; downloads cached in ${CACHE}`);

  const outcomes: Outcome[] = [];
  try {
    const twinOut = path.join(work, 'out-typescript');
    const twinTime = Date.now();
    const twin: Record<string, any> = {};
    if (!packageOnly) {
      const twinRefusal = checkRefusal('typescript', synthTwin(twinOut));
      Object.assign(twin, readTemplates(twinOut));
      console.log(`polyglot: typescript twin synthesized ${STACKS.join(', ')} in ${seconds(Date.now() - twinTime)}; refused config: ${twinRefusal}`);
    }

    for (const language of languages) {
      const timings: string[] = [];
      const t0 = Date.now();
      try {
        const size = timed(timings, 'package', () => packageLanguage(language, work, version));
        if (packageOnly) {
          const line = `${language} packaged in ${seconds(Date.now() - t0)}: ${size}`;
          console.log(`polyglot: ${line}`);
          outcomes.push({ language, ok: true, line });
          continue;
        }
        const appRun = timed(timings, INSTALL_LABEL[language], () => installApp(language, path.join(work, `app-${language}`), readme, version));
        const outdir = path.join(work, `out-${language}`);
        const printed = timed(timings, 'synth', () => appRun(outdir));
        const compared = timed(timings, 'compare', () => compare(language, twin, outdir));
        const refusal = checkRefusal(language, printed);
        const line = `${language} passed in ${seconds(Date.now() - t0)} (${timings.join(', ')}): ${size}; ${compared}; refused config: ${refusal}`;
        console.log(`polyglot: ${line}`);
        outcomes.push({ language, ok: true, line });
      } catch (e) {
        const line = `${language} FAILED after ${seconds(Date.now() - t0)} (${timings.join(', ')}): ${(e as Error).message}`;
        console.error(`polyglot: ${line}`);
        outcomes.push({ language, ok: false, line });
      }
    }
  } finally {
    if (keep) console.log(`polyglot: apps kept in ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
  const failed = outcomes.filter(o => !o.ok).map(o => o.language);
  console.log(`polyglot: ${failed.length === 0 ? 'passed' : `FAILED (${failed.join(', ')})`} in ${seconds(Date.now() - started)}: `
    + outcomes.map(o => `${o.language} ${o.ok ? 'ok' : 'failed'}`).join(', '));
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  try {
    process.exit(main());
  } catch (e) {
    console.error(`polyglot: FAILED: ${(e as Error).message}`);
    process.exit(1);
  }
}
