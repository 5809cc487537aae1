/**
 * `cdk-mfa-auth sandbox --watch --seed --outputs` on a real CDK app: the app file is edited, the
 * watcher re-synthesizes, and the new MFA mode is served to the users made before the edit (a
 * seeded one with TOTP, one signed up), whose MFA stays. The app is plain JavaScript requiring the
 * compiled construct (lib/, built before the tests by `npx projen build`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminConfirmSignUpCommand, CognitoIdentityProviderClient, GetUserPoolMfaConfigCommand, InitiateAuthCommand,
  RespondToAuthChallengeCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { main } from '../../../src/cli/main';
import { ROOT_LIB, ROOT_NODE_MODULES, totpCode } from '../../support';

// The app lives in a temp folder: it requires the repo's aws-cdk-lib by path (the construct's peer).
const CDK_LIB = path.join(ROOT_NODE_MODULES, 'aws-cdk-lib');
const PASSWORD = 'Passw0rd!long-enough';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The child sandbox runs on the real clock. */
const totpNow = () => totpCode(SECRET, Date.now());

const appSource = (mode: 'OPTIONAL' | 'REQUIRED') => `
const { App, Stack } = require(${JSON.stringify(CDK_LIB)});
const { Auth, MfaMode } = require(${JSON.stringify(ROOT_LIB)});
const app = new App();
const stack = new Stack(app, 'WatchStack', { env: { account: '123456789012', region: 'us-east-1' } });
new Auth(stack, 'Auth', {
  loginWith: { email: {} },
  multifactor: { mode: MfaMode.${mode}, totp: true },
  client: { authFlows: { userPassword: true, userSrp: true } },
});
app.synth();
`;

async function waitFor(output: string[], pattern: RegExp, ms: number): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const text = output.join('');
    if (pattern.test(text)) return text;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern} in:\n${output.join('').slice(-3000)}`);
}

test('an edit to the app file is re-synthesized and served; users and their MFA stay', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-cli-'));
  const appFile = path.join(dir, 'app.js');
  fs.writeFileSync(appFile, appSource('OPTIONAL'));
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js', output: 'cdk.out', watch: { include: ['**/*.js'] } }));
  const seedFile = path.join(dir, 'users.json');
  fs.writeFileSync(seedFile, JSON.stringify({ users: [{ username: 'ada@example.com', password: PASSWORD, mfa: { totp: { secret: SECRET } } }] }));
  const outputsFile = path.join(dir, 'amplify_outputs.json');

  const output: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  const running = main(['sandbox', '--watch', '--cdk-json', path.join(dir, 'cdk.json'), '--port', '0', '--state', path.join(dir, 'state.db'),
    '--seed', seedFile, '--outputs', outputsFile]);
  let cognito: CognitoIdentityProviderClient | undefined;
  try {
    const banner = await waitFor(output, /Watching /, 90_000);
    expect(banner).toMatch(/Seeded from .*users\.json: 1 created/);
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
    const poolId = /User pool WatchStack\/\w+: (us-east-1_\w+)/.exec(banner)![1];
    const clientId = /client \w+: ([a-z0-9]{26}) /.exec(banner)![1];
    expect(JSON.parse(fs.readFileSync(outputsFile, 'utf8')).auth).toMatchObject({ user_pool_id: poolId, user_pool_client_id: clientId, mfa_configuration: 'OPTIONAL' });
    cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    const signIn = (username: string) => cognito!.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD },
    }));

    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ben@example.com', Password: PASSWORD }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'ben@example.com' }));
    expect((await signIn('ben@example.com')).AuthenticationResult?.AccessToken).toBeDefined(); // OPTIONAL, no MFA of his own
    expect((await signIn('ada@example.com')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    fs.writeFileSync(appFile, appSource('REQUIRED'));
    await waitFor(output, /Reloaded:\n\s+WatchStack\/\w+: MFA OPTIONAL -> ON/, 90_000);
    expect((await cognito.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }))).MfaConfiguration).toBe('ON');
    // The outputs are rewritten after the reload: a second "Wrote" line.
    await waitFor(output, /Wrote .*amplify_outputs\.json[\s\S]*Wrote .*amplify_outputs\.json/, 90_000);
    expect(JSON.parse(fs.readFileSync(outputsFile, 'utf8')).auth.mfa_configuration).toBe('REQUIRED');
    // Ben must now set up MFA; Ada keeps her TOTP and signs in with it.
    expect((await signIn('ben@example.com')).ChallengeName).toBe('MFA_SETUP');
    const ada = await signIn('ada@example.com');
    expect(ada.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await cognito.send(new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: ada.Session,
      ChallengeResponses: { USERNAME: 'ada@example.com', SOFTWARE_TOKEN_MFA_CODE: totpNow() },
    }));
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  } finally {
    cognito?.destroy();
    process.emit('SIGINT');
    await running.catch(() => undefined);
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(await running).toBe(0);
}, 240_000);

test('the files the sandbox writes inside a folder watched with ** start no synth: one synth until the app changes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-own-'));
  const appFile = path.join(dir, 'app.js');
  fs.writeFileSync(appFile, appSource('OPTIONAL'));
  // No watch block: every file of the folder is watched, as in README's app before it has one.
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
  fs.writeFileSync(path.join(dir, 'users.json'), JSON.stringify({ users: [{ username: 'ada@example.com', password: PASSWORD }] }));

  const output: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  const cwd = process.cwd();
  process.chdir(dir);
  // Relative paths, as a developer types them in the app folder; the state, outbox and outputs all inside it.
  const running = main(['sandbox', '--watch', '--port', '0', '--state', 'state.db', '--outbox', 'outbox', '--seed', 'users.json',
    '--outputs', 'amplify_outputs.json']);
  let cognito: CognitoIdentityProviderClient | undefined;
  const synths = () => (output.join('').match(/^Synthesizing: /gm) ?? []).length;
  try {
    const banner = await waitFor(output, /Watching /, 90_000);
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1];
    const clientId = /client \w+: ([a-z0-9]{26}) /.exec(banner)![1];
    // The sandbox writes its state (WAL), its outbox and, after a reload, amplify_outputs.json.
    cognito = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'ben@example.com', Password: PASSWORD }));
    expect(fs.readFileSync(path.join(dir, 'outbox', 'outbox.jsonl'), 'utf8')).toContain('ben@example.com');
    fs.writeFileSync(appFile, appSource('REQUIRED'));
    await waitFor(output, /Wrote .*amplify_outputs\.json[\s\S]*Wrote .*amplify_outputs\.json/, 90_000);
    await cognito.send(new SignUpCommand({ ClientId: clientId, Username: 'cy@example.com', Password: PASSWORD }));
    // A sentinel edit after all of that: the watcher reports changes in order, so once it names this
    // file, any change of the sandbox's own files would have been reported before it.
    fs.writeFileSync(path.join(dir, 'sentinel.js'), '// touched\n');
    const text = await waitFor(output, /Changed: sentinel\.js/, 90_000);
    expect(text.match(/^Changed: .*$/gm)).toEqual(['Changed: app.js', 'Changed: sentinel.js']);
    // The first synth and the edit's; the sentinel's is the third.
    expect(synths()).toBeLessThanOrEqual(3);
    await waitFor(output, /Changed: sentinel\.js[\s\S]*Reloaded: no change to the pools/, 90_000);
    expect(synths()).toBe(3);
  } finally {
    cognito?.destroy();
    process.emit('SIGINT');
    await running.catch(() => undefined);
    process.chdir(cwd);
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(await running).toBe(0);
}, 240_000);

test('an app whose Auth config is invalid: the problems, without stack trace or object dump, and the sandbox does not start', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watch-config-error-'));
  // MFA REQUIRED with no method: the construct refuses it at synth, naming the property and the fix.
  fs.writeFileSync(path.join(dir, 'app.js'), appSource('REQUIRED').replace('totp: true', 'totp: false'));
  fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
  const output: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  try {
    await expect(main(['sandbox', '--watch', '--cdk-json', path.join(dir, 'cdk.json'), '--port', '0', '--state', path.join(dir, 'state.db')]))
      .rejects.toThrow("the first synth failed, so there is nothing to serve yet: 'node app.js' failed (exit code 1): the app's Auth configuration is invalid; fix the problems listed above");
  } finally {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const synthLines = output.join('').split('\n').filter(line => line.startsWith('  synth: '));
  expect(synthLines).toEqual([
    '  synth: Invalid Auth configuration at WatchStack/Auth (1 problem):',
    expect.stringMatching(/^ {2}synth: {3}- multifactor: mode REQUIRED needs at least one method; set multifactor\.totp: true/),
  ]);
}, 120_000);
