/**
 * Global sign-out at any millisecond: tokens issued before it are refused, tokens issued after it
 * work, even within the same second (token `iat` is whole seconds).
 */
import { GetUserCommand, GlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as fc from 'fast-check';
import { claimsOf, createEmailUser, Harness, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
const BASE = Date.UTC(2030, 0, 1);

let now = BASE;
let h: Harness;
beforeAll(async () => {
  h = await startHarness(synthPool({ signInAliases: { email: true } }), { clock: () => now });
  await createEmailUser(h, 'rae@example.com', PASSWORD);
});
afterAll(() => h.stop());

const signIn = async () => (await h.cognito.send(new InitiateAuthCommand({
  ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'rae@example.com', PASSWORD },
}))).AuthenticationResult!;
const refresh = (token: string | undefined) => h.cognito.send(new InitiateAuthCommand({
  ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: token! },
}));
const getUser = (token: string | undefined) => h.cognito.send(new GetUserCommand({ AccessToken: token }));

test('before the sign-out: refused; after it: accepted, whatever the milliseconds', async () => {
  // Three moments in order within two seconds: a sign-in, a global sign-out, another sign-in.
  const moments = fc.uniqueArray(fc.integer({ min: 0, max: 1999 }), { minLength: 3, maxLength: 3 }).map(ms => ms.sort((a, b) => a - b));
  let second = 0;
  await fc.assert(fc.asyncProperty(moments, async ([before, signOut, after]) => {
    const start = BASE + (second += 10) * 1000;
    now = start + before;
    const old = await signIn();
    now = start + signOut;
    await h.cognito.send(new GlobalSignOutCommand({ AccessToken: old.AccessToken }));
    now = start + after;
    const fresh = await signIn();
    await expect(getUser(old.AccessToken)).rejects.toThrow('Access Token has been revoked');
    await expect(refresh(old.RefreshToken)).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect((await getUser(fresh.AccessToken)).Username).toBeDefined();
    const refreshed = (await refresh(fresh.RefreshToken)).AuthenticationResult!;
    expect((await getUser(refreshed.AccessToken)).Username).toBeDefined();
    expect(claimsOf(fresh.AccessToken).iat).toBe(Math.floor(now / 1000));
  }), { numRuns: 40 });
});
