/**
 * RevokeToken and GetTokensFromRefreshToken through the AWS SDK: a revoked refresh token, its
 * rotated siblings and the access tokens issued from them are refused; rotation gives a new refresh
 * token, keeps origin_jti and the expiry, and leaves the old one working only for the grace period.
 */
import {
  GetTokensFromRefreshTokenCommand, GetUserCommand, InitiateAuthCommand, RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Duration } from 'aws-cdk-lib';
import { claimsOf, createEmailUser, Harness, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

const signIn = async (h: Harness, username: string) => (await h.cognito.send(new InitiateAuthCommand({
  ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD },
}))).AuthenticationResult!;
const getTokens = (h: Harness, RefreshToken: string | undefined) =>
  h.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: h.clientId, RefreshToken }));
const getUser = (h: Harness, AccessToken: string | undefined) => h.cognito.send(new GetUserCommand({ AccessToken }));

describe('without rotation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { email: true } }));
    await createEmailUser(h, 'rae@example.com', PASSWORD);
    await createEmailUser(h, 'ben@example.com', PASSWORD);
  });
  afterAll(() => h.stop());

  test('RevokeToken ends the refresh token and the access tokens issued from it, not other sign-ins', async () => {
    const first = await signIn(h, 'rae@example.com');
    const other = await signIn(h, 'rae@example.com');
    const refreshed = (await getTokens(h, first.RefreshToken)).AuthenticationResult!;
    expect(refreshed.RefreshToken).toBeUndefined();
    expect(claimsOf(refreshed.AccessToken).origin_jti).toBe(claimsOf(first.AccessToken).origin_jti);
    expect(claimsOf(refreshed.IdToken).origin_jti).toBe(claimsOf(first.IdToken).origin_jti);
    await h.cognito.send(new RevokeTokenCommand({ ClientId: h.clientId, Token: first.RefreshToken }));
    await expect(getUser(h, first.AccessToken)).rejects.toThrow('Access Token has been revoked');
    await expect(getUser(h, refreshed.AccessToken)).rejects.toThrow('Access Token has been revoked');
    await expect(getTokens(h, first.RefreshToken)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
    }))).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await getUser(h, other.AccessToken)).Username).toBeDefined();
    // Revoking again, or a token never issued, succeeds (RFC 7009); an access token is not revocable.
    await h.cognito.send(new RevokeTokenCommand({ ClientId: h.clientId, Token: first.RefreshToken }));
    await expect(h.cognito.send(new RevokeTokenCommand({ ClientId: h.clientId, Token: other.AccessToken })))
      .rejects.toMatchObject({ name: 'UnsupportedTokenTypeException' });
  });
});

describe('with refresh token rotation (grace period 10 s)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { email: true } }, { refreshTokenRotationGracePeriod: Duration.seconds(10) }));
    await createEmailUser(h, 'ria@example.com', PASSWORD);
  });
  afterAll(() => h.stop());

  test('a new refresh token each time; the old one works within the grace period only; REFRESH_TOKEN_AUTH is refused', async () => {
    const first = await signIn(h, 'ria@example.com');
    await expect(h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
    }))).rejects.toThrow(/GetTokensFromRefreshToken/);
    const second = (await getTokens(h, first.RefreshToken)).AuthenticationResult!;
    expect(second.RefreshToken).toBeDefined();
    expect(second.RefreshToken).not.toBe(first.RefreshToken);
    expect(claimsOf(second.AccessToken).origin_jti).toBe(claimsOf(first.AccessToken).origin_jti);
    h.clock.advance(5_000);
    expect((await getTokens(h, first.RefreshToken)).AuthenticationResult!.RefreshToken).toBeDefined(); // a retry in the grace period
    h.clock.advance(6_000);
    await expect(getTokens(h, first.RefreshToken)).rejects.toThrow('Invalid Refresh Token');
    const third = (await getTokens(h, second.RefreshToken)).AuthenticationResult!;
    // Revoking the newest ends the whole sign-in, the rotated-out tokens too.
    await h.cognito.send(new RevokeTokenCommand({ ClientId: h.clientId, Token: third.RefreshToken }));
    await expect(getTokens(h, second.RefreshToken)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(getUser(h, second.AccessToken)).rejects.toThrow('Access Token has been revoked');
  });

  test('rotation does not extend the session: the new refresh token expires when the first would', async () => {
    const first = await signIn(h, 'ria@example.com');
    h.clock.advance(29 * 86400_000);
    const rotated = (await getTokens(h, first.RefreshToken)).AuthenticationResult!;
    h.clock.advance(86400_000 + 1000);
    await expect(getTokens(h, rotated.RefreshToken)).rejects.toThrow('Refresh Token has expired');
  });
});
