import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminListGroupsForUserCommand, AdminSetUserPasswordCommand, ConfirmSignUpCommand,
  GetUserCommand, InitiateAuthCommand, ListUsersCommand, SignUpCommand, UserLambdaValidationException,
} from '@aws-sdk/client-cognito-identity-provider';
import { App, Aws, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { claimsOf, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

const PRE_SIGN_UP = `exports.handler = async (event) => {
  if (event.request.userAttributes.email.endsWith('@blocked.example')) throw new Error('domain not allowed');
  event.response.autoConfirmUser = event.request.userAttributes.email.endsWith('@trusted.example');
  event.response.autoVerifyEmail = event.response.autoConfirmUser;
  return event;
};`;
const PRE_TOKEN = `exports.handler = (event, context, callback) => {
  event.response = { claimsOverrideDetails: {
    claimsToAddOrOverride: { tenant: process.env.TENANT, region: process.env.REGION, pool_seen: event.userPoolId === process.env.POOL_ID ? 'yes' : 'no' },
    claimsToSuppress: ['email_verified'],
    groupOverrideDetails: { groupsToOverride: event.request.groupConfiguration.groupsToOverride.concat(['from-trigger']) },
  } };
  callback(null, event);
};`;
const CUSTOM_MESSAGE = `exports.handler = async (event) => {
  if (event.triggerSource === 'CustomMessage_SignUp') event.response.emailMessage = 'Welcome! Code ' + event.request.codeParameter;
  return event;
};`;

describe('Lambda triggers run in-process', () => {
  test('pre sign-up, custom message and pre token generation from inline code', async () => {
    const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } }, {}, (stack, pool) => {
      const fn = (id: string, code: string, environment?: Record<string, string>) =>
        new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(code), environment });
      pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn('PreSignUp', PRE_SIGN_UP));
      pool.addTrigger(cognito.UserPoolOperation.CUSTOM_MESSAGE, fn('CustomMessage', CUSTOM_MESSAGE));
      pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, fn('PreToken', PRE_TOKEN, { TENANT: 'acme', REGION: Aws.REGION }));
      new cognito.CfnUserPoolGroup(stack, 'Admins', { userPoolId: pool.userPoolId, groupName: 'admins' });
    }) as any;
    // A Ref from the function to its pool is a cycle CDK refuses, so it is added after synthesis.
    const [preToken] = Object.entries<any>(template.Resources).find(([id, r]) => id.startsWith('PreToken') && r.Type === 'AWS::Lambda::Function')!;
    const [poolId] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'AWS::Cognito::UserPool')!;
    template.Resources[preToken].Properties.Environment.Variables.POOL_ID = { Ref: poolId };
    const h = await startHarness(template);
    try {
      await expect(h.cognito.send(new SignUpCommand({
        ClientId: h.clientId, Username: 'x@blocked.example', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'x@blocked.example' }],
      }))).rejects.toThrow(new UserLambdaValidationException({ message: 'PreSignUp failed with error domain not allowed.', $metadata: {} }));

      const trusted = await h.cognito.send(new SignUpCommand({
        ClientId: h.clientId, Username: 'kim@trusted.example', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'kim@trusted.example' }],
      }));
      expect(trusted.UserConfirmed).toBe(true);

      await h.cognito.send(new SignUpCommand({
        ClientId: h.clientId, Username: 'lee@example.com', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'lee@example.com' }],
      }));
      const welcome = h.sandbox.outbox.latest({ destination: 'lee@example.com' })!;
      expect(welcome.message).toBe(`Welcome! Code ${welcome.code}`);
      await h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'lee@example.com', ConfirmationCode: welcome.code }));

      await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: 'lee@example.com', GroupName: 'admins' }));
      const groups = await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: h.poolId, Username: 'lee@example.com' }));
      expect(groups.Groups?.map(g => g.GroupName)).toEqual(['admins']);
      const auth = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'lee@example.com', PASSWORD },
      }));
      const id = claimsOf(auth.AuthenticationResult!.IdToken);
      expect(id).toMatchObject({ 'tenant': 'acme', 'region': 'us-east-1', 'pool_seen': 'yes', 'cognito:groups': ['admins', 'from-trigger'] });
      expect(id.email_verified).toBeUndefined();
      expect(process.env.TENANT).toBeUndefined();

      // The id token verifies against the pool's JWKS.
      const jwks = await (await fetch(`${h.sandbox.endpoint}/${h.poolId}/.well-known/jwks.json`)).json() as any;
      const [header, body, signature] = auth.AuthenticationResult!.IdToken!.split('.');
      const key = crypto.createPublicKey({ key: jwks.keys[0], format: 'jwk' });
      expect(crypto.verify('RSA-SHA256', Buffer.from(`${header}.${body}`), key, Buffer.from(signature, 'base64url'))).toBe(true);

      const refreshed = await h.cognito.send(new InitiateAuthCommand({
        ClientId: h.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: auth.AuthenticationResult!.RefreshToken! },
      }));
      expect(refreshed.AuthenticationResult?.RefreshToken).toBeUndefined();
      expect(claimsOf(refreshed.AuthenticationResult!.AccessToken).origin_jti).toBe(claimsOf(auth.AuthenticationResult!.AccessToken).origin_jti);

      const listed = await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, Filter: 'email ^= "lee"' }));
      expect(listed.Users).toHaveLength(1);

      const raw = await fetch(h.sandbox.endpoint, {
        method: 'POST', headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminDisableProviderForUser', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}',
      });
      expect(raw.status).toBe(400);
      expect(await raw.json()).toEqual({ __type: 'UnsupportedOperationException', message: 'The sandbox does not support the operation AdminDisableProviderForUser.' });
    } finally {
      await h.stop();
    }
  });

  test('a cdk.out asset runs from disk; state survives a restart', async () => {
    const handlerDir = tmp('sandbox-handler-');
    fs.writeFileSync(path.join(handlerDir, 'main.js'), "exports.run = async (e) => { e.response.claimsOverrideDetails = { claimsToAddOrOverride: { from_asset: 'yes' } }; return e; };");
    const outdir = tmp('sandbox-cdkout-');
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'AssetStack');
    const pool = new cognito.UserPool(stack, 'Pool', { signInAliases: { username: true }, signInCaseSensitive: false });
    pool.addClient('Web', { authFlows: { userPassword: true } });
    pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'main.run', code: lambda.Code.fromAsset(handlerDir),
    }));
    app.synth();
    const stateFile = path.join(tmp('sandbox-state-'), 'state.json');

    const first = await startHarness({}, { template: undefined, cdkOutDir: outdir, stateFile });
    await first.cognito.send(new AdminCreateUserCommand({ UserPoolId: first.poolId, Username: 'Max', MessageAction: 'SUPPRESS' }));
    await first.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: first.poolId, Username: 'max', Password: PASSWORD, Permanent: true }));
    const before = await first.cognito.send(new InitiateAuthCommand({
      ClientId: first.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'Max', PASSWORD },
    }));
    expect(claimsOf(before.AuthenticationResult!.IdToken).from_asset).toBe('yes');
    await first.stop();
    expect(fs.readFileSync(stateFile, 'utf8')).not.toContain(PASSWORD);

    const second = await startHarness({}, { template: undefined, cdkOutDir: outdir, stateFile });
    try {
      expect(second.poolId).toBe(first.poolId);
      expect(second.clientId).toBe(first.clientId);
      const me = await second.cognito.send(new GetUserCommand({ AccessToken: before.AuthenticationResult!.AccessToken }));
      expect(me.Username).toBe('Max');
      const after = await second.cognito.send(new InitiateAuthCommand({
        ClientId: second.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'MAX', PASSWORD },
      }));
      expect(after.AuthenticationResult?.AccessToken).toBeDefined();
    } finally {
      await second.stop();
    }
  });
});
