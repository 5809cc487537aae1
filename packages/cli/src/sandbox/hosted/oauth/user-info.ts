import { OAuthError } from './errors';
import { COGNITO_ADMIN_SCOPE } from './scopes';
import { CognitoError } from '../../core/errors';
import { UserRecord } from '../../core/records';
import { PoolRuntime, SandboxContext } from '../../model/context';
import { verifyAccessToken } from '../../model/tokens';

/** Claims each OpenID scope releases (OpenID Connect Core 5.4); profile releases every other attribute. */
const EMAIL_CLAIMS = ['email', 'email_verified'];
const PHONE_CLAIMS = ['phone_number', 'phone_number_verified'];

/**
 * /oauth2/userInfo: the user's attributes that the access token's scopes release. `sub` and
 * `username` always; `email`/`phone` their two claims each; `profile` (or the API scope
 * aws.cognito.signin.user.admin) every attribute. The token needs openid or the API scope.
 */
export function userInfo(ctx: SandboxContext, pool: PoolRuntime, authorization: string | undefined): Record<string, unknown> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new OAuthError('invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
  let verified;
  try {
    verified = verifyAccessToken(ctx, token);
  } catch (e) {
    if (e instanceof CognitoError) throw invalidToken();
    throw e;
  }
  const scopes = String(verified.claims.scope ?? '').split(' ');
  if (verified.pool !== pool || !(scopes.includes('openid') || scopes.includes(COGNITO_ADMIN_SCOPE))) throw invalidToken();
  return releasedClaims(verified.user, scopes);
}

function releasedClaims(user: UserRecord, scopes: string[]): Record<string, unknown> {
  const all = scopes.includes('profile') || scopes.includes(COGNITO_ADMIN_SCOPE);
  const released = (name: string) => all || (scopes.includes('email') && EMAIL_CLAIMS.includes(name)) || (scopes.includes('phone') && PHONE_CLAIMS.includes(name));
  const claims: Record<string, unknown> = { sub: user.sub };
  for (const [name, value] of Object.entries(user.attributes)) if (released(name)) claims[name] = value;
  claims.username = user.username;
  return claims;
}

/** 401 with Cognito's description (the error goes in the WWW-Authenticate header). */
export const invalidToken = () =>
  new OAuthError('invalid_token', 'Access token is expired, disabled, or deleted, or the user has globally signed out.', 401);
