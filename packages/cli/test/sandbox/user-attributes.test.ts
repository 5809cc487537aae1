/**
 * UpdateUserAttributes, DeleteUserAttributes and AdminDeleteUserAttributes through the AWS SDK:
 * codes for email/phone changes, keepOriginal (the old value stays until the new one is verified),
 * required and immutable attributes refused.
 */
import {
  AdminCreateUserCommand, AdminDeleteUserAttributesCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, CodeMismatchException,
  DeleteUserAttributesCommand, GetUserCommand, InvalidParameterException, UpdateUserAttributesCommand, VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createEmailUser, Harness, signInTokens, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';

const signIn = async (h: Harness, username: string) => (await signInTokens(h, username, PASSWORD)).AccessToken!;

const attributesOf = async (h: Harness, token: string) =>
  Object.fromEntries((await h.cognito.send(new GetUserCommand({ AccessToken: token }))).UserAttributes!.map(a => [a.Name, a.Value]));

describe('without keepOriginal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      standardAttributes: { givenName: { required: true, mutable: true }, birthdate: { required: false, mutable: false } },
    }));
  });
  afterAll(() => h.stop());

  test('an email change applies at once, unverified, and a code goes to the new address', async () => {
    await createUser(h, 'uma', 'uma@example.com');
    const token = await signIn(h, 'uma');
    const out = await h.cognito.send(new UpdateUserAttributesCommand({
      AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'uma.new@example.com' }, { Name: 'nickname', Value: 'U' }],
    }));
    expect(out.CodeDeliveryDetailsList).toEqual([{ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@e***' }]);
    expect(await attributesOf(h, token)).toMatchObject({ email: 'uma.new@example.com', email_verified: 'false', nickname: 'U' });
    const message = h.sandbox.outbox.latest({ purpose: 'UPDATE_ATTRIBUTE' })!;
    expect(message.destination).toBe('uma.new@example.com');
    await expect(h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: message.code === '000000' ? '111111' : '000000' })))
      .rejects.toThrow(CodeMismatchException);
    await h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: message.code }));
    expect(await attributesOf(h, token)).toMatchObject({ email: 'uma.new@example.com', email_verified: 'true' });
  });

  test('a non-verifiable attribute sends nothing; a blank value deletes; required and immutable ones are refused', async () => {
    await createUser(h, 'ivo', 'ivo@example.com');
    const token = await signIn(h, 'ivo');
    const before = h.sandbox.outbox.messages().length;
    expect((await h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'nickname', Value: 'I' }] }))).CodeDeliveryDetailsList).toBeUndefined();
    expect(h.sandbox.outbox.messages().length).toBe(before);
    await h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'nickname', Value: '' }] }));
    expect((await attributesOf(h, token)).nickname).toBeUndefined();
    await expect(h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'given_name', Value: '' }] })))
      .rejects.toThrow(/required attribute given_name/);
    await expect(h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'birthdate', Value: '2000-01-01' }] })))
      .rejects.toThrow('Cannot modify an immutable attribute: birthdate');
    await expect(h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'custom:nope', Value: 'x' }] })))
      .rejects.toThrow(InvalidParameterException);
  });

  test('DeleteUserAttributes and AdminDeleteUserAttributes delete, refusing required attributes', async () => {
    await createUser(h, 'dee', 'dee@example.com');
    const token = await signIn(h, 'dee');
    await h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'nickname', Value: 'D' }, { Name: 'locale', Value: 'de' }] }));
    await h.cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['nickname'] }));
    await expect(h.cognito.send(new DeleteUserAttributesCommand({ AccessToken: token, UserAttributeNames: ['given_name'] }))).rejects.toThrow(InvalidParameterException);
    await h.cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: h.poolId, Username: 'dee', UserAttributeNames: ['locale', 'email'] }));
    await expect(h.cognito.send(new AdminDeleteUserAttributesCommand({ UserPoolId: h.poolId, Username: 'dee', UserAttributeNames: ['given_name'] })))
      .rejects.toThrow(/required attribute given_name/);
    const admin = await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'dee' }));
    const names = admin.UserAttributes!.map(a => a.Name);
    expect(names).toEqual(expect.arrayContaining(['sub', 'given_name']));
    for (const gone of ['nickname', 'locale', 'email', 'email_verified']) expect(names).not.toContain(gone);
    await expect(h.cognito.send(new DeleteUserAttributesCommand({ AccessToken: 'not-a-token', UserAttributeNames: ['nickname'] })))
      .rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  test('an email another user signs in with is refused (AliasExistsException), changing nothing', async () => {
    const token = await signIn(h, 'uma');
    await expect(h.cognito.send(new UpdateUserAttributesCommand({
      AccessToken: token, UserAttributes: [{ Name: 'nickname', Value: 'changed' }, { Name: 'email', Value: 'ivo@example.com' }],
    }))).rejects.toMatchObject({ name: 'AliasExistsException' });
    expect(await attributesOf(h, token)).toMatchObject({ email: 'uma.new@example.com', nickname: 'U' });
  });
});

describe('keepOriginal (AttributesRequireVerificationBeforeUpdate)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(synthPool({ signInAliases: { email: true }, autoVerify: { email: true }, keepOriginal: { email: true } }));
  });
  afterAll(() => h.stop());

  test('the old email stays active and verified until the code for the new one is entered', async () => {
    await createEmailUser(h, 'kai@example.com', PASSWORD);
    const token = await signIn(h, 'kai@example.com');
    const out = await h.cognito.send(new UpdateUserAttributesCommand({ AccessToken: token, UserAttributes: [{ Name: 'email', Value: 'kai.new@example.com' }] }));
    expect(out.CodeDeliveryDetailsList?.[0]).toMatchObject({ AttributeName: 'email', DeliveryMedium: 'EMAIL' });
    expect(await attributesOf(h, token)).toMatchObject({ email: 'kai@example.com', email_verified: 'true' });
    // The old address still signs in; the new one does not yet.
    await signIn(h, 'kai@example.com');
    await expect(signIn(h, 'kai.new@example.com')).rejects.toMatchObject({ name: 'UserNotFoundException' });
    const code = h.sandbox.outbox.latest({ destination: 'kai.new@example.com' })!.code!;
    await h.cognito.send(new VerifyUserAttributeCommand({ AccessToken: token, AttributeName: 'email', Code: code }));
    expect(await attributesOf(h, token)).toMatchObject({ email: 'kai.new@example.com', email_verified: 'true' });
    await signIn(h, 'kai.new@example.com');
  });
});

async function createUser(h: Harness, username: string, email: string) {
  await h.cognito.send(new AdminCreateUserCommand({
    UserPoolId: h.poolId,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, { Name: 'given_name', Value: username }],
  }));
  await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: username, Password: PASSWORD, Permanent: true }));
}

