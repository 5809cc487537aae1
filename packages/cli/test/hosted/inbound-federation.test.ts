/**
 * The inbound federation trigger (LambdaConfig.InboundFederation, as the construct's
 * `triggers.inboundFederation` writes it) runs on every sign-in through a stand-in provider, before the
 * federated user is created or updated; what it returns in `userAttributesToMap` is what the provider's
 * attribute mapping then maps onto the user.
 */
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { FormClient } from './form-client';
import { CALLBACK_URL } from './hosted-stack';
import { authorizeUrl, callbackParams, HostedHarness, pkce, startHosted, tokenRequest } from './support';
import { claimsOf } from '../support';

// Written as a team would write it for AWS: it reads the documented event and answers userAttributesToMap.
const INBOUND_FEDERATION = `exports.handler = async (event) => {
  const { attributes } = event.request;
  const claims = attributes.userInfo || attributes.samlResponse || {};
  if (claims.inspect) throw new Error('EVENT ' + JSON.stringify(event));
  if (claims.email === 'refused@example.com') throw new Error('Not on the allow list');
  if (claims.email === 'number@example.com') { event.response.userAttributesToMap = { email: 42 }; return event; }
  if (claims.email === 'keep@example.com') { event.response.userAttributesToMap = {}; return event; }
  if (claims.email === 'long@example.com') { event.response.userAttributesToMap = { ...claims, given_name: 'x'.repeat(3000) }; return event; }
  // The provider's display name becomes given_name, the address is lower-cased; the rest is dropped.
  event.response.userAttributesToMap = { email: String(claims.email).toLowerCase(), given_name: claims.name };
  return event;
};`;

describe('inbound federation trigger', () => {
  let h: HostedHarness;
  let api: CognitoIdentityProviderClient;
  beforeAll(async () => {
    h = await startHosted({ mfa: cognito.Mfa.OFF }, (stack, pool) => {
      const fn = new lambda.Function(stack, 'InboundFederation', {
        runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(INBOUND_FEDERATION),
      });
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('LambdaConfig.InboundFederation', { LambdaArn: fn.functionArn, LambdaVersion: 'V1_0' });
    });
    api = new CognitoIdentityProviderClient({ endpoint: h.sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterAll(async () => {
    api.destroy();
    await h.stop();
  });

  /** Signs in through a stand-in provider; returns where the browser was sent back to the app. */
  async function federate(provider: string, sub: string, attributes: Record<string, string>) {
    const { verifier, challenge } = pkce();
    const browser = new FormClient(h.sandbox.endpoint);
    const page = await browser.get(authorizeUrl(h, { identity_provider: provider, code_challenge: challenge, code_challenge_method: 'S256', state: 'st' }));
    const fields = { sub, ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attr:${k}`, v])) };
    const params = callbackParams(await browser.submit(page, fields, `sandbox-idp/${provider}`));
    const redeem = { grant_type: 'authorization_code', client_id: h.client('web').id, code: params.code, redirect_uri: CALLBACK_URL, code_verifier: verifier };
    return { params, tokens: async () => (await tokenRequest(h, redeem)).json };
  }

  async function userExists(username: string): Promise<boolean> {
    try {
      await api.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: username }));
      return true;
    } catch (e) {
      if ((e as Error).name === 'UserNotFoundException') return false;
      throw e;
    }
  }

  /** The event the function saw, from the error it threw (Cognito passes the message to the app). */
  async function eventSeen(provider: string, sub: string, attributes: Record<string, string>) {
    const { params } = await federate(provider, sub, { ...attributes, inspect: 'yes' });
    expect(params.error).toBe('invalid_request');
    return JSON.parse(/InboundFederation failed with error EVENT (.*)\.$/s.exec(params.error_description)![1]);
  }

  test('an OIDC or social provider: the documented event, with tokenResponse, idToken and userInfo', async () => {
    const event = await eventSeen('Google', '4000001', { email: 'ada@example.com', name: 'Ada Lovelace' });
    expect(event).toEqual({
      version: '1',
      triggerSource: 'InboundFederation_ExternalProvider',
      region: 'us-east-1',
      userPoolId: h.poolId,
      userName: 'Google_4000001',
      callerContext: { awsSdkVersion: expect.any(String), clientId: h.client('web').id },
      request: {
        providerName: 'Google',
        providerType: 'Google',
        attributes: {
          tokenResponse: { token_type: 'Bearer', expires_in: '3600' },
          idToken: { sub: '4000001', email: 'ada@example.com', name: 'Ada Lovelace', inspect: 'yes' },
          userInfo: { sub: '4000001', email: 'ada@example.com', name: 'Ada Lovelace', inspect: 'yes' },
        },
      },
      response: {},
    });
    expect(await userExists('Google_4000001')).toBe(false);
  });

  test('a SAML provider: samlResponse holds the assertion\'s attributes', async () => {
    const event = await eventSeen('CorpSaml', 'jdoe@corp.example.com', { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'jdoe@corp.example.com' });
    expect(event.request).toEqual({
      providerName: 'CorpSaml',
      providerType: 'SAML',
      attributes: { samlResponse: { 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'jdoe@corp.example.com', 'inspect': 'yes' } },
    });
  });

  test('the attributes it returns are what the mapping stores: the provider\'s name shows as given_name in the ID token', async () => {
    const first = await federate('Google', '4000002', { email: 'Grace@Example.COM', name: 'Grace Hopper', given_name: 'Grace', family_name: 'Hopper' });
    const id = claimsOf((await first.tokens()).id_token);
    expect(id).toMatchObject({ 'cognito:username': 'Google_4000002', 'email': 'grace@example.com', 'given_name': 'Grace Hopper' });
    // A returning user is updated through the trigger too.
    const again = await federate('Google', '4000002', { email: 'grace@example.com', name: 'Rear Admiral Hopper' });
    expect(claimsOf((await again.tokens()).id_token)).toMatchObject({ sub: id.sub, given_name: 'Rear Admiral Hopper' });
  });

  test('an empty map keeps the provider\'s attributes as they came', async () => {
    const done = await federate('Google', '4000003', { email: 'keep@example.com', given_name: 'Kept' });
    expect(claimsOf((await done.tokens()).id_token)).toMatchObject({ email: 'keep@example.com', given_name: 'Kept' });
  });

  test('a throwing trigger fails the sign-in with its message, and no user is created', async () => {
    const { params } = await federate('Google', '4000004', { email: 'refused@example.com' });
    expect(params).toMatchObject({ error: 'invalid_request', state: 'st', error_description: 'InboundFederation failed with error Not on the allow list.' });
    expect(params.code).toBeUndefined();
    expect(await userExists('Google_4000004')).toBe(false);
  });

  test('a map that is not attribute names to strings is an invalid Lambda response, and no user is created', async () => {
    const { params } = await federate('Google', '4000005', { email: 'number@example.com' });
    expect(params).toMatchObject({ error: 'invalid_request', error_description: 'Invalid InboundFederation response: userAttributesToMap.email must be a string, got number.' });
    expect(await userExists('Google_4000005')).toBe(false);
  });

  test('a mapped value over 2,048 characters fails the sign-in (why the docs show a truncating trigger), and no user is created', async () => {
    const { params } = await federate('Google', '4000006', { email: 'long@example.com' });
    expect(params).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('given_name is 3000 characters long') });
    expect(await userExists('Google_4000006')).toBe(false);
  });
});

describe('attribute mapping rules the trigger\'s answer meets too', () => {
  test('a returning user whose mapping reaches an immutable attribute cannot sign in ("The mapped user pool attributes must be mutable")', async () => {
    const h = await startHosted({ mfa: cognito.Mfa.OFF }, (_stack, pool) => {
      (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('Schema', [{ Name: 'given_name', AttributeDataType: 'String', Mutable: false, Required: false }]);
    });
    const api = new CognitoIdentityProviderClient({ endpoint: h.sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      const signIn = async (givenName: string) => {
        const browser = new FormClient(h.sandbox.endpoint);
        const page = await browser.get(authorizeUrl(h, { identity_provider: 'Google' }));
        return callbackParams(await browser.submit(page, { 'sub': '5000001', 'attr:email': 'ida@example.com', 'attr:given_name': givenName }, 'sandbox-idp/Google'));
      };
      // Set at creation, as an immutable attribute may be.
      expect((await signIn('Ida')).code).toBeDefined();
      expect(await signIn('Ida B.')).toMatchObject({ error: 'invalid_request', error_description: 'Cannot modify an immutable attribute: given_name' });
      const user = await api.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'Google_5000001' }));
      expect(user.UserAttributes).toContainEqual({ Name: 'given_name', Value: 'Ida' });
    } finally {
      api.destroy();
      await h.stop();
    }
  });
});
