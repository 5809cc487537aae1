import { FastifyRequest } from 'fastify';
import { invalidRequest, OAuthError } from './oauth/errors';

/**
 * The hosted sign-in's request input, parsed once into typed values (as wire/parse-input.ts does for
 * the JSON API): the OAuth endpoints' query and form parameters and the pages' forms. A parameter
 * sent twice, or not as text, counts as absent, as it always has; routes read only these values.
 */

/** A query or form-encoded body as @fastify/formbody and the query parser give it. */
type Raw = Record<string, unknown>;

/** The value as sent (`''` kept), or undefined when absent or not a single string. */
const raw = (o: Raw, name: string): string | undefined => (typeof o[name] === 'string' ? o[name] as string : undefined);
/** A non-empty value: an empty parameter counts as absent (Cognito's reading of OAuth parameters). */
const given = (o: Raw, name: string): string | undefined => raw(o, name) || undefined;
/** `scope` as the scope checks have always read it (a repeated one joined with commas, and refused). */
const scopeOf = (o: Raw): string | undefined => (o.scope === undefined ? undefined : String(o.scope));

/** The authorize parameters the pages carry from one to the next (and nothing else a request sends). */
export const CARRIED = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'identity_provider', 'idp_identifier', 'prompt'] as const;

/** The parameters of /oauth2/authorize, which every sign-in page carries too. Checked by oauth/authorize-request.ts. */
export interface AuthorizeInput {
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly responseType?: string;
  /** Space-separated, as sent. */
  readonly scope?: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: string;
  readonly identityProvider?: string;
  readonly idpIdentifier?: string;
  readonly prompt?: string;
  /** The carried parameters exactly as sent, for the links and form targets of the next page. */
  readonly carried: Readonly<Record<string, string>>;
}

export function authorizeInput(query: unknown): AuthorizeInput {
  const q = (query ?? {}) as Raw;
  const carried: Record<string, string> = {};
  for (const key of CARRIED) {
    const value = raw(q, key);
    if (value !== undefined) carried[key] = value;
  }
  return {
    clientId: given(q, 'client_id'),
    redirectUri: given(q, 'redirect_uri'),
    responseType: given(q, 'response_type'),
    scope: scopeOf(q),
    state: given(q, 'state'),
    nonce: given(q, 'nonce'),
    codeChallenge: given(q, 'code_challenge'),
    codeChallengeMethod: given(q, 'code_challenge_method'),
    identityProvider: given(q, 'identity_provider'),
    idpIdentifier: given(q, 'idp_identifier'),
    prompt: given(q, 'prompt'),
    carried,
  };
}

/** The query string that carries the authorize parameters to the next page, plus the page's own. */
export function carryQuery(input: AuthorizeInput, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(input.carried);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}

/** A page's query: the authorize parameters, and what the page itself is told in its URL. */
export interface PageQuery {
  readonly authorize: AuthorizeInput;
  /** The user name to prefill (trimmed; `''` when absent). */
  readonly username: string;
  /** A fixed notice's key (never text to show). */
  readonly notice?: string;
  /** The user name to prefill exactly as sent, for the sign-in page. */
  readonly usernameAsSent?: string;
}

export function pageQuery(query: unknown): PageQuery {
  const q = (query ?? {}) as Raw;
  return { authorize: authorizeInput(q), username: (raw(q, 'username') ?? '').trim(), usernameAsSent: raw(q, 'username'), notice: raw(q, 'notice') };
}

/** /logout's query: the client, where to go (`logout_uri`), or the authorize parameters to sign in again. */
export interface LogoutInput {
  readonly clientId?: string;
  readonly logoutUri?: string;
  readonly authorize: AuthorizeInput;
}

export function logoutInput(query: unknown): LogoutInput {
  const q = (query ?? {}) as Raw;
  return { clientId: raw(q, 'client_id'), logoutUri: given(q, 'logout_uri'), authorize: authorizeInput(q) };
}

/** The grants /oauth2/token knows. */
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = typeof GRANT_TYPES[number];

/** Client credentials in a form body (besides HTTP Basic in the Authorization header). */
export interface ClientCredentialsInput {
  readonly authorization?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/** /oauth2/token's form. */
export interface TokenInput extends ClientCredentialsInput {
  readonly grantType: GrantType;
  readonly code?: string;
  readonly redirectUri?: string;
  readonly codeVerifier?: string;
  readonly refreshToken?: string;
  readonly scope?: string;
}

/** The token and revocation endpoints read only form bodies. @throws OAuthError invalid_request otherwise. */
function formBody(req: FastifyRequest): Raw {
  if (!String(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw invalidRequest('Content-Type must be application/x-www-form-urlencoded.');
  }
  return (req.body ?? {}) as Raw;
}

function credentials(req: FastifyRequest, body: Raw): ClientCredentialsInput {
  return { authorization: req.headers.authorization, clientId: raw(body, 'client_id'), clientSecret: raw(body, 'client_secret') };
}

/**
 * Parses /oauth2/token's request. The grant type is checked here, before the client is
 * authenticated (as Cognito does); each grant checks its own required parameters after that.
 *
 * @throws OAuthError invalid_request (not a form, no grant_type) or unsupported_grant_type.
 */
export function tokenInput(req: FastifyRequest): TokenInput {
  const body = formBody(req);
  const grantType = given(body, 'grant_type');
  if (!grantType) throw invalidRequest('grant_type is required.');
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) throw new OAuthError('unsupported_grant_type');
  return {
    ...credentials(req, body),
    grantType: grantType as GrantType,
    code: given(body, 'code'),
    redirectUri: given(body, 'redirect_uri'),
    codeVerifier: given(body, 'code_verifier'),
    refreshToken: given(body, 'refresh_token'),
    scope: scopeOf(body),
  };
}

/** /oauth2/revoke's form: the refresh token and the client's credentials. */
export interface RevokeInput extends ClientCredentialsInput {
  readonly token?: string;
}

/** @throws OAuthError invalid_request when the body is not a form. */
export function revokeInput(req: FastifyRequest): RevokeInput {
  const body = formBody(req);
  return { ...credentials(req, body), token: given(body, 'token') };
}

/** A page form's fields: the text ones only (a field sent twice is dropped), the CSRF token left out. */
export type FormFields = Readonly<Record<string, string>>;

export function formFields(body: unknown): FormFields {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Raw)) if (name !== '_csrf' && typeof value === 'string') fields[name] = value;
  return fields;
}

/** A field as typed (`''` when absent): passwords are never trimmed. */
export const field = (form: FormFields, name: string): string => form[name] ?? '';
/** A field trimmed (`''` when absent). */
export const trimmed = (form: FormFields, name: string): string => field(form, name).trim();

/** The answer to a challenge on /mfa: a code, an MFA method, or a new password with the attributes it asks for. */
export interface ChallengeForm {
  readonly code: string;
  readonly method: string;
  readonly password: string;
  /** Every other field, for NEW_PASSWORD_REQUIRED's missing attributes. */
  readonly attributes: Readonly<Record<string, string>>;
}

export function challengeForm(body: unknown): ChallengeForm {
  const form = formFields(body);
  const attributes = Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'password'));
  return { code: trimmed(form, 'code'), method: field(form, 'method'), password: field(form, 'password'), attributes };
}

/** The stand-in provider's form: the subject, and `attr:<name>` fields (trimmed, empty ones dropped). */
export interface ProviderForm {
  readonly subject: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export function providerForm(body: unknown): ProviderForm {
  const form = formFields(body);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) if (name.startsWith('attr:') && value.trim()) attributes[name.slice(5)] = value.trim();
  return { subject: trimmed(form, 'sub'), attributes };
}
