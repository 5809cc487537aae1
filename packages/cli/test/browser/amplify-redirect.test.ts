import * as http from 'http';
import { AddressInfo } from 'net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Browser } from 'playwright-core';
import { bundleAmplifyPage } from './amplify-bundle';
import { launchChromium, screenshotDir, screenshotter } from './chromium';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../src/client';
import { Sandbox, startSandbox } from '../../src/sandbox';
import { synthHostedStack } from '../hosted/hosted-stack';
import { createEmailUser } from '../support';

jest.setTimeout(120_000);

const EMAIL = 'amy@example.com';
const PASSWORD = 'Correct-Horse-42!';

let server: http.Server;
let origin: string;
let sandbox: Sandbox;
let browser: Browser;
let page = '';

/** A tiny static host for the bundled app; the page is written once the sandbox's ids are known. */
async function startAppServer(bundle: string) {
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
}

beforeAll(async () => {
  const [built, chromium] = await Promise.all([
    bundleAmplifyPage('app.js'),
    launchChromium(),
  ]);
  browser = chromium;
  await startAppServer(built);
  const template = synthHostedStack({ mfa: cognito.Mfa.OFF, callbackUrls: [`${origin}/`], logoutUrls: [`${origin}/signed-out`] });
  sandbox = await startSandbox({ template, log: () => undefined });
  const pool = sandbox.userPools[0];
  const web = pool.clients.find(c => c.name === 'web')!;
  const api = new CognitoIdentityProviderClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  await createEmailUser({ cognito: api, poolId: pool.id }, EMAIL, PASSWORD);
  api.destroy();
  // amplify_outputs.json as our client config writes it, with the oauth section pointing at the sandbox's domain.
  const ids = { region: sandbox.region, userPoolId: pool.id, userPoolClientId: web.id };
  const outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(template, ids));
  const withOAuth = {
    ...outputs,
    auth: {
      ...outputs.auth,
      oauth: {
        identity_providers: ['GOOGLE'],
        domain: pool.domains[0].amplifyDomain,
        scopes: ['openid', 'email', 'profile'],
        redirect_sign_in_uri: [`${origin}/`],
        redirect_sign_out_uri: [`${origin}/signed-out`],
        response_type: 'code',
      },
    },
  };
  page = `<!doctype html><meta charset="utf-8"><title>Amplify app</title>
<style>body { font: 15px/1.5 sans-serif; margin: 32px; } pre { white-space: pre-wrap; word-break: break-all; }</style>
<script type="application/json" id="outputs">${JSON.stringify(withOAuth).replace(/</g, '\\u003c')}</script>
<h1>Amplify app</h1><p id="status">loading</p><button id="sign-in">Sign in</button> <button id="sign-out">Sign out</button>
<pre id="result"></pre><script type="module" src="/app.js"></script>`;
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
  server?.close();
});

test('Amplify\'s signInWithRedirect reaches the hosted sign-in over the sandbox\'s https, and its listener redeems the code', async () => {
  const shot = screenshotter(screenshotDir('amplify-redirect'));
  // The self-signed certificate is one a developer accepts once; the test context does so up front.
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const tab = await context.newPage();
  await tab.goto(`${origin}/`);
  await tab.waitForSelector('text=signed out');
  await tab.click('#sign-in');
  await tab.waitForSelector('text=Sign in to your account');
  expect(tab.url()).toMatch(new RegExp('^https://127\\.0\\.0\\.1:\\d+/domains/sandbox-shop/login\\?'));
  await shot(tab, 'amplify-hosted-sign-in');
  await tab.fill('#username', EMAIL);
  await tab.fill('#password', PASSWORD);
  await tab.click('button:has-text("Sign in")');
  await tab.waitForSelector('text=signed in', { timeout: 20_000 });
  const result = JSON.parse(await tab.textContent('#result') ?? '{}');
  expect(result.idToken).toMatchObject({ email: EMAIL, iss: sandbox.userPools[0].issuer, token_use: 'id' });
  expect(result.accessToken.scope.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
  await shot(tab, 'amplify-signed-in');
  await tab.click('#sign-out');
  await tab.waitForURL(`${origin}/signed-out`);
  await context.close();
});
