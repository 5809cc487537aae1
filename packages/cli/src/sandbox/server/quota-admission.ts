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
import { RATE_EXCEEDED } from '../core/quotas';
import { SandboxContext } from '../model/context';

/** @throws CognitoError TooManyRequestsException (HTTP 400, `Rate exceeded`) when the operation's category has no room this second. */
export function admitCall(ctx: SandboxContext, operation: string, input: { readonly ChallengeName?: unknown }): void {
  if (!ctx.quotas) return;
  const category = categoryOf(operation, input.ChallengeName);
  if (category && !ctx.quotas.admit(category)) throw new CognitoError('TooManyRequestsException', RATE_EXCEEDED);
}
