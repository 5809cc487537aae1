/**
 * Who may call the sandbox: a web page the developer happens to open must not drive it. CORS only
 * for allowed origins, Host must be loopback (DNS rebinding), admin operations IAM-signed.
 */
import {
  CognitoIdentityProviderClient, ListUsersCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { synthHostedStack } from '../hosted/hosted-stack';
import { createEmailUser, Harness, startHarness, synthPool, cognitoCall, rawRequest } from '../support';

const APP = 'https://app.example.com';
const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } }, {
  oAuth: { callbackUrls: [`${APP}/callback`], logoutUrls: ['https://logout.example.net/bye'] },
});

describe('browser origins and Host', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(template, { corsOrigins: ['http://192.168.1.5:5173'] });
  });
  afterAll(() => h.stop());

  const preflight = (origin: string) => rawRequest(h.sandbox.endpoint, {
    method: 'OPTIONS',
    headers: { 'origin': origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' },
  });

  test('a page on another origin gets no CORS headers and its requests are refused', async () => {
    const pre = await preflight('https://evil.example');
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-headers']).toBeUndefined();
    // Even a request sent without a preflight (a form post, say) is refused before any operation runs.
    const list = await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'x@example.com', Password: 'Passw0rd!long' },
      { origin: 'https://evil.example' });
    expect(list.status).toBe(403);
    expect(list.json()).toMatchObject({ __type: 'ForbiddenException', message: expect.stringContaining('--cors-origin') });
    expect(h.sandbox.outbox.messages()).toEqual([]);
    expect((await cognitoCall(h.sandbox.endpoint, 'SignUp', {}, { origin: 'null' })).status).toBe(403);
  });

  test.each([
    ['a localhost dev server', 'http://localhost:5173'],
    ['127.0.0.1', 'http://127.0.0.1:3000'],
    ['an app client callback URL', APP],
    ['an app client logout URL', 'https://logout.example.net'],
    ['an origin given with --cors-origin', 'http://192.168.1.5:5173'],
  ])('%s may call it, with the allowed headers named', async (_, origin) => {
    const pre = await preflight(origin);
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(origin);
    expect(pre.headers['access-control-allow-headers']).not.toBe('*');
    expect(String(pre.headers['access-control-allow-headers']).split(/,\s*/)).toEqual(expect.arrayContaining(['content-type', 'x-amz-target']));
    const call = await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'not-an-email', Password: 'x' }, { origin });
    expect(call.headers['access-control-allow-origin']).toBe(origin);
    expect(call.headers['access-control-expose-headers']).toContain('x-amzn-ErrorType');
    expect(call.headers.vary).toContain('Origin');
  });

  test('requests without an Origin (SDKs in Node, curl) are not CORS requests and pass', async () => {
    const call = await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'bad', Password: 'x' });
    expect(call.status).toBe(400);
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });

  test.each(['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '192.168.1.5'])('Host %p is refused (DNS rebinding)', async host => {
    const res = await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'rebind@example.com', Password: 'Passw0rd!long' }, { host });
    expect(res.status).toBe(403);
    expect(res.json().message).toContain('loopback');
    const jwks = await rawRequest(h.sandbox.endpoint, { method: 'GET', path: `/${h.poolId}/.well-known/jwks.json`, headers: { host } });
    expect(jwks.status).toBe(403);
  });

  test.each(['localhost', 'LOCALHOST:1', 'app.localhost:8787', '127.0.0.1', '127.1.2.3:9', '[::1]:8787'])('Host %p is a loopback name', async host => {
    const res = await rawRequest(h.sandbox.endpoint, { method: 'GET', path: `/${h.poolId}/.well-known/jwks.json`, headers: { host } });
    expect(res.status).toBe(200);
  });

  test('a --cors-origin value that is not an origin is refused by name', async () => {
    await expect(startHarness(template, { corsOrigins: ['http://localhost:5173/app'] })).rejects.toThrow(/corsOrigins: 'http:\/\/localhost:5173\/app' is not an origin/);
  });
});

test('the hosted pages take their own no-referrer form posts (Origin: null, CSRF-checked); the API does not', async () => {
  const h = await startHarness(synthHostedStack());
  try {
    const login = `${new URL(h.sandbox.userPools[0].domains[0].baseUrl).pathname}/login`;
    const post = (origin: string) => rawRequest(h.sandbox.endpoint, {
      path: login, headers: { 'origin': origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b',
    });
    // Past the origin guard; the page's own CSRF check refuses a post without its token.
    const opaque = await post('null');
    expect(opaque.status).toBe(403);
    expect(opaque.headers['content-type']).toContain('text/html');
    expect(opaque.body).toContain('did not come from this page');
    const foreign = await post('https://evil.example');
    expect(foreign.json().__type).toBe('ForbiddenException');
    expect((await cognitoCall(h.sandbox.endpoint, 'SignUp', {}, { origin: 'null' })).json().__type).toBe('ForbiddenException');
  } finally {
    await h.stop();
  }
});

describe('admin operations are IAM-authorized', () => {
  test('without a SigV4 Authorization header: refused; public operations need none', async () => {
    const h = await startHarness(template);
    try {
      await createEmailUser(h, 'kim@example.com', 'Passw0rd!long');
      const unsigned = await cognitoCall(h.sandbox.endpoint, 'ListUsers', { UserPoolId: h.poolId });
      expect(unsigned.status).toBe(403);
      expect(unsigned.json().__type).toBe('MissingAuthenticationTokenException');
      const setPassword = await cognitoCall(h.sandbox.endpoint, 'AdminSetUserPassword', { UserPoolId: h.poolId, Username: 'kim@example.com', Password: 'Taken0ver!long', Permanent: true });
      expect(setPassword.json().__type).toBe('MissingAuthenticationTokenException');
      const forged = await cognitoCall(h.sandbox.endpoint, 'ListUsers', { UserPoolId: h.poolId }, { authorization: 'Bearer whatever' });
      expect(forged.json().__type).toBe('IncompleteSignatureException');
      const wrongService = await cognitoCall(h.sandbox.endpoint, 'ListUsers', { UserPoolId: h.poolId }, {
        authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
      });
      expect(wrongService.json()).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringContaining('cognito-idp') });
      // The SDK signs with whatever credentials it has: the harness's made-up ones pass.
      expect((await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId }))).Users).toHaveLength(1);
      expect((await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'lee@example.com', Password: 'Passw0rd!long' })).status).toBe(200);
    } finally {
      await h.stop();
    }
  });

  test('with sandbox credentials, the signature is checked against them', async () => {
    const h = await startHarness(template, { adminCredentials: 'generate' });
    const client = (accessKeyId: string, secretAccessKey: string) =>
      new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: h.sandbox.endpoint, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
    const creds = h.sandbox.adminCredentials!;
    const clients = [client(creds.accessKeyId, creds.secretAccessKey), client(creds.accessKeyId, 'wrong-secret'), client('AKIAOTHER', creds.secretAccessKey)];
    try {
      expect(creds.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect((await clients[0].send(new ListUsersCommand({ UserPoolId: h.poolId }))).Users).toEqual([]);
      await expect(clients[1].send(new ListUsersCommand({ UserPoolId: h.poolId }))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
      await expect(clients[2].send(new ListUsersCommand({ UserPoolId: h.poolId }))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      // Public operations are not signed by the SDK and need no credentials.
      await clients[1].send(new SignUpCommand({ ClientId: h.clientId, Username: 'ann@example.com', Password: 'Passw0rd!long' }));
    } finally {
      clients.forEach(c => c.destroy());
      await h.stop();
    }
  });
});
