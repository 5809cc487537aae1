/**
 * The newcomer's two paths, run for real against the packed tarballs (dist/js and dist/cli, from
 * `npx projen build`), in a new app in an empty folder outside the repo:
 * 1. README.md's "Use it in your app" section to the letter (its `sh` blocks are run, its blocks titled
 *    with a file name are written): a CDK-only app installs the construct alone (no dependency, nothing
 *    bundled, no install script, at most 3 MB), synthesizes with `npx cdk synth`, and loads nothing but
 *    the construct and its peers;
 * 2. README.md's "Run the sandbox in your app" section in the same app, to the letter: the app developer
 *    adds the CLI package, writes the seed file, and starts the sandbox with it (on a free port: `--port 0`
 *    is added). Then, with the real AWS SDK: the seeded TOTP user signs in over SRP with a code computed
 *    from the seed's secret; the seeded SMS user resets the password with the code read from the outbox
 *    file the section names, and signs in with the new one; a SignUp answers; the watcher synthesized once
 *    (its own files start no synth). It is stopped with SIGINT, as Ctrl-C would.
 * Prints sizes and each command's time.
 *
 * Usage: `npx projen consume [-- --keep]` (`--keep` leaves the app folder for a look).
 */
import { execFileSync, execSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..');
const SECTION = '## Use it in your app';
const SANDBOX_SECTION = '## Run the sandbox in your app';
const PACKAGE = '@cdk-mfa/auth';
const CLI_PACKAGE = '@cdk-mfa/cli';
/** Where the sandbox section says codes land (the CLI's default: `outbox` beside the default state file). */
const OUTBOX_FILE = '.cdk-mfa-auth/outbox/outbox.jsonl';
/** The construct's tarball must unpack to at most this (issue 23: a CDK app that only synthesizes needs ~2 MB). */
const MAX_CONSTRUCT_BYTES = 3_000_000;

/** One step of the README section: a command block to run, or a file to write. */
export type ReadmeStep = { readonly kind: 'run'; readonly commands: string[] } | { readonly kind: 'file'; readonly name: string; readonly content: string };

/**
 * The fenced blocks of the README's "Use it in your app" section, in order: ```sh blocks are
 * commands (one a line); a block whose info string names a file (```json cdk.json) is that file.
 */
export function readmeSteps(readme: string, section_ = SECTION): ReadmeStep[] {
  const start = readme.indexOf(`${section_}\n`);
  if (start < 0) throw new Error(`README.md has no '${section_}' section`);
  const rest = readme.slice(start + section_.length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  const steps: ReadmeStep[] = [];
  for (const [, info, body] of section.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const [lang, name] = info.trim().split(/\s+/);
    if (name) steps.push({ kind: 'file', name, content: body });
    else if (lang === 'sh') steps.push({ kind: 'run', commands: body.split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#')) });
  }
  const must = section_ === SECTION ? 'cdk synth' : 'cdk-mfa-auth sandbox';
  if (!steps.some(s => s.kind === 'run' && s.commands.some(c => c.includes(must)))) {
    throw new Error(`README.md's '${section_}' section runs no '${must}'`);
  }
  if (section_ === SANDBOX_SECTION && !section.includes(OUTBOX_FILE)) throw new Error(`README.md's '${section_}' section does not name ${OUTBOX_FILE}`);
  return steps;
}

/** The command with each registry package swapped for its tarball, as a newcomer's `npm install @cdk-mfa/auth` would fetch it. */
export function withTarball(command: string, tarballs: Record<string, string>): string {
  if (!/^npm (install|i)\b/.test(command)) return command;
  return command.split(' ').map(word => tarballs[word] ?? word).join(' ');
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

function findTarball(folder: 'js' | 'cli'): string {
  const dir = path.join(REPO, 'dist', folder);
  const tarballs = fs.existsSync(dir) ? fs.readdirSync(dir).filter(f => f.endsWith('.tgz')) : [];
  if (tarballs.length !== 1) {
    throw new Error(`expected one tarball in ${dir}, found ${tarballs.length}: run 'npx projen build' first`);
  }
  return path.join(dir, tarballs[0]);
}

function main(): Promise<void> | void {
  const started = Date.now();
  const keep = process.argv.includes('--keep');
  const tarballs = { [PACKAGE]: findTarball('js'), [CLI_PACKAGE]: findTarball('cli') };
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-mfa-consume-'));
  if (path.relative(REPO, app).split(path.sep)[0] !== '..') throw new Error(`${app} is inside the repo; set TMPDIR elsewhere`);
  console.log(`consume: ${Object.values(tarballs).map(t => path.basename(t)).join(' and ')} into a new app in ${app}`);
  const timings: string[] = [];
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const run = (command: string) => {
    const t0 = Date.now();
    console.log(`consume: $ ${command}`);
    const output = execSync(withTarball(command, tarballs), { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
    if (command.includes('cdk synth')) process.stdout.write(output.split('\n').filter(l => !l.startsWith('  ')).join('\n'));
    timings.push(`${command.split(' ').slice(0, 4).join(' ')} ${seconds(Date.now() - t0)}`);
  };
  const finish = () => {
    if (keep) console.log(`consume: app kept in ${app}`);
    else fs.rmSync(app, { recursive: true, force: true });
  };
  try {
    // 1. A platform team's CDK-only app: the construct and its peers, nothing else.
    for (const step of readmeSteps(readme)) {
      if (step.kind === 'file') writeFile(app, step);
      else step.commands.forEach(run);
    }
    reportConstruct(app, tarballs[PACKAGE]);
  } catch (e) {
    finish();
    throw e;
  }
  // 2. The app developer's sandbox in the same app.
  return (async () => {
    try {
      for (const step of readmeSteps(readme, SANDBOX_SECTION)) {
        if (step.kind === 'file') { writeFile(app, step); continue; }
        for (const command of step.commands) {
          if (command.startsWith('npx cdk-mfa-auth sandbox')) timings.push(`sandbox ready and proven in ${seconds(await runSandbox(app, command))}`);
          else run(command);
        }
      }
      reportCli(app, tarballs[CLI_PACKAGE]);
      console.log(`consume: passed in ${seconds(Date.now() - started)} (${timings.join('; ')})`);
    } finally {
      finish();
    }
  })();
}

function writeFile(app: string, step: Extract<ReadmeStep, { kind: 'file' }>): void {
  fs.mkdirSync(path.dirname(path.join(app, step.name)), { recursive: true });
  fs.writeFileSync(path.join(app, step.name), step.content);
}

/** Checks what the CDK-only app installed, synthesized and loaded, and prints it. */
function reportConstruct(app: string, tarball: string): void {
  const installed = path.join(app, 'node_modules', ...PACKAGE.split('/'));
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const version: string = manifest.version;
  if (!version || version === '0.0.0') throw new Error(`the installed package has version ${version}: pack it with 'npx projen build' (it bumps the version)`);
  const size = unpackedSize(installed);
  console.log(`consume: installed ${PACKAGE}@${version}: ${mb(size.bytes)} unpacked in ${size.files} files, tarball ${mb(fs.statSync(tarball).size)}`);
  if (size.bytes > MAX_CONSTRUCT_BYTES) throw new Error(`${PACKAGE} unpacks to ${mb(size.bytes)}, over ${mb(MAX_CONSTRUCT_BYTES)}`);
  if (fs.existsSync(path.join(installed, 'node_modules'))) throw new Error(`${PACKAGE} ships a node_modules folder (bundled dependencies)`);
  const deps = Object.keys(manifest.dependencies ?? {});
  if (deps.length > 0) throw new Error(`${PACKAGE} has runtime dependencies: ${deps.join(', ')}`);
  const scripts = Object.keys(manifest.scripts ?? {}).filter(k => /install|prepare/.test(k));
  if (scripts.length > 0) throw new Error(`${PACKAGE} runs install scripts: ${scripts.join(', ')}`);
  for (const absent of [CLI_PACKAGE, 'better-sqlite3', 'fastify']) {
    if (fs.existsSync(path.join(app, 'node_modules', ...absent.split('/')))) throw new Error(`a CDK-only app got ${absent} installed`);
  }

  const cdkOut = path.join(app, 'cdk.out');
  const templates = fs.readdirSync(cdkOut).filter(f => f.endsWith('.template.json'));
  if (templates.length !== 1) throw new Error(`expected one stack template in ${cdkOut}, found ${templates.join(', ') || 'none'}`);
  const template = JSON.parse(fs.readFileSync(path.join(cdkOut, templates[0]), 'utf8'));
  const pools = Object.values<any>(template.Resources ?? {}).filter(r => r.Type === 'AWS::Cognito::UserPool');
  if (pools.length !== 1 || pools[0].Properties?.MfaConfiguration !== 'ON') {
    throw new Error(`expected one user pool with MfaConfiguration ON in ${templates[0]}`);
  }
  // What the app loads: the construct and its peers only (also a unit test, on src/).
  // With CDK_OUTDIR set the app synthesizes when it is about to exit, as under `cdk synth`; the list is read after that.
  const probeOut = path.join(app, 'cdk.probe.out');
  const probe = "require('ts-node/register/transpile-only'); require('./bin/app.ts'); process.once('exit', () => console.log(JSON.stringify("
    + 'Object.keys(require.cache).filter(f => /node_modules[\\/]/.test(f)).map(f => f.split(/node_modules[\\/]/)[1].split(/[\\/]/).slice(0, 2).join("/")))));';
  const probed = execFileSync(process.execPath, ['-e', probe], { cwd: app, encoding: 'utf8', env: { ...process.env, CDK_OUTDIR: probeOut } });
  if (!fs.readdirSync(probeOut).some(f => f.endsWith('.template.json'))) throw new Error(`the probe did not synthesize into ${probeOut}`);
  const loaded = new Set((JSON.parse(probed.trim().split('\n').pop()!) as string[]).map(p => (p.startsWith('@') ? p : p.split('/')[0])));
  // The construct, its peers and what they depend on (npm hoists aws-cdk-lib's own dependencies beside it), and ts-node's.
  const allowed = dependencyClosure(app, [PACKAGE, 'aws-cdk-lib', 'constructs', 'ts-node']);
  const unexpected = [...loaded].filter(p => !allowed.has(p));
  if (unexpected.length > 0) throw new Error(`synthesizing the app loaded packages besides the construct and its peers: ${unexpected.join(', ')}`);
  console.log(`consume: the app loaded ${PACKAGE}, aws-cdk-lib and constructs (with their dependencies), nothing else but ts-node`);
}

/** The packages `roots` bring into the app's node_modules: themselves and their dependencies, peers included. */
function dependencyClosure(app: string, roots: string[]): Set<string> {
  const names = new Set<string>();
  const visit = (name: string) => {
    if (names.has(name)) return;
    names.add(name);
    const manifest = path.join(app, 'node_modules', ...name.split('/'), 'package.json');
    if (!fs.existsSync(manifest)) return; // optional or nested under its dependant: still named
    const { dependencies, peerDependencies } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    for (const dep of Object.keys({ ...dependencies, ...peerDependencies })) visit(dep);
  };
  roots.forEach(visit);
  return names;
}

/** Waits up to this long for the sandbox to listen: with --watch it synthesizes first (ts-node type-checks the app: 20-50 s on CI). */
const SANDBOX_READY_MS = 240_000;

/**
 * Starts the README's sandbox command on a free port and proves the section with the real SDK (see the
 * file's comment), then stops it with SIGINT; the time from start to proof.
 */
async function runSandbox(app: string, command: string): Promise<number> {
  const t0 = Date.now();
  console.log(`consume: $ ${command} --port 0`);
  const [bin, ...args] = command.replace(/^npx /, '').split(' ');
  const child = spawn(path.join(app, 'node_modules', '.bin', bin), [...args, '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
  const watching = args.includes('--watch');
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the sandbox was not ready within ${SANDBOX_READY_MS / 1000} s:\n${output}`)), SANDBOX_READY_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // Ready once it listens, has written the outputs file it was asked for, and (with --watch) watches.
        const match = /listening on (\S+)/.exec(output);
        if (match && /Wrote \S*amplify_outputs\.json/.test(output) && (!watching || /^Watching /m.test(output))) { clearTimeout(timer); resolve(match[1]); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', code => { clearTimeout(timer); reject(new Error(`the sandbox exited with ${code}:\n${output}`)); });
    });
    if (/NodeVersionSupportWarning|^error:/m.test(output)) throw new Error(`the sandbox printed SDK noise or a second error prefix:\n${output}`);
    const outputs = JSON.parse(fs.readFileSync(path.join(app, 'amplify_outputs.json'), 'utf8'));
    const seed = JSON.parse(fs.readFileSync(path.join(app, seedFileOf(args)), 'utf8'));
    const totpUser = seed.users.find((u: any) => u.mfa?.totp?.secret);
    const resetUser = seed.users.find((u: any) => u !== totpUser);
    if (!totpUser || !resetUser) throw new Error('the seed file needs a user with a TOTP secret and another user');
    const proof = execFileSync(process.execPath, ['-e', proofScript({
      endpoint,
      region: outputs.auth.aws_region,
      poolId: outputs.auth.user_pool_id,
      clientId: outputs.auth.user_pool_client_id,
      totpUser: { username: totpUser.username, password: totpUser.password, secret: totpUser.mfa.totp.secret },
      resetUser: { username: resetUser.username, password: resetUser.password },
      outboxFile: OUTBOX_FILE,
    })], {
      cwd: app,
      encoding: 'utf8',
      // The proof is the app's own code with its own SDK client: on Node.js 20 that SDK warns about the
      // Node.js version, noise the CLI turns off for itself (the CLI's output is checked above).
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    for (const line of proof.trim().split('\n')) console.log(`consume: ${line}`);
    if (watching) {
      const synths = (output.match(/^Synthesizing: /gm) ?? []).length;
      if (synths !== 1) throw new Error(`the watcher synthesized ${synths} times where once was due (its own files must not start a synth):\n${output}`);
      console.log('consume: the watcher synthesized once; the state, outbox and amplify_outputs.json writes started no synth');
    }
    return Date.now() - t0;
  } finally {
    child.kill('SIGINT');
    const code = await exited;
    if (code !== 0 && code !== null) console.log(`consume: the sandbox exited with ${code} after SIGINT:\n${output}`);
  }
}

/** The --seed FILE of the command. */
function seedFileOf(args: string[]): string {
  const at = args.indexOf('--seed');
  if (at < 0 || !args[at + 1]) throw new Error("the README's sandbox command seeds no users (--seed FILE)");
  return args[at + 1];
}

interface ProofInput {
  readonly endpoint: string;
  readonly region: string;
  readonly poolId: string;
  readonly clientId: string;
  readonly totpUser: { username: string; password: string; secret: string };
  readonly resetUser: { username: string; password: string };
  readonly outboxFile: string;
}

/**
 * A script the app runs with what the CLI package brought (the AWS SDK, and the CLI's SRP and TOTP
 * helpers, as an app's own test code would import them), printing one line per proof.
 */
function proofScript(input: ProofInput): string {
  return `
const fs = require('fs');
const { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand, ForgotPasswordCommand, ConfirmForgotPasswordCommand, SignUpCommand }
  = require('@aws-sdk/client-cognito-identity-provider');
const { srpClient, srpTimestamp, totpCode } = require('@cdk-mfa/cli');
const input = ${JSON.stringify(input)};
const cognito = new CognitoIdentityProviderClient({ region: input.region, endpoint: input.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
async function srpSignIn(username, password) {
  const srp = srpClient(input.poolId.split('_')[1]);
  const started = await cognito.send(new InitiateAuthCommand({ ClientId: input.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: srp.A } }));
  if (started.ChallengeName !== 'PASSWORD_VERIFIER') throw new Error('expected PASSWORD_VERIFIER, got ' + started.ChallengeName);
  return cognito.send(new RespondToAuthChallengeCommand({
    ClientId: input.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: started.Session,
    ChallengeResponses: srp.passwordVerifier(started.ChallengeParameters, password, srpTimestamp(new Date())),
  }));
}
(async () => {
  const t = input.totpUser;
  const verified = await srpSignIn(t.username, t.password);
  if (verified.ChallengeName !== 'SOFTWARE_TOKEN_MFA') throw new Error('expected SOFTWARE_TOKEN_MFA, got ' + verified.ChallengeName);
  const signedIn = await cognito.send(new RespondToAuthChallengeCommand({
    ClientId: input.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: verified.Session,
    ChallengeResponses: { USERNAME: t.username, SOFTWARE_TOKEN_MFA_CODE: totpCode(t.secret, Date.now()) },
  }));
  if (!signedIn.AuthenticationResult?.AccessToken) throw new Error('no tokens after the TOTP code');
  console.log('seeded ' + t.username + ' signed in over SRP with a TOTP code computed from the seed secret');

  const r = input.resetUser;
  const sent = await cognito.send(new ForgotPasswordCommand({ ClientId: input.clientId, Username: r.username }));
  const lines = fs.readFileSync(input.outboxFile, 'utf8').trim().split('\\n').map(l => JSON.parse(l));
  const message = lines.reverse().find(m => m.purpose === 'FORGOT_PASSWORD' && (m.aliases || []).includes(r.username));
  if (!message || !message.code) throw new Error('no FORGOT_PASSWORD code for ' + r.username + ' in ' + input.outboxFile);
  const newPassword = r.password + '-new1';
  await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: input.clientId, Username: r.username, ConfirmationCode: message.code, Password: newPassword }));
  const again = await srpSignIn(r.username, newPassword);
  if (!again.ChallengeName && !again.AuthenticationResult) throw new Error('the new password did not sign in');
  console.log('seeded ' + r.username + ' reset the password (code by ' + sent.CodeDeliveryDetails.DeliveryMedium + ', read from ' + input.outboxFile + ') and signed in with the new one (next: ' + (again.ChallengeName || 'tokens') + ')');

  const signUp = await cognito.send(new SignUpCommand({ ClientId: input.clientId, Username: 'newcomer@example.com', Password: 'Correct-Horse-Battery-42!' }));
  if (typeof signUp.UserSub !== 'string' || signUp.UserConfirmed !== false) throw new Error('unexpected SignUp answer');
  console.log('SignUp answered (user ' + signUp.UserSub + ', unconfirmed, code in the outbox)');
})().catch(e => { console.error(e.name + ': ' + e.message); process.exit(1); });
`;
}

/** Checks the CLI package the app developer installed. */
function reportCli(app: string, tarball: string): void {
  const installed = path.join(app, 'node_modules', ...CLI_PACKAGE.split('/'));
  const { version } = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  const cli = execSync('npx --no-install cdk-mfa-auth --version', { cwd: app, encoding: 'utf8' }).trim();
  if (cli !== version) throw new Error(`cdk-mfa-auth --version printed ${JSON.stringify(cli)}, expected ${version}`);
  const size = unpackedSize(installed);
  console.log(`consume: installed ${CLI_PACKAGE}@${version}: ${mb(size.bytes)} unpacked in ${size.files} files (its dependencies beside it), tarball ${mb(fs.statSync(tarball).size)}`);
}

if (require.main === module) {
  const fail = (e: unknown) => {
    // A failed command's message already holds its stderr.
    const err = e as Error & { stdout?: string };
    console.error(`${err.stdout ?? ''}consume: FAILED: ${err.message}`);
    process.exit(1);
  };
  try {
    Promise.resolve(main()).catch(fail);
  } catch (e) {
    fail(e);
  }
}
