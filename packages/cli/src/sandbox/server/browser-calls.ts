/**
 * What a browser page may call on the JSON API: the operations Cognito leaves unauthenticated or
 * authorizes with a user's tokens, which a front-end calls, and never an IAM-authorized one. A page
 * cannot hold AWS credentials safely, so ListUsers, AdminSetUserPassword, ... with an Origin header
 * are refused whatever the credentials mode (without `--admin-credentials` any well-formed SigV4
 * header passes, so this is what keeps an allowed origin, or an XSS on it, from driving the admin
 * API from the developer's browser). Which operations are IAM-authorized is the one classification
 * in iam-auth.ts (the SDK's own auth scheme provider).
 */
import { FastifyRequest } from 'fastify';
import { isIamAuthorized } from './iam-auth';
import { ALLOWED_HEADERS } from './origins';
import { inputSchema } from '../wire/parse-input';

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** The operation an `X-Amz-Target` header names (the header value without its service prefix). */
export function operationOf(req: FastifyRequest): string {
  const target = String(req.headers['x-amz-target'] ?? '');
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
}

/** Headers that carry AWS credentials: only a SigV4-signed (IAM-authorized) call sends them. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'x-amz-security-token']);

/** The headers a page may send to the JSON API: the SDKs' headers without the credential ones. */
export const API_BROWSER_HEADERS = ALLOWED_HEADERS.filter(name => !CREDENTIAL_HEADERS.has(name));

const refusal = (what: string) =>
  `${what} cannot be called from a browser page: Cognito authorizes IAM-authorized operations with AWS credentials (SigV4), which a web page must not hold. `
  + 'Call them from a server or script (the AWS SDK in Node sends no Origin header); pages may call the public and access-token operations and the hosted endpoints.';

/** Why a call from a page (a request with an Origin) is refused: it names an IAM-authorized operation. */
export function browserCallRefusal(req: FastifyRequest): string | undefined {
  const operation = operationOf(req);
  // An operation unknown to the SDK is answered as unknown, whoever asks.
  if (inputSchema(operation) === undefined || !isIamAuthorized(operation)) return undefined;
  return refusal(`${operation} is IAM-authorized: it`);
}

/**
 * Why a preflight is refused: the page asks to send credential headers, which only an
 * IAM-authorized call needs (a preflight names headers, not the X-Amz-Target value).
 */
export function browserPreflightRefusal(req: FastifyRequest): string | undefined {
  const requested = String(req.headers['access-control-request-headers'] ?? '').toLowerCase().split(',').map(h => h.trim());
  const credentials = requested.filter(name => CREDENTIAL_HEADERS.has(name));
  if (credentials.length === 0) return undefined;
  return refusal(`IAM-authorized operations (the page asks to send ${credentials.join(' and ')}, which only a SigV4-signed call carries)`);
}
