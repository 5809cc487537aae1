import Fastify, { FastifyInstance } from 'fastify';
import { cognitoApi } from './cognito-api';
import { answerFrameworkErrors, clientErrorHandler, routingErrors } from './framework-errors';
import { guardOrigins, OriginPolicy } from './origins';
import { dualProtocolServer, ServerLimits, TlsIdentity } from './tls';
import { unitOfWorkPerRequest } from './unit-of-work';
import { wellKnown } from './well-known';
import { hostedSignIn } from '../hosted/index';
import { SandboxContext } from '../model/context';

/** Largest request body the sandbox reads (Cognito's own requests are a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How long a client may take; slow or stalled sockets (slowloris) are cut. */
export interface ServerTimeouts {
  /** Every request header must have arrived within this. @default 10000 */
  readonly headersMs?: number;
  /** The whole request, headers and body. @default 30000 */
  readonly requestMs?: number;
  /** An idle kept-alive connection is closed after this. @default 5000 */
  readonly keepAliveMs?: number;
}

export interface HttpOptions {
  readonly origins: OriginPolicy;
  readonly timeouts?: ServerTimeouts;
  /** With a certificate, the one port answers https too (see dualProtocolServer). */
  readonly tls?: TlsIdentity;
}

/**
 * The sandbox's HTTP surface, one plugin per protocol: the Cognito JSON 1.1 API on `POST /`, and
 * the JWKS and OpenID documents on `GET /<poolId>/.well-known/*`, and each pool domain's hosted
 * sign-in (OAuth 2.0 endpoints and pages) under `/domains/<domain>/`. Fastify gives body limits,
 * timeouts, routing and error handling; the Host/Origin checks and CORS (origins.ts) sit in front
 * of every plugin; each plugin owns its wire format.
 */
export async function createApp(ctx: SandboxContext, options: HttpOptions): Promise<FastifyInstance> {
  const headersMs = options.timeouts?.headersMs ?? 10_000;
  const requestMs = Math.max(options.timeouts?.requestMs ?? 30_000, headersMs);
  const limits: ServerLimits = {
    headersTimeout: headersMs,
    requestTimeout: requestMs,
    keepAliveTimeout: options.timeouts?.keepAliveMs ?? 5_000,
    // A socket silent for this long is closed even mid-request.
    connectionTimeout: requestMs,
    // Node checks the header and request deadlines on this interval (its default is 30 s).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersMs / 4))),
  };
  const { tls } = options;
  const app = Fastify({
    // With a certificate, the one port answers https too (see dualProtocolServer).
    ...(tls ? { serverFactory: (handler: any) => dualProtocolServer(handler, tls, limits) } : {}),
    bodyLimit: MAX_BODY_BYTES,
    logger: false,
    // SDK clients keep connections alive; stop() must not wait for them.
    forceCloseConnections: true,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionTimeout: limits.connectionTimeout,
    http: { headersTimeout: limits.headersTimeout, connectionsCheckingInterval: limits.connectionsCheckingInterval },
    // Cognito-shaped answers for what the framework and Node's HTTP parser refuse (framework-errors.ts).
    frameworkErrors: routingErrors(ctx.log),
    clientErrorHandler,
  });
  answerFrameworkErrors(app, ctx.log);
  await guardOrigins(app, options.origins);
  unitOfWorkPerRequest(app, ctx.store, ctx.log);
  await app.register(cognitoApi(ctx));
  await app.register(wellKnown(ctx));
  await app.register(hostedSignIn(ctx));
  return app;
}
