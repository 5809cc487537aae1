/**
 * amplify_outputs.json as Amplify's own client library reads it: `Amplify.configure(outputs)` from
 * @aws-amplify/core, then the configuration the Authenticator and `signIn` work from.
 */
import { Amplify } from '@aws-amplify/core';
import { AuthProps, MfaMode } from '@cdk-mfa/auth';
import { SOCIAL_AND_OIDC } from '../../../../test/support/front-door';
import { synthAuth } from '../../../../test/support/synth';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs, ResolvedAuthIds } from '../../src/client';

const IDS: ResolvedAuthIds = { region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123', userPoolClientId: '1example23456789' };
const IDENTITY_POOL_ID = 'eu-west-1:11111111-2222-3333-4444-555555555555';

/** Real synthesis, the outputs file as written to disk and read back, then Amplify.configure. */
function configuredFrom(props: AuthProps, ids: ResolvedAuthIds = IDS) {
  const description = authClientDescriptionFromTemplate(synthAuth(props).template.toJSON(), ids);
  const file = JSON.stringify(buildAmplifyOutputs(description));
  Amplify.configure(JSON.parse(file));
  return Amplify.getConfig().Auth?.Cognito;
}

describe('Amplify.configure(amplify_outputs.json)', () => {
  test('default config: email sign-in, TOTP required, the hardened password policy', () => {
    expect(configuredFrom({ loginWith: { email: {} } })).toEqual({
      userPoolId: 'eu-west-1_AbCdEf123',
      userPoolClientId: '1example23456789',
      groups: [],
      passwordFormat: { minLength: 12, requireLowercase: true, requireNumbers: true, requireUppercase: true, requireSpecialCharacters: true },
      mfa: { status: 'on', smsEnabled: false, totpEnabled: true },
      loginWith: { email: true, phone: false, username: false },
      userAttributes: {},
    });
  });

  test('phone sign-in with optional SMS and TOTP', () => {
    const cognito = configuredFrom({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} } });
    expect(cognito?.mfa).toEqual({ status: 'optional', smsEnabled: true, totpEnabled: true });
    expect(cognito?.loginWith).toEqual({ email: false, phone: true, username: false });
  });

  test('MFA off', () => {
    expect(configuredFrom({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OFF } })?.mfa).toEqual({ status: 'off', smsEnabled: false, totpEnabled: false });
  });

  test('groups, a required attribute and an identity pool with guest access', () => {
    const cognito = configuredFrom({
      loginWith: { email: {} },
      groups: [{ name: 'admins', precedence: 1 }, { name: 'readers' }],
      userAttributes: { fullname: { required: true, mutable: true } },
      identityPool: { allowUnauthenticated: true },
    }, { ...IDS, identityPoolId: IDENTITY_POOL_ID });
    expect(cognito).toMatchObject({
      identityPoolId: IDENTITY_POOL_ID,
      allowGuestAccess: true,
      groups: [{ admins: { precedence: 1 } }, { readers: {} }],
      userAttributes: { name: { required: true } },
    });
  });

  test('passwordless email codes', () => {
    const multifactor = { mode: MfaMode.OPTIONAL, totp: true };
    const cognito = configuredFrom({ loginWith: { email: {} }, multifactor, passwordless: { emailOtp: true } });
    expect(cognito?.passwordless).toEqual({ emailOtpEnabled: true, smsOtpEnabled: false, webAuthn: undefined, preferredChallenge: undefined });
  });

  test('hosted sign-in: the oauth section becomes loginWith.oauth, what signInWithRedirect reads', () => {
    expect(configuredFrom(SOCIAL_AND_OIDC)?.loginWith?.oauth).toEqual({
      domain: 'example-app.auth.eu-west-1.amazoncognito.com',
      scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      redirectSignIn: ['https://app.example.com/', 'http://localhost:5173/'],
      redirectSignOut: ['https://app.example.com/signed-out'],
      responseType: 'code',
      providers: ['Google'],
    });
  });
});
