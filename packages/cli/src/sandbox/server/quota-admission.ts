/**
 * The quota mode's admission check (`--quotas`), made before an operation runs, like the IAM and
 * browser checks: a call beyond its category's rate gets Cognito's throttling answer, which the AWS
 * SDKs classify as a throttling error and retry with backoff. The rate counting is
 * model/quota-meter.ts; the operation-to-category table, core/quota-operations.ts.
 *
 * Only well-formed calls are counted (the check runs after the request is parsed and its signature
 * checked): a request the sandbox refuses as malformed never reaches an operation.
 */
import { CognitoError } from '../core/errors';
import { categoryOf } from '../core/quota-operations';
import { SandboxContext } from '../model/context';

/**
 * Cognito's answer to a throttled call: HTTP 400, `__type` TooManyRequestsException, message
 * "Rate exceeded" (the text SDK users report from Cognito, e.g. boto/boto3#2517; the API reference
 * describes the exception as thrown "when the user has made too many requests for a given operation").
 */
export const RATE_EXCEEDED = 'Rate exceeded';

/** @throws CognitoError TooManyRequestsException when the operation's category has no room this second. */
export function admitCall(ctx: SandboxContext, operation: string, input: { readonly ChallengeName?: unknown }): void {
  if (!ctx.quotas) return;
  const category = categoryOf(operation, input.ChallengeName);
  if (category && !ctx.quotas.admit(category)) throw new CognitoError('TooManyRequestsException', RATE_EXCEEDED);
}
