/**
 * Amplify JS v6 (@aws-amplify/auth) against the sandbox for the calls a signed-in app makes:
 * updateUserAttributes / updateUserAttribute with the emailed code, sendUserAttributeVerificationCode
 * and confirmUserAttribute for a phone number (what SMS MFA needs), deleteUserAttributes,
 * fetchAuthSession({ forceRefresh }) (Amplify refreshes with GetTokensFromRefreshToken), and signOut()
 * (Amplify revokes the refresh token with RevokeToken: afterwards it and the access token are refused).
 */
import {
  confirmUserAttribute, deleteUserAttributes, fetchAuthSession, fetchUserAttributes, sendUserAttributeVerificationCode, signIn, signOut,
  updateUserAttribute, updateUserAttributes,
} from '@aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from '@aws-amplify/auth/cognito';
import { Amplify, ResourcesConfig } from '@aws-amplify/core';
import { parseAmplifyConfig } from '@aws-amplify/core/internals/utils';
import { GetTokensFromRefreshTokenCommand, GetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MfaMode } from '@cdk-mfa/auth';
import { synthAuth } from '../../../../test/support/synth';
import { authClientDescriptionFromTemplate, buildAmplifyOutputs } from '../../src/client';
import { createEmailUser, Harness, startHarness } from '../support';

type AuthConfig = NonNullable<ResourcesConfig['Auth']>;

const EMAIL = 'amy@example.com';
const PASSWORD = 'Passw0rd!long-enough';

let h: Harness;
beforeAll(async () => {
  const template = synthAuth({ loginWith: { email: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true } }).template.toJSON();
  h = await startHarness(template);
  const description = authClientDescriptionFromTemplate(template, { region: h.sandbox.region, userPoolId: h.poolId, userPoolClientId: h.clientId });
  const outputs = buildAmplifyOutputs(description);
  const parsed = parseAmplifyConfig(outputs);
  const auth = { Cognito: { ...parsed.Auth!.Cognito, userPoolEndpoint: h.sandbox.endpoint } } as AuthConfig;
  cognitoUserPoolsTokenProvider.setAuthConfig(auth);
  Amplify.configure({ ...parsed, Auth: auth }, { Auth: { tokenProvider: cognitoUserPoolsTokenProvider } });
  await createEmailUser(h, EMAIL, PASSWORD);
});
afterAll(() => h.stop());

const latestCode = (destination: string) => h.sandbox.outbox.latest({ destination })!.code!;

test('attributes: update with a code, add and verify a phone, delete; refresh; sign out revokes', async () => {
  expect((await signIn({ username: EMAIL, password: PASSWORD })).isSignedIn).toBe(true);

  const updated = await updateUserAttributes({ userAttributes: { email: 'amy.new@example.com', name: 'Amy' } });
  expect(updated.name.nextStep.updateAttributeStep).toBe('DONE');
  expect(updated.email.nextStep).toMatchObject({ updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' } });
  await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: latestCode('amy.new@example.com') });

  await updateUserAttribute({ userAttribute: { attributeKey: 'phone_number', value: '+15555550123' } });
  const sent = await sendUserAttributeVerificationCode({ userAttributeKey: 'phone_number' });
  expect(sent).toMatchObject({ deliveryMedium: 'SMS', attributeName: 'phone_number' });
  await confirmUserAttribute({ userAttributeKey: 'phone_number', confirmationCode: latestCode('+15555550123') });

  await deleteUserAttributes({ userAttributeKeys: ['name'] });
  const attributes = await fetchUserAttributes();
  expect(attributes).toMatchObject({ email: 'amy.new@example.com', email_verified: 'true', phone_number: '+15555550123', phone_number_verified: 'true' });
  expect(attributes.name).toBeUndefined();

  const before = (await fetchAuthSession()).tokens!;
  h.clock.advance(1_000);
  const after = (await fetchAuthSession({ forceRefresh: true })).tokens!;
  expect(after.accessToken.payload.jti).not.toBe(before.accessToken.payload.jti);
  expect(after.accessToken.payload.origin_jti).toBe(before.accessToken.payload.origin_jti);

  const stored = (await cognitoUserPoolsTokenProvider.authTokenStore.loadTokens())!;
  await signOut();
  await expect(h.cognito.send(new GetTokensFromRefreshTokenCommand({ ClientId: h.clientId, RefreshToken: stored.refreshToken })))
    .rejects.toMatchObject({ name: 'NotAuthorizedException' });
  await expect(h.cognito.send(new GetUserCommand({ AccessToken: stored.accessToken.toString() }))).rejects.toThrow('Access Token has been revoked');
  expect(h.logs.join('\n')).not.toMatch(/UnsupportedOperation|does not support the operation/);
});
