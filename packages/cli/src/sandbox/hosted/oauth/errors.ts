/**
 * An OAuth 2.0 error (RFC 6749 section 5.2) as Cognito's endpoints return it: `{ "error": ... }`
 * in a JSON body from /oauth2/token and /oauth2/revoke, a redirect with `?error=` from
 * /oauth2/authorize once the redirect URI is known to be registered.
 */
export class OAuthError extends Error {
  constructor(public readonly error: string, public readonly description?: string, public readonly status = 400) {
    super(description ?? error);
    this.name = 'OAuthError';
  }
}

export const invalidRequest = (description?: string) => new OAuthError('invalid_request', description);
export const invalidClient = (description?: string) => new OAuthError('invalid_client', description);
export const invalidGrant = (description?: string) => new OAuthError('invalid_grant', description);
export const unauthorizedClient = (description?: string) => new OAuthError('unauthorized_client', description);
export const invalidScope = (description?: string) => new OAuthError('invalid_scope', description);
