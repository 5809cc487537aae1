import { AdminLinkProviderForUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FormClient, Page } from './form-client';
import { CALLBACK_URL } from './hosted-stack';
import { authorizeUrl, callbackParams, HostedHarness, pkce, signUpThroughPages, startHosted, tokenRequest } from './support';
import { claimsOf, createEmailUser } from '../support';

const PASSWORD = 'Correct-Horse-42';
const XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>';

/** Redeems the code a sign-in ended with, for the web client. */
async function tokensFrom(h: HostedHarness, done: Page, verifier: string) {
  const code = callbackParams(done).code;
  return (await tokenRequest(h, { grant_type: 'authorization_code', client_id: h.client('web').id, code, redirect_uri: CALLBACK_URL, code_verifier: verifier })).json;
}

async function googleSignIn(h: HostedHarness, browser: FormClient, sub: string, attributes: Record<string, string>) {
  const { verifier, challenge } = pkce();
  const provider = await browser.get(authorizeUrl(h, { identity_provider: 'Google', code_challenge: challenge, code_challenge_method: 'S256' }));
  expect(provider.html).toContain('Sign in with Google — sandbox');
  const done = await browser.submit(provider, { sub, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attr:${k}`, v])) }, 'sandbox-idp/Google');
  return tokensFrom(h, done, verifier);
}

describe('pages echo nothing raw, set no script-readable cookie, and check a CSRF token on every form', () => {
  let h: HostedHarness;
  beforeAll(async () => {
    h = await startHosted();
  });
  afterAll(() => h.stop());

  test('request values are escaped in every page that shows them', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const login = await browser.get(`${authorizeUrl(h, { state: XSS })}`);
    const withName = await browser.get(`${login.url}&username=${encodeURIComponent(XSS)}`);
    const failed = await browser.submit(withName, { username: XSS, password: 'wrong' });
    const signup = await browser.get(login.url.replace('/login?', '/signup?'));
    const signupFailed = await browser.submit(signup, { username: XSS, password: 'x' });
    const confirm = await browser.get(`${login.url.replace('/login?', '/confirm?')}&username=${encodeURIComponent(XSS)}`);
    const provider = await browser.get(login.url.replace('/login?', '/sandbox-idp/Google?'));
    const providerFailed = await browser.submit(provider, { sub: XSS }, 'sandbox-idp');
    for (const page of [login, withName, failed, signup, signupFailed, confirm, provider, providerFailed]) {
      expect(page.status).toBeLessThan(500);
      // The one script element is the sandbox's own show-password file.
      expect(page.html.replace(/<script nonce="[^"]+" src="\/domains\/sandbox-shop\/assets\/show-password\.js"><\/script>/, '')).not.toMatch(/<script|<img src=x/i);
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'; style-src 'self' 'nonce-[^']+'; img-src 'self' data:; form-action 'self'/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(withName.html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // The L2 leaves PreventUserExistenceErrors at LEGACY, so the page says so, as managed login does.
    expect(failed.html).toContain('User does not exist.');
  });

  test('every cookie the hosted sign-in sets is HttpOnly and SameSite=Lax', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const done = await signUpThroughPages(h, browser, 'cookies@example.com', PASSWORD);
    const signedIn = await browser.submit(done, { username: 'cookies@example.com', password: PASSWORD });
    expect(signedIn.leftTo).toContain('code=');
    const names = new Set(browser.setCookies.map(c => c.split('=')[0]));
    // The browser session, the CSRF secret, and the sign-in in progress (cleared once signed in).
    expect([...names].sort()).toEqual(['cognito', 'sandbox-csrf', 'sandbox-signin']);
    for (const cookie of browser.setCookies) {
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\/domains/);
    }
  });

  test('a form post without the CSRF token, or with another browser\'s, is refused before anything runs', async () => {
    await createEmailUser({ cognito: new CognitoIdentityProviderClient({ endpoint: h.sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), poolId: h.poolId }, 'csrf@example.com', PASSWORD);
    const mallory = new FormClient(h.sandbox.endpoint);
    const malloryPage = await mallory.get(authorizeUrl(h, {}));
    const token = /name="_csrf" value="([^"]+)"/.exec(malloryPage.html)![1];
    const victim = new FormClient(h.sandbox.endpoint);
    const victimPage = await victim.get(authorizeUrl(h, {}));
    const action = new URL(/action="([^"]+)"/.exec(victimPage.html)![1].replace(/&amp;/g, '&'), victimPage.url).toString();
    const post = (body: Record<string, string>) => victim.request(action, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(),
    });
    const missing = await post({ username: 'csrf@example.com', password: PASSWORD });
    const foreign = await post({ username: 'csrf@example.com', password: PASSWORD, _csrf: token });
    for (const refused of [missing, foreign]) {
      expect(refused.status).toBe(403);
      expect(refused.leftTo).toBeUndefined();
      expect(refused.html).toContain('invalid_csrf_token');
    }
    expect((await victim.submit(victimPage, { username: 'csrf@example.com', password: PASSWORD })).leftTo).toContain('code=');
  });

  test('the implicit grant returns tokens in the fragment, never a refresh token', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    await signUpThroughPages(h, browser, 'implicit@example.com', PASSWORD, { client_id: h.client('server').id, scope: 'openid email' });
    const login = await browser.get(authorizeUrl(h, { client_id: h.client('server').id, response_type: 'token', scope: 'openid email', state: 'st', nonce: 'nn', prompt: 'login' }));
    const done = await browser.submit(login, { username: 'implicit@example.com', password: PASSWORD });
    const fragment = Object.fromEntries(new URLSearchParams(new URL(done.leftTo!).hash.slice(1)));
    expect(new URL(done.leftTo!).search).toBe('');
    expect(fragment).toMatchObject({ token_type: 'Bearer', state: 'st', expires_in: '3600' });
    expect(fragment.refresh_token).toBeUndefined();
    expect(claimsOf(fragment.id_token)).toMatchObject({ nonce: 'nn', email: 'implicit@example.com', aud: h.client('server').id });
  });
});

describe('pages speak like managed login: names, wording, show-password, the logout error page', () => {
  let h: HostedHarness;
  beforeAll(async () => {
    // A client without a ClientName: the template knows it only by its logical ID (PoolBare<hash>).
    h = await startHosted({ mfa: cognito.Mfa.OFF }, (_stack, pool) => {
      pool.addClient('Bare', { oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: [CALLBACK_URL] } });
    });
  });
  afterAll(() => h.stop());

  const bare = () => h.sandbox.userPools[0].clients.find(c => /^PoolBare/.test(c.name))!;

  test('header and tab title show the client\'s name, or its logical ID without the CDK hash; never a logical ID with hash', async () => {
    const named = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, {}));
    expect(named.html).toContain('<title>Sign in · web</title>');
    expect(named.html).toMatch(/<header>.*<span>web<\/span>/);
    expect(bare().name).toMatch(/^PoolBare[0-9A-F]{8}$/);
    const unnamed = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, { client_id: bare().id }));
    expect(unnamed.status).toBe(200);
    expect(unnamed.html).toContain('<title>Sign in · PoolBare</title>');
    expect(unnamed.html).toMatch(/<header>.*<span>PoolBare<\/span>/);
    // Error pages without a client name the pool (logical ID Pool<hash>) the same way.
    const error = await new FormClient(h.sandbox.endpoint).get(`${h.base}/logout?client_id=${h.client('web').id}&logout_uri=${encodeURIComponent('https://elsewhere.example/bye')}`);
    expect(error.html).toContain('<title>Something went wrong · Pool</title>');
    for (const page of [named, unnamed, error]) expect(page.html).not.toMatch(/[A-Za-z]+[0-9A-F]{8}\b/);
  });

  test('errors use the hosted UI\'s wording; the raw API error goes to the log, without the password or code', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const login = await browser.get(authorizeUrl(h, {}));
    const signup = await browser.get(login.url.replace('/login?', '/signup?'));
    const weak = 'short-1Aa';
    const refused = await browser.submit(signup, { username: 'wording@example.com', password: weak });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Your password does not meet the requirements: at least 12 characters, with a lowercase letter, an uppercase letter, a number and a symbol.');
    expect(refused.html).not.toContain('did not conform');
    expect(h.logs).toContainEqual(expect.stringMatching(/^hosted page \/signup \(app client web\): InvalidPasswordException: Password did not conform with policy/));

    const confirm = await browser.submit(signup, { username: 'wording@example.com', password: PASSWORD });
    const wrongCode = await browser.submit(confirm, { code: '000000' }, '/confirm?');
    expect(wrongCode.html).toContain('Invalid verification code provided, please try again.');
    expect(h.logs).toContainEqual(expect.stringMatching(/^hosted page \/confirm \(app client web\): CodeMismatchException: /));
    const code = h.sandbox.outbox.latest({ destination: 'wording@example.com', purpose: 'SIGN_UP' })!.code!;
    const signIn = await browser.submit(wrongCode, { code }, '/confirm?');

    const wrongPassword = 'Wrong-Horse-42!';
    const failed = await browser.submit(signIn, { username: 'wording@example.com', password: wrongPassword });
    expect(failed.html).toContain('<div class="alert error" role="alert">Incorrect username or password.</div>');
    expect(h.logs).toContainEqual('hosted page /login (app client web): NotAuthorizedException: Incorrect username or password.');
    // (The outbox prints codes to the console by design; the pages' own lines carry none.)
    const pageLines = h.logs.filter(l => l.startsWith('hosted page')).join('\n');
    for (const secret of [weak, PASSWORD, wrongPassword, '000000', code]) expect(pageLines).not.toContain(secret);
  });

  test('password fields have a show-password button that only the sandbox\'s own script, by nonce, can run', async () => {
    const login = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, {}));
    expect(login.html).toMatch(/<input id="password" name="password" type="password"[^>]*><button\s+type="button" class="show-password" data-show-password aria-controls="password" aria-pressed="false" aria-label="Show password" hidden>Show<\/button>/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(login.headers.get('content-security-policy')!)![1];
    const src = new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, c => `\\${c}`)}" src="([^"]+)"></script>`).exec(login.html)?.[1];
    expect(src).toBe('/domains/sandbox-shop/assets/show-password.js');
    const script = await fetch(new URL(src!, h.sandbox.endpoint));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('data-show-password');
    // No inline script or handler runs: the only script element is the nonce'd file.
    expect(login.html.match(/<script/g)).toHaveLength(1);
    expect(login.html).not.toMatch(/ on[a-z]+=/);
  });

  test('the logout_uri error page speaks of sign-out URLs; the authorize one of callback URLs', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const logout = await browser.get(`${h.base}/logout?client_id=${h.client('web').id}&logout_uri=${encodeURIComponent('https://elsewhere.example/bye')}`);
    expect(logout.status).toBe(400);
    expect(logout.html).toContain('Check the app client&#39;s sign-out URLs (LogoutURLs) and the request&#39;s logout_uri.');
    expect(logout.html).not.toMatch(/callback/i);
    const authorize = await browser.get(authorizeUrl(h, { redirect_uri: 'https://elsewhere.example/cb' }));
    expect(authorize.status).toBe(400);
    expect(authorize.html).toContain('Check the app client&#39;s callback URLs (CallbackURLs) and the request&#39;s redirect_uri.');
    // Errors that are not about a URL do not send the developer to the URL lists.
    const noClient = await browser.get(`${h.base}/logout?logout_uri=${encodeURIComponent('https://elsewhere.example/bye')}`);
    expect(noClient.html).toContain('Check the request parameters.');
    expect(noClient.html).not.toMatch(/callback|sign-out URLs/i);
  });
});

describe('federated users', () => {
  let h: HostedHarness;
  beforeAll(async () => {
    // Required MFA with TOTP: local users must enrol, federated users are not asked.
    h = await startHosted({ mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } }, (stack, pool) => {
      pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, new lambda.Function(stack, 'PreSignUp', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline(`exports.handler = async (event) => {
          if (event.triggerSource === 'PreSignUp_ExternalProvider' && String(event.request.userAttributes.email).endsWith('@blocked.example')) {
            throw new Error('Accounts from blocked.example are not allowed');
          }
          return event;
        };`),
      }));
    });
  });
  afterAll(() => h.stop());

  test('first sign-in creates Google_<sub> with mapped attributes and identities; no MFA under REQUIRED; later sign-ins update it', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const first = await googleSignIn(h, browser, '1000001', { email: 'kim@gmail.example', given_name: 'Kim', family_name: 'Unmapped' });
    const id = claimsOf(first.id_token);
    expect(id).toMatchObject({
      'cognito:username': 'Google_1000001',
      'email': 'kim@gmail.example',
      'given_name': 'Kim',
      'cognito:groups': [`${h.poolId}_Google`],
      'identities': [{ userId: '1000001', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: expect.stringMatching(/^\d+$/) }],
    });
    expect(id.family_name).toBeUndefined();
    const again = await googleSignIn(h, new FormClient(h.sandbox.endpoint), '1000001', { email: 'kim.new@gmail.example', given_name: 'Kim' });
    expect(claimsOf(again.id_token)).toMatchObject({ sub: id.sub, email: 'kim.new@gmail.example' });
    expect(claimsOf(again.id_token).identities).toHaveLength(1);
  });

  test('the stand-in lists identities used before', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    await googleSignIn(h, browser, '1000002', { email: 'lee@gmail.example' });
    const page = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, { identity_provider: 'Google' }));
    expect(page.html).toContain('lee@gmail.example (sub 1000002)');
  });

  test('a federated user cannot sign in with a password, and its email does not hide a local user with the same address', async () => {
    await googleSignIn(h, new FormClient(h.sandbox.endpoint), '1000003', { email: 'same@example.com' });
    const api = new CognitoIdentityProviderClient({ endpoint: h.sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await createEmailUser({ cognito: api, poolId: h.poolId }, 'same@example.com', PASSWORD);
    const browser = new FormClient(h.sandbox.endpoint);
    const login = await browser.get(authorizeUrl(h, {}));
    // The local user goes on to required MFA: TOTP enrolment.
    const next = await browser.submit(login, { username: 'same@example.com', password: PASSWORD });
    expect(next.html).toContain('Set up an authenticator app');
    await expect(api.send(new InitiateAuthCommand({ ClientId: h.client('web').id, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'Google_1000003', PASSWORD } })))
      .rejects.toThrow();
    api.destroy();
  });

  test('AdminLinkProviderForUser: the linked identity signs in as the local user', async () => {
    const api = new CognitoIdentityProviderClient({ endpoint: h.sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    await createEmailUser({ cognito: api, poolId: h.poolId }, 'linked@example.com', PASSWORD);
    await api.send(new AdminLinkProviderForUserCommand({
      UserPoolId: h.poolId,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'linked@example.com' },
      SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '2000001' },
    }));
    await expect(api.send(new AdminLinkProviderForUserCommand({
      UserPoolId: h.poolId,
      DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'linked@example.com' },
      SourceUser: { ProviderName: 'Google', ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: '1000001' },
    }))).rejects.toThrow(/Merging is not currently supported/);
    api.destroy();
    const tokens = await googleSignIn(h, new FormClient(h.sandbox.endpoint), '2000001', { email: 'other@gmail.example' });
    const id = claimsOf(tokens.id_token);
    expect(id.email).toBe('linked@example.com');
    expect(id['cognito:username']).not.toMatch(/^Google_/);
    expect(id.identities).toEqual([expect.objectContaining({ userId: '2000001', providerName: 'Google' })]);
  });

  test('OIDC and SAML providers: their attribute names are mapped, the SAML subject is the NameID', async () => {
    const signIn = async (provider: string, fields: Record<string, string>) => {
      const { verifier, challenge } = pkce();
      const browser = new FormClient(h.sandbox.endpoint);
      const page = await browser.get(authorizeUrl(h, { identity_provider: provider, code_challenge: challenge, code_challenge_method: 'S256' }));
      return { page, tokens: await tokensFrom(h, await browser.submit(page, fields, `sandbox-idp/${provider}`), verifier) };
    };
    const oidc = await signIn('CorpIdP', { 'sub': 'emp-42', 'attr:mail': 'emp42@corp.example.com' });
    expect(claimsOf(oidc.tokens.id_token)).toMatchObject({ 'cognito:username': 'CorpIdP_emp-42', 'email': 'emp42@corp.example.com' });
    const saml = await signIn('CorpSaml', { 'sub': 'jdoe@corp.example.com', 'attr:http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'jdoe@corp.example.com' });
    expect(saml.page.html).toContain('NameID (subject)');
    expect(claimsOf(saml.tokens.id_token)).toMatchObject({
      'cognito:username': 'CorpSaml_jdoe@corp.example.com',
      'email': 'jdoe@corp.example.com',
      'identities': [expect.objectContaining({ providerName: 'CorpSaml', providerType: 'SAML' })],
    });
  });

  test('PreSignUp_ExternalProvider runs on first sign-in; its refusal goes back to the app as invalid_request', async () => {
    const browser = new FormClient(h.sandbox.endpoint);
    const provider = await browser.get(authorizeUrl(h, { identity_provider: 'Google', state: 'blocked' }));
    const done = await browser.submit(provider, { 'sub': '3000001', 'attr:email': 'eve@blocked.example' }, 'sandbox-idp/Google');
    expect(callbackParams(done)).toMatchObject({ error: 'invalid_request', state: 'blocked', error_description: expect.stringContaining('blocked.example are not allowed') });
    const again = await new FormClient(h.sandbox.endpoint).get(authorizeUrl(h, { identity_provider: 'Google' }));
    expect(again.html).not.toContain('sub 3000001');
  });

  test('a provider the client does not support is refused', async () => {
    const res = await fetch(authorizeUrl(h, { client_id: h.client('server').id, identity_provider: 'CorpIdP', state: 's' }), { redirect: 'manual' });
    expect(Object.fromEntries(new URL(res.headers.get('location')!).searchParams)).toMatchObject({ error: 'invalid_request', state: 's' });
  });
});

describe('the forced password change page', () => {
  test('checks the pool\'s password history and lets the user try another password', async () => {
    const h = await startHosted({ mfa: cognito.Mfa.OFF }, (_stack, pool) => {
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('Policies.PasswordPolicy.PasswordHistorySize', 2);
    });
    const sdk = new CognitoIdentityProviderClient({ region: h.sandbox.region, endpoint: h.sandbox.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    try {
      await createEmailUser({ cognito: sdk, poolId: h.poolId }, 'tia@example.com', 'Earlier-Pass-42!');
      await sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'tia@example.com', Password: 'Temporary-Pass-42!', Permanent: false }));
      const browser = new FormClient(h.sandbox.endpoint);
      const { verifier, challenge } = pkce();
      const login = await browser.get(authorizeUrl(h, { code_challenge: challenge, code_challenge_method: 'S256' }));
      const change = await browser.submit(login, { username: 'tia@example.com', password: 'Temporary-Pass-42!' });
      expect(change.html).toContain('Choose a new password');
      const refused = await browser.submit(change, { password: 'Earlier-Pass-42!' });
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('You have used this password before');
      expect(refused.html).toContain('Choose a new password');
      const done = await browser.submit(refused, { password: 'Brand-New-Pass-42!' });
      expect((await tokensFrom(h, done, verifier)).access_token).toBeDefined();
    } finally {
      sdk.destroy();
      await h.stop();
    }
  });
});
