import { randomUUID } from 'crypto';
import { FastifyReply } from 'fastify';

/** CORS headers for browser SDKs (Amplify JS) calling the sandbox from a dev server's origin. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
  'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage',
};

/** Sends a JSON body with Cognito's request id header (and the error type header for errors). */
export function sendJson(reply: FastifyReply, status: number, body: unknown, options: { errorType?: string; contentType?: string } = {}) {
  reply.headers({ ...CORS_HEADERS, 'x-amzn-RequestId': randomUUID() });
  if (options.errorType) reply.header('x-amzn-ErrorType', `${options.errorType}:`);
  if (body === undefined) return reply.code(status).send();
  return reply.code(status).type(options.contentType ?? 'application/x-amz-json-1.1').send(JSON.stringify(body));
}
