/**
 * Checks the Python, Java, .NET and Go code that `jsii-pacmak --code-only` generated, with the
 * toolchains this machine has, so a broken binding fails the build, fast and offline: each is parsed by
 * its language's own parser, and imported where a runtime is at hand. The build needs no registry for
 * this; after the build, CI packages the Python, Java and Go code and uses it in real apps with aws-cdk-lib
 * from PyPI, Maven Central and the Go proxy (scripts/polyglot.ts). NuGet is not reachable here:
 *
 * - Python: every module compiles (CPython's parser); imported when `jsii`, `aws_cdk` and `constructs`
 *   are importable (they come from PyPI only);
 * - Java: every file parses (javac, stopped after parsing: the jsii runtime and aws-cdk-lib jars are on Maven Central only);
 * - .NET: every file parses (tree-sitter's C# grammar: no .NET SDK here, nor in Debian);
 * - Go: every file parses and go.mod is valid (gofmt and `go mod edit`, Debian's golang-go).
 *
 * A toolchain that is missing is reported as skipped; under CI (`CI` set) it is a failure, since
 * `.ci/run` installs them. Usage: `ts-node scripts/check-bindings.ts [dist]`; exit 1 on any failure.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the results are written for the build's closing line (scripts/build-summary.ts). */
export const BINDINGS_REPORT = 'dist/bindings-check.json';

/** What the check found, per language. */
export interface BindingsReport {
  readonly passed: boolean;
  readonly results: readonly CheckResult[];
}

/** What one language's check found. */
export interface CheckResult {
  readonly language: string;
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly detail: string;
}

interface Run {
  readonly ok: boolean;
  readonly output: string;
}

function run(command: string, args: string[], options: { cwd?: string } = {}): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { ok: false, output: result.error.message };
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

function has(command: string): boolean {
  return run('sh', ['-c', `command -v ${command}`]).ok;
}

/** Every file under `dir` whose name ends with `ext`. */
export function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith(ext))
    .map(f => path.join(dir, f))
    .sort();
}

function missing(language: string, what: string): CheckResult {
  return { language, status: 'skipped', detail: what };
}

function noFiles(language: string, dir: string, ext: string): CheckResult {
  return { language, status: 'failed', detail: `no ${ext} files under ${dir}: did jsii-pacmak --code-only run?` };
}

export function checkPython(dist: string): CheckResult {
  const src = path.join(dist, 'python', 'src');
  const files = filesUnder(src, '.py');
  if (files.length === 0) return noFiles('python', src, '.py');
  if (!has('python3')) return missing('python', 'no python3');
  const compiled = run('python3', ['-m', 'compileall', '-q', src]);
  if (!compiled.ok) return { language: 'python', status: 'failed', detail: compiled.output };
  const runtime = run('python3', ['-c', 'import jsii, aws_cdk, constructs']);
  if (!runtime.ok) {
    return {
      language: 'python',
      status: 'ok',
      detail: `${files.length} modules compile; import not tried: this machine lacks the Python packages jsii, aws-cdk-lib and constructs (PyPI only)`,
    };
  }
  const imported = run('python3', ['-c', 'import cdk_mfa_auth; print(cdk_mfa_auth.MfaMode.REQUIRED, cdk_mfa_auth.Placeholders.CODE)'], { cwd: src });
  if (!imported.ok) return { language: 'python', status: 'failed', detail: `import cdk_mfa_auth failed: ${imported.output}` };
  return { language: 'python', status: 'ok', detail: `${files.length} modules compile and import (${imported.output})` };
}

export function checkJava(dist: string): CheckResult {
  const dir = path.join(dist, 'java');
  const files = filesUnder(dir, '.java');
  if (files.length === 0) return noFiles('java', dir, '.java');
  if (!has('javac')) return missing('java', 'no javac');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bindings-javac-'));
  try {
    const parsed = run('javac', ['-XDshould-stop.ifError=PARSE', '-XDshould-stop.ifNoError=PARSE', '-d', out, ...files]);
    if (!parsed.ok) return { language: 'java', status: 'failed', detail: parsed.output };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return { language: 'java', status: 'ok', detail: `${files.length} files parse (javac; not compiled: the jsii runtime and aws-cdk-lib jars are on Maven Central only)` };
}

export async function checkDotnet(dist: string): Promise<CheckResult> {
  const dir = path.join(dist, 'dotnet');
  const files = filesUnder(dir, '.cs');
  if (files.length === 0) return noFiles('dotnet', dir, '.cs');
  // A dev dependency: its WebAssembly grammar needs no native build.
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('tree-sitter-c-sharp/tree-sitter-c_sharp.wasm')));
  const broken = files.filter(f => parser.parse(fs.readFileSync(f, 'utf8'))?.rootNode.hasError ?? true);
  if (broken.length > 0) return { language: 'dotnet', status: 'failed', detail: `C# syntax errors in ${broken.join(', ')}` };
  return { language: 'dotnet', status: 'ok', detail: `${files.length} files parse (tree-sitter C#; not compiled: no .NET SDK here, and NuGet is not reachable)` };
}

export function checkGo(dist: string): CheckResult {
  const dir = path.join(dist, 'go');
  const files = filesUnder(dir, '.go');
  if (files.length === 0) return noFiles('go', dir, '.go');
  if (!has('gofmt') || !has('go')) return missing('go', 'no gofmt/go (apt-get install golang-go)');
  // -l only lists files gofmt would reformat (pacmak formats them only when it builds); -e reports every syntax error.
  const parsed = run('gofmt', ['-e', '-l', dir]);
  if (!parsed.ok) return { language: 'go', status: 'failed', detail: parsed.output };
  for (const mod of filesUnder(dir, 'go.mod')) {
    const edited = run('go', ['mod', 'edit', '-json', mod]);
    if (!edited.ok) return { language: 'go', status: 'failed', detail: `${mod}: ${edited.output}` };
  }
  return { language: 'go', status: 'ok', detail: `${files.length} files parse, go.mod valid (gofmt; not built: the Go proxy is not reachable)` };
}

async function main(): Promise<number> {
  const dist = process.argv[2] ?? 'dist';
  const results = [checkPython(dist), checkJava(dist), await checkDotnet(dist), checkGo(dist)];
  for (const r of results) console.log(`bindings: ${r.language} ${r.status}: ${r.detail}`);
  const required = Boolean(process.env.CI);
  const failed = results.filter(r => r.status === 'failed' || (required && r.status === 'skipped'));
  const line = results.map(r => `${r.language} ${r.status}`).join(', ');
  console.log(`bindings: ${failed.length === 0 ? 'passed' : 'FAILED'} (${line})${required ? '' : '; skipped toolchains are required under CI'}`);
  const report: BindingsReport = { passed: failed.length === 0, results };
  fs.writeFileSync(BINDINGS_REPORT, `${JSON.stringify(report, null, 2)}\n`);
  return failed.length === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(code => process.exit(code), (e: Error) => {
    console.error(`bindings: ${e.stack ?? e.message}`);
    process.exit(1);
  });
}
