import { createHash, timingSafeEqual } from 'crypto';
import { authenticateClient } from './client-auth';
import { invalidGrant, invalidRequest, unauthorizedClient } from './errors';
import { machineScopes } from './scopes';
import { CognitoError } from '../../core/errors';
import { ClientConfig } from '../../core/pool-config';
import { uuid } from '../../crypto/ids';
import { signJwt } from '../../crypto/jwt';
import { issuerOf, PoolRuntime, SandboxContext } from '../../model/context';
import { issueTokens } from '../../model/tokens';
import { getUser } from '../../model/users';
import { refreshAuth } from '../../operations/sign-in/initiate';
import { TokenInput } from '../input';

/** The body of a successful /oauth2/token response. */
export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

/**
 * The grants of /oauth2/token: authorization_code (with PKCE), refresh_token and
 * client_credentials, with the errors Cognito's token endpoint documents.
 */
export async function tokenGrant(ctx: SandboxContext, pool: PoolRuntime, r: TokenInput): Promise<TokenResponse> {
  const client = authenticateClient(ctx, pool, r);
  if (r.grantType === 'authorization_code') return authorizationCode(ctx, pool, client, r);
  if (r.grantType === 'refresh_token') return refreshToken(ctx, pool, client, r);
  return clientCredentials(ctx, pool, client, r);
}

async function authorizationCode(ctx: SandboxContext, pool: PoolRuntime, client: ClientConfig, r: TokenInput) {
  const { code, redirectUri } = r;
  if (!code || !redirectUri) throw invalidRequest('code and redirect_uri are required.');
  if (!client.oauth.flows.includes('code')) throw unauthorizedClient('The app client does not allow the code grant.');
  const grant = ctx.sessions.redeemCode(code);
  // Unknown, spent, expired, or issued to another client: all the same to the caller (RFC 6749 5.2).
  if (!grant || grant.clientId !== client.id || grant.poolId !== pool.config.id) throw invalidGrant();
  // Cognito answers a redirect_uri that differs from the authorization request's with unauthorized_client.
  if (grant.redirectUri !== redirectUri) throw unauthorizedClient();
  if (grant.codeChallenge && !verifierMatches(r.codeVerifier, grant.codeChallenge)) throw invalidGrant();
  const user = getUser(pool, grant.username);
  if (!user || !user.enabled) throw invalidGrant();
  const result = await issueTokens(ctx, pool, client, user, {
    authTime: grant.authTime,
    triggerSource: 'TokenGeneration_HostedAuth',
    oauth: { scopes: grant.scopes, nonce: grant.nonce },
  });
  return tokenResponse(result);
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) equals the challenge; the verifier is 43-128 unreserved characters. */
function verifierMatches(verifier: string | undefined, challenge: string): boolean {
  if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

async function refreshToken(ctx: SandboxContext, pool: PoolRuntime, client: ClientConfig, r: TokenInput) {
  const token = r.refreshToken;
  if (!token) throw invalidRequest('refresh_token is required.');
  try {
    const result = await refreshAuth(ctx, { pool, client, admin: false, params: { REFRESH_TOKEN: token } }, 'oauth');
    return tokenResponse(result.AuthenticationResult);
  } catch (e) {
    // The API's "Invalid Refresh Token" / "Refresh Token has expired" / "User is disabled."
    if (e instanceof CognitoError && e.type === 'NotAuthorizedException') throw invalidGrant();
    throw e;
  }
}

/** An access token for the client itself: `sub` is the client ID and the scopes are custom scopes only. */
async function clientCredentials(ctx: SandboxContext, pool: PoolRuntime, client: ClientConfig, r: TokenInput) {
  if (!client.secret) throw unauthorizedClient('The client credentials grant needs an app client with a secret.');
  if (!client.oauth.flows.includes('client_credentials')) throw unauthorizedClient('The app client does not allow the client_credentials grant.');
  const scopes = machineScopes(client, r.scope);
  const iat = Math.floor(ctx.now() / 1000);
  const accessToken = await signJwt(pool.key, {
    sub: client.id,
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: iat,
    iss: issuerOf(ctx, pool.config.id),
    exp: iat + client.accessTokenValiditySeconds,
    iat,
    version: 2,
    jti: uuid(),
    client_id: client.id,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: client.accessTokenValiditySeconds } satisfies TokenResponse;
}

function tokenResponse(result: Record<string, unknown>): TokenResponse {
  return {
    access_token: String(result.AccessToken),
    ...(result.IdToken ? { id_token: String(result.IdToken) } : {}),
    ...(result.RefreshToken ? { refresh_token: String(result.RefreshToken) } : {}),
    token_type: 'Bearer',
    expires_in: Number(result.ExpiresIn),
  };
}
