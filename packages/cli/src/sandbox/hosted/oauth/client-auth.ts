import { timingSafeEqual } from 'crypto';
import { invalidClient, invalidRequest, unauthorizedClient } from './errors';
import { ClientConfig } from '../../core/pool-config';
import { PoolRuntime, SandboxContext } from '../../model/context';

/** What a token or revocation request says about its client. */
export interface ClientCredentials {
  readonly authorization?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/**
 * Authenticates the client of a token endpoint request: `client_secret_basic` (the Authorization
 * header) or `client_secret_post` (client_id and client_secret in the body), or a public client
 * by client_id alone. Any failure is `invalid_client`, as Cognito's token endpoint documents.
 */
export function authenticateClient(ctx: SandboxContext, pool: PoolRuntime, c: ClientCredentials): ClientConfig {
  const basic = parseBasic(c.authorization);
  if (basic && c.clientId && c.clientId !== basic.id) throw invalidRequest('client_id in the body differs from the Authorization header.');
  if (basic && c.clientSecret !== undefined) throw invalidRequest('Use one client authentication method, not both.');
  const id = basic?.id ?? c.clientId;
  const secret = basic?.secret ?? c.clientSecret;
  if (!id) throw invalidRequest('client_id is required.');
  const client = ctx.clients.get(id);
  if (!client || client.poolId !== pool.config.id) throw invalidClient();
  if (client.secret ? !secret || !sameSecret(secret, client.secret) : secret !== undefined) throw invalidClient();
  if (!client.oauth.enabled) throw unauthorizedClient('The client is not enabled for OAuth flows.');
  return client;
}

/** `Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 section 2.3.1). */
function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!header) return undefined;
  if (!match) throw invalidClient();
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient();
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    throw invalidClient();
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
