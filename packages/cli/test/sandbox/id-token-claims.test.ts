/**
 * ID token claims typed as Cognito types them, on every path that issues ID tokens: email_verified
 * and phone_number_verified are JSON booleans (developer guide, "Using the ID token"), while userInfo
 * and the triggers' userAttributes keep Cognito's strings.
 */
import { AdminUpdateUserAttributesCommand, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FormClient } from '../hosted/form-client';
import { CALLBACK_URL } from '../hosted/hosted-stack';
import { authorizeUrl, callbackParams, pkce, signUpThroughPages, startHosted, tokenRequest } from '../hosted/support';
import { claimsOf, createEmailUser, Harness, passwordSignIn, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

/** Writes the type of each verified flag the trigger saw into the ID token. */
const PRE_TOKEN = `exports.handler = async (event) => {
  const seen = event.request.userAttributes;
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: {
    seen_email_verified: typeof seen.email_verified + ':' + seen.email_verified,
    seen_phone_number_verified: typeof seen.phone_number_verified + ':' + seen.phone_number_verified,
  } } };
  return event;
};`;

describe('SDK sign-in and refresh', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { email: true } }, {}, (stack, pool) => {
      const fn = new lambda.Function(stack, 'PreToken', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(PRE_TOKEN) });
      pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn);
    }));
    await createEmailUser(h, 'val@example.com', PASSWORD);
    await h.cognito.send(new AdminUpdateUserAttributesCommand({
      UserPoolId: h.poolId,
      Username: 'val@example.com',
      UserAttributes: [{ Name: 'phone_number', Value: '+15555550142' }, { Name: 'phone_number_verified', Value: 'false' }],
    }));
  });
  afterAll(() => h.stop());

  test('InitiateAuth: email_verified === true, phone_number_verified === false; the trigger saw strings', async () => {
    const tokens = (await passwordSignIn(h, 'val@example.com', PASSWORD)).AuthenticationResult!;
    const id = claimsOf(tokens.IdToken);
    expect(id.email_verified).toBe(true);
    expect(id.phone_number_verified).toBe(false);
    expect(id.seen_email_verified).toBe('string:true');
    expect(id.seen_phone_number_verified).toBe('string:false');
    // The API's own view of the attributes keeps Cognito's strings.
    const user = await h.cognito.send(new GetUserCommand({ AccessToken: tokens.AccessToken }));
    expect(user.UserAttributes).toEqual(expect.arrayContaining([{ Name: 'email_verified', Value: 'true' }, { Name: 'phone_number_verified', Value: 'false' }]));
  });

  test('REFRESH_TOKEN_AUTH: the same booleans', async () => {
    const first = (await passwordSignIn(h, 'val@example.com', PASSWORD)).AuthenticationResult!;
    const refreshed = await h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
    }));
    const id = claimsOf(refreshed.AuthenticationResult!.IdToken);
    expect(id.email_verified).toBe(true);
    expect(id.phone_number_verified).toBe(false);
    expect(id.seen_email_verified).toBe('string:true');
  });
});

test('OAuth code exchange: booleans in the ID token, strings from userInfo', async () => {
  const h = await startHosted();
  try {
    const browser = new FormClient(h.sandbox.endpoint);
    const { verifier, challenge } = pkce();
    const params = { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid email profile' };
    await signUpThroughPages(h, browser, 'oli@example.com', PASSWORD, params);
    const login = await browser.get(authorizeUrl(h, { ...params, prompt: 'login' }));
    const done = await browser.submit(login, { username: 'oli@example.com', password: PASSWORD });
    const tokens = await tokenRequest(h, {
      grant_type: 'authorization_code', client_id: h.client('web').id, code: callbackParams(done).code, redirect_uri: CALLBACK_URL, code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    expect(claimsOf(tokens.json.id_token).email_verified).toBe(true);
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', client_id: h.client('web').id, refresh_token: tokens.json.refresh_token });
    expect(claimsOf(refreshed.json.id_token).email_verified).toBe(true);
    const userInfo = await (await fetch(`${h.base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.json.access_token}` } })).json() as Record<string, unknown>;
    expect(userInfo.email_verified).toBe('true');
  } finally {
    await h.stop();
  }
});
