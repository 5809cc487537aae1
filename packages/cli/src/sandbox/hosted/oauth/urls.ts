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
