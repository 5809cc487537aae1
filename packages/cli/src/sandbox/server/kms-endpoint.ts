/**
 * The sandbox's KMS endpoint: KMS's JSON 1.1 protocol (`POST /`, `X-Amz-Target: TrentService.<Operation>`)
 * on a port of its own on 127.0.0.1, answering Decrypt, GenerateDataKey and Encrypt with the local keys
 * (crypto/local-kms.ts). Trigger functions find it through AWS_ENDPOINT_URL_KMS, so an unmodified custom
 * sender's `KmsKeyringNode` decrypts the codes the sandbox sends it.
 *
 * Only the functions the sandbox runs may call it: every request must be SigV4-signed for `kms` in the
 * sandbox's region with the credentials (and session token) the sandbox gave one of them, and a request
 * with an Origin header (a web page) is refused before anything else.
 */
import Fastify, { FastifyInstance, FastifyReply } from 'fastify';
import { checkIamSignature, CredentialsLookup, SignedRequest, SigningCredentials } from './iam-auth';
import { CognitoError } from '../core/errors';
import { EncryptionContext, KmsError, LocalKms } from '../crypto/local-kms';

/** KMS requests are small (a ciphertext blob is at most 6 KB). */
const MAX_KMS_BODY_BYTES = 64 * 1024;

/** A function's credentials: the only callers the endpoint answers. */
type KmsCaller = SigningCredentials & { readonly functionId: string };

export interface KmsEndpointOptions {
  readonly kms: LocalKms;
  readonly region: string;
  /** The credentials a function was given, by access key id. */
  readonly credentials: CredentialsLookup<KmsCaller>;
  readonly log: (line: string) => void;
}

type Operation = 'Decrypt' | 'GenerateDataKey' | 'Encrypt';
const OPERATIONS = new Set<string>(['Decrypt', 'GenerateDataKey', 'Encrypt']);

/** Starts the endpoint on 127.0.0.1 (a free port); returns it with its URL. */
export async function startKmsEndpoint(options: KmsEndpointOptions): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({
    bodyLimit: MAX_KMS_BODY_BYTES, logger: false, forceCloseConnections: true, requestTimeout: 30_000, connectionTimeout: 30_000,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler(async (err: Error & { statusCode?: number }, _req, reply) => answer(reply, err.statusCode === 413
    ? new KmsError('ValidationException', 'The request is too large.', 413)
    : new KmsError('SerializationException', 'The request could not be read.')));
  app.setNotFoundHandler(async (_req, reply) => answer(reply, new KmsError('UnknownOperationException', 'The sandbox KMS endpoint answers POST / only.', 404)));
  app.post('/', async (req, reply) => {
    const body = typeof req.body === 'string' ? req.body : '';
    try {
      const output = await serve(options, { method: req.method, url: req.url, headers: req.headers, body });
      reply.code(200).header('content-type', 'application/x-amz-json-1.1');
      return JSON.stringify(output);
    } catch (err) {
      if (err instanceof KmsError) return answer(reply, err);
      options.log(`kms request failed: ${(err as Error)?.stack ?? err}`);
      return answer(reply, new KmsError('ValidationException', 'The sandbox failed on this request; its log has the details.', 500));
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** Checks who asks (no Origin, a function's SigV4 signature for `kms`), then runs the operation. */
async function serve(options: KmsEndpointOptions, req: SignedRequest) {
  if (req.headers.origin !== undefined) {
    throw new KmsError('AccessDeniedException', 'The sandbox KMS endpoint does not answer web pages (the request has an Origin header).', 403);
  }
  let caller: KmsCaller;
  try {
    caller = (await checkIamSignature(req, options.region, options.credentials, Date.now(), 'kms'))!;
  } catch (err) {
    if (err instanceof CognitoError) throw new KmsError(err.type as KmsError['type'], err.message, err.status);
    throw err;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const operation = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
  if (!OPERATIONS.has(operation)) {
    throw new KmsError('UnknownOperationException', `${target || 'The request'} is not an operation the sandbox KMS endpoint answers (Decrypt, GenerateDataKey, Encrypt).`);
  }
  const output = run(options.kms, operation as Operation, parse(req.body));
  options.log(`kms ${operation} for function ${caller.functionId} with ${output.KeyId}`);
  return output;
}

/** A KMS error as KMS's JSON protocol carries it. */
function answer(reply: FastifyReply, err: KmsError): string {
  reply.code(err.status).header('content-type', 'application/x-amz-json-1.1').header('x-amzn-ErrorType', err.type);
  return JSON.stringify({ __type: err.type, message: err.message });
}

interface KmsInput {
  readonly KeyId?: string;
  readonly CiphertextBlob?: Uint8Array;
  readonly Plaintext?: Uint8Array;
  readonly EncryptionContext?: EncryptionContext;
  readonly NumberOfBytes?: number;
  readonly KeySpec?: string;
}

/** The JSON body, with blobs (base64 on the wire) as bytes; a wrong type is a SerializationException, as AWS answers. */
function parse(body: string): KmsInput {
  let input: any;
  try {
    input = JSON.parse(body || '{}');
  } catch {
    throw new KmsError('SerializationException', 'The request body is not JSON.');
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new KmsError('SerializationException', 'The request body must be a JSON object.');
  const text = (name: string) => {
    const value = input[name];
    if (value !== undefined && typeof value !== 'string') throw new KmsError('SerializationException', `${name} must be a string.`);
    return value as string | undefined;
  };
  const blob = (name: string) => {
    const value = text(name);
    if (value === undefined) return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new KmsError('SerializationException', `${name} must be base64.`);
    return new Uint8Array(Buffer.from(value, 'base64'));
  };
  const context = input.EncryptionContext;
  if (context !== undefined && (context === null || typeof context !== 'object' || Array.isArray(context) || Object.values(context).some(v => typeof v !== 'string'))) {
    throw new KmsError('SerializationException', 'EncryptionContext must be a map of strings.');
  }
  if (input.NumberOfBytes !== undefined && typeof input.NumberOfBytes !== 'number') throw new KmsError('SerializationException', 'NumberOfBytes must be a number.');
  return {
    KeyId: text('KeyId'),
    CiphertextBlob: blob('CiphertextBlob'),
    Plaintext: blob('Plaintext'),
    EncryptionContext: context,
    NumberOfBytes: input.NumberOfBytes,
    KeySpec: text('KeySpec'),
  };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function run(kms: LocalKms, operation: Operation, input: KmsInput) {
  switch (operation) {
    case 'Decrypt': {
      if (!input.CiphertextBlob) throw new KmsError('ValidationException', 'CiphertextBlob is required.');
      const out = kms.decrypt(input);
      return { KeyId: out.KeyId, Plaintext: base64(out.Plaintext), EncryptionAlgorithm: out.EncryptionAlgorithm };
    }
    case 'GenerateDataKey': {
      const out = kms.generateDataKey(input);
      return { KeyId: out.KeyId, Plaintext: base64(out.Plaintext), CiphertextBlob: base64(out.CiphertextBlob) };
    }
    case 'Encrypt': {
      const out = kms.encrypt(input);
      return { KeyId: out.KeyId, CiphertextBlob: base64(out.CiphertextBlob), EncryptionAlgorithm: out.EncryptionAlgorithm };
    }
  }
}
