/**
 * Quota mode (`quotas` / `--quotas`): a call beyond its category's rate within one second of the
 * sandbox's clock answers TooManyRequestsException as Cognito does, through the real AWS SDK; the
 * exit report gives each category's peak against its quota. The test clock never moves by itself,
 * so every count below is exact on any machine.
 */
import {
  AdminGetUserCommand, ChallengeNameType, CognitoIdentityProviderClient, InitiateAuthCommand, ListUsersCommand,
  RespondToAuthChallengeCommand, TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { createEmailUser, Harness, startHarness, synthPool } from '../support';

const PASSWORD = 'Quota-Passw0rd!';
const template = synthPool({ signInAliases: { email: true } });

describe('quota mode', () => {
  let h: Harness;
  afterEach(() => h.stop());

  test('a category past its rate answers TooManyRequestsException "Rate exceeded"; the next second admits again; stop() reports the peak', async () => {
    h = await startHarness(template, { quotas: { UserAuthentication: 3 } });
    await createEmailUser(h, 'ada@example.com', PASSWORD); // UserCreation and UserAccountRecovery: not throttled
    const signIn = () => h.cognito.send(new InitiateAuthCommand({
      ClientId: h.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ada@example.com', PASSWORD },
    }));
    for (let i = 0; i < 3; i++) expect((await signIn()).AuthenticationResult?.AccessToken).toBeDefined();

    const throttled = await signIn().catch(err => err);
    expect(throttled).toBeInstanceOf(TooManyRequestsException);
    expect(throttled.message).toBe('Rate exceeded');
    expect(throttled.$metadata.httpStatusCode).toBe(400);
    expect(throttled.$fault).toBe('client');

    h.clock.advance(1000);
    expect((await signIn()).AuthenticationResult?.AccessToken).toBeDefined();

    expect(h.sandbox.quotaUsage).toEqual([
      { category: 'UserAuthentication', quota: 3, peakPerSecond: 4, calls: 5, throttled: 1 },
      { category: 'UserCreation', quota: 50, peakPerSecond: 1, calls: 1, throttled: 0 },
      { category: 'UserAccountRecovery', quota: 30, peakPerSecond: 1, calls: 1, throttled: 0 },
    ]);
    await h.stop();
    await h.stop(); // a second stop reports nothing new
    const report = h.logs.filter(line => line.startsWith('Quota report') || line.startsWith('  User'));
    expect(report).toEqual([
      expect.stringContaining('Quota report (--quotas): peak calls in one second'),
      expect.stringMatching(/^ {2}UserAuthentication +peak +4\/s +quota +3\/s +calls 5 +! over quota: 1 throttled$/),
      expect.stringMatching(/^ {2}UserCreation +peak +1\/s +quota +50\/s +calls 1$/),
      expect.stringMatching(/^ {2}UserAccountRecovery +peak +1\/s +quota +30\/s +calls 1$/),
    ]);
  });

  test("'default' applies Cognito's default rates: the 31st ListUsers in one second is throttled (UserList, 30/s)", async () => {
    h = await startHarness(template, { quotas: 'default' });
    const listUsers = () => h.cognito.send(new ListUsersCommand({ UserPoolId: h.poolId }));
    for (let i = 0; i < 30; i++) await listUsers();
    await expect(listUsers()).rejects.toThrow(TooManyRequestsException);
    expect(h.sandbox.quotaUsage).toEqual([{ category: 'UserList', quota: 30, peakPerSecond: 31, calls: 31, throttled: 1 }]);
    await h.stop();
    expect(h.logs).toContainEqual(expect.stringMatching(/^ {2}UserList +peak +31\/s +quota +30\/s +calls 31 +! over quota: 1 throttled$/));
  });

  test("the SDK's default retry (standard mode, 3 attempts) gets through once the next second starts", async () => {
    h = await startHarness(template, { quotas: { UserRead: 1 } });
    await createEmailUser(h, 'grace@example.com', PASSWORD);
    await h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'grace@example.com' }));

    // A client with the SDK's default retry strategy. Time passes between its attempts: a retry moves
    // the sandbox's clock on by a second (the SDK numbers each attempt in its amz-sdk-request header).
    const retrying = new CognitoIdentityProviderClient({
      region: h.sandbox.region, endpoint: h.sandbox.endpoint, credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
    retrying.middlewareStack.add(next => async args => {
      const header = String((args.request as { headers?: Record<string, string> }).headers?.['amz-sdk-request'] ?? '');
      if (!header.startsWith('attempt=1;')) h.clock.advance(1000);
      return next(args);
    }, { step: 'finalizeRequest', priority: 'low', name: 'advanceSandboxClockOnRetry' });
    try {
      const user = await retrying.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: 'grace@example.com' }));
      expect(user.Username).toBeDefined();
      expect(user.$metadata.attempts).toBe(2);
    } finally {
      retrying.destroy();
    }
    expect(h.sandbox.quotaUsage?.find(u => u.category === 'UserRead')).toEqual({ category: 'UserRead', quota: 1, peakPerSecond: 2, calls: 3, throttled: 1 });
  });

  test('challenge responses have their own allowance of 3x UserAuthentication, then count toward it; NEW_PASSWORD_REQUIRED counts as UserAccountRecovery', async () => {
    h = await startHarness(template, { quotas: { UserAuthentication: 1 } });
    // Made-up sessions: each call is counted (the check runs before the operation), then refused as a bad session.
    const respond = (ChallengeName: ChallengeNameType) => h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName, Session: 'made-up-session'.repeat(4), ChallengeResponses: { USERNAME: 'nobody@example.com', SMS_MFA_CODE: '123456', NEW_PASSWORD: PASSWORD },
    })).catch(err => err.name);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await respond('SMS_MFA'));
    // Three fit the allowance (3 x 1/s), the fourth takes UserAuthentication's one call, the fifth has no room.
    expect(answers).toEqual(['NotAuthorizedException', 'NotAuthorizedException', 'NotAuthorizedException', 'NotAuthorizedException', 'TooManyRequestsException']);
    expect(await respond('NEW_PASSWORD_REQUIRED')).toBe('NotAuthorizedException');
    expect(h.sandbox.quotaUsage).toEqual([
      { category: 'UserAuthentication', quota: 1, peakPerSecond: 2, calls: 2, throttled: 1 },
      { category: 'UserAuthentication challenge responses', quota: 3, peakPerSecond: 5, calls: 5, throttled: 1 },
      { category: 'UserAccountRecovery', quota: 30, peakPerSecond: 1, calls: 1, throttled: 0 },
    ]);
  });
});
