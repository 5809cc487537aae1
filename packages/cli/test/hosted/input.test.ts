/**
 * hosted/input.ts: the hosted sign-in's query and form input, parsed once into typed values, with
 * the OAuth error a bad or missing parameter gets.
 */
import { FastifyRequest } from 'fastify';
import {
  authorizeInput, carryQuery, challengeForm, formFields, logoutInput, pageQuery, providerForm, revokeInput, tokenInput,
} from '../../src/sandbox/hosted/input';
import { OAuthError } from '../../src/sandbox/hosted/oauth/errors';

const FORM = 'application/x-www-form-urlencoded';
const request = (body: Record<string, unknown>, contentType = FORM, authorization?: string) =>
  ({ headers: { 'content-type': contentType, authorization }, body }) as unknown as FastifyRequest;

function oauthError(f: () => unknown): { error: string; description?: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof OAuthError) return { error: e.error, ...(e.description ? { description: e.description } : {}) };
    throw e;
  }
  throw new Error('no OAuthError');
}

test('authorize parameters: empty or repeated ones are absent, the carried ones are kept exactly as sent', () => {
  const input = authorizeInput({ client_id: 'web', redirect_uri: 'https://app/cb', response_type: 'code', state: '', nonce: ['a', 'b'], prompt: 'login', username: 'alice', scope: 'openid email' });
  expect(input).toMatchObject({ clientId: 'web', redirectUri: 'https://app/cb', responseType: 'code', state: undefined, nonce: undefined, prompt: 'login', scope: 'openid email' });
  // Only the authorize parameters are carried; an empty state is carried as sent.
  expect(carryQuery(input, { notice: 'code-sent' })).toBe('client_id=web&redirect_uri=https%3A%2F%2Fapp%2Fcb&response_type=code&scope=openid+email&state=&prompt=login&notice=code-sent');
  expect(authorizeInput(undefined)).toEqual(expect.objectContaining({ clientId: undefined, carried: {} }));
});

test('page and logout queries: the user name (trimmed, and as sent), the notice key, logout_uri', () => {
  expect(pageQuery({ client_id: 'web', username: ' alice ', notice: 'confirmed' })).toMatchObject({ username: 'alice', usernameAsSent: ' alice ', notice: 'confirmed' });
  expect(pageQuery({})).toMatchObject({ username: '', usernameAsSent: undefined, notice: undefined });
  expect(logoutInput({ client_id: 'web', logout_uri: '' })).toMatchObject({ clientId: 'web', logoutUri: undefined });
  expect(logoutInput({ client_id: 'web', logout_uri: 'https://app/bye' }).logoutUri).toBe('https://app/bye');
});

test('/oauth2/token: not a form, no grant_type, or an unknown grant is the documented OAuth error', () => {
  expect(oauthError(() => tokenInput(request({ grant_type: 'authorization_code' }, 'application/json')))).toEqual({ error: 'invalid_request', description: 'Content-Type must be application/x-www-form-urlencoded.' });
  expect(oauthError(() => tokenInput(request({})))).toEqual({ error: 'invalid_request', description: 'grant_type is required.' });
  expect(oauthError(() => tokenInput(request({ grant_type: '' })))).toEqual({ error: 'invalid_request', description: 'grant_type is required.' });
  expect(oauthError(() => tokenInput(request({ grant_type: 'password' })))).toEqual({ error: 'unsupported_grant_type' });
  expect(tokenInput(request({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'https://app/cb', code_verifier: '', client_id: 'web' }, FORM, 'Basic x'))).toEqual({
    grantType: 'authorization_code',
    code: 'c',
    redirectUri: 'https://app/cb',
    codeVerifier: undefined,
    refreshToken: undefined,
    scope: undefined,
    clientId: 'web',
    clientSecret: undefined,
    authorization: 'Basic x',
  });
});

test('/oauth2/revoke: a form only; an empty token is absent', () => {
  expect(oauthError(() => revokeInput(request({ token: 't' }, 'text/plain')))).toEqual({ error: 'invalid_request', description: 'Content-Type must be application/x-www-form-urlencoded.' });
  expect(revokeInput(request({ token: '', client_id: 'web' }))).toMatchObject({ token: undefined, clientId: 'web' });
});

test('page forms: text fields only, the CSRF token left out; codes and subjects trimmed, passwords as typed', () => {
  expect(formFields({ username: 'alice', _csrf: 'x', list: ['a', 'b'] })).toEqual({ username: 'alice' });
  expect(challengeForm({ code: ' 123456 ', password: ' Pass word ', given_name: 'Al', _csrf: 'x' })).toEqual({
    code: '123456', method: '', password: ' Pass word ', attributes: { code: ' 123456 ', given_name: 'Al' },
  });
  expect(providerForm({ 'sub': ' 42 ', 'attr:email': ' a@example.com ', 'attr:name': '  ', 'other': 'x' })).toEqual({ subject: '42', attributes: { email: 'a@example.com' } });
});
