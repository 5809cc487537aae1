/**
 * The quota mode (`--quotas`) at /oauth2/token: a refresh counts toward UserAuthentication,
 * client_credentials toward ClientAuthentication, an authorization code toward its own allocation
 * (core/quota-operations.ts). Cognito does not document what its token endpoint answers when
 * throttled; the sandbox's choice is HTTP 429 Too Many Requests, the status HTTP clients and OAuth
 * libraries know as "retry later", with an OAuth error body: `{"error":"too_many_requests",
 * "error_description":"Rate exceeded"}`.
 */
import { OAuthError } from './errors';
import { tokenGrantCounter } from '../../core/quota-operations';
import { RATE_EXCEEDED } from '../../core/quotas';
import { SandboxContext } from '../../model/context';

/** @throws OAuthError (429) when the grant's category has no room this second. */
export function admitTokenRequest(ctx: SandboxContext, grantType: string): void {
  const counter = tokenGrantCounter(grantType);
  if (ctx.quotas && counter && !ctx.quotas.admit(counter)) throw new OAuthError('too_many_requests', RATE_EXCEEDED, 429);
}
