// A relying party built on openid-client 6 (a standard OIDC library, not the sandbox's code): the
// "app" of the browser suite. It runs in its own Node process because openid-client is ESM-only.
// GET /login[?idp=Google] starts the code flow with PKCE S256, state and nonce; GET /callback
// redeems the code, verifies the ID token and calls userInfo; GET /logout goes to Cognito's
// /logout; GET /m2m gets a client credentials token. POST /configure (from the test) sets it up.
import * as http from 'node:http';
import * as client from 'openid-client';

let settings;
let web;
let m2m;
const pending = new Map();
const options = { execute: [client.allowInsecureRequests] };

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, `http://localhost:${server.address().port}`);
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const page = (title, body) => send(200, 'text/html; charset=utf-8', `<!doctype html><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 sans-serif;margin:32px;background:#fafafa}pre{background:#fff;border:1px solid #ddd;padding:12px;white-space:pre-wrap;word-break:break-all}</style>
<h1>${title}</h1>${body}`);
  const escape = s => String(s).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
  try {
    if (req.method === 'POST' && url.pathname === '/configure') {
      let text = '';
      for await (const chunk of req) text += chunk;
      settings = JSON.parse(text);
      web = await client.discovery(new URL(settings.issuer), settings.clientId, undefined, client.None(), options);
      m2m = await client.discovery(new URL(settings.issuer), settings.m2mClientId, settings.m2mSecret, client.ClientSecretBasic(settings.m2mSecret), options);
      return send(200, 'application/json', JSON.stringify({ authorization_endpoint: web.serverMetadata().authorization_endpoint }));
    }
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      pending.set(state, { verifier, nonce });
      const params = {
        redirect_uri: settings.redirectUri, scope: 'openid email profile', state, nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
        ...(url.searchParams.get('idp') ? { identity_provider: url.searchParams.get('idp') } : {}),
      };
      res.writeHead(302, { location: client.buildAuthorizationUrl(web, params).href });
      return res.end();
    }
    if (url.pathname === '/callback') {
      const state = url.searchParams.get('state');
      const flow = pending.get(state);
      if (!flow) return send(400, 'text/plain', `unknown state ${state}; error=${url.searchParams.get('error')}`);
      pending.delete(state);
      const tokens = await client.authorizationCodeGrant(web, url, { pkceCodeVerifier: flow.verifier, expectedState: state, expectedNonce: flow.nonce, idTokenExpected: true });
      const claims = tokens.claims();
      const userInfo = await client.fetchUserInfo(web, tokens.access_token, claims.sub);
      const result = { claims, userInfo, scope: tokens.scope, hasRefreshToken: !!tokens.refresh_token, idToken: tokens.id_token, accessToken: tokens.access_token };
      return page('Signed in to the app', `<p>openid-client verified the ID token (issuer, audience, nonce, signature from the JWKS) and called userInfo.</p>
<p><a id="sign-out" href="/logout">Sign out</a></p><pre id="result">${escape(JSON.stringify(result, null, 2))}</pre>`);
    }
    if (url.pathname === '/logout') {
      const logout = new URL(web.serverMetadata().authorization_endpoint.replace('/oauth2/authorize', '/logout'));
      logout.searchParams.set('client_id', settings.clientId);
      logout.searchParams.set('logout_uri', settings.logoutUri);
      res.writeHead(302, { location: logout.href });
      return res.end();
    }
    if (url.pathname === '/signed-out') return page('Signed out', '<p>The sandbox ended the session and sent you back.</p>');
    if (url.pathname === '/m2m') {
      const tokens = await client.clientCredentialsGrant(m2m, { scope: settings.m2mScope });
      return page('Machine-to-machine token', `<pre id="result">${escape(JSON.stringify({ access_token: tokens.access_token, scope: tokens.scope, expires_in: tokens.expires_in }, null, 2))}</pre>`);
    }
    return send(404, 'text/plain', 'not found');
  } catch (e) {
    return send(500, 'text/plain', `${e?.name}: ${e?.message} ${e?.cause ? JSON.stringify(e.cause) : ''}`);
  }
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.stdin.on('end', () => server.close(() => process.exit(0)));
process.stdin.resume();
