/**
 * Who may call the sandbox: a web page the developer happens to open must not drive it. CORS only
 * for allowed origins, Host must be loopback (DNS rebinding), admin operations IAM-signed.
 */
import {
  AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand, ListUsersCommand, SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { OPERATIONS } from '../../src/sandbox/operations';
import { isIamAuthorized } from '../../src/sandbox/server/iam-auth';
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

describe('IAM-authorized operations are never callable from a browser page, even from an allowed origin', () => {
  const PASSWORD = 'Passw0rd!long';
  /** A SigV4 header of the right form: without --admin-credentials the sandbox checks only its shape. */
  const madeUpSignature = `AWS4-HMAC-SHA256 Credential=AKIDPAGE/20400101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`;
  /** Every IAM-authorized operation the sandbox answers, from the one classification (the SDK's auth scheme). */
  const iamOperations = Object.keys(OPERATIONS).filter(isIamAuthorized);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(template);
    await createEmailUser(h, 'kim@example.com', PASSWORD);
  });
  afterAll(() => h.stop());

  const signIn = (password: string) => h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim@example.com', PASSWORD: password },
  }));

  test('the table has IAM-authorized operations, admin and pool ones alike', () => {
    expect(iamOperations).toEqual(expect.arrayContaining(['ListUsers', 'AdminSetUserPassword', 'AdminSetUserMFAPreference', 'DescribeUserPool']));
    expect(iamOperations.length).toBeGreaterThanOrEqual(30);
  });

  test.each([APP, 'https://logout.example.net', 'http://localhost:5173'])('from %s, every one is refused with a made-up SigV4 header, and no CORS header', async origin => {
    const answers = await Promise.all(iamOperations.map(async operation => {
      const body = { UserPoolId: h.poolId, Username: 'kim@example.com', Password: 'Taken0ver!long', Permanent: true, SMSMfaSettings: { Enabled: false } };
      const res = await cognitoCall(h.sandbox.endpoint, operation, body, { origin, authorization: madeUpSignature });
      return { operation, status: res.status, type: res.headers['x-amzn-errortype'], acao: res.headers['access-control-allow-origin'], body: res.json() };
    }));
    const reaching = answers.filter(a => a.status !== 403 || a.acao !== undefined || a.body.__type !== 'ForbiddenException');
    expect(reaching).toEqual([]);
    for (const a of answers) {
      expect(a.type).toBe('ForbiddenException:');
      expect(a.body.message).toContain(`${a.operation} is IAM-authorized`);
      expect(a.body.message).toContain('cannot be called from a browser page');
    }
    // Nothing ran: the password is the old one.
    expect((await signIn(PASSWORD)).AuthenticationResult?.AccessToken).toBeDefined();
  });

  test('the preflight of an IAM-authorized call is refused; the API allows no credential header to pages', async () => {
    const preflight = (requestHeaders: string) => rawRequest(h.sandbox.endpoint, {
      method: 'OPTIONS',
      headers: { 'origin': APP, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
    });
    // What the AWS SDK in a browser asks for before a SigV4-signed call.
    for (const asked of ['amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-date,x-amz-target,x-amz-user-agent', 'content-type,x-amz-security-token,x-amz-target']) {
      const refused = await preflight(asked);
      expect(refused.status).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.headers['access-control-allow-headers']).toBeUndefined();
      expect(refused.json()).toMatchObject({ __type: 'ForbiddenException', message: expect.stringContaining('cannot be called from a browser page') });
    }
    // What Amplify asks for before SignUp or InitiateAuth: allowed, without authorization in the list.
    const allowed = await preflight('cache-control,content-type,x-amz-target,x-amz-user-agent');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    const headers = String(allowed.headers['access-control-allow-headers']).split(/,\s*/);
    expect(headers).toEqual(expect.arrayContaining(['content-type', 'x-amz-target', 'x-amz-user-agent']));
    expect(headers).not.toContain('authorization');
    expect(headers).not.toContain('x-amz-security-token');
  });

  test('public and token operations from the same origin still work, with CORS', async () => {
    const signUp = await cognitoCall(h.sandbox.endpoint, 'SignUp', { ClientId: h.clientId, Username: 'page@example.com', Password: PASSWORD }, { origin: APP });
    expect(signUp.status).toBe(200);
    expect(signUp.headers['access-control-allow-origin']).toBe(APP);
    const initiate = await cognitoCall(h.sandbox.endpoint, 'InitiateAuth', {
      ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'kim@example.com', PASSWORD },
    }, { origin: APP });
    expect(initiate.status).toBe(200);
    expect(initiate.headers['access-control-allow-origin']).toBe(APP);
    const getUser = await cognitoCall(h.sandbox.endpoint, 'GetUser', { AccessToken: initiate.json().AuthenticationResult.AccessToken }, { origin: APP });
    expect([getUser.status, getUser.headers['access-control-allow-origin']]).toEqual([200, APP]);
  });

  test('the same admin calls without an Origin (the SDK in Node) still work', async () => {
    expect((await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId }))).Users!.length).toBeGreaterThanOrEqual(1);
    const raw = await cognitoCall(h.sandbox.endpoint, 'ListUsers', { UserPoolId: h.poolId }, { authorization: madeUpSignature });
    expect(raw.status).toBe(200);
  });

  test('with --admin-credentials, a correctly signed call that carries an Origin is refused too', async () => {
    const admin = await startHarness(template, { adminCredentials: 'generate' });
    const creds = admin.sandbox.adminCredentials!;
    const client = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: admin.sandbox.endpoint, credentials: creds, maxAttempts: 1 });
    const fromPage = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint: admin.sandbox.endpoint, credentials: creds, maxAttempts: 1 });
    // A page's fetch carries its Origin; added before signing, so the signature is valid and covers it.
    fromPage.middlewareStack.add(next => args => {
      (args.request as { headers: Record<string, string> }).headers.origin = APP;
      return next(args);
    }, { step: 'build', name: 'pageOrigin' });
    try {
      await createEmailUser({ cognito: client, poolId: admin.poolId }, 'lee@example.com', PASSWORD);
      await expect(fromPage.send(new ListUsersCommand({ UserPoolId: admin.poolId }))).rejects.toMatchObject({ name: 'ForbiddenException', message: expect.stringContaining('ListUsers is IAM-authorized'), $metadata: { httpStatusCode: 403 } });
      await expect(fromPage.send(new AdminSetUserPasswordCommand({ UserPoolId: admin.poolId, Username: 'lee@example.com', Password: 'Taken0ver!long', Permanent: true })))
        .rejects.toMatchObject({ name: 'ForbiddenException' });
      expect((await client.send(new ListUsersCommand({ UserPoolId: admin.poolId }))).Users).toHaveLength(1);
    } finally {
      client.destroy();
      fromPage.destroy();
      await admin.stop();
    }
  });
});
