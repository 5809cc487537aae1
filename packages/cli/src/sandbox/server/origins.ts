/**
 * Who may talk to the sandbox. It runs on a developer's laptop, so any web page the developer opens
 * could try to reach it; two app-level checks, in front of every plugin, stop that:
 * - Host must be a loopback name or address (or the host the sandbox was told to listen on), so a
 *   page whose DNS name is rebound to 127.0.0.1 gets nothing (DNS rebinding);
 * - a browser request (one with an Origin header) must come from a localhost origin, an origin of
 *   an app client's callback or logout URLs in the template, or one given with `--cors-origin`.
 * CORS headers (@fastify/cors) are sent only to those origins; a plugin states its routes' own
 * needs with `config: { cors: { ... } }` (or `cors: false` for a route no page may read),
 * `config: { allowNullOrigin: true }` for form posts from its own no-referrer pages, and
 * `config: { browserRefusal }` for requests no page may make even from an allowed origin.
 */
import cors from '@fastify/cors';
import { FastifyInstance } from 'fastify';
import { sendNotFound } from './framework-errors';
import { sendJson } from './headers';
import { isLoopbackName, originOf } from '../core/origins';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route also takes requests with `Origin: null`: form posts from its own pages, which send no
     * referrer (browsers then send the opaque origin). Only for routes that check a CSRF token (or
     * their own credentials), since a sandboxed frame on any site sends `null` as well.
     */
    readonly allowNullOrigin?: boolean;
    /**
     * Why a browser page (a request with an allowed Origin) may not make this request, or undefined
     * when it may. A refused request gets a 403 before any handler runs and no CORS header, so the
     * page can neither make it nor read the answer.
     */
    readonly browserRefusal?: (req: FastifyRequest) => string | undefined;
  }
}

export interface OriginPolicy {
  /** Exact origins (`scheme://host[:port]`) besides localhost ones. */
  readonly allowedOrigins: ReadonlySet<string>;
  /** Host names besides loopback ones that Host may name (the explicit listen host). */
  readonly allowedHosts: ReadonlySet<string>;
}

/**
 * Headers the AWS SDK and Amplify JS send from a browser (routes may name fewer: the JSON API takes
 * no Authorization header from a page, see cognito-api.ts).
 */
export const ALLOWED_HEADERS = [
  'content-type', 'x-amz-target', 'x-amz-user-agent', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256',
  'authorization', 'amz-sdk-invocation-id', 'amz-sdk-request', 'cache-control',
];
const EXPOSED_HEADERS = ['x-amzn-RequestId', 'x-amzn-ErrorType', 'x-amzn-ErrorMessage'];

/** The host name of a Host header (`name[:port]`, `[v6]:port`), or undefined when it is not one. */
function hostnameOf(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return undefined;
  }
}

export function originAllowed(policy: OriginPolicy, origin: string): boolean {
  if (policy.allowedOrigins.has(origin)) return true;
  const parsed = originOf(origin);
  return parsed === origin && isLoopbackName(new URL(origin).hostname);
}

function hostAllowed(policy: OriginPolicy, host: string | undefined): boolean {
  const name = host ? hostnameOf(host) : undefined;
  return !!name && (isLoopbackName(name) || policy.allowedHosts.has(name.toLowerCase()));
}

const forbidden = (message: string) => ({ __type: 'ForbiddenException', message });

/** Adds the Host and Origin checks and CORS to the root app, so every plugin registered after gets them. */
export async function guardOrigins(app: FastifyInstance, policy: OriginPolicy): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (!hostAllowed(policy, req.headers.host)) {
      return sendJson(reply, 403, forbidden(`Host '${req.headers.host ?? ''}' is not a loopback name or address: the sandbox answers only requests addressed to localhost or 127.0.0.1 (this stops DNS rebinding).`),
        { contentType: 'application/json', errorType: 'ForbiddenException' });
    }
    const origin = req.headers.origin;
    const opaqueButAllowed = origin === 'null' && req.routeOptions.config?.allowNullOrigin === true;
    if (origin !== undefined && !originAllowed(policy, origin) && !opaqueButAllowed) {
      return sendJson(reply, 403, forbidden(`Origin '${origin}' may not call the sandbox: it accepts browser requests from localhost origins and the app clients' callback and logout URLs; add others with --cors-origin.`),
        { contentType: 'application/json', errorType: 'ForbiddenException' });
    }
    // An OPTIONS request that is not a preflight is answered as any request no route takes.
    if (req.method === 'OPTIONS' && origin !== undefined && !req.headers['access-control-request-method']) return sendNotFound(req, reply);
    const refusal = origin === undefined ? undefined : req.routeOptions.config?.browserRefusal?.(req);
    if (refusal) return sendJson(reply, 403, forbidden(refusal), { contentType: 'application/json', errorType: 'ForbiddenException' });
    return undefined;
  });
  await app.register(cors, {
    // Reached only for origins the hook above let through.
    origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(policy, origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
}
