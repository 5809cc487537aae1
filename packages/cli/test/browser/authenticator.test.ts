/**
 * Amplify's <Authenticator> (@aws-amplify/ui-react) in Debian's Chromium against the sandbox: a page
 * built with Vite (test/browser/authenticator-app/), configured from the amplify_outputs.json our
 * client tools write plus the sandbox endpoint. Sign up, confirm with the outboxed code, TOTP setup
 * from the secret the page shows, sign in with TOTP, sign out; then SMS MFA after adding and
 * verifying a phone, and passkeys through Chromium's virtual authenticator, each enabled once the
 * sandbox answers the operations it needs (see NEEDS below). Every X-Amz-Target the page sends is logged.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { AuthProps, MfaMode } from '@cdk-mfa/auth';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotDir, screenshotter } from './chromium';
import { synthAuth } from '../../../../test/support/synth';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../src/client';
import { Sandbox, startSandbox } from '../../src/sandbox';
import { OPERATIONS } from '../../src/sandbox/operations';
import { REPO_ROOT, ROOT_NODE_MODULES, TestClock, totpCode } from '../support';

jest.setTimeout(120_000);

const APP_DIR = path.join(__dirname, 'authenticator-app');
const EMAIL = 'zoe@example.com';
const PASSWORD = 'Correct-Horse-42!';
const PHONE = '+14155550123';

/**
 * Operations a step needs that other branches of issue 13 add to the sandbox. A step runs as soon as
 * the sandbox's operation table has them (after the merge), and is skipped with the reason until then.
 */
const NEEDS = {
  sms: ['UpdateUserAttributes', 'GetUserAttributeVerificationCode', 'VerifyUserAttribute'],
  passkeys: ['StartWebAuthnRegistration', 'CompleteWebAuthnRegistration', 'ListWebAuthnCredentials'],
};
/** Operations Amplify calls that may still answer UnsupportedOperationException while the table lacks them. */
const PENDING_ELSEWHERE = ['RevokeToken', ...NEEDS.sms, ...NEEDS.passkeys];
const missing = (ops: string[]) => ops.filter(op => !Object.prototype.hasOwnProperty.call(OPERATIONS, op));
function when(ops: string[]) {
  const lacking = missing(ops);
  if (lacking.length) console.log(`authenticator suite: skipped until the sandbox answers ${lacking.join(', ')} (issue 13)`);
  return lacking.length ? test.skip : test;
}

/** One Cognito call the page made: the operation, the HTTP status and the error type, if any. */
interface Call { readonly step: string; readonly operation: string; readonly status: number; readonly errorType?: string }

let sandbox: Sandbox;
let browser: Browser;
let server: http.Server;
let origin: string;
let outDir: string;
const clock = new TestClock();
const calls: Call[] = [];
let step = 'load';
let totpSecret: string;
let shot: (page: Page, name: string) => Promise<string>;

/** The Vite build, as a developer runs it (Vite's Node API is ESM-only, which jest's module system cannot load). */
async function buildApp(dir: string) {
  await promisify(execFile)(process.execPath, [path.join(ROOT_NODE_MODULES, 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(APP_DIR, 'vite.config.mjs')], {
    cwd: REPO_ROOT, env: { ...process.env, AUTHENTICATOR_APP_OUT: dir },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** A static host for the built page and its two config files. */
async function serve(dir: string, files: () => Record<string, unknown>) {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost').pathname;
    const config = files()[url];
    if (config) {
      res.writeHead(200, { 'content-type': TYPES['.json'] });
      return res.end(JSON.stringify(config));
    }
    const file = path.join(dir, path.normalize(url === '/' ? '/index.html' : url));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    return res.end(fs.readFileSync(file));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
}

/** The pool's sandbox and the two files the page reads: amplify_outputs.json and sandbox.json. */
async function startPool(props: AuthProps, passwordless?: object) {
  const template = synthAuth(props).template.toJSON();
  const started = await startSandbox({ template, clock: clock.now, log: () => undefined });
  const pool = started.userPools[0];
  const outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(template, {
    region: started.region, userPoolId: pool.id, userPoolClientId: pool.clients[0].id,
  }));
  return { sandbox: started, files: { '/amplify_outputs.json': outputs, '/sandbox.json': { endpoint: started.endpoint, passwordless } } };
}

/** Email sign-in, MFA REQUIRED with TOTP and SMS, an optional phone number the user adds later. */
const MFA_POOL: AuthProps = {
  loginWith: { email: {} },
  userAttributes: { phoneNumber: { required: false, mutable: true } },
  multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: {} },
};

let served: Record<string, unknown> = {};

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'authenticator-app-'));
  const [chromium, started] = await Promise.all([launchChromium(), startPool(MFA_POOL), buildApp(outDir)]);
  browser = chromium;
  sandbox = started.sandbox;
  served = started.files;
  await serve(outDir, () => served);
  shot = screenshotter(screenshotDir('authenticator'));
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  await new Promise(resolve => server ? server.close(resolve) : resolve(undefined));
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  console.log(`authenticator suite: the page's Cognito calls\n${calls.map(c => `  ${c.step}: ${c.operation} ${c.status}${c.errorType ? ` ${c.errorType}` : ''}`).join('\n')}`);
});

/** A tab whose Cognito calls (X-Amz-Target requests to the sandbox) are recorded under the current step. */
async function openPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('response', response => {
    const target = response.request().headers()['x-amz-target'];
    if (!target) return;
    calls.push({
      step,
      operation: target.replace('AWSCognitoIdentityProviderService.', ''),
      status: response.status(),
      errorType: response.headers()['x-amzn-errortype'],
    });
  });
  await page.goto(`${origin}/`);
  return { context, page };
}

function outboxCode(purpose: string, channel: 'EMAIL' | 'SMS', from = sandbox): string {
  const message = from.outbox.latest({ poolId: from.userPools[0].id, username: EMAIL, purpose, channel });
  if (!message?.code) throw new Error(`no ${channel} ${purpose} code for ${EMAIL} in the outbox`);
  return message.code;
}

/** A fresh TOTP code: the sandbox refuses a replayed one, like Cognito, so its clock moves one step first. */
function nextTotpCode(): string {
  clock.advance(30_000);
  return totpCode(totpSecret, clock.now());
}

async function signInWithPassword(page: Page) {
  await page.getByRole('tab', { name: 'Sign In' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function expectSignedIn(page: Page) {
  await page.locator('#signed-in').waitFor({ timeout: 20_000 });
  expect(await page.locator('#signed-in').textContent()).toBe(`Signed in as ${EMAIL}`);
}

async function signOut(page: Page) {
  step = 'sign out';
  await page.click('#sign-out');
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
}

/** The Authenticator's sign-up form, then its confirmation form with the code from `from`'s outbox. */
async function signUpAndConfirm(page: Page, from: Sandbox, screenshots: boolean) {
  step = 'sign up';
  await page.getByRole('tab', { name: 'Create Account' }).click();
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm Password').fill(PASSWORD);
  if (screenshots) await shot(page, 'sign-up');
  await page.getByRole('button', { name: 'Create Account' }).click();

  step = 'confirm sign up';
  await page.getByLabel('Confirmation Code').waitFor();
  if (screenshots) await shot(page, 'confirm-sign-up');
  await page.getByLabel('Confirmation Code').fill(outboxCode('SIGN_UP', 'EMAIL', from));
  await page.getByRole('button', { name: 'Confirm' }).click();
}

test('sign up, confirm with the emailed code, set up TOTP from the page\'s secret, sign out, sign in with TOTP', async () => {
  const { context, page } = await openPage();
  try {
    await signUpAndConfirm(page, sandbox, true);

    step = 'TOTP setup';
    const secretText = page.locator('[data-amplify-copy] > div').first();
    await secretText.waitFor({ timeout: 20_000 });
    await page.locator('img[data-amplify-qrcode]').waitFor();
    expect(await page.locator('img[data-amplify-qrcode]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret = (await secretText.textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(page, 'totp-setup');
    totpSecret = secret;
    await page.getByLabel('Code').fill(totpCode(secret, clock.now()));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectSignedIn(page);
    await shot(page, 'signed-in-after-setup');
    await signOut(page);
    await shot(page, 'signed-out');

    step = 'sign in with TOTP';
    await signInWithPassword(page);
    await page.getByLabel('Code').waitFor();
    await shot(page, 'totp-code');
    await page.getByLabel('Code').fill(nextTotpCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectSignedIn(page);
    await shot(page, 'signed-in-with-totp');
    await signOut(page);
  } finally {
    await context.close();
  }
});

when(NEEDS.sms)('add and verify a phone number, prefer SMS, then sign in with the texted code', async () => {
  const { context, page } = await openPage();
  try {
    step = 'sign in with TOTP';
    await signInWithPassword(page);
    await page.getByLabel('Code').fill(nextTotpCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectSignedIn(page);

    step = 'add phone';
    await page.fill('#phone', PHONE);
    await page.click('#add-phone');
    await page.locator('#account-status', { hasText: 'add-phone: {' }).waitFor();
    step = 'verify phone';
    await page.fill('#phone-code', outboxCode('UPDATE_ATTRIBUTE', 'SMS'));
    await page.click('#verify-phone');
    await page.locator('#account-status', { hasText: 'verify-phone: "done"' }).waitFor();
    step = 'prefer SMS';
    await page.click('#prefer-sms');
    await page.locator('#account-status', { hasText: 'prefer-sms: "done"' }).waitFor();
    await shot(page, 'phone-verified');
    await signOut(page);

    step = 'sign in with SMS';
    await signInWithPassword(page);
    await page.getByLabel('Code').waitFor();
    await shot(page, 'sms-code');
    await page.getByLabel('Code').fill(outboxCode('MFA', 'SMS'));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expectSignedIn(page);
    await shot(page, 'signed-in-with-sms');
    await signOut(page);
  } finally {
    await context.close();
  }
});

/**
 * Passkeys need a pool of their own: Cognito allows passwordless first factors only where MFA is not
 * REQUIRED (src/config/validate-passwordless.ts). Choice-based sign-in (USER_AUTH) with passkeys on.
 * The page is at http://localhost:<port>, so the sandbox binds the passkey to the relying party
 * `localhost` (src/sandbox/webauthn.ts), as test/browser/passkeys.test.ts shows.
 */
const PASSKEY_POOL: AuthProps = {
  loginWith: { email: {} },
  multifactor: { mode: MfaMode.OPTIONAL, totp: true },
  passwordless: { passkey: true, passkeyRelyingPartyId: 'app.example.com' },
};

when(NEEDS.passkeys)('sign up, register a passkey in Chromium\'s virtual authenticator, sign out, sign in with the passkey', async () => {
  const passkeyPool = await startPool(PASSKEY_POOL, { preferredAuthMethod: 'PASSWORD', passkeyRegistrationPrompts: false });
  const mfaFiles = served;
  served = passkeyPool.files;
  const { context, page } = await openPage();
  try {
    // CTAP2 with user verification: what a laptop's or phone's platform passkey is.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await signUpAndConfirm(page, passkeyPool.sandbox, false);
    await expectSignedIn(page);

    step = 'register passkey';
    await page.click('#add-passkey');
    await page.locator('#account-status', { hasText: 'add-passkey: "done"' }).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    await shot(page, 'passkey-registered');
    await signOut(page);

    step = 'sign in with passkey';
    // Password first (preferredAuthMethod), the passkey under the Authenticator's other sign-in options.
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByRole('button', { name: 'Other sign-in options' }).click();
    await page.getByRole('button', { name: /passkey/i }).waitFor();
    await shot(page, 'passkey-choice');
    await page.getByRole('button', { name: /passkey/i }).click();
    await expectSignedIn(page);
    await shot(page, 'signed-in-with-passkey');
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0].signCount).toBeGreaterThan(credentials[0].signCount);
    await signOut(page);
  } finally {
    await context.close();
    served = mfaFiles;
    await passkeyPool.sandbox.stop();
  }
});

test('no Cognito call the Authenticator made answered UnsupportedOperationException', () => {
  expect(calls.length).toBeGreaterThan(0);
  const unsupported = calls.filter(c => c.errorType?.startsWith('UnsupportedOperationException'));
  // Tolerated only while the sandbox's table lacks the operation (another issue-13 branch adds it).
  const unexpected = unsupported.filter(c => !(PENDING_ELSEWHERE.includes(c.operation) && missing([c.operation]).length));
  expect(unexpected).toEqual([]);
});
