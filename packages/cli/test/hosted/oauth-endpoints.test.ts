import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { FormClient } from './form-client';
import { API_IDENTIFIER, CALLBACK_URL, LOGOUT_URL } from './hosted-stack';
import { authorizeUrl, awsVerifier, basic, callbackParams, HostedHarness, pkce, signUpThroughPages, startHosted, tokenRequest } from './support';
import { claimsOf } from '../support';

const PASSWORD = 'Correct-Horse-42';
let h: HostedHarness;
let userCount = 0;

beforeAll(async () => {
  h = await startHosted();
});
afterAll(() => h.stop());

/** A confirmed user signed in on a fresh browser; returns the app callback's parameters. */
async function signIn(params: Record<string, string>, browser = new FormClient(h.sandbox.endpoint)) {
  const email = `user${++userCount}@example.com`;
  await signUpThroughPages(h, browser, email, PASSWORD, params);
  const login = await browser.get(authorizeUrl(h, { ...params, prompt: 'login' }));
  const done = await browser.submit(login, { username: email, password: PASSWORD });
  return { email, browser, done, params: callbackParams(done) };
}

async function codeFor(params: Record<string, string> = {}) {
  const { verifier, challenge } = pkce();
  const { params: back, email } = await signIn({ code_challenge: challenge, code_challenge_method: 'S256', ...params });
  return { code: back.code, verifier, email, back };
}

const redeem = (code: string, verifier: string, extra: Record<string, string> = {}) =>
  tokenRequest(h, { grant_type: 'authorization_code', client_id: h.client('web').id, code, redirect_uri: CALLBACK_URL, code_verifier: verifier, ...extra });

describe('discovery', () => {
  test('the pool publishes Cognito\'s discovery document with the domain\'s endpoints', async () => {
    const doc = await (await fetch(`${h.issuer}/.well-known/openid-configuration`)).json() as Record<string, any>;
    expect(doc).toMatchObject({
      issuer: h.issuer,
      jwks_uri: `${h.issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${h.base}/oauth2/authorize`,
      token_endpoint: `${h.base}/oauth2/token`,
      userinfo_endpoint: `${h.base}/oauth2/userInfo`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(h.base).toBe(`${h.sandbox.endpoint}/domains/sandbox-shop`);
  });

  test('member for member as Cognito\'s: revocation and end-session endpoints, no code_challenge_methods_supported', async () => {
    const doc = await (await fetch(`${h.issuer}/.well-known/openid-configuration`)).json() as Record<string, any>;
    // The members of a real Cognito document (a pool with a domain), in its order.
    expect(Object.keys(doc)).toEqual([
      'authorization_endpoint', 'end_session_endpoint', 'id_token_signing_alg_values_supported', 'issuer', 'jwks_uri',
      'response_types_supported', 'revocation_endpoint', 'scopes_supported', 'subject_types_supported', 'token_endpoint',
      'token_endpoint_auth_methods_supported', 'userinfo_endpoint',
    ]);
    expect(doc).toMatchObject({ end_session_endpoint: `${h.base}/logout`, revocation_endpoint: `${h.base}/oauth2/revoke` });
    expect(doc.code_challenge_methods_supported).toBeUndefined();
  });

  test('openid-client: tokenRevocation() revokes the refresh token; buildEndSessionUrl() leads to the sandbox\'s logout', async () => {
    const { code, verifier } = await codeFor({ scope: 'openid email' });
    const tokens = await redeem(code, verifier);
    expect(tokens.status).toBe(200);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'rp-end-session.mjs'), JSON.stringify({
      issuer: h.issuer, clientId: h.client('web').id, refreshToken: tokens.json.refresh_token, logoutUri: LOGOUT_URL,
    })]);
    const rp = JSON.parse(stdout);
    expect(rp.metadata).toMatchObject({ revocation_endpoint: `${h.base}/oauth2/revoke`, end_session_endpoint: `${h.base}/logout` });
    const refresh = await tokenRequest(h, { grant_type: 'refresh_token', client_id: h.client('web').id, refresh_token: tokens.json.refresh_token });
    expect(refresh).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const endSession = new URL(rp.endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${h.base}/logout`);
    const logout = await fetch(endSession, { redirect: 'manual' });
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(LOGOUT_URL);
  });
});

describe('authorization code grant', () => {
  test('PKCE S256: state comes back unchanged, the nonce is in the ID token, tokens verify with aws-jwt-verify against the JWKS', async () => {
    const state = 'a b&c=d<é>/?#';
    const { code, verifier, email, back } = await codeFor({ state, nonce: 'n-0S6_WzA2Mj', scope: 'openid email profile' });
    expect(back.state).toBe(state);
    const tokens = await redeem(code, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(tokens.json).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
    const id = await (await awsVerifier(h, h.client('web').id, 'id')).verify(tokens.json.id_token);
    expect(id).toMatchObject({ nonce: 'n-0S6_WzA2Mj', email, email_verified: true, token_use: 'id', aud: h.client('web').id });
    expect(id.at_hash).toBeDefined();
    const access = await (await awsVerifier(h, null, 'access')).verify(tokens.json.access_token);
    expect(String(access.scope).split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(access.client_id).toBe(h.client('web').id);
  });

  test('without openid there is no ID token; with no scope the client\'s scopes are granted', async () => {
    const noOpenid = await codeFor({ scope: 'aws.cognito.signin.user.admin' });
    const a = await redeem(noOpenid.code, noOpenid.verifier);
    expect(a.json.id_token).toBeUndefined();
    expect(claimsOf(a.json.access_token).scope).toBe('aws.cognito.signin.user.admin');
    const all = await codeFor();
    const b = await redeem(all.code, all.verifier);
    expect(String(claimsOf(b.json.access_token).scope).split(' ').sort()).toEqual(['aws.cognito.signin.user.admin', 'email', 'openid', 'profile']);
  });

  test('a code works once: the second redemption is invalid_grant', async () => {
    const { code, verifier } = await codeFor();
    expect((await redeem(code, verifier)).status).toBe(200);
    const again = await redeem(code, verifier);
    expect(again).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  test('a code expires after five minutes', async () => {
    const fresh = await codeFor();
    h.clock.advance(4 * 60 * 1000 + 50 * 1000);
    expect((await redeem(fresh.code, fresh.verifier)).status).toBe(200);
    const stale = await codeFor();
    h.clock.advance(5 * 60 * 1000 + 1000);
    expect(await redeem(stale.code, stale.verifier)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  test('a wrong or missing PKCE verifier is invalid_grant, and spends the code', async () => {
    const { code, verifier } = await codeFor();
    expect(await redeem(code, pkce().verifier)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(await redeem(code, verifier)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const other = await codeFor();
    const { code_verifier: _v, ...withoutVerifier } = { grant_type: 'authorization_code', client_id: h.client('web').id, code: other.code, redirect_uri: CALLBACK_URL, code_verifier: '' };
    expect(await tokenRequest(h, withoutVerifier)).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  test('a code issued to another client is invalid_grant', async () => {
    const { code, verifier } = await codeFor();
    const server = h.client('server');
    const res = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK_URL, code_verifier: verifier }, basic(server.id, server.secret!));
    expect(res).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  test('a confidential client authenticates with Basic or in the body; a wrong secret is invalid_client', async () => {
    const server = h.client('server');
    const forServer = async () => (await signIn({ client_id: server.id, scope: 'openid email' })).params.code;
    const exchange = (code: string, auth: Record<string, string>, headers: Record<string, string> = {}) =>
      tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK_URL, ...auth }, headers);
    expect((await exchange(await forServer(), {}, basic(server.id, server.secret!))).status).toBe(200);
    expect((await exchange(await forServer(), { client_id: server.id, client_secret: server.secret! })).status).toBe(200);
    expect(await exchange(await forServer(), {}, basic(server.id, `${server.secret}x`))).toMatchObject({ status: 400, json: { error: 'invalid_client' } });
    expect(await exchange(await forServer(), { client_id: server.id, client_secret: 'wrong' })).toMatchObject({ status: 400, json: { error: 'invalid_client' } });
    expect(await exchange(await forServer(), { client_id: server.id })).toMatchObject({ status: 400, json: { error: 'invalid_client' } });
  });

  test('the redirect_uri at the token endpoint must be the authorization request\'s', async () => {
    const { code, verifier } = await codeFor();
    expect(await redeem(code, verifier, { redirect_uri: `${CALLBACK_URL}/` })).toMatchObject({ status: 400, json: { error: 'unauthorized_client' } });
  });

  test('refresh_token grant, userInfo, and revocation ending both the refresh and the access token', async () => {
    const { code, verifier, email } = await codeFor({ scope: 'openid email' });
    const tokens = (await redeem(code, verifier)).json;
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', client_id: h.client('web').id, refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.refresh_token).toBeUndefined();
    expect(claimsOf(refreshed.json.access_token).scope).toBe('openid email');
    const info = await fetch(`${h.base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const claims = await info.json() as Record<string, string>;
    expect(claims).toEqual({ sub: claimsOf(tokens.id_token).sub, email, email_verified: 'true', username: claimsOf(tokens.id_token)['cognito:username'] });
    const revoke = await fetch(`${h.base}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token, client_id: h.client('web').id }).toString(),
    });
    expect(revoke.status).toBe(200);
    expect(await tokenRequest(h, { grant_type: 'refresh_token', client_id: h.client('web').id, refresh_token: tokens.refresh_token }))
      .toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const after = await fetch(`${h.base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toMatch(/invalid_token/);
  });

  test('grant and request errors: unsupported_grant_type, invalid_request', async () => {
    expect(await tokenRequest(h, { grant_type: 'password', client_id: h.client('web').id })).toMatchObject({ status: 400, json: { error: 'unsupported_grant_type' } });
    expect(await tokenRequest(h, { grant_type: 'authorization_code', client_id: h.client('web').id })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    for (const type of ['application/json', 'text/plain']) {
      const res = await fetch(`${h.base}/oauth2/token`, { method: 'POST', headers: { 'content-type': type }, body: '{"grant_type":"client_credentials"}' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
  });
});

describe('authorization endpoint', () => {
  const fetchAuthorize = (params: Record<string, string>) => fetch(authorizeUrl(h, params), { redirect: 'manual' });

  test('the redirect_uri must match a registered callback exactly; a mismatch is shown, never redirected', async () => {
    for (const redirect of [`${CALLBACK_URL}/`, CALLBACK_URL.toUpperCase(), 'http://localhost:3000/callback?x=1', 'https://evil.example/callback']) {
      const res = await fetchAuthorize({ redirect_uri: redirect, state: 's' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('redirect_mismatch');
    }
    const unknownClient = await fetchAuthorize({ client_id: 'nope' });
    expect(unknownClient.status).toBe(400);
  });

  test('an unknown scope goes back to the app as invalid_scope with the state', async () => {
    const res = await fetchAuthorize({ scope: 'openid https://api.example.com/orders.write', state: 'xyz' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK_URL);
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_scope', state: 'xyz' });
    const emailWithoutOpenid = new URL((await fetchAuthorize({ scope: 'email' })).headers.get('location')!);
    expect(emailWithoutOpenid.searchParams.get('error')).toBe('invalid_scope');
  });

  test('PKCE plain is refused (Cognito supports only S256); a challenge without method is invalid_request', async () => {
    const plain = new URL((await fetchAuthorize({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain', state: 'p' })).headers.get('location')!);
    expect(Object.fromEntries(plain.searchParams)).toMatchObject({ error: 'invalid_request', state: 'p' });
    const noMethod = new URL((await fetchAuthorize({ code_challenge: 'a'.repeat(43) })).headers.get('location')!);
    expect(noMethod.searchParams.get('error')).toBe('invalid_request');
  });

  test('a grant the client does not allow is unauthorized_client', async () => {
    const implicit = new URL((await fetchAuthorize({ response_type: 'token' })).headers.get('location')!);
    expect(implicit.searchParams.get('error')).toBe('unauthorized_client');
  });

  test('a signed-in browser gets a code without the page; prompt=login asks again; /logout ends the session', async () => {
    const { browser } = await signIn({});
    const again = await browser.get(authorizeUrl(h, { state: 'second' }));
    expect(callbackParams(again)).toMatchObject({ state: 'second', code: expect.any(String) });
    expect((await browser.get(authorizeUrl(h, { prompt: 'login' }))).html).toContain('name="password"');
    const bad = await browser.get(`${h.base}/logout?${new URLSearchParams({ client_id: h.client('web').id, logout_uri: 'https://evil.example/' })}`);
    expect(bad.status).toBe(400);
    const out = await browser.get(`${h.base}/logout?${new URLSearchParams({ client_id: h.client('web').id, logout_uri: LOGOUT_URL })}`);
    expect(out.leftTo).toBe(LOGOUT_URL);
    expect((await browser.get(authorizeUrl(h, {}))).html).toContain('name="password"');
    const none = await fetch(authorizeUrl(h, { prompt: 'none', state: 'q' }), { redirect: 'manual' });
    expect(Object.fromEntries(new URL(none.headers.get('location')!).searchParams)).toMatchObject({ error: 'login_required', state: 'q' });
  });
});

describe('client credentials grant', () => {

  test('Basic or body authentication, resource server scopes, a token that verifies', async () => {
    const m2m = h.client('m2m');
    for (const [body, headers] of [[{}, basic(m2m.id, m2m.secret!)], [{ client_id: m2m.id, client_secret: m2m.secret! }, {}]] as const) {
      const res = await tokenRequest(h, { grant_type: 'client_credentials', scope: `${API_IDENTIFIER}/orders.read`, ...body }, headers);
      expect(res.status).toBe(200);
      expect(res.json.id_token).toBeUndefined();
      expect(res.json.refresh_token).toBeUndefined();
      const claims = await (await awsVerifier(h, null, 'access')).verify(res.json.access_token);
      expect(claims).toMatchObject({ sub: m2m.id, client_id: m2m.id, token_use: 'access', scope: `${API_IDENTIFIER}/orders.read` });
    }
    const all = await tokenRequest(h, { grant_type: 'client_credentials' }, basic(m2m.id, m2m.secret!));
    expect(claimsOf(all.json.access_token).scope).toBe(`${API_IDENTIFIER}/orders.read`);
  });

  test('an unknown scope is invalid_scope, a wrong secret invalid_client, a public client unauthorized_client', async () => {
    const m2m = h.client('m2m');
    expect(await tokenRequest(h, { grant_type: 'client_credentials', scope: `${API_IDENTIFIER}/orders.write` }, basic(m2m.id, m2m.secret!)))
      .toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
    expect(await tokenRequest(h, { grant_type: 'client_credentials', scope: 'openid' }, basic(m2m.id, m2m.secret!)))
      .toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
    expect(await tokenRequest(h, { grant_type: 'client_credentials' }, basic(m2m.id, 'not-the-secret')))
      .toMatchObject({ status: 400, json: { error: 'invalid_client' } });
    expect(await tokenRequest(h, { grant_type: 'client_credentials', client_id: h.client('web').id }))
      .toMatchObject({ status: 400, json: { error: 'unauthorized_client' } });
  });
});
