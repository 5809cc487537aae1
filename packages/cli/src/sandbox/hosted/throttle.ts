/**
 * The quota mode (`--quotas`) on the hosted endpoints, as Cognito's quotas page counts them: at
 * /oauth2/token a refresh toward UserAuthentication, client_credentials toward ClientAuthentication,
 * an authorization code toward its own allocation (core/quota-operations.ts); each managed login
 * sign-in or MFA step toward UserAuthentication, the password reset pages toward UserAccountRecovery,
 * a federated sign-in toward UserFederation. The page does not list managed login sign-up; the
 * sandbox counts its pages toward UserCreation, as SignUp and ConfirmSignUp.
 *
 * What a throttled hosted request answers is not documented either. The sandbox's choices: the token
 * endpoint answers HTTP 429 Too Many Requests (what HTTP and OAuth clients read as "retry later")
 * with `{"error":"too_many_requests","error_description":"Rate exceeded"}`; a page shows its form
 * again with "Too many requests. Wait a moment, then try again." (HTTP 400, as its other errors); a
 * federated sign-in returns to the app with error=invalid_request, as its other refusals do.
 */
import { OAuthError } from './oauth/errors';
import { CognitoError } from '../core/errors';
import { tokenGrantCounter } from '../core/quota-operations';
import { QuotaCategory, RATE_EXCEEDED } from '../core/quotas';
import { SandboxContext } from '../model/context';

/** @throws OAuthError (429) when the grant's category has no room this second. */
export function admitTokenRequest(ctx: SandboxContext, grantType: string): void {
  const counter = tokenGrantCounter(grantType);
  if (ctx.quotas && counter && !ctx.quotas.admit(counter)) throw new OAuthError('too_many_requests', RATE_EXCEEDED, 429);
}

/** @throws CognitoError TooManyRequestsException when a page step's category has no room this second. */
export function admitPageStep(ctx: SandboxContext, category: QuotaCategory): void {
  if (ctx.quotas && !ctx.quotas.admit(category)) throw new CognitoError('TooManyRequestsException', RATE_EXCEEDED);
}
