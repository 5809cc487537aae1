import { invalidScope } from './errors';
import { ClientConfig } from '../../core/pool-config';

/** Scopes Cognito defines itself; everything else is `<resource server identifier>/<scope>`. */
export const OIDC_SCOPES = ['openid', 'email', 'phone', 'profile'];
export const COGNITO_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';
const RESERVED = new Set([...OIDC_SCOPES, COGNITO_ADMIN_SCOPE]);

export const isCustomScope = (scope: string) => !RESERVED.has(scope);

const parse = (scope: unknown) => [...new Set(String(scope ?? '').split(' ').filter(Boolean))];

/**
 * Scopes for a user sign-in (/oauth2/authorize): each must be allowed for the client, and email,
 * phone and profile need openid (authorization endpoint docs); none requested means all the
 * client's scopes. Anything else is `invalid_scope`.
 */
export function userScopes(client: ClientConfig, requested: unknown): string[] {
  const scopes = parse(requested);
  if (scopes.length === 0) return [...client.oauth.scopes];
  const unknown = scopes.filter(s => !client.oauth.scopes.includes(s));
  if (unknown.length) throw invalidScope(`Scope ${unknown.join(', ')} is not allowed for this client.`);
  if (!scopes.includes('openid') && scopes.some(s => ['email', 'phone', 'profile'].includes(s))) {
    throw invalidScope('The email, phone and profile scopes can only be requested with openid.');
  }
  return scopes;
}

/**
 * Scopes for a client credentials grant: only custom (resource server) scopes the client is
 * allowed; none requested means all of those, and a client with none gets `invalid_scope`.
 */
export function machineScopes(client: ClientConfig, requested: unknown): string[] {
  const allowed = client.oauth.scopes.filter(isCustomScope);
  const scopes = parse(requested);
  if (scopes.length === 0) {
    if (allowed.length === 0) throw invalidScope('The client has no custom scopes for the client credentials grant.');
    return allowed;
  }
  const unknown = scopes.filter(s => !allowed.includes(s));
  if (unknown.length) throw invalidScope(`Scope ${unknown.join(', ')} is not allowed for this client.`);
  return scopes;
}
