/**
 * Cognito-shaped answers (`{"__type", "message"}` with the `x-amzn-ErrorType` header) for everything
 * the framework refuses before an operation runs, so an SDK or a fuzzer never sees Fastify's own
 * error shape. The hosted pages and OAuth endpoints keep their own errors (HTML pages, OAuth JSON):
 * their plugin sets its own handlers, which Fastify's encapsulation puts in front of these.
 *
 * Cognito does not document these answers; the choices, from what AWS's JSON front end answers
 * (an unknown X-Amz-Target is `UnknownOperationException`; a body it cannot read is
 * `SerializationException`):
 * - a path or method where no operation lives (`GET /`, `PUT /`, `POST /x`): 404 UnknownOperationException;
 * - a request that cannot be read (malformed URL or request line, invalid JSON where JSON was
 *   declared, a wrong length): its 4xx status with SerializationException;
 * - a body over the limit: 413 InvalidParameterException;
 * - anything else (a bug): 500 InternalErrorException, logged.
 */
import { Socket } from 'net';
import { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from './headers';

export const sendError = (reply: FastifyReply, status: number, type: string, message: string) =>
  sendJson(reply, status, { __type: type, message }, { errorType: type });

/** The answer for a request no route takes. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  const path = req.url.split('?')[0];
  return sendError(reply, 404, 'UnknownOperationException',
    `No operation at ${req.method} ${path}: the Cognito API takes POST / with an X-Amz-Target header; the sandbox also serves /<poolId>/.well-known/* and the hosted pages under /domains/<domain>/.`);
}

/** Answers an error the framework raised (or a handler threw) for `req`. */
export function sendFrameworkError(err: FastifyError, reply: FastifyReply, log: (line: string) => void) {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'InvalidParameterException', 'Request body too large: the sandbox reads at most 1 MB.');
  // Framework errors about the request itself (a broken URL, body stream or length) are the client's.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, err.statusCode, 'SerializationException', err.message);
  log(`request failed: ${err.stack ?? err}`);
  return sendError(reply, 500, 'InternalErrorException', 'The sandbox failed on this request; its log has the details.');
}

/** The error and not-found handlers of the root app (plugins registered after inherit them). */
export function answerFrameworkErrors(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler((err: FastifyError, _req, reply) => sendFrameworkError(err, reply, log));
  app.setNotFoundHandler((req, reply) => sendNotFound(req, reply));
}

/** Fastify's `frameworkErrors` option: errors raised while routing (a malformed URL, an over-long parameter). */
export const routingErrors = (log: (line: string) => void) =>
  (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => sendFrameworkError(err, reply, log);

const CLIENT_ERRORS: Record<string, readonly [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request did not arrive in time.'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are too large.'],
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (a malformed request line
 * or header, headers too large, a timeout) gets a Cognito-shaped answer on the raw socket.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'Bad Request', 'The request could not be read as HTTP.'];
  const body = JSON.stringify({ __type: 'SerializationException', message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-ErrorType: SerializationException:\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
