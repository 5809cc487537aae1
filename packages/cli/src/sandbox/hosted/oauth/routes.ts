import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizePageError, AuthorizeRedirectError, AuthorizeRequest, checkAuthorizeRequest, redirectTo } from './authorize-request';
import { authenticateClient } from './client-auth';
import { completeAuthorization } from './complete';
import { invalidRequest, OAuthError } from './errors';
import { tokenGrant } from './grants';
import { userInfo } from './user-info';
import { getRefreshToken } from '../../model/refresh-tokens';
import { revokeRefreshToken } from '../../model/tokens';
import { getUser } from '../../model/users';
import { authorizeInput, carryQuery, logoutInput, revokeInput, tokenInput } from '../input';
import { cookieOptions, DomainScope, HostedDeps, notFoundPage, scopeOf, sendErrorPage, SSO_COOKIE } from '../pages/scope';
import { admitTokenRequest } from '../throttle';

/**
 * Cognito's OAuth 2.0 endpoints under a domain: /oauth2/authorize, /oauth2/token,
 * /oauth2/userInfo, /oauth2/revoke and /logout. The sign-in pages are in ../pages.
 */
export function oauthRoutes(deps: HostedDeps) {
  const { ctx } = deps;
  return async (app: FastifyInstance) => {
    app.get('/oauth2/authorize', async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      const query = authorizeInput(req.query);
      let request: AuthorizeRequest;
      try {
        request = checkAuthorizeRequest(ctx, scope.pool, query);
      } catch (e) {
        return authorizeFailure(reply, scope, e);
      }
      if (request.provider && request.provider !== 'COGNITO') {
        return reply.redirect(`${scope.base}/sandbox-idp/${encodeURIComponent(request.provider.name)}?${carryQuery(query)}`, 302);
      }
      const sso = request.prompt === 'login' ? undefined : ctx.sessions.ssoSession(req.cookies[SSO_COOKIE], scope.domain);
      const user = sso?.poolId === scope.pool.config.id ? getUser(scope.pool, sso.username) : undefined;
      if (sso && user?.enabled) {
        return reply.redirect(await completeAuthorization(ctx, request, { username: user.username, authTime: sso.authTime }), 302);
      }
      if (request.prompt === 'none') return reply.redirect(redirectTo(request.redirectUri, { error: 'login_required', state: request.state }), 302);
      return reply.redirect(`${scope.base}/login?${carryQuery(query)}`, 302);
    });

    // Browser apps call these three with fetch: CORS (preflights included) comes from the app-level
    // origins guard (http/origins.ts), for the origins it allows.

    app.post('/oauth2/token', async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      return oauthJson(reply, async () => {
        const input = tokenInput(req);
        admitTokenRequest(ctx, input.grantType);
        return tokenGrant(ctx, scope.pool, input);
      });
    });

    const info = async (req: FastifyRequest, reply: FastifyReply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      return oauthJson(reply, async () => userInfo(ctx, scope.pool, req.headers.authorization));
    };
    app.get('/oauth2/userInfo', info);
    app.post('/oauth2/userInfo', info);

    app.post('/oauth2/revoke', async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      return oauthJson(reply, async () => {
        const input = revokeInput(req);
        const client = authenticateClient(ctx, scope.pool, input);
        const token = input.token;
        if (!token) throw invalidRequest('token is required.');
        // Only refresh tokens can be revoked; an access token (a JWT) is not one.
        if (token.split('.').length === 3) throw new OAuthError('unsupported_token_type');
        const record = getRefreshToken(scope.pool, token);
        if (record && record.clientId !== client.id) throw invalidRequest('The token was not issued to this client.');
        revokeRefreshToken(ctx, scope.pool, token);
        return {};
      });
    });

    app.get('/logout', async (req, reply) => {
      const scope = scopeOf(ctx, req);
      if (!scope) return notFoundPage(reply);
      return logout(deps, scope, req, reply);
    });
  };
}

/**
 * /logout: ends the browser's session, then either goes to `logout_uri` (which must be one of the
 * client's LogoutURLs, exactly) or, with `redirect_uri` and `response_type`, back to the sign-in page.
 */
function logout({ ctx }: HostedDeps, scope: DomainScope, req: FastifyRequest, reply: FastifyReply) {
  const query = logoutInput(req.query);
  const client = query.clientId !== undefined ? ctx.clients.get(query.clientId) : undefined;
  if (!client || client.poolId !== scope.pool.config.id) return sendErrorPage(reply, scope, 400, 'invalid_request', 'The client_id is missing or is not an app client of this user pool.');
  const logoutUri = query.logoutUri;
  let target: string;
  if (logoutUri) {
    if (!client.oauth.logoutUrls.includes(logoutUri)) return sendErrorPage(reply, scope, 400, 'redirect_mismatch', 'The logout_uri does not match a sign-out URL registered for this app client.');
    target = logoutUri;
  } else {
    try {
      checkAuthorizeRequest(ctx, scope.pool, query.authorize);
    } catch (e) {
      if (e instanceof AuthorizePageError) return sendErrorPage(reply, scope, 400, e.error, e.message);
    }
    target = `${scope.base}/login?${carryQuery(query.authorize)}`;
  }
  ctx.sessions.endSso(req.cookies[SSO_COOKIE]);
  reply.clearCookie(SSO_COOKIE, cookieOptions(scope));
  return reply.redirect(target, 302);
}

function authorizeFailure(reply: FastifyReply, scope: DomainScope, e: unknown) {
  if (e instanceof AuthorizeRedirectError) {
    return reply.redirect(redirectTo(e.redirectUri, { error: e.error, error_description: e.description, state: e.state }), 302);
  }
  if (e instanceof AuthorizePageError) return sendErrorPage(reply, scope, 400, e.error, e.message);
  throw e;
}

/** JSON answers of the OAuth endpoints: no caching, OAuth error bodies. */
async function oauthJson(reply: FastifyReply, produce: () => Promise<object>) {
  reply.headers({ 'cache-control': 'no-store', 'pragma': 'no-cache' });
  try {
    const body = await produce();
    return await reply.code(200).type('application/json;charset=UTF-8').send(JSON.stringify(body));
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    if (e.status === 401) {
      reply.header('www-authenticate', `Bearer error="${e.error}", error_description="${e.description ?? ''}"`);
    }
    const body = { error: e.error, ...(e.description ? { error_description: e.description } : {}) };
    return reply.code(e.status).type('application/json;charset=UTF-8').send(JSON.stringify(body));
  }
}
