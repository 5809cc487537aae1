import { FastifyInstance, FastifyRequest } from 'fastify';
import { sendJson } from './headers';
import { SandboxContext } from '../context';
import { CognitoError, unsupported } from '../errors';
import { OPERATIONS } from '../handlers';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/**
 * Cognito's JSON 1.1 protocol: `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`
 * and a JSON body; errors as `{ __type, message }` with the x-amzn-ErrorType header, which the
 * AWS SDK maps to its typed exceptions.
 */
export function cognitoApi(ctx: SandboxContext) {
  return async (app: FastifyInstance) => {
    // The SDKs send application/x-amz-json-1.1; read every body as text and parse it here, so a
    // malformed body gets Cognito's SerializationException rather than a framework error.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    app.options('/', (_req, reply) => sendJson(reply, 204, undefined));
    app.post('/', async (req, reply) => {
      const response = await dispatch(ctx, req);
      return sendJson(reply, response.status, response.body, { errorType: response.errorType });
    });
    app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendJson(reply, 413, { __type: 'InvalidParameterException', message: 'Request body too large.' }, { errorType: 'InvalidParameterException' });
      }
      ctx.log(`request failed: ${err.stack ?? err}`);
      return sendJson(reply, 500, { __type: 'InternalErrorException', message: err.message }, { errorType: 'InternalErrorException' });
    });
  };
}

/** A JSON 1.1 response: the status, the body, and the error type header for errors. */
interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
}

const failure = (status: number, type: string, message: string): ApiResponse => ({ status, body: { __type: type, message }, errorType: type });

async function dispatch(ctx: SandboxContext, req: FastifyRequest): Promise<ApiResponse> {
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  try {
    if (!handler) throw unsupported(operation || '(missing X-Amz-Target header)');
    const input = JSON.parse(typeof req.body === 'string' && req.body ? req.body : '{}');
    const output = await handler(ctx, input ?? {});
    return { status: 200, body: output ?? {} };
  } catch (err) {
    if (err instanceof SyntaxError) return failure(400, 'SerializationException', 'Request body is not valid JSON.');
    if (!(err instanceof CognitoError)) {
      ctx.log(`${operation} failed: ${(err as Error)?.stack ?? err}`);
      return failure(500, 'InternalErrorException', String((err as Error)?.message ?? err));
    }
    if (err.type === 'UnsupportedOperationException') ctx.log(err.message);
    return failure(err.status, err.type, err.message);
  }
}
