import { OAuthError, invalidRequest, unauthorizedClient } from './errors';
import { AuthorizeInput } from '../input';
import { userScopes } from './scopes';
import { ClientConfig, IdentityProviderConfig } from '../../core/pool-config';
import { PoolRuntime, SandboxContext } from '../../model/context';

/** A checked /oauth2/authorize request: everything the sign-in pages carry to the redirect. */
export interface AuthorizeRequest {
  readonly pool: PoolRuntime;
  readonly client: ClientConfig;
  readonly redirectUri: string;
  readonly responseType: 'code' | 'token';
  readonly scopes: string[];
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  /** `identity_provider` or `idp_identifier`: sign in there directly. */
  readonly provider?: IdentityProviderConfig | 'COGNITO';
  /** `prompt=login` asks for a fresh sign-in even with a session; `none` refuses to show a page. */
  readonly prompt?: 'login' | 'none';
}

/** Errors before the redirect URI is known to be registered are shown, never redirected (an open redirect otherwise). */
export class AuthorizePageError extends Error {
  constructor(public readonly error: string, message: string) {
    super(message);
  }
}

/** Errors after it go back to the app: `redirect_uri?error=...&state=...`. */
export class AuthorizeRedirectError extends OAuthError {
  constructor(public readonly redirectUri: string, public readonly state: string | undefined, cause: OAuthError) {
    super(cause.error, cause.description);
  }
}

/**
 * Checks the parameters of /oauth2/authorize (and of every sign-in page, which carry them along)
 * in Cognito's order: the client and an exactly registered redirect URI first, then the rest,
 * whose errors are redirected to the app with its state unchanged.
 */
export function checkAuthorizeRequest(ctx: SandboxContext, pool: PoolRuntime, query: AuthorizeInput): AuthorizeRequest {
  const clientId = query.clientId;
  const client = clientId ? ctx.clients.get(clientId) : undefined;
  if (!client || client.poolId !== pool.config.id) throw new AuthorizePageError('invalid_request', 'The client_id is missing or is not an app client of this user pool.');
  const redirectUri = query.redirectUri;
  // Exact string comparison, as Cognito does: no normalization, no trailing-slash leniency.
  if (!redirectUri || !client.oauth.callbackUrls.includes(redirectUri)) {
    throw new AuthorizePageError('redirect_mismatch', 'The redirect_uri does not match a callback URL registered for this app client.');
  }
  const state = query.state;
  try {
    return { pool, client, redirectUri, state, ...checkParameters(pool, client, query) };
  } catch (e) {
    if (e instanceof OAuthError) throw new AuthorizeRedirectError(redirectUri, state, e);
    throw e;
  }
}

function checkParameters(pool: PoolRuntime, client: ClientConfig, query: AuthorizeInput) {
  if (!client.oauth.enabled) throw unauthorizedClient('The app client is not enabled for OAuth flows.');
  const responseType = query.responseType;
  if (responseType !== 'code' && responseType !== 'token') throw invalidRequest('response_type must be code or token.');
  const flow = responseType === 'code' ? 'code' : 'implicit';
  if (!client.oauth.flows.includes(flow)) throw unauthorizedClient(`The app client does not allow the ${flow} grant.`);
  const { codeChallenge, codeChallengeMethod } = query;
  if (codeChallenge && !codeChallengeMethod) throw invalidRequest('code_challenge_method is required with code_challenge.');
  // Cognito's authorization endpoint supports only S256 of RFC 7636's two methods.
  if (codeChallengeMethod && codeChallengeMethod !== 'S256') throw invalidRequest('code_challenge_method must be S256.');
  if (codeChallengeMethod && !codeChallenge) throw invalidRequest('code_challenge is required with code_challenge_method.');
  if (codeChallenge && !/^[A-Za-z0-9._~-]{43,128}$/.test(codeChallenge)) throw invalidRequest('code_challenge is malformed.');
  const prompt = query.prompt;
  if (prompt !== undefined && prompt !== 'login' && prompt !== 'none') throw invalidRequest('prompt must be login or none.');
  return {
    responseType: responseType as 'code' | 'token',
    scopes: userScopes(client, query.scope),
    nonce: query.nonce,
    codeChallenge,
    codeChallengeMethod,
    provider: providerOf(pool, client, query.identityProvider, query.idpIdentifier),
    prompt: prompt as 'login' | 'none' | undefined,
  };
}

/** The provider asked for, which must be one the client supports. */
function providerOf(pool: PoolRuntime, client: ClientConfig, name: string | undefined, identifier: string | undefined) {
  if (!name && !identifier) return undefined;
  if (name === 'COGNITO') {
    if (!client.oauth.identityProviders.includes('COGNITO')) throw invalidRequest('The app client does not support sign-in with the user pool.');
    return 'COGNITO' as const;
  }
  const provider = pool.config.hosted.identityProviders.find(p => (name ? p.name === name : p.identifiers.includes(identifier!)));
  if (!provider || !client.oauth.identityProviders.includes(provider.name)) {
    throw invalidRequest(`The identity provider ${name ?? identifier} is not supported by this app client.`);
  }
  return provider;
}

/** The app's redirect with parameters in the query (code) or the fragment (implicit tokens), state always included unchanged. */
export function redirectTo(redirectUri: string, params: Record<string, string | undefined>, inFragment = false): string {
  const url = new URL(redirectUri);
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  if (inFragment) {
    url.hash = new URLSearchParams(entries).toString();
  } else {
    for (const [k, v] of entries) url.searchParams.set(k, v);
  }
  return url.toString();
}
