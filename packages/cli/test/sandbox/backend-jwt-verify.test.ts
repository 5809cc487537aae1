/**
 * How a developer's API verifies sandbox tokens with AWS's own verifier, aws-jwt-verify (the README's
 * "Verifying sandbox tokens in your backend"): CognitoJwtVerifier pins Cognito's https issuer and so
 * refuses the sandbox's http one, even holding the right keys; JwtRsaVerifier with the sandbox's
 * issuer and JWKS URL (on the sandbox's https side, its certificate trusted) verifies ID and access
 * tokens, with the checks CognitoJwtVerifier makes.
 */
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleFetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { createEmailUser, Harness, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
let h: Harness;
let tokens: { AccessToken?: string; IdToken?: string };
let issuer: string;
beforeAll(async () => {
  h = await startHarness(synthPool({ signInAliases: { email: true } }));
  await createEmailUser(h, 'api@example.com', PASSWORD);
  tokens = (await h.cognito.send(new InitiateAuthCommand({
    ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'api@example.com', PASSWORD },
  }))).AuthenticationResult!;
  issuer = `${h.sandbox.endpoint}/${h.poolId}`;
});
afterAll(() => h.stop());

/**
 * What the backend would configure from its environment: the pool's issuer, and the JWKS URL on the
 * sandbox's https side (aws-jwt-verify fetches only https) with the sandbox's certificate trusted.
 */
function sandboxVerifier(tokenUse: 'id' | 'access') {
  const jwksCache = new SimpleJwksCache({ fetcher: new SimpleFetcher({ defaultRequestOptions: { ca: h.sandbox.tlsCertificate } }) });
  return JwtRsaVerifier.create({
    issuer,
    jwksUri: `${h.sandbox.httpsEndpoint}/${h.poolId}/.well-known/jwks.json`,
    audience: tokenUse === 'id' ? h.clientId : null,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== tokenUse) throw new Error(`token_use is ${String(payload.token_use)}, not ${tokenUse}`);
      if (tokenUse === 'access' && payload.client_id !== h.clientId) throw new Error('client_id is not this app client');
    },
  }, { jwksCache });
}

test('the sandbox issues tokens for its own http issuer, with a JWKS at the standard path', async () => {
  expect(issuer.startsWith('http://127.0.0.1:')).toBe(true);
  const jwks = await (await fetch(`${issuer}/.well-known/jwks.json`)).json() as { keys: unknown[] };
  expect(jwks.keys.length).toBeGreaterThan(0);
});

test('JwtRsaVerifier with the sandbox issuer and JWKS verifies ID and access tokens (fetching the JWKS itself)', async () => {
  await expect(sandboxVerifier('id').verify(tokens.IdToken!)).resolves.toMatchObject({ 'email': 'api@example.com', 'token_use': 'id', 'aud': h.clientId, 'cognito:username': expect.any(String) });
  await expect(sandboxVerifier('access').verify(tokens.AccessToken!)).resolves.toMatchObject({ token_use: 'access', client_id: h.clientId, scope: 'aws.cognito.signin.user.admin' });
  // Wrong token kind, tampered payload: refused.
  await expect(sandboxVerifier('access').verify(tokens.IdToken!)).rejects.toThrow(/token_use is id/);
  const [head, body, sig] = tokens.AccessToken!.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), username: 'admin' })).toString('base64url');
  await expect(sandboxVerifier('access').verify(`${head}.${forged}.${sig}`)).rejects.toThrow(/signature/i);
});

test('CognitoJwtVerifier refuses the sandbox issuer, even with the sandbox keys cached', async () => {
  const verifier = CognitoJwtVerifier.create({ userPoolId: h.poolId, clientId: h.clientId, tokenUse: 'id' });
  verifier.cacheJwks(await (await fetch(`${issuer}/.well-known/jwks.json`)).json() as any);
  await expect(verifier.verify(tokens.IdToken!)).rejects.toThrow(/issuer/i);
});
