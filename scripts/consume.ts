/**
 * The newcomer's path, run for real: takes the packed tarball (dist/js, from `npx projen build`), makes
 * a new CDK app in an empty folder outside the repo by following README.md's "Use it in your app"
 * section to the letter (its `sh` blocks are run, its blocks titled with a file name are written),
 * synthesizes it with `npx cdk synth`, checks the stack has MFA, and prints its summary and timings.
 *
 * Usage: `npx projen consume [-- --keep]` (`--keep` leaves the app folder for a look).
 */
import { execFileSync, execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const SECTION = '## Use it in your app';
const PACKAGE = '@cdk-mfa/auth';

/** One step of the README section: a command block to run, or a file to write. */
export type ReadmeStep = { readonly kind: 'run'; readonly commands: string[] } | { readonly kind: 'file'; readonly name: string; readonly content: string };

/**
 * The fenced blocks of the README's "Use it in your app" section, in order: ```sh blocks are
 * commands (one a line); a block whose info string names a file (```json cdk.json) is that file.
 */
export function readmeSteps(readme: string): ReadmeStep[] {
  const start = readme.indexOf(`${SECTION}\n`);
  if (start < 0) throw new Error(`README.md has no '${SECTION}' section`);
  const rest = readme.slice(start + SECTION.length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const steps: ReadmeStep[] = [];
  for (const [, info, body] of section.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [lang, name] = info.trim().split(/\s+/);
    if (name) steps.push({ kind: 'file', name, content: body });
    else if (lang === 'sh') steps.push({ kind: 'run', commands: body.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#')) });
  }
  if (!steps.some(s => s.kind === 'run' && s.commands.some(c => c.includes('cdk synth')))) {
    throw new Error(`README.md's '${SECTION}' section runs no 'npx cdk synth'`);
  }
  return steps;
}

/** The command with the registry package swapped for the tarball, as a newcomer's `npm install @cdk-mfa/auth` would fetch it. */
export function withTarball(command: string, tarball: string): string {
  if (!/^npm (install|i)\b/.test(command)) return command;
  return command.split(' ').map(word => (word === PACKAGE ? tarball : word)).join(' ');
}

/** Sum of file sizes under a folder (npm's "unpacked size") and the file count. */
export function unpackedSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function findTarball(): string {
  const dir = path.join(REPO, 'dist', 'js');
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected one tarball in ${dir}, found ${tarballs.length}: run 'npx projen build' first`);
  }
  return path.join(dir, tarballs[0]);
}

function main(): void {
  const started = Date.now();
  const keep = process.argv.includes('--keep');
  const tarball = findTarball();
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-mfa-consume-'));
  if (path.relative(REPO, app).split(path.sep)[0] !== '..') throw new Error(`${app} is inside the repo; set TMPDIR elsewhere`);
  console.log(`consume: ${path.basename(tarball)} into a new app in ${app}`);
  const timings: string[] = [];
  try {
    for (const step of readmeSteps(fs.readFileSync(path.join(REPO, 'README.md'), 'utf8'))) {
      if (step.kind === 'file') {
        fs.mkdirSync(path.dirname(path.join(app, step.name)), { recursive: true });
        fs.writeFileSync(path.join(app, step.name), step.content);
        continue;
      }
      for (const command of step.commands) {
        const t0 = Date.now();
        const actual = withTarball(command, tarball);
        console.log(`consume: $ ${command}`);
        const output = execSync(actual, { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
        if (command.includes('cdk synth')) process.stdout.write(output.split('\n').filter(l => !l.startsWith('  ')).join('\n'));
        timings.push(`${command.split(' ').slice(0, 3).join(' ')} ${seconds(Date.now() - t0)}`);
      }
    }
    report(app, tarball);
    console.log(`consume: passed in ${seconds(Date.now() - started)} (${timings.join('; ')})`);
  } finally {
    if (keep) console.log(`consume: app kept in ${app}`);
    else fs.rmSync(app, { recursive: true, force: true });
  }
}

/** Checks what was installed and synthesized, and prints it. */
function report(app: string, tarball: string): void {
  const installed = path.join(app, 'node_modules', ...PACKAGE.split('/'));
  const { version } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  if (!version || version === '0.0.0') throw new Error(`the installed package has version ${version}: pack it with 'npx projen build' (it bumps the version)`);
  const size = unpackedSize(installed);
  const bundled = unpackedSize(path.join(installed, 'node_modules'));
  console.log(`consume: installed ${PACKAGE}@${version}: ${mb(size.bytes)} unpacked in ${size.files} files `
    + `(${mb(bundled.bytes)} of it bundled dependencies), tarball ${mb(fs.statSync(tarball).size)}`);

  const cli = execSync('npx --no-install cdk-mfa-auth --version', { cwd: app, encoding: 'utf8' }).trim();
  if (cli !== version) throw new Error(`cdk-mfa-auth --version printed ${JSON.stringify(cli)}, expected ${version}`);

  const cdkOut = path.join(app, 'cdk.out');
  const templates = fs.readdirSync(cdkOut).filter(f => f.endsWith('.template.json'));
  if (templates.length !== 1) throw new Error(`expected one stack template in ${cdkOut}, found ${templates.join(', ') || 'none'}`);
  const template = JSON.parse(fs.readFileSync(path.join(cdkOut, templates[0]), 'utf8'));
  const pools = Object.values<any>(template.Resources ?? {}).filter(r => r.Type === 'AWS::Cognito::UserPool');
  if (pools.length !== 1 || pools[0].Properties?.MfaConfiguration !== 'ON') {
    throw new Error(`expected one user pool with MfaConfiguration ON in ${templates[0]}`);
  }
  // What the app loads: the construct, none of its bundled dependencies (they sit in the package's own
  // node_modules) and not the sandbox or the CLI (also a unit test, on src/).
  // With CDK_OUTDIR set the app synthesizes when it is about to exit, as under `cdk synth`; the list is read after that.
  const probeOut = path.join(app, 'cdk.probe.out');
  const probe = "require('ts-node/register/transpile-only'); require('./bin/app.ts'); process.once('exit', () => console.log(JSON.stringify("
    + 'Object.keys(require.cache).filter(f => /@cdk-mfa[\\/]auth[\\/](node_modules|lib[\\/](sandbox|cli))[\\/]/.test(f)))));';
  const probed = execFileSync(process.execPath, ['-e', probe], { cwd: app, encoding: 'utf8', env: { ...process.env, CDK_OUTDIR: probeOut } });
  if (!fs.readdirSync(probeOut).some(f => f.endsWith('.template.json'))) throw new Error(`the probe did not synthesize into ${probeOut}`);
  const heavy: string[] = JSON.parse(probed.trim().split('\n').pop()!);
  if (heavy.length > 0) throw new Error(`synthesizing the app loaded the sandbox or bundled dependencies: ${heavy.slice(0, 5).join(', ')}`);
  console.log('consume: the app loaded none of the bundled dependencies, nor the sandbox or the CLI');

  // The summary comes from the installed package, as the app would load it.
  const summary = execSync(`node -e "const s = require('${PACKAGE}/lib/summary/template-summary');`
    + ' console.log(s.summarizeTemplate(process.argv[1], require(process.argv[2])).join(\'\\n\'))" '
    + `${templates[0].replace('.template.json', '')} ${path.join(cdkOut, templates[0])}`, { cwd: app, encoding: 'utf8' });
  process.stdout.write(summary);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    // A failed command's message already holds its stderr.
    const err = e as Error & { stdout?: string };
    console.error(`${err.stdout ?? ''}consume: FAILED: ${err.message}`);
    process.exit(1);
  }
}
