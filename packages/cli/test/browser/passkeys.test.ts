/**
 * Passkeys in a real browser: Amplify JS v6's associateWebAuthnCredential and signIn with
 * preferredChallenge WEB_AUTHN, in Debian's Chromium with its virtual authenticator (CDP WebAuthn
 * domain), against the sandbox. The page is at http://localhost:<port>, so the sandbox binds the
 * passkey to the relying party `localhost` (see src/sandbox/webauthn.ts).
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { Browser } from 'playwright-core';
import { bundleAmplifyPage } from './amplify-bundle';
import { launchChromium, screenshotDir, screenshotter } from './chromium';
import { synthAuth } from '../../../../test/support/synth';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../src/client';
import { Sandbox, startSandbox } from '../../src/sandbox';
import { createEmailUser } from '../support';

jest.setTimeout(120_000);

const EMAIL = 'pia@example.com';
const PASSWORD = 'Correct-Horse-42!';

let server: http.Server;
let origin: string;
let sandbox: Sandbox;
let browser: Browser;
let page = '';

beforeAll(async () => {
  const [built, chromium] = await Promise.all([
    bundleAmplifyPage('passkeys.js'),
    launchChromium(),
  ]);
  browser = chromium;
  const bundle = built;
  server = http.createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(bundle);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(page);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;

  const template = synthAuth({
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    passwordless: { passkey: true, passkeyRelyingPartyId: 'app.example.com' },
  }).template.toJSON();
  sandbox = await startSandbox({ template, log: () => undefined });
  const pool = sandbox.userPools[0];
  const api = new CognitoIdentityProviderClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createEmailUser({ cognito: api, poolId: pool.id }, EMAIL, PASSWORD);
  api.destroy();
  const ids = { region: sandbox.region, userPoolId: pool.id, userPoolClientId: pool.clients[0].id };
  const outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(template, ids));
  page = `<!doctype html><meta charset="utf-8"><title>Passkeys</title>
<script type="application/json" id="outputs">${JSON.stringify({ outputs, endpoint: sandbox.endpoint }).replace(/</g, '\\u003c')}</script>
<h1>Passkeys</h1><p id="status">loading</p><pre id="result"></pre><script type="module" src="/app.js"></script>`;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  server?.close();
});

test('Amplify registers a passkey with Chromium\'s virtual authenticator and signs in with it', async () => {
  const shot = screenshotter(screenshotDir('passkeys'));
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await tab.goto(`${origin}/`);
  await tab.waitForSelector('text=ready');
  const show = (value: unknown) => tab.evaluate(v => {
    (globalThis as any).document.getElementById('result').textContent = JSON.stringify(v, null, 2);
  }, value);

  const password = await tab.evaluate(([u, p]) => (globalThis as any).passkeys.signInWithPassword(u, p), [EMAIL, PASSWORD]);
  expect(password).toEqual({ step: 'DONE', email: EMAIL });

  const credentials = await tab.evaluate(() => (globalThis as any).passkeys.register());
  expect(credentials).toEqual([expect.objectContaining({ relyingPartyId: 'localhost', authenticatorAttachment: 'platform', credentialId: expect.any(String) })]);
  const stored = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(stored.credentials).toHaveLength(1);
  expect(stored.credentials[0].rpId).toBe('localhost');
  await show({ registered: credentials });
  await shot(tab, 'passkey-registered');

  await tab.evaluate(() => (globalThis as any).passkeys.signOut());
  const passkey = await tab.evaluate(u => (globalThis as any).passkeys.signInWithPasskey(u), EMAIL);
  expect(passkey).toEqual({ step: 'DONE', email: EMAIL });
  const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(after.credentials[0].signCount).toBeGreaterThan(stored.credentials[0].signCount);
  await show({ signedInWithPasskey: passkey });
  await shot(tab, 'passkey-signed-in');

  expect(await tab.evaluate(id => (globalThis as any).passkeys.remove(id), credentials[0].credentialId)).toEqual([]);
  await context.close();
});
