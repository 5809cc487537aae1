import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import { FastifyInstance } from 'fastify';
import { SandboxContext } from '../model/context';
import { oauthRoutes } from './oauth/routes';
import { DOMAINS_PREFIX } from './oauth/urls';
import { accountRoutes } from './pages/account-routes';
import { STYLESHEET, stylesheet } from './pages/layout';
import { providerRoutes } from './pages/provider-routes';
import { HostedDeps, scopeOf, sendErrorPage } from './pages/scope';
import { signInRoutes } from './pages/sign-in-routes';

/**
 * The hosted sign-in of every user pool domain in the template, under `/domains/<domain>/`: the
 * OAuth 2.0 endpoints, the sign-in, sign-up, reset and MFA pages, and stand-ins for the external
 * providers. Forms carry a CSRF token (a secret in an HttpOnly cookie, the token in the form),
 * bodies are form-encoded, and no cookie is readable by scripts.
 */
export function hostedSignIn(ctx: SandboxContext) {
  return async (app: FastifyInstance) => {
    const deps: HostedDeps = { ctx };
    // The pages send no referrer, so their form posts arrive with `Origin: null`; every form carries a
    // CSRF token and the OAuth endpoints check their own credentials (see http/origins.ts).
    app.addHook('onRoute', route => {
      route.config = { ...route.config, allowNullOrigin: true };
    });
    await app.register(fastifyCookie);
    await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
    await app.register(fastifyCsrf, {
      cookieKey: 'sandbox-csrf',
      cookieOpts: { path: DOMAINS_PREFIX, httpOnly: true, sameSite: 'lax', secure: 'auto' },
    });
    app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
      const scope = scopeOf(ctx, req);
      // The OAuth endpoints answer in JSON even when the framework refused the request (e.g. its media type).
      if (req.url.includes('/oauth2/') && req.method === 'POST' && err.statusCode && err.statusCode < 500) {
        return reply.code(400).type('application/json;charset=UTF-8').send(JSON.stringify({ error: 'invalid_request', error_description: err.message }));
      }
      if (err.code?.startsWith('FST_CSRF')) {
        return sendErrorPage(reply, scope, 403, 'invalid_csrf_token', 'This form expired or did not come from this page. Go back, reload the page and try again.');
      }
      if (err.statusCode && err.statusCode < 500) return sendErrorPage(reply, scope, err.statusCode, 'invalid_request', err.message);
      ctx.log(`hosted sign-in failed: ${err.stack ?? err}`);
      return sendErrorPage(reply, scope, 500, 'server_error', 'The sandbox failed to handle this request; its console has the details.');
    });
    const prefix = `${DOMAINS_PREFIX}/:domain`;
    app.get(`${prefix}/${STYLESHEET}`, (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=300').header('x-content-type-options', 'nosniff').send(stylesheet()));
    for (const routes of [oauthRoutes, signInRoutes, accountRoutes, providerRoutes]) {
      await app.register(routes(deps), { prefix });
    }
  };
}
