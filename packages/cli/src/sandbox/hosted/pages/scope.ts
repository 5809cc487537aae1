import { CookieSerializeOptions } from '@fastify/cookie';
import { FastifyReply, FastifyRequest } from 'fastify';
import { html, Html } from './html';
import { page, PageFrame } from './layout';
import { clientDisplayName, poolDisplayName } from './names';
import { errorView } from './views';
import { ClientConfig } from '../../core/pool-config';
import { SandboxContext, PoolRuntime } from '../../model/context';
import { PageQuery } from '../input';
import { domainPath, poolForDomain } from '../oauth/urls';

/**
 * What the hosted routes share: the sandbox, whose one sign-in state (`ctx.sessions`) keeps the
 * codes, browser sessions and sign-ins in progress next to the API's sessions.
 */
export interface HostedDeps {
  readonly ctx: SandboxContext;
}

/** The domain a request came to, and its pool. */
export interface DomainScope {
  readonly domain: string;
  readonly pool: PoolRuntime;
  /** The domain's path prefix, e.g. `/domains/my-prefix`. */
  readonly base: string;
}

export const FLOW_COOKIE = 'sandbox-signin';
/** Managed login's session cookie is called `cognito` too. */
export const SSO_COOKIE = 'cognito';

export function scopeOf(ctx: SandboxContext, req: FastifyRequest): DomainScope | undefined {
  const domain = String((req.params as Record<string, string>).domain ?? '');
  const pool = poolForDomain(ctx, domain);
  return pool ? { domain, pool, base: domainPath(domain) } : undefined;
}

/** Cookies no script can read, sent only to this domain's paths, Secure when the request was. */
export const cookieOptions = (scope: DomainScope, maxAgeSeconds?: number): CookieSerializeOptions => ({
  path: scope.base, httpOnly: true, sameSite: 'lax', secure: 'auto', ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
});

/** Fixed notices the pages show after a redirect (a key in the URL, never text from it). */
const NOTICES: Record<string, string> = {
  'confirmed': 'Your account is confirmed. Sign in to continue.',
  'password-reset': 'Your password was reset. Sign in with the new one.',
  'signed-up': 'Your account was created. Sign in to continue.',
  'code-sent': 'We sent you a new code.',
};

export const noticeOf = (query: PageQuery) => (query.notice !== undefined ? NOTICES[query.notice] : undefined);

/** Origins of the client's callback and sign-out URLs: where a form post may end up after redirects. */
export function formTargets(client: ClientConfig | undefined): string[] {
  if (!client) return [];
  const origins = new Set<string>();
  for (const url of [...client.oauth.callbackUrls, ...client.oauth.logoutUrls]) {
    try {
      const u = new URL(url);
      origins.add(u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : u.protocol);
    } catch {
      // A URL Cognito would have refused at deploy time; no form can go there.
    }
  }
  return [...origins];
}

/** Sends a page with headers that keep it out of caches, frames and referrers. */
export function sendPage(reply: FastifyReply, scope: DomainScope | undefined, client: ClientConfig | undefined, status: number, frame: Omit<PageFrame, 'appName' | 'branding'>, content: Html) {
  const appName = client ? clientDisplayName(client) : scope ? poolDisplayName(scope.pool) : 'Sign in';
  const rendered = page({ ...frame, appName, branding: client?.oauth.branding }, content, scope?.base ?? '', formTargets(client));
  return reply.code(status).headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': rendered.csp,
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }).send(rendered.body);
}

export function sendErrorPage(reply: FastifyReply, scope: DomainScope | undefined, status: number, error: string, message: string) {
  return sendPage(reply, scope, undefined, status, { title: 'Something went wrong' }, errorView({ error, message, check: whatToCheck(reply.request, error) }));
}

/**
 * What an error page points the developer to: for a URL that matched none of the client's, its
 * sign-out URLs (LogoutURLs) when a /logout request brought a logout_uri, else its callback URLs;
 * for other refused requests, the request parameters.
 */
function whatToCheck(req: FastifyRequest, error: string): 'sign-out' | 'callback' | 'parameters' | undefined {
  if (error === 'server_error') return undefined;
  if (error !== 'redirect_mismatch') return 'parameters';
  const url = new URL(req.url, 'http://sandbox');
  return url.pathname.endsWith('/logout') && url.searchParams.has('logout_uri') ? 'sign-out' : 'callback';
}

export const notFoundPage = (reply: FastifyReply) =>
  sendErrorPage(reply, undefined, 404, 'not_found', 'No user pool domain of the sandbox has this address.');

export { html };
