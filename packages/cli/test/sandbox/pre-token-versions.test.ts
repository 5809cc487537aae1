/** Pre token generation V1 vs V2 events: what reaches the ID token, the access token and its scopes. */
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminSetUserPasswordCommand, GetUserCommand, InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { claimsOf, Harness, passwordSignIn, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

/** Records what the event looked like in claims, and tries to overwrite `sub` (Cognito keeps its own). */
const V2_HANDLER = `exports.handler = async (event) => {
  event.response = { claimsAndScopeOverrideDetails: {
    idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme', sub: 'spoofed' }, claimsToSuppress: ['email_verified'] },
    accessTokenGeneration: {
      claimsToAddOrOverride: { tenant: 'acme', event_version: event.version, scopes_seen: event.request.scopes.join(' '), 'cognito:groups': ['root'] },
      scopesToAdd: ['orders/read'],
      scopesToSuppress: event.request.clientMetadata.drop === 'admin-scope' ? ['aws.cognito.signin.user.admin'] : [],
    },
    groupOverrideDetails: { groupsToOverride: event.request.groupConfiguration.groupsToOverride.filter(g => g !== 'admins') },
  } };
  return event;
};`;

const V1_HANDLER = `exports.handler = async (event) => {
  event.response = { claimsOverrideDetails: {
    claimsToAddOrOverride: { tenant: 'acme', event_version: event.version },
    groupOverrideDetails: { groupsToOverride: [] },
  } };
  return event;
};`;

function poolWithTrigger(code: string, version?: cognito.LambdaVersion): object {
  return synthPool({ signInAliases: { email: true }, featurePlan: cognito.FeaturePlan.ESSENTIALS }, {}, (stack, pool) => {
    const fn = new lambda.Function(stack, 'PreToken', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(code) });
    if (version) pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, version);
    else pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn);
    new cognito.CfnUserPoolGroup(stack, 'Admins', { userPoolId: pool.userPoolId, groupName: 'admins' });
    new cognito.CfnUserPoolGroup(stack, 'Staff', { userPoolId: pool.userPoolId, groupName: 'staff' });
  });
}

async function adminInStaff(h: Harness) {
  await h.cognito.send(new AdminCreateUserCommand({
    UserPoolId: h.poolId,
    Username: 'ana@example.com',
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: 'ana@example.com' }, { Name: 'email_verified', Value: 'true' }],
  }));
  await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: 'ana@example.com', Password: PASSWORD, Permanent: true }));
  for (const group of ['admins', 'staff']) {
    await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: 'ana@example.com', GroupName: group }));
  }
}

const signIn = (h: Harness, clientMetadata?: Record<string, string>) => passwordSignIn(h, 'ana@example.com', PASSWORD, { clientMetadata });

describe('Pre token generation event versions', () => {
  test('V2: ID and access token claims, scopes and groups; Cognito keeps its own claims', async () => {
    const h = await startHarness(poolWithTrigger(V2_HANDLER, cognito.LambdaVersion.V2_0));
    try {
      await adminInStaff(h);
      const { AuthenticationResult: tokens } = await signIn(h);
      const id = claimsOf(tokens!.IdToken);
      const access = claimsOf(tokens!.AccessToken);

      expect(id).toMatchObject({ 'tenant': 'acme', 'cognito:groups': ['staff'], 'token_use': 'id' });
      expect(id.email_verified).toBeUndefined();
      expect(id.sub).toBe(access.sub);
      expect(id.sub).not.toBe('spoofed');

      expect(access).toMatchObject({
        'tenant': 'acme',
        'event_version': '2',
        'scopes_seen': 'aws.cognito.signin.user.admin',
        'cognito:groups': ['staff'],
        'scope': 'aws.cognito.signin.user.admin orders/read',
        'token_use': 'access',
      });
      expect(h.logs.some(line => line.includes('PreTokenGeneration: ignored sub, cognito:groups'))).toBe(true);

      // The trigger runs again on refresh, with the same shape.
      const refreshed = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens!.RefreshToken! },
      }));
      expect(claimsOf(refreshed.AuthenticationResult!.AccessToken)).toMatchObject({ 'tenant': 'acme', 'cognito:groups': ['staff'] });
    } finally {
      await h.stop();
    }
  });

  test('V2: an access token without aws.cognito.signin.user.admin cannot call self-service operations', async () => {
    const h = await startHarness(poolWithTrigger(V2_HANDLER, cognito.LambdaVersion.V2_0));
    try {
      await adminInStaff(h);
      const full = await signIn(h);
      await expect(h.cognito.send(new GetUserCommand({ AccessToken: full.AuthenticationResult!.AccessToken }))).resolves
        .toMatchObject({ UserAttributes: expect.arrayContaining([{ Name: 'email', Value: 'ana@example.com' }]) });

      const narrowed = await signIn(h, { drop: 'admin-scope' });
      expect(claimsOf(narrowed.AuthenticationResult!.AccessToken).scope).toBe('orders/read');
      await expect(h.cognito.send(new GetUserCommand({ AccessToken: narrowed.AuthenticationResult!.AccessToken })))
        .rejects.toThrow(new NotAuthorizedException({ message: 'Access Token does not have required scopes', $metadata: {} }));
    } finally {
      await h.stop();
    }
  });

  test('V1: claims reach the ID token only; the group override reaches both tokens', async () => {
    const h = await startHarness(poolWithTrigger(V1_HANDLER));
    try {
      await adminInStaff(h);
      const { AuthenticationResult: tokens } = await signIn(h);
      const id = claimsOf(tokens!.IdToken);
      const access = claimsOf(tokens!.AccessToken);
      expect(id).toMatchObject({ tenant: 'acme', event_version: '1' });
      expect(access.tenant).toBeUndefined();
      expect(id['cognito:groups']).toBeUndefined();
      expect(access['cognito:groups']).toBeUndefined();
      expect(access.scope).toBe('aws.cognito.signin.user.admin');
    } finally {
      await h.stop();
    }
  });
});
