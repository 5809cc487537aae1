import { randomUUID } from 'crypto';
import * as http from 'http';
import { issuerOf, SandboxContext } from './context';
import { CognitoError, unsupported } from './errors';
import { OPERATIONS } from './handlers';
import { jwk } from './jwt';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const MAX_BODY = 1024 * 1024;
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage',
};

/** Serves Cognito's JSON 1.1 protocol on POST / and the JWKS / OpenID documents on GET. */
export function createServer(ctx: SandboxContext): http.Server {
  return http.createServer((req, res) => {
    handle(ctx, req, res).catch(err => send(res, 500, { __type: 'InternalErrorException', message: String(err?.message ?? err) }));
  });
}

async function handle(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method === 'OPTIONS') return send(res, 204, undefined);
  if (req.method === 'GET') return wellKnown(ctx, req, res);
  if (req.method !== 'POST') return send(res, 405, { __type: 'MethodNotAllowed', message: `${req.method} is not supported` });
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  try {
    if (!handler) throw unsupported(operation || '(missing X-Amz-Target header)');
    const input = JSON.parse((await readBody(req)) || '{}');
    const output = await handler(ctx, input ?? {});
    send(res, 200, output ?? {});
  } catch (err) {
    if (err instanceof SyntaxError) return send(res, 400, { __type: 'SerializationException', message: 'Request body is not valid JSON.' });
    if (!(err instanceof CognitoError)) {
      ctx.log(`${operation} failed: ${(err as Error)?.stack ?? err}`);
      return send(res, 500, { __type: 'InternalErrorException', message: String((err as Error)?.message ?? err) });
    }
    if (err.type === 'UnsupportedOperationException') ctx.log(err.message);
    send(res, err.status, { __type: err.type, message: err.message }, err.type);
  }
}

function wellKnown(ctx: SandboxContext, req: http.IncomingMessage, res: http.ServerResponse) {
  const m = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
  const pool = m ? ctx.pools.get(m[1]) : undefined;
  if (!m || !pool) return send(res, 404, { __type: 'ResourceNotFoundException', message: 'Not found' });
  if (m[2] === 'jwks.json') return send(res, 200, { keys: [jwk(pool.key)] }, undefined, 'application/json');
  const issuer = issuerOf(ctx, pool.config.id);
  return send(res, 200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
  }, undefined, 'application/json');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new CognitoError('InvalidParameterException', 'Request body too large.'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, errorType?: string, contentType = 'application/x-amz-json-1.1') {
  const headers: Record<string, string> = { ...CORS, 'x-amzn-RequestId': randomUUID() };
  if (errorType) headers['x-amzn-ErrorType'] = `${errorType}:`;
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) }).end(text);
}
