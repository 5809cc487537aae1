import { FastifyInstance, FastifyRequest } from 'fastify';
import { API_BROWSER_HEADERS, browserCallRefusal, browserPreflightRefusal, operationOf } from './browser-calls';
import { sendJson } from './headers';
import { checkIamSignature, CredentialsLookup, isIamAuthorized } from './iam-auth';
import { admitCall } from './quota-admission';
import { CognitoError, unsupported } from '../core/errors';
import { SandboxContext } from '../model/context';
import { OPERATIONS } from '../operations';
import { Handler } from '../operations/handler';
import { OperationName } from '../operations/inputs';
import { inputSchema, parseInput } from '../wire/parse-input';

/**
 * Cognito's JSON 1.1 protocol: `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>`
 * and a JSON body; errors as `{ __type, message }` with the x-amzn-ErrorType header, which the
 * AWS SDK maps to its typed exceptions. Each request is parsed into the operation's typed input
 * (wire/parse-input.ts), and IAM-authorized operations need a SigV4 signature (iam-auth.ts) and
 * are refused to browser pages (browser-calls.ts). With `--quotas`, a call beyond its quota category's
 * rate is throttled before it runs (quota-admission.ts).
 */
export function cognitoApi(ctx: SandboxContext) {
  return async (app: FastifyInstance) => {
    // The SDKs send application/x-amz-json-1.1; read every body as text and parse it here, so a
    // malformed body gets Cognito's SerializationException rather than a framework error.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    const cors = { methods: ['POST'], allowedHeaders: API_BROWSER_HEADERS };
    app.post('/', { config: { cors, browserRefusal: browserCallRefusal } }, async (req, reply) => {
      const response = await dispatch(ctx, req);
      return sendJson(reply, response.status, response.body, { errorType: response.errorType });
    });
    // The JSON API's own preflight route, so its CORS answer names the API's headers (the CORS hook
    // answers a preflight before this handler runs; anything else here is not found).
    app.options('/', { config: { cors, browserRefusal: browserPreflightRefusal } }, (_req, reply) => reply.callNotFound());
  };
}

/**
 * A target that names no Cognito operation (or none at all) is UnknownOperationException, as AWS's
 * JSON front end answers; a Cognito operation the sandbox does not emulate is its own
 * UnsupportedOperationException, naming the operation so the user sees what is missing.
 */
function unknownOrUnsupported(operation: string): CognitoError {
  if (inputSchema(operation)) return unsupported(operation);
  return new CognitoError('UnknownOperationException', operation
    ? `Unknown operation ${operation}: X-Amz-Target must be AWSCognitoIdentityProviderService.<operation> with a Cognito user pools operation.`
    : 'Missing X-Amz-Target header: the Cognito API takes POST / with X-Amz-Target: AWSCognitoIdentityProviderService.<operation>.');
}

/** A JSON 1.1 response: the status, the body, and the error type header for errors. */
interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly errorType?: string;
}

const failure = (status: number, type: string, message: string): ApiResponse => ({ status, body: { __type: type, message }, errorType: type });

/**
 * With `--admin-credentials`, admin calls must be signed with them, or with the credentials the
 * sandbox gave a trigger function (as a function's execution role may call Cognito).
 */
function adminCredentials(ctx: SandboxContext): CredentialsLookup | undefined {
  const admin = ctx.iamCredentials;
  if (!admin) return undefined;
  return accessKeyId => (accessKeyId === admin.accessKeyId ? admin : ctx.triggers.credentialsFor(accessKeyId));
}

async function dispatch(ctx: SandboxContext, req: FastifyRequest): Promise<ApiResponse> {
  const operation = operationOf(req);
  const body = typeof req.body === 'string' ? req.body : '';
  try {
    if (!Object.prototype.hasOwnProperty.call(OPERATIONS, operation)) throw unknownOrUnsupported(operation);
    const name = operation as OperationName;
    if (isIamAuthorized(name)) {
      await checkIamSignature({ method: req.method, url: req.url, headers: req.headers, body }, ctx.region, adminCredentials(ctx));
    }
    const handler = OPERATIONS[name] as Handler<OperationName>;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    const input = parseInput(name, body);
    admitCall(ctx, name, input as { ChallengeName?: unknown });
    const output = await handler(ctx, input, { origin });
    return { status: 200, body: output ?? {} };
  } catch (err) {
    if (!(err instanceof CognitoError)) {
      // A bug in the sandbox: logged with its stack, answered as Cognito answers its own failures.
      ctx.log(`${operation} failed: ${(err as Error)?.stack ?? err}`);
      return failure(500, 'InternalErrorException', 'The sandbox failed on this request; its log has the details.');
    }
    if (err.type === 'UnsupportedOperationException') ctx.log(err.message);
    return failure(err.status, err.type, err.message);
  }
}
