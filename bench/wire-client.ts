/**
 * The bench's load generator for throughput phases: the same JSON 1.1 requests the AWS SDK sends
 * (POST /, X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>), over keep-alive HTTP and
 * nothing else. The client shares this machine's two cores with the sandbox, and the SDK's
 * middleware stack costs about 1 ms of CPU per call (measured by the bench's "AWS SDK client" row),
 * which would cap what the sandbox is measured at rather than measure it, as wrk or autocannon
 * would not. The latency phases and one throughput row keep the real SDK; the tests prove the
 * sandbox against the SDK and Amplify JS.
 */
import * as http from 'http';

/** An answer the sandbox refused (Cognito's error type and message). */
export class WireError extends Error {
  constructor(readonly type: string, message: string) {
    super(`${type}: ${message}`);
  }
}

export class WireClient {
  /** Longest wait for one answer. */
  static readonly TIMEOUT_MS = 10_000;

  /**
   * Headers of an admin (IAM-authorized) call as the SDK signs it, for a sandbox started without
   * --admin-credentials: it checks the Authorization header's shape, date and scope, not the signature.
   * `now` is the server's clock (the bench moves the sandbox's).
   */
  static adminHeaders(now: number, region: string): Record<string, string> {
    const amzDate = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return {
      'x-amz-date': amzDate,
      'authorization': `AWS4-HMAC-SHA256 Credential=bench/${amzDate.slice(0, 8)}/${region}/cognito-idp/aws4_request, `
        + `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
    };
  }

  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(endpoint: string, sockets: number) {
    this.url = new URL(endpoint);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  /** One Cognito operation: the input as the SDK would serialize it, the output parsed. */
  call(operation: string, input: object, extraHeaders: Record<string, string> = {}): Promise<any> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const request = http.request({
        agent: this.agent,
        host: this.url.hostname,
        port: this.url.port,
        path: '/',
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          'content-length': Buffer.byteLength(body),
          ...extraHeaders,
        },
      }, response => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let parsed: any;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString() || '{}');
          } catch {
            // Not JSON (a proxy's page, a cut-off body): the call fails, the run does not crash.
            reject(new WireError(String(response.statusCode), 'the answer was not JSON'));
            return;
          }
          if (response.statusCode === 200) resolve(parsed);
          else reject(new WireError(String(parsed.__type ?? response.statusCode), String(parsed.message ?? '')));
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      // An answer that never comes (an emulator that drops a request) fails the call instead of hanging the run.
      request.setTimeout(WireClient.TIMEOUT_MS, () => request.destroy(new WireError('Timeout', `${operation}: no answer in ${WireClient.TIMEOUT_MS} ms`)));
      request.end(body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}
