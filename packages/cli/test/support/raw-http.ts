/**
 * Plain HTTP requests to the sandbox with full control of every header (Host and Origin
 * included), for what a browser page or a hand-made client could send.
 */
import * as http from 'http';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  json(): any;
}

export interface RawRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** One request on a fresh connection (agent: false), so tests do not share sockets. */
export function rawRequest(endpoint: string, r: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: r.method ?? 'POST',
      path: r.path ?? '/',
      agent: false,
      headers: { ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}), ...r.headers },
    }, res => {
      const chunks: Buffer[] = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A JSON 1.1 call of `operation` with `body` (a string is sent as it is). */
export function cognitoCall(endpoint: string, operation: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(endpoint, {
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
