/**
 * DescribeUserPool / DescribeUserPoolClient from the template, ListUsers' Filter syntax, and
 * Limit with pagination tokens on every list operation, through the AWS SDK.
 */
import {
  AdminAddUserToGroupCommand, AdminListDevicesCommand, AdminListGroupsForUserCommand, ConfirmDeviceCommand, CreateGroupCommand,
  DescribeUserPoolClientCommand, DescribeUserPoolCommand, InvalidParameterException, ListDevicesCommand, ListGroupsCommand, ListUsersCommand,
  ListUsersInGroupCommand, ResourceNotFoundException, UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { createEmailUser, Harness, signInTokens, startHarness, synthPool } from '../support';

const PASSWORD = 'Passw0rd!long';
let h: Harness;
beforeAll(async () => {
  h = await startHarness(synthPool({
    userPoolName: 'described',
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: cognito.Mfa.OPTIONAL,
    mfaSecondFactor: { sms: false, otp: true },
    passwordPolicy: { minLength: 12, passwordHistorySize: 3 },
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    keepOriginal: { email: true },
  }, {
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(30),
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
  }));
  for (let i = 0; i < 7; i++) await createEmailUser(h, `user${i}@example.com`, PASSWORD);
  await createEmailUser(h, 'zed@other.org', PASSWORD);
});
afterAll(() => h.stop());

test('DescribeUserPool: the template settings in UserPoolType', async () => {
  const { UserPool } = await h.cognito.send(new DescribeUserPoolCommand({ UserPoolId: h.poolId }));
  expect(UserPool).toMatchObject({
    Id: h.poolId,
    Name: 'described',
    Arn: expect.stringContaining(`:userpool/${h.poolId}`),
    MfaConfiguration: 'OPTIONAL',
    UsernameAttributes: ['email'],
    AutoVerifiedAttributes: ['email'],
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    Policies: { PasswordPolicy: { MinimumLength: 12, PasswordHistorySize: 3, RequireSymbols: true } },
    UserPoolTier: 'ESSENTIALS',
    EstimatedNumberOfUsers: 8,
  });
  expect(UserPool!.CreationDate).toBeInstanceOf(Date);
  await expect(h.cognito.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_nope' }))).rejects.toThrow(ResourceNotFoundException);
});

test('DescribeUserPoolClient: the client in UserPoolClientType', async () => {
  const { UserPoolClient } = await h.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: h.poolId, ClientId: h.clientId }));
  expect(UserPoolClient).toMatchObject({
    UserPoolId: h.poolId,
    ClientId: h.clientId,
    PreventUserExistenceErrors: 'ENABLED',
    EnableTokenRevocation: true,
    AccessTokenValidity: 30,
    TokenValidityUnits: { AccessToken: 'minutes' },
    ExplicitAuthFlows: expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    WriteAttributes: ['email'],
  });
  expect(UserPoolClient!.ClientSecret).toBeUndefined();
});

test('ListUsers: = and ^= on the attributes Cognito allows; others refused', async () => {
  const list = async (Filter: string) => (await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, Filter }))).Users!;
  expect((await list('email = "user3@example.com"')).map(u => u.Attributes!.find(a => a.Name === 'email')!.Value)).toEqual(['user3@example.com']);
  expect(await list('email ^= "user"')).toHaveLength(7);
  expect(await list('email ^= "zed"')).toHaveLength(1);
  expect(await list('cognito:user_status = "CONFIRMED"')).toHaveLength(8);
  expect(await list('status = "Enabled"')).toHaveLength(8);
  expect(await list('email = "nobody@example.com"')).toHaveLength(0);
  // Exact filters read through the indexes; the match itself stays exact (the attribute index ignores case).
  expect(await list('email = "USER3@example.com"')).toHaveLength(0);
  const user3 = (await list('email = "user3@example.com"'))[0];
  const sub = user3.Attributes!.find(a => a.Name === 'sub')!.Value!;
  expect((await list(`username = "${user3.Username}"`)).map(u => u.Username)).toEqual([user3.Username]);
  expect((await list(`sub = "${sub}"`)).map(u => u.Username)).toEqual([user3.Username]);
  await expect(list('custom:tier = "gold"')).rejects.toThrow(/Invalid search attribute: custom:tier/);
  await expect(list('email != "x"')).rejects.toThrow(InvalidParameterException);
  await expect(list('email = user3')).rejects.toThrow(/Invalid search filter/);
});

test('every list operation pages with its Limit and token', async () => {
  const users: string[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, Limit: 3, PaginationToken }));
    expect(page.Users!.length).toBeLessThanOrEqual(3);
    users.push(...page.Users!.map(u => u.Username!));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  expect(new Set(users).size).toBe(8);
  await expect(h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId, PaginationToken: 'bm90LWEtdG9rZW4' }))).rejects.toThrow(/Invalid pagination token/);

  for (const name of ['a', 'b', 'c']) await h.cognito.send(new CreateGroupCommand({ UserPoolId: h.poolId, GroupName: name }));
  for (let i = 0; i < 5; i++) await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, GroupName: 'a', Username: `user${i}@example.com` }));
  for (const g of ['b', 'c']) await h.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: h.poolId, GroupName: g, Username: 'user0@example.com' }));

  const groups1 = await h.cognito.send(new ListGroupsCommand({ UserPoolId: h.poolId, Limit: 2 }));
  expect(groups1.Groups).toHaveLength(2);
  const groups2 = await h.cognito.send(new ListGroupsCommand({ UserPoolId: h.poolId, Limit: 2, NextToken: groups1.NextToken }));
  expect([...groups1.Groups!, ...groups2.Groups!].map(g => g.GroupName).sort()).toEqual(['a', 'b', 'c']);
  expect(groups2.NextToken).toBeUndefined();

  const members1 = await h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: h.poolId, GroupName: 'a', Limit: 4 }));
  expect(members1.Users).toHaveLength(4);
  const members2 = await h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: h.poolId, GroupName: 'a', Limit: 4, NextToken: members1.NextToken }));
  expect(members2.Users).toHaveLength(1);
  // A token of one list does not page another.
  await expect(h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: h.poolId, GroupName: 'b', NextToken: members1.NextToken }))).rejects.toThrow(InvalidParameterException);
  await expect(h.cognito.send(new ListUsersInGroupCommand({ UserPoolId: h.poolId, GroupName: 'nope' }))).rejects.toThrow(ResourceNotFoundException);

  const mine1 = await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: h.poolId, Username: 'user0@example.com', Limit: 2 }));
  const mine2 = await h.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: h.poolId, Username: 'user0@example.com', Limit: 2, NextToken: mine1.NextToken }));
  expect([...mine1.Groups!, ...mine2.Groups!].map(g => g.GroupName).sort()).toEqual(['a', 'b', 'c']);
});

test('ListDevices and AdminListDevices page with Limit and PaginationToken: every confirmed device once', async () => {
  const d = await startHarness(synthPool({
    signInAliases: { email: true }, deviceTracking: { challengeRequiredOnNewDevice: false, deviceOnlyRememberedOnUserPrompt: false },
  }));
  try {
    await createEmailUser(d, 'dev@example.com', PASSWORD);
    // Each sign-in from a new device gets its key; five are confirmed, the sixth never is (and is not listed).
    const confirmed: string[] = [];
    let accessToken = '';
    for (let i = 0; i < 6; i++) {
      const tokens = await signInTokens(d, 'dev@example.com', PASSWORD);
      accessToken = tokens.AccessToken!;
      if (i === 5) break;
      const DeviceKey = tokens.NewDeviceMetadata!.DeviceKey!;
      await d.cognito.send(new ConfirmDeviceCommand({ AccessToken: accessToken, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: 'AQ==', Salt: 'Ag==' } }));
      confirmed.push(DeviceKey);
      // A device changed since does not move in the list.
      if (i === 3) await d.cognito.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: confirmed[0], DeviceRememberedStatus: 'not_remembered' }));
    }
    const pages = async (list: (token?: string) => Promise<{ Devices?: { DeviceKey?: string }[]; PaginationToken?: string }>) => {
      const seen: string[][] = [];
      let token: string | undefined;
      do {
        const page = await list(token);
        seen.push(page.Devices!.map(x => x.DeviceKey!));
        token = page.PaginationToken;
      } while (token);
      return seen;
    };
    const own = await pages(PaginationToken => d.cognito.send(new ListDevicesCommand({ AccessToken: accessToken, Limit: 2, PaginationToken })));
    expect(own.map(p => p.length)).toEqual([2, 2, 1]);
    expect(own.flat().sort()).toEqual([...confirmed].sort());
    const admin = await pages(PaginationToken => d.cognito.send(new AdminListDevicesCommand({
      UserPoolId: d.poolId, Username: 'dev@example.com', Limit: 2, PaginationToken,
    })));
    expect(admin).toEqual(own);
    const whole = await d.cognito.send(new ListDevicesCommand({ AccessToken: accessToken }));
    expect(whole.Devices!.map(x => x.DeviceKey)).toEqual(own.flat());
    expect(whole.PaginationToken).toBeUndefined();
    // A made-up token is refused.
    await expect(d.cognito.send(new ListDevicesCommand({ AccessToken: accessToken, PaginationToken: 'bm90LWEtdG9rZW4' }))).rejects.toThrow(/Invalid pagination token/);
  } finally {
    await d.stop();
  }
});
