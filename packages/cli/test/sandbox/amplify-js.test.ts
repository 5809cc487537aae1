/**
 * Amplify JS v6 (@aws-amplify/auth) against the sandbox, configured from the amplify_outputs.json our
 * client tools write for Auth construct pools: SRP with TOTP enrolment and sign-in; passwordless email codes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from '@aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from '@aws-amplify/auth/cognito';
import { Amplify, ResourcesConfig } from '@aws-amplify/core';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';
import { MfaMode } from '@cdk-mfa/auth';
import { synthAuth } from '../../../../test/support/synth';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../src/client';
import { writeSandboxOutputs } from '../../src/sandbox/dev/outputs';
import { createEmailUser, Harness, startHarness, totpCode } from '../support';

type AuthConfig = NonNullable<ResourcesConfig['Auth']>;

const EMAIL = 'ana@example.com';
const PASSWORD = 'Passw0rd!long-enough';

/** Starts the sandbox for `template`, points Amplify at it through amplify_outputs.json, and creates Ana. */
async function sandboxFor(template: object): Promise<Harness> {
  const h = await startHarness(template);
  const outputs = buildAmplifyOutputs(authClientDescriptionFromTemplate(template, {
    region: h.sandbox.region, userPoolId: h.poolId, userPoolClientId: h.clientId,
  }));
  // Amplify.configure's own parser; amplify_outputs.json names no endpoint, so point Amplify at the sandbox.
  const parsed = parseAmplifyConfig(outputs);
  const auth = { Cognito: { ...parsed.Auth!.Cognito, userPoolEndpoint: h.sandbox.endpoint } } as AuthConfig;
  // What `aws-amplify`'s configure wires up on top of @aws-amplify/core's (this test uses the two packages directly).
  cognitoUserPoolsTokenProvider.setAuthConfig(auth);
  Amplify.configure({ ...parsed, Auth: auth }, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });
  await createEmailUser(h, EMAIL, PASSWORD);
  return h;
}

describe('Amplify JS v6 against the sandbox', () => {
  test('default pool: SRP sign-in, TOTP set up on the first sign-in, then a TOTP code on the next', async () => {
    const h = await sandboxFor(synthAuth({ loginWith: { email: {} } }).template.toJSON());
    try {
      const first = await signIn({ username: EMAIL, password: PASSWORD });
      expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const secret = (first.nextStep as any).totpSetupDetails.sharedSecret as string;
      const enrolled = await confirmSignIn({ challengeResponse: totpCode(secret, h.clock.now()) });
      expect(enrolled).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      await signOut();

      h.clock.advance(30_000); // the next code: the sandbox refuses a replayed one, like Cognito
      const second = await signIn({ username: EMAIL, password: PASSWORD });
      expect(second.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
      const signedIn = await confirmSignIn({ challengeResponse: totpCode(secret, h.clock.now()) });
      expect(signedIn.isSignedIn).toBe(true);

      const { tokens } = await fetchAuthSession();
      expect(tokens?.idToken?.payload).toMatchObject({ email: EMAIL, token_use: 'id' });
      expect(tokens?.accessToken.payload.client_id).toBe(h.clientId);
      await signOut();
    } finally {
      await h.stop();
    }
  });

  test('passwordless pool: choice-based sign-in with an emailed code', async () => {
    const h = await sandboxFor(synthAuth({
      loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true }, passwordless: { emailOtp: true },
    }).template.toJSON());
    try {
      const start = await signIn({ username: EMAIL, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
      expect(start.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      const code = h.sandbox.outbox.latest({ destination: EMAIL })!.code!;
      const signedIn = await confirmSignIn({ challengeResponse: code });
      expect(signedIn).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      expect((await fetchAuthSession()).tokens?.idToken?.payload.email).toBe(EMAIL);
      await signOut();
    } finally {
      await h.stop();
    }
  });

  test('the amplify_outputs.json the sandbox writes (--outputs), with the README\'s endpoint line, configures Amplify: SRP and TOTP sign-in', async () => {
    const template = synthAuth({ loginWith: { email: {} } }).template.toJSON();
    const h = await startHarness(template);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-outputs-')), 'amplify_outputs.json');
    try {
      expect(writeSandboxOutputs(h.sandbox, { template }, file, () => {})).toEqual([file]);
      const outputs = JSON.parse(fs.readFileSync(file, 'utf8'));
      // The README's lines, as an app runs them (with the token provider `aws-amplify` wires up itself).
      const libraryOptions = { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } };
      Amplify.configure(outputs, libraryOptions);
      const { Auth } = Amplify.getConfig();
      const withEndpoint = { Cognito: { ...Auth!.Cognito, userPoolEndpoint: outputs.custom.sandbox.user_pool_endpoint } } as ResourcesConfig['Auth'];
      Amplify.configure({ ...Amplify.getConfig(), Auth: withEndpoint }, libraryOptions);
      cognitoUserPoolsTokenProvider.setAuthConfig(Amplify.getConfig().Auth!);
      await createEmailUser(h, EMAIL, PASSWORD);

      const first = await signIn({ username: EMAIL, password: PASSWORD });
      expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const secret = (first.nextStep as any).totpSetupDetails.sharedSecret as string;
      const signedIn = await confirmSignIn({ challengeResponse: totpCode(secret, h.clock.now()) });
      expect(signedIn.isSignedIn).toBe(true);
      expect((await fetchAuthSession()).tokens?.accessToken.payload.client_id).toBe(outputs.auth.user_pool_client_id);
      await signOut();
    } finally {
      await h.stop();
    }
  });
});
