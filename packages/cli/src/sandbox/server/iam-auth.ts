/**
 * IAM authorization of the admin API. In Cognito, operations such as ListUsers or
 * AdminSetUserPassword are authorized with AWS Signature Version 4; the others are public or take
 * a user's access token. Which is which comes from the SDK itself: its auth scheme provider signs
 * exactly the IAM-authorized operations.
 *
 * Without sandbox credentials a request needs a well-formed SigV4 Authorization header for
 * cognito-idp in the sandbox's region (any key: the SDK signs with whatever credentials it has).
 * With credentials (`--admin-credentials`), the signature is checked against them, as AWS does.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { CognitoError, CognitoErrorName } from '../core/errors';
import type { IamCredentials } from '../model/context';

const SERVICE = 'cognito-idp';
/** AWS refuses signatures more than 5 minutes away from its clock. */
const MAX_SKEW_MS = 5 * 60 * 1000;

type AuthSchemeProvider = CognitoIdentityProviderClient['config']['httpAuthSchemeProvider'];
let authProvider: AuthSchemeProvider | undefined;
const iamOperations = new Map<string, boolean>();

/** True when Cognito authorizes `operation` with IAM (the SDK signs it with SigV4). */
export function isIamAuthorized(operation: string): boolean {
  let iam = iamOperations.get(operation);
  if (iam === undefined) {
    // The SDK's own auth scheme provider, from a client made once (nothing is sent with it).
    authProvider ??= new CognitoIdentityProviderClient({ region: 'us-east-1' }).config.httpAuthSchemeProvider;
    const options = authProvider({ operation } as Parameters<AuthSchemeProvider>[0]);
    iam = !options.some(o => o.schemeId === 'smithy.api#noAuth');
    iamOperations.set(operation, iam);
  }
  return iam;
}

const error = (type: CognitoErrorName, message: string, status = 400) => new CognitoError(type, message, status);

/** The parts of `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

function parseAuthorization(header: string): ParsedAuthorization {
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(header.trim());
  if (!match) throw error('IncompleteSignatureException', 'Authorization header requires the AWS4-HMAC-SHA256 algorithm (AWS Signature Version 4).');
  const fields = new Map(match[1].split(',').map(part => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
  }));
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter(name => !fields.get(name));
  if (missing.length) throw error('IncompleteSignatureException', `Authorization header requires ${missing.map(m => `'${m}'`).join(', ')} parameter(s).`);
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !scope[0]) {
    throw error('IncompleteSignatureException', 'Credential must have the form <access key>/<date>/<region>/<service>/aws4_request.');
  }
  const signature = fields.get('Signature')!;
  if (!/^[0-9a-f]{64}$/.test(signature)) throw error('IncompleteSignatureException', 'Signature must be 64 hexadecimal characters.');
  return {
    accessKeyId: scope[0],
    date: scope[1],
    region: scope[2],
    service: scope[3],
    signedHeaders: fields.get('SignedHeaders')!.split(';').map(h => h.toLowerCase()),
    signature,
  };
}

/** Node's HMAC-SHA256 (or SHA-256 without a key) in the shape SignatureV4 asks for. */
class Sha256 implements Checksum {
  private hash;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    this.hash = this.fresh();
  }
  private fresh() {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(this.secret as Uint8Array | string));
  }
}

/** A request as it arrived: what the signature covers. */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** `20240105T030405Z` -> Date. */
function amzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

/** Credentials a signature is checked against; a session token, when set, must be the request's X-Amz-Security-Token. */
export interface SigningCredentials extends IamCredentials {
  readonly sessionToken?: string;
}

/** The credentials an access key id stands for, or undefined for a key the sandbox did not give out. */
export type CredentialsLookup<C extends SigningCredentials = SigningCredentials> = (accessKeyId: string) => C | undefined;

/**
 * Refuses an IAM-authorized call without a valid SigV4 Authorization header, with the errors AWS
 * gives (MissingAuthenticationTokenException, IncompleteSignatureException,
 * UnrecognizedClientException, InvalidSignatureException). `now` is the real clock: the SDK signs
 * with the machine's time even when the sandbox's clock is moved by a test. Without `credentials`
 * only the scope is checked.
 * @returns the credentials the request was signed with (undefined without `credentials`).
 */
export async function checkIamSignature<C extends SigningCredentials>(
  req: SignedRequest, region: string, credentials?: CredentialsLookup<C>, now = Date.now(), service = SERVICE,
): Promise<C | undefined> {
  const header = req.headers.authorization;
  if (typeof header !== 'string' || !header) {
    throw error('MissingAuthenticationTokenException', 'Request is missing Authentication Token: admin operations need an AWS Signature Version 4 Authorization header (sign with the AWS SDK).', 403);
  }
  const auth = parseAuthorization(header);
  if (auth.service !== service) throw error('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'.`);
  if (auth.region !== region) throw error('InvalidSignatureException', `Credential should be scoped to a valid region, not '${auth.region}'; the sandbox serves '${region}'.`);
  if (!credentials) return undefined;
  const known = credentials(auth.accessKeyId);
  if (!known || auth.accessKeyId !== known.accessKeyId) throw error('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const token = single(req.headers['x-amz-security-token']);
  if (known.sessionToken !== undefined && (token !== known.sessionToken || !auth.signedHeaders.includes('x-amz-security-token'))) {
    throw error('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const date = amzDate(single(req.headers['x-amz-date']));
  if (!date || !auth.signedHeaders.includes('x-amz-date') || auth.date !== single(req.headers['x-amz-date'])?.slice(0, 8)) {
    throw error('IncompleteSignatureException', 'The request must carry a signed X-Amz-Date header matching the credential scope.');
  }
  if (Math.abs(now - date.getTime()) > MAX_SKEW_MS) {
    throw error('InvalidSignatureException', `Signature expired: ${single(req.headers['x-amz-date'])} is more than 5 minutes away from the sandbox's time.`);
  }
  const url = new URL(req.url, 'http://sandbox');
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) throw error('InvalidSignatureException', `The signed header ${name} is missing from the request.`);
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const signer = new SignatureV4({ credentials: known, region, service, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign({
    method: req.method,
    protocol: 'http:',
    hostname: headers.host ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: req.body,
  }, { signingDate: date, signableHeaders: new Set(auth.signedHeaders) });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  if (!timingSafeEqual(Buffer.from(expected.padEnd(64, '0')), Buffer.from(auth.signature))) {
    throw error('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
  }
  return known;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
