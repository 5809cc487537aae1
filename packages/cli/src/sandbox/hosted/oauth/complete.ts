import { AuthorizeRequest, redirectTo } from './authorize-request';
import { SandboxContext } from '../../model/context';
import { deleteRefreshToken } from '../../model/refresh-tokens';
import { issueTokens } from '../../model/tokens';
import { requireUser } from '../../model/users';
import { HostedSignIn } from '../../operations/sign-in/flow';

/**
 * Ends a hosted sign-in where the app asked: a code grant gets a one-time authorization code, an
 * implicit grant gets the tokens in the fragment (never a refresh token). State is returned as sent.
 */
export async function completeAuthorization(
  ctx: SandboxContext, req: AuthorizeRequest, signedIn: HostedSignIn,
): Promise<string> {
  if (req.responseType === 'code') {
    const code = ctx.sessions.issueCode({
      poolId: req.pool.config.id,
      clientId: req.client.id,
      username: signedIn.username,
      redirectUri: req.redirectUri,
      scopes: req.scopes,
      nonce: req.nonce,
      codeChallenge: req.codeChallenge,
      codeChallengeMethod: req.codeChallengeMethod,
      authTime: signedIn.authTime,
    });
    return redirectTo(req.redirectUri, { code, state: req.state });
  }
  const user = requireUser(req.pool, signedIn.username);
  const result = await issueTokens(ctx, req.pool, req.client, user, {
    authTime: signedIn.authTime,
    triggerSource: 'TokenGeneration_HostedAuth',
    oauth: { scopes: req.scopes, nonce: req.nonce },
  });
  // The implicit grant never returns a refresh token; drop the one issueTokens recorded.
  if (typeof result.RefreshToken === 'string') deleteRefreshToken(req.pool, result.RefreshToken);
  return redirectTo(req.redirectUri, {
    ...(result.IdToken ? { id_token: String(result.IdToken) } : {}),
    access_token: String(result.AccessToken),
    token_type: 'Bearer',
    expires_in: String(result.ExpiresIn),
    state: req.state,
  }, true);
}
