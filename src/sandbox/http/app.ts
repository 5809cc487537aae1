import Fastify, { FastifyInstance } from 'fastify';
import { cognitoApi } from './cognito-api';
import { sendJson } from './headers';
import { wellKnown } from './well-known';
import { SandboxContext } from '../context';

/** Largest request body the sandbox reads (Cognito's own requests are a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The sandbox's HTTP surface, one plugin per protocol: the Cognito JSON 1.1 API on `POST /`, and
 * the JWKS and OpenID documents on `GET /<poolId>/.well-known/*`. Fastify gives body limits,
 * routing and error handling; each plugin owns its wire format.
 */
export function createApp(ctx: SandboxContext): FastifyInstance {
  const app = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    logger: false,
    // SDK clients keep connections alive; stop() must not wait for them.
    forceCloseConnections: true,
  });
  app.register(cognitoApi(ctx));
  app.register(wellKnown(ctx));
  app.setNotFoundHandler((_req, reply) => sendJson(reply, 404, { __type: 'ResourceNotFoundException', message: 'Not found' }, { contentType: 'application/json' }));
  return app;
}
