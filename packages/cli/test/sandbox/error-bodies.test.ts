/**
 * Every 4xx and 5xx the JSON API side answers is Cognito-shaped: `{"__type", "message"}` with the
 * `x-amzn-ErrorType` header, including what the framework and Node's HTTP parser refuse before any
 * operation runs. (The hosted pages keep their HTML errors: test/hosted/.)
 */
import * as net from 'net';
import { Harness, RawRequest, rawRequest, startHarness, synthPool } from '../support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(synthPool({ selfSignUpEnabled: true }));
});
afterAll(() => h.stop());

const JSON_11 = 'application/x-amz-json-1.1';
const target = (operation: string) => ({ 'content-type': JSON_11, 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` });
const BIG = `{"ClientId":"${'x'.repeat(1024 * 1024 + 10)}"}`;

const cases: [string, () => RawRequest, number, string][] = [
  ['a wrong path', () => ({ method: 'POST', path: '/v1/users', headers: target('SignUp'), body: '{}' }), 404, 'UnknownOperationException'],
  ['GET /', () => ({ method: 'GET', path: '/' }), 404, 'UnknownOperationException'],
  ['a wrong method', () => ({ method: 'PUT', path: '/', headers: target('SignUp'), body: '{}' }), 404, 'UnknownOperationException'],
  ['DELETE on a path with a query', () => ({ method: 'DELETE', path: '/x?y=1' }), 404, 'UnknownOperationException'],
  ['a malformed path', () => ({ method: 'POST', path: '/%zz', headers: target('SignUp'), body: '{}' }), 400, 'SerializationException'],
  ['an unsupported content type on a wrong path', () => ({ method: 'POST', path: '/x', headers: { 'content-type': 'application/xml' }, body: '<a/>' }), 404, 'UnknownOperationException'],
  ['an unsupported content type on the API', () => ({ method: 'POST', path: '/', headers: { ...target('SignUp'), 'content-type': 'text/xml' }, body: '<a/>' }), 400, 'SerializationException'],
  ['invalid JSON', () => ({ method: 'POST', path: '/', headers: target('SignUp'), body: '{"ClientId":' }), 400, 'SerializationException'],
  ['invalid JSON declared as application/json on a wrong path', () => ({ method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'SerializationException'],
  ['an oversized body', () => ({ method: 'POST', path: '/', headers: target('SignUp'), body: BIG }), 413, 'InvalidParameterException'],
  ['an oversized body on a wrong path', () => ({ method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, body: BIG }), 413, 'InvalidParameterException'],
  ['an unknown X-Amz-Target', () => ({ method: 'POST', path: '/', headers: target('StealEverything'), body: '{}' }), 400, 'UnknownOperationException'],
  ['no X-Amz-Target', () => ({ method: 'POST', path: '/', headers: { 'content-type': JSON_11 }, body: '{}' }), 400, 'UnknownOperationException'],
  ['a Cognito operation the sandbox does not emulate', () => ({ method: 'POST', path: '/', headers: target('CreateUserPool'), body: '{}' }), 400, 'UnsupportedOperationException'],
  ['OPTIONS that is not a preflight', () => ({ method: 'OPTIONS', path: '/', headers: { origin: 'http://localhost:5173' } }), 404, 'UnknownOperationException'],
  ['OPTIONS without an Origin', () => ({ method: 'OPTIONS', path: '/' }), 404, 'UnknownOperationException'],
  ['JWKS of an unknown pool', () => ({ method: 'GET', path: '/us-east-1_Nope/.well-known/jwks.json' }), 404, 'ResourceNotFoundException'],
  ['an unknown .well-known document', () => ({ method: 'GET', path: `/${h.poolId}/.well-known/other.json` }), 404, 'UnknownOperationException'],
  ['conflicting Transfer-Encoding and Content-Length', () => ({
    method: 'POST', path: '/', headers: { ...target('SignUp'), 'transfer-encoding': 'chunked', 'content-length': '2' }, body: '{}',
  }), 400, 'SerializationException'],
];

test.each(cases)('%s: Cognito-shaped', async (_, request, status, type) => {
  const res = await rawRequest(h.sandbox.endpoint, request());
  expect(res.status).toBe(status);
  expect(res.headers['x-amzn-errortype']).toBe(`${type}:`);
  expect(res.headers['content-type']).toMatch(/^application\/(x-amz-json-1\.1|json)/);
  expect(res.json()).toEqual({ __type: type, message: expect.any(String) });
});

test('a request Node\'s HTTP parser refuses (a malformed request line) gets a Cognito-shaped answer', async () => {
  const url = new URL(h.sandbox.endpoint);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    let text = '';
    socket.on('data', chunk => { text += chunk; });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
  const [head, body] = answer.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 400 /);
  expect(head.toLowerCase()).toContain('x-amzn-errortype: serializationexception:');
  expect(JSON.parse(body)).toEqual({ __type: 'SerializationException', message: expect.any(String) });
});
