import { ClientConfig } from '../../core/pool-config';
import { PoolRuntime, SandboxContext } from '../../model/context';

/**
 * URL layout of the hosted sign-in on the sandbox's one port. Cognito serves each user pool domain
 * on its own host (`<prefix>.auth.<region>.amazoncognito.com`); the sandbox serves each under a
 * path, `/domains/<domain>/`, so every HTTP client reaches it at 127.0.0.1 without DNS or /etc/hosts
 * changes (Chromium resolves `*.localhost` itself, Node's resolver here does not). Below that prefix
 * the paths are Cognito's: `/oauth2/authorize`, `/oauth2/token`, `/oauth2/userInfo`,
 * `/oauth2/revoke`, `/logout`, `/login`, `/signup`, `/confirm`, `/forgotPassword`, ...
 */
export const DOMAINS_PREFIX = '/domains';

export const domainPath = (domain: string) => `${DOMAINS_PREFIX}/${domain}`;

/** The base URL of a domain: what `https://<domain>` is in AWS. */
export const domainUrl = (ctx: SandboxContext, domain: string) => `${ctx.issuerBase}${domainPath(domain)}`;

/** The pool a domain belongs to, if any. */
export function poolForDomain(ctx: SandboxContext, domain: string): PoolRuntime | undefined {
  for (const pool of ctx.pools.values()) if (pool.config.hosted.domains.includes(domain)) return pool;
  return undefined;
}

/**
 * A URL that opens the domain's hosted sign-in for `client` as an app would: /oauth2/authorize
 * with the client's id, `response_type` (code when it allows the code grant, else token), its first
 * callback URL as `redirect_uri` (it must be a registered one), and its scopes (email, phone and
 * profile only with openid, as the endpoint requires). Undefined for a client that cannot sign users
 * in there: OAuth off, no callback URL, or only client credentials.
 */
export function signInUrl(baseUrl: string, client: ClientConfig): string | undefined {
  const { enabled, flows, callbackUrls, scopes } = client.oauth;
  const responseType = flows.includes('code') ? 'code' : flows.includes('implicit') ? 'token' : undefined;
  if (!enabled || !responseType || !callbackUrls.length) return undefined;
  const openid = scopes.includes('openid');
  const userScopes = scopes.filter(s => openid || !['email', 'phone', 'profile'].includes(s));
  const query = new URLSearchParams({
    client_id: client.id,
    response_type: responseType,
    redirect_uri: callbackUrls[0],
    ...(userScopes.length ? { scope: userScopes.join(' ') } : {}),
  });
  return `${baseUrl}/oauth2/authorize?${query}`;
}
