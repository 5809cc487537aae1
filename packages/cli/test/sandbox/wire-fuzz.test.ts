/**
 * Fuzz of the wire: thousands of requests per run, bodies built from the SDK's schema of every
 * operation the sandbox answers and then bent, plus raw garbage, plus malformed requests (wrong
 * paths, methods, content types, targets, origins). No answer may be a 5xx, every error is
 * Cognito-shaped JSON with its x-amzn-ErrorType header, and the sandbox still answers afterwards.
 * Replay a failure with FUZZ_SEED=<seed printed by fast-check>; FUZZ_STATS=1 prints the figures.
 */
import { AdminSetUserMFAPreferenceCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as fc from 'fast-check';
import { createEmailUser, Harness, startHarness, synthPool, cognitoCall, RawResponse, rawRequest } from '../support';
import { Known, rawBody, SEEN, valueOf } from './fixtures/wire-arbitraries';
import { OPERATIONS } from '../../src/sandbox/operations';
import { inputSchema } from '../../src/sandbox/wire/parse-input';

const REQUESTS = 2_500;
const PASSWORD = 'Passw0rd!long';

let h: Harness;
/** Strings from earlier answers (sessions, tokens, device keys...), fed back into requests. */
const seen: string[] = [];
let known: Known = { byMember: {}, any: [] };

beforeAll(async () => {
  h = await startHarness(synthPool({
    selfSignUpEnabled: true,
    signInAliases: { email: true, phone: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: true, otp: true },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
  }, { authFlows: { user: true, userPassword: true, userSrp: true, adminUserPassword: true, custom: true } },
  (stack, pool) => new cognito.CfnUserPoolGroup(stack, 'Admins', { userPoolId: pool.userPoolId, groupName: 'admins' })));
  await createEmailUser(h, 'fuzz@example.com', PASSWORD);
  await h.cognito.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: h.poolId, Username: 'fuzz@example.com', SMSMfaSettings: { Enabled: false } }));
  const tokens = (await h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'fuzz@example.com', PASSWORD },
  }))).AuthenticationResult!;
  const device = tokens.NewDeviceMetadata!.DeviceKey!;
  known = {
    byMember: {
      UserPoolId: [h.poolId],
      ClientId: [h.clientId],
      Username: ['fuzz@example.com', 'new@example.com', '+15555550100'],
      Password: [PASSWORD],
      ProposedPassword: [PASSWORD],
      PreviousPassword: [PASSWORD],
      TemporaryPassword: [PASSWORD],
      GroupName: ['admins'],
      AccessToken: [tokens.AccessToken!],
      DeviceKey: [device],
      AttributeName: ['email', 'phone_number'],
    },
    any: [h.poolId, h.clientId, 'fuzz@example.com', PASSWORD, tokens.AccessToken!, tokens.RefreshToken!, device],
  };
  seen.push(...known.any);
});
afterAll(() => h.stop());

/** Replaces SEEN markers by values seen so far, anywhere in the body. */
function resolveSeen(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(SEEN)) return seen[Number(value.slice(SEEN.length)) % seen.length];
  if (Array.isArray(value)) return value.map(resolveSeen);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSeen(v)]));
  return value;
}

/** Keeps the strings of an answer that a later request could use. */
function remember(body: unknown): void {
  if (typeof body === 'string' && body.length >= 8 && body.length < 3_000 && seen.length < 5_000) seen.push(body);
  else if (body && typeof body === 'object') Object.values(body).forEach(remember);
}

const operations = Object.keys(OPERATIONS);
/** A request of any shape around the JSON API (the hosted pages under /domains/ answer in HTML and are left out). */
const malformed = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST', 'OPTIONS'),
  path: fc.oneof(
    fc.constantFrom('/', '/x', '/%', '/%zz/a', '/?a=%', '//', '/.well-known/jwks.json', '/POOL/.well-known/x', '/POOL/.well-known/jwks.json/extra', '/POOL'),
    fc.webPath().filter(p => p.startsWith('/') && !p.startsWith('/domains')),
  ),
  contentType: fc.option(fc.constantFrom('application/json', 'application/x-amz-json-1.1', 'text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded')),
  target: fc.option(fc.constantFrom(...operations, 'Nope', '')),
  origin: fc.option(fc.constantFrom('http://localhost:5173', 'null')),
  body: fc.option(rawBody),
});
const requests = () => fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom(...operations).chain(op => valueOf(inputSchema(op)!, known).map(body => ({ op, body: body as unknown }))),
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...operations, 'DescribeUserPool', 'toString', '__proto__', ''), rawBody).map(([op, body]) => ({ op, body: body as unknown })) },
  { weight: 3, arbitrary: malformed.map(raw => ({ op: '', body: undefined as unknown, raw })) },
);

/** Why an error answer is not Cognito's shape, or undefined when it is. */
function notCognitoShaped(res: RawResponse): string | undefined {
  let json: unknown;
  try {
    json = res.json();
  } catch {
    return `not JSON: ${res.body.slice(0, 80)}`;
  }
  const { __type: type, message, ...rest } = (json ?? {}) as Record<string, unknown>;
  if (typeof type !== 'string' || typeof message !== 'string' || Object.keys(rest).length) return `not {__type, message}: ${res.body.slice(0, 80)}`;
  if (res.headers['x-amzn-errortype'] !== `${type}:`) return `x-amzn-ErrorType ${res.headers['x-amzn-errortype']} for ${type}`;
  return undefined;
}
const signed = fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });

test(`${REQUESTS} fuzzed requests: never a 5xx, always Cognito-shaped JSON errors, and the sandbox keeps answering`, async () => {
  const statuses = new Map<number, number>();
  /** Error answers that are not Cognito-shaped, with the request that got them. */
  const unshaped: string[] = [];
  let errors = 0;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  await fc.assert(fc.asyncProperty(requests(), signed, async (request, sign) => {
    const headers: Record<string, string> = sign
      ? { authorization: `AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20240101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}` }
      : {};
    let res: RawResponse;
    let sent: string;
    if ('raw' in request) {
      const { method, path, contentType, target, origin, body } = request.raw;
      sent = `${method} ${path} ${contentType ?? ''} ${target ?? ''} ${origin ?? ''}`;
      res = await rawRequest(h.sandbox.endpoint, {
        method,
        path: path.replace('POOL', h.poolId),
        headers: {
          ...headers,
          ...(contentType ? { 'content-type': contentType } : {}),
          ...(target !== null ? { 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` } : {}),
          ...(origin ? { origin } : {}),
        },
        ...(body !== null && method !== 'GET' ? { body } : {}),
      });
    } else {
      sent = typeof request.body === 'string' ? request.body : JSON.stringify(resolveSeen(request.body));
      res = await cognitoCall(h.sandbox.endpoint, request.op, sent, headers);
    }
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) {
      errors++;
      const problem = notCognitoShaped(res);
      if (problem) unshaped.push(`${res.status} ${problem} <- ${sent.slice(0, 80)}`);
    } else if (res.status === 200 && !('raw' in request)) {
      remember(res.json());
    }
  }), { numRuns: REQUESTS, seed, endOnFailure: true });
  if (process.env.FUZZ_STATS) process.stdout.write(`statuses ${JSON.stringify([...statuses].sort())}; ${unshaped.length} of ${errors} error answers not Cognito-shaped\n`);
  expect(unshaped.slice(0, 5)).toEqual([]);
  // Mostly refused shapes, but enough well-formed calls get through to exercise the operations.
  expect(statuses.get(200) ?? 0).toBeGreaterThan(REQUESTS / 50);
  const health = await rawRequest(h.sandbox.endpoint, { method: 'GET', path: `/${h.poolId}/.well-known/jwks.json` });
  expect(health.status).toBe(200);
}, 120_000);
