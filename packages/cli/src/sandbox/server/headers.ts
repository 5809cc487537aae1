import { randomUUID } from 'crypto';
import { FastifyReply } from 'fastify';

/** Sends a JSON body with Cognito's request id header (and the error type header for errors). */
export function sendJson(reply: FastifyReply, status: number, body: unknown, options: { errorType?: string; contentType?: string } = {}) {
  reply.header('x-amzn-RequestId', randomUUID());
  if (options.errorType) reply.header('x-amzn-ErrorType', `${options.errorType}:`);
  if (body === undefined) return reply.code(status).send();
  return reply.code(status).type(options.contentType ?? 'application/x-amz-json-1.1').send(JSON.stringify(body));
}
