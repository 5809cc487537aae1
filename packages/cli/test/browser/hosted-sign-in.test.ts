import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { AdminSetUserMFAPreferenceCommand, AdminUpdateUserAttributesCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotDir, screenshotter } from './chromium';
import { Sandbox, startSandbox } from '../../src/sandbox';
import { API_IDENTIFIER, synthHostedStack } from '../hosted/hosted-stack';
import { claimsOf, totpCode } from '../support';

jest.setTimeout(120_000);

const EMAIL = 'ada@example.com';
const PASSWORD = 'Correct-Horse-42!';

/** The app: openid-client in its own process, on a port of its own choosing. */
async function startApp(): Promise<{ process: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'rp-app.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (data: Buffer) => {
      const match = /listening (\d+)/.exec(data.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', code => reject(new Error(`rp-app exited with ${code}`)));
  });
  return { process: child, origin: `http://localhost:${port}` };
}

let app: { process: ChildProcess; origin: string };
let sandbox: Sandbox;
let browser: Browser;
let shot: (page: Page, name: string) => Promise<string>;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchChromium()]);
  shot = screenshotter(screenshotDir('hosted-sign-in'));
  const template = synthHostedStack({
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: true },
    callbackUrls: [`${app.origin}/callback`],
    logoutUrls: [`${app.origin}/signed-out`],
  });
  sandbox = await startSandbox({ template, log: () => undefined });
  const pool = sandbox.userPools[0];
  const m2m = pool.clients.find(c => c.name === 'm2m')!;
  const configured = await fetch(`${app.origin.replace('localhost', '127.0.0.1')}/configure`, {
    method: 'POST',
    body: JSON.stringify({
      issuer: pool.issuer,
      clientId: pool.clients.find(c => c.name === 'web')!.id,
      redirectUri: `${app.origin}/callback`,
      logoutUri: `${app.origin}/signed-out`,
      m2mClientId: m2m.id,
      m2mSecret: m2m.secret,
      m2mScope: `${API_IDENTIFIER}/orders.read`,
    }),
  });
  expect(configured.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  app?.process.stdin!.end();
});

/** What the app page shows after openid-client redeemed the code and called userInfo. */
async function appResult(page: Page): Promise<Record<string, any>> {
  await page.waitForSelector('#result');
  return JSON.parse(await page.textContent('#result') ?? '{}');
}

test('sign up, confirm with the emailed code, enrol TOTP from the page, sign in with TOTP, tokens and userInfo, sign out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.origin}/login`);
  await page.waitForSelector('text=Sign in to your account');
  expect(new URL(page.url()).pathname).toMatch(/\/domains\/sandbox-shop\/login$/);
  await shot(page, 'sign-in');
  // The sign-in page has set its CSRF cookie, and no script on it can read it.
  expect((await context.cookies()).map(c => c.name)).toContain('sandbox-csrf');
  expect(await page.evaluate('document.cookie')).toBe('');

  await page.click('text=Create an account');
  await page.fill('#username', EMAIL);
  await page.fill('#password', 'short');
  // Show password: the field shows its text, the button says so to screen readers; again hides it.
  await page.click('button.show-password');
  expect(await page.getAttribute('#password', 'type')).toBe('text');
  expect(await page.getAttribute('button.show-password', 'aria-pressed')).toBe('true');
  await shot(page, 'sign-up-password-shown');
  await page.click('button.show-password');
  expect(await page.getAttribute('#password', 'type')).toBe('password');
  await page.click('button[type=submit]');
  await page.waitForSelector('.alert.error');
  // Managed login's kind of sentence, not the API's "Password did not conform with policy: ...".
  expect(await page.textContent('.alert.error')).toContain('Your password does not meet the requirements: at least 12 characters');
  await shot(page, 'sign-up-policy-error');
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]');

  await page.waitForSelector('text=Confirmation code');
  await shot(page, 'confirm-sign-up');
  const code = sandbox.outbox.latest({ destination: EMAIL, purpose: 'SIGN_UP' })!.code!;
  await page.fill('#code', code);
  await page.click('button:has-text("Confirm account")');

  await page.waitForSelector('.alert.notice');
  expect(await page.inputValue('#username')).toBe(EMAIL);
  await shot(page, 'confirmed-sign-in');
  await page.fill('#password', PASSWORD);
  await page.click('button:has-text("Sign in")');

  await page.waitForSelector('img.qr');
  await shot(page, 'totp-setup');
  const secret = (await page.getAttribute('.secret', 'data-secret'))!;
  expect((await page.textContent('.secret'))!.replace(/\s/g, '')).toBe(secret);
  // Enrol with the previous 30 s step (accepted as clock skew), so the sign-in below has a fresh one.
  await page.fill('#code', totpCode(secret, Date.now() - 30_000));
  await page.click('button[type=submit]');

  const first = await appResult(page);
  expect(first.claims.email).toBe(EMAIL);
  await shot(page, 'app-after-enrolment');

  await page.click('#sign-out');
  await page.waitForSelector('text=Signed out');
  await shot(page, 'app-signed-out');

  await page.goto(`${app.origin}/login`);
  await page.fill('#username', EMAIL);
  await page.fill('#password', PASSWORD);
  await page.click('button:has-text("Sign in")');
  await page.waitForSelector('text=Authenticator code');
  await shot(page, 'totp-code');
  await page.fill('#code', totpCode(secret, Date.now()));
  await page.click('button[type=submit]');

  const signedIn = await appResult(page);
  expect(signedIn.claims).toMatchObject({ email: EMAIL, email_verified: true, token_use: 'id', iss: sandbox.userPools[0].issuer });
  expect(signedIn.userInfo).toMatchObject({ sub: signedIn.claims.sub, email: EMAIL, email_verified: 'true' }); // userInfo answers strings
  expect(claimsOf(signedIn.accessToken).scope.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
  expect(signedIn.hasRefreshToken).toBe(true);
  await shot(page, 'app-signed-in');

  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies.filter(c => c.path.startsWith('/domains'))) {
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  }
  await context.close();
});

test('the same user adds SMS: MFA method selection, an SMS code (a wrong one first), then a password reset', async () => {
  const pool = sandbox.userPools[0];
  const api = new CognitoIdentityProviderClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const phone = '+15555550123';
  await api.send(new AdminUpdateUserAttributesCommand({ UserPoolId: pool.id, Username: EMAIL, UserAttributes: [{ Name: 'phone_number', Value: phone }] }));
  // Two factors and no preference: Cognito asks which one (SELECT_MFA_TYPE).
  await api.send(new AdminSetUserMFAPreferenceCommand({
    UserPoolId: pool.id, Username: EMAIL, SMSMfaSettings: { Enabled: true }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
  }));
  api.destroy();

  const context = await browser.newContext();
  const page = await context.newPage();
  const signInWithSms = async (password: string, name?: string) => {
    await page.fill('#password', password);
    await page.click('button:has-text("Sign in")');
    await page.waitForSelector('text=Choose how to get your sign-in code');
    if (name) await shot(page, name);
    await page.check('input[value=SMS_MFA]');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=SMS code');
  };
  await page.goto(`${app.origin}/login`);
  await page.fill('#username', EMAIL);
  await signInWithSms(PASSWORD, 'select-mfa');
  await page.fill('#code', '000000');
  await page.click('button[type=submit]');
  await page.waitForSelector('.alert.error');
  await shot(page, 'sms-code-wrong');
  await page.fill('#code', sandbox.outbox.latest({ destination: phone, purpose: 'MFA' })!.code!);
  await page.click('button[type=submit]');
  expect((await appResult(page)).claims).toMatchObject({ email: EMAIL, phone_number: phone, phone_number_verified: true });

  await page.click('#sign-out');
  await page.waitForSelector('text=Signed out');
  await page.goto(`${app.origin}/login`);
  await page.click('text=Forgot your password?');
  await shot(page, 'forgot-password');
  await page.fill('#username', EMAIL);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=New password');
  await shot(page, 'reset-password');
  await page.fill('#code', sandbox.outbox.latest({ purpose: 'FORGOT_PASSWORD' })!.code!);
  await page.fill('#password', `${PASSWORD}x`);
  await page.click('button[type=submit]');
  await page.waitForSelector('.alert.notice');
  await signInWithSms(`${PASSWORD}x`);
  await page.fill('#code', sandbox.outbox.latest({ destination: phone, purpose: 'MFA' })!.code!);
  await page.click('button[type=submit]');
  expect((await appResult(page)).claims.email).toBe(EMAIL);
  await context.close();
});

test('federated sign-in through the stand-in Google page: Google_<sub>, identities, mapped attributes, no MFA', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.origin}/login?idp=Google`);
  await page.waitForSelector('text=Sign in with Google — sandbox');
  await page.fill('#sub', '112233445566778899001');
  await page.fill('[name="attr:email"]', 'lin@gmail.example');
  await page.fill('[name="attr:given_name"]', 'Lin');
  await shot(page, 'google-stand-in');
  await page.click('button:has-text("Sign in with Google")');
  const result = await appResult(page);
  expect(result.claims).toMatchObject({
    'cognito:username': 'Google_112233445566778899001',
    'email': 'lin@gmail.example',
    'given_name': 'Lin',
    'cognito:groups': [`${sandbox.userPools[0].id}_Google`],
  });
  expect(result.claims.identities).toEqual([expect.objectContaining({ userId: '112233445566778899001', providerName: 'Google', providerType: 'Google', primary: 'true' })]);
  expect(result.userInfo.email).toBe('lin@gmail.example');
  await shot(page, 'app-federated');
  await context.close();
});

test('a client credentials token for the machine-to-machine client', async () => {
  const page = await browser.newPage();
  await page.goto(`${app.origin}/m2m`);
  const result = await appResult(page);
  expect(claimsOf(result.access_token)).toMatchObject({ scope: `${API_IDENTIFIER}/orders.read`, token_use: 'access' });
  await shot(page, 'app-m2m-token');
  await page.close();
});
