/**
 * The built-in MFA-by-group trigger, bundled as it ships, running in the sandbox: its AdminGetUser
 * call reaches the sandbox, and the privileged group leaves both tokens until the user has MFA.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import {
  AdminAddUserToGroupCommand, AssociateSoftwareTokenCommand, RespondToAuthChallengeCommand, SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Auth, MfaMode } from '@cdk-mfa/auth';
import { App, Stack } from 'aws-cdk-lib';
import { claimsOf, createEmailUser, Harness, passwordSignIn, startHarness, totpCode } from '../support';

const EMAIL = 'admin@example.com';
const PASSWORD = 'Passw0rd!long-enough';

/** Synthesizes into a cdk.out with asset metadata, so the sandbox finds the bundled handler. */
function cdkOutWithMfaByGroup(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-by-group-'));
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'MfaByGroupStack', { env: { account: '111111111111', region: 'us-east-1' } });
  new Auth(stack, 'Auth', {
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    groups: [{ name: 'admins' }, { name: 'staff' }],
    client: { authFlows: { userSrp: true, userPassword: true } },
    triggers: { mfaByGroup: { groups: ['admins'] } },
  });
  app.synth();
  return outdir;
}

const signIn = (h: Harness) => passwordSignIn(h, EMAIL, PASSWORD);

test('admins get their group in neither token until they enrol TOTP, then in both', async () => {
  // With admin credentials the sandbox checks signatures: the trigger's AdminGetUser is signed with them.
  const adminCredentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' };
  const h = await startHarness({}, { template: undefined, cdkOutDir: cdkOutWithMfaByGroup(), adminCredentials });
  try {
    await createEmailUser(h, EMAIL, PASSWORD);
    for (const GroupName of ['admins', 'staff']) {
      await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: EMAIL, GroupName }));
    }

    const before = (await signIn(h)).AuthenticationResult!;
    for (const token of [before.IdToken, before.AccessToken]) {
      expect(claimsOf(token)).toMatchObject({ 'cognito:groups': ['staff'], 'mfa_required_for_groups': 'admins' });
    }

    const { SecretCode } = await h.cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: before.AccessToken }));
    await h.cognito.send(new VerifySoftwareTokenCommand({ AccessToken: before.AccessToken, UserCode: totpCode(SecretCode!, h.clock.now()) }));
    await h.cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: before.AccessToken, SoftwareTokenMfaSettings: { Enabled: true } }));

    h.clock.advance(30_000);
    const challenge = await signIn(h);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const after = (await h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: EMAIL, SOFTWARE_TOKEN_MFA_CODE: totpCode(SecretCode!, h.clock.now()) },
    }))).AuthenticationResult!;
    for (const token of [after.IdToken, after.AccessToken]) {
      const claims = claimsOf(token);
      expect(claims['cognito:groups']).toEqual(['admins', 'staff']);
      expect(claims.mfa_required_for_groups).toBeUndefined();
    }
  } finally {
    await h.stop();
  }
});

test('when AdminGetUser never answers, the privileged user still signs in, without the privileged group', async () => {
  const silent = net.createServer(() => undefined);
  await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
  const outdir = cdkOutWithMfaByGroup();
  // The built-in trigger's Cognito calls go to a server that accepts and never answers.
  const file = path.join(outdir, 'MfaByGroupStack.template.json');
  const template = JSON.parse(fs.readFileSync(file, 'utf8'));
  const fn = Object.values<any>(template.Resources).find(r => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.MFA_REQUIRED_GROUPS);
  fn.Properties.Environment.Variables.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  fs.writeFileSync(file, JSON.stringify(template));
  const h = await startHarness({}, { template: undefined, cdkOutDir: outdir });
  try {
    await createEmailUser(h, EMAIL, PASSWORD);
    for (const GroupName of ['admins', 'staff']) {
      await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, Username: EMAIL, GroupName }));
    }
    // Its own deadline (2 s) is below the function's 5 s timeout and Cognito's 5 s wait: had either run out
    // first, the sign-in would fail (UnexpectedLambdaException) instead of answering tokens; the log names the deadline.
    const tokens = (await signIn(h)).AuthenticationResult!;
    expect(claimsOf(tokens.IdToken)).toMatchObject({ 'cognito:groups': ['staff'], 'mfa_required_for_groups': 'admins' });
    expect(h.logs.join('\n')).toContain('AdminGetUser did not answer within 2000 ms; privileged groups withheld');
  } finally {
    await h.stop();
    silent.close();
  }
});
