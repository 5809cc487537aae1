import * as net from 'net';
import type { PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { captureConsole, CapturedConsole } from './support/console';
import { EMAIL, PHONE, POOL_ID, preTokenV1, preTokenV2, USERNAME } from './support/events';
import { fakeCognito } from './support/fake-cognito';
import { getCognitoClient, setCognitoClientFactory } from '../../src/triggers/mfa-by-group/cognito-client';
import { MFA_REQUIRED_GROUPS, MFA_STATUS_CACHE_TTL_SECONDS } from '../../src/triggers/mfa-by-group/env-names';
import { createMfaByGroupHandler, DEADLINE_MARGIN_MS, MFA_LOOKUP_DEADLINE_MS } from '../../src/triggers/mfa-by-group/handler-logic';
import { handler as lambdaHandler } from '../../src/triggers/mfa-by-group/mfa-by-group.lambda';
import { MfaStatusCache } from '../../src/triggers/mfa-by-group/mfa-status-cache';

let out: CapturedConsole;
let clock: number;
const now = () => clock;

beforeEach(() => {
  out = captureConsole();
  clock = 1_000_000;
  process.env[MFA_REQUIRED_GROUPS] = JSON.stringify(['admins', 'billing']);
  delete process.env[MFA_STATUS_CACHE_TTL_SECONDS];
});
afterEach(() => {
  out.restore();
  setCognitoClientFactory(undefined);
});

function useCognito(answer: Parameters<typeof fakeCognito>[0]) {
  const fake = fakeCognito(answer);
  const factory = jest.fn(() => fake);
  setCognitoClientFactory(factory);
  return { fake, factory };
}

function expectNoPii() {
  for (const line of out.lines()) {
    for (const secret of [USERNAME, EMAIL, PHONE]) expect(line).not.toContain(secret);
  }
}

describe('V1 events', () => {
  test('user without privileged groups: unchanged, no AdminGetUser call', async () => {
    const { fake, factory } = useCognito({ mfa: [] });
    const event = preTokenV1(['readers']);
    const before = JSON.parse(JSON.stringify(event));
    const result = await createMfaByGroupHandler({ now })(event);
    expect(result).toBe(event);
    expect(event).toEqual(before);
    expect(fake.calls).toHaveLength(0);
    expect(factory).not.toHaveBeenCalled(); // lazily created
    expect(out.lines()).toEqual([]);
  });

  test('privileged user without MFA: privileged groups withheld and named in a claim', async () => {
    const { fake } = useCognito({ mfa: [] });
    const event = preTokenV1(['readers', 'admins', 'billing']);
    await createMfaByGroupHandler({ now })(event);
    expect(fake.calls).toEqual([{ UserPoolId: POOL_ID, Username: USERNAME }]);
    expect(event.response.claimsOverrideDetails).toEqual({
      groupOverrideDetails: { groupsToOverride: ['readers'], iamRolesToOverride: [] },
      claimsToAddOrOverride: { mfa_required_for_groups: 'admins billing' },
    });
    expect(out.lines()).toEqual([]);
  });

  test('absent UserMFASettingList counts as no MFA', async () => {
    useCognito({});
    const event = preTokenV1(['admins']);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  test('privileged user with MFA: unchanged', async () => {
    useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const event = preTokenV1(['admins', 'readers'], 'TokenGeneration_RefreshTokens');
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails).toBeNull();
  });

  test('keeps existing response fields', async () => {
    useCognito({ mfa: [] });
    const event = preTokenV1(['admins']);
    event.response.claimsOverrideDetails = { claimsToSuppress: ['email'], claimsToAddOrOverride: { tier: 'gold' } };
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails).toEqual({
      claimsToSuppress: ['email'],
      claimsToAddOrOverride: { tier: 'gold', mfa_required_for_groups: 'admins' },
      groupOverrideDetails: { groupsToOverride: [], iamRolesToOverride: [] },
    });
  });

  test('duplicate group names are withheld once', async () => {
    useCognito({ mfa: [] });
    const event = preTokenV1(['admins', 'admins']);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.claimsToAddOrOverride).toEqual({ mfa_required_for_groups: 'admins' });
  });
});

describe.each(['2', '3'] as const)('V%s events', version => {
  test('privileged user without MFA: withheld from both tokens', async () => {
    useCognito({ mfa: [] });
    const event: PreTokenGenerationV2TriggerEvent = preTokenV2(['admins', 'readers'], version);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsAndScopeOverrideDetails).toEqual({
      groupOverrideDetails: { groupsToOverride: ['readers'], iamRolesToOverride: [] },
      idTokenGeneration: { claimsToAddOrOverride: { mfa_required_for_groups: 'admins' } },
      accessTokenGeneration: { claimsToAddOrOverride: { mfa_required_for_groups: 'admins' } },
    });
  });

  test('privileged user with MFA: unchanged', async () => {
    useCognito({ mfa: ['SMS_MFA'] });
    const event = preTokenV2(['admins'], version);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsAndScopeOverrideDetails).toBeNull();
  });
});

test('V3 client-credentials event without groupConfiguration: unchanged, no warning', async () => {
  const { fake } = useCognito({ mfa: [] });
  const event = { ...preTokenV2([], '3'), triggerSource: 'TokenGeneration_ClientCredentials', userName: undefined } as Record<string, unknown>;
  delete (event.request as Record<string, unknown>).groupConfiguration;
  await createMfaByGroupHandler({ now })(event);
  expect(fake.calls).toHaveLength(0);
  expect(out.lines()).toEqual([]);
});

describe('cache', () => {
  test('one AdminGetUser call for two invocations within the TTL, a new one after it', async () => {
    const { fake, factory } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const handler = createMfaByGroupHandler({ now });
    await handler(preTokenV1(['admins']));
    clock += 59_999;
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(1);
    clock += 1;
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(2);
    expect(factory).toHaveBeenCalledTimes(1); // one client per container
  });

  test('MFA_STATUS_CACHE_TTL_SECONDS sets the TTL; 0 disables caching', async () => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const handler = createMfaByGroupHandler({ now });
    process.env[MFA_STATUS_CACHE_TTL_SECONDS] = '5';
    await handler(preTokenV1(['admins']));
    clock += 4_000;
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(1);
    clock += 1_000;
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(2);
    process.env[MFA_STATUS_CACHE_TTL_SECONDS] = '0';
    const uncached = createMfaByGroupHandler({ now });
    await uncached(preTokenV1(['admins']));
    await uncached(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(4);
  });

  test('invalid TTL falls back to 60 seconds with one warning', async () => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    process.env[MFA_STATUS_CACHE_TTL_SECONDS] = 'soon';
    const handler = createMfaByGroupHandler({ now });
    await handler(preTokenV1(['admins']));
    clock += 59_000;
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(1);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'MFA_STATUS_CACHE_TTL_SECONDS must be a non-negative integer; using 60' }]);
  });

  test('"no MFA" is not cached, so the sign-in right after enrolment gets the groups', async () => {
    const answer: { mfa: string[] } = { mfa: [] };
    setCognitoClientFactory(() => fakeCognito(answer));
    const handler = createMfaByGroupHandler({ now });
    const first = (await handler(preTokenV1(['admins']))) as PreTokenGenerationTriggerEvent;
    expect(first.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
    answer.mfa = ['SOFTWARE_TOKEN_MFA'];
    const second = (await handler(preTokenV1(['admins']))) as PreTokenGenerationTriggerEvent;
    expect(second.response.claimsOverrideDetails).toBeNull();
  });

  test('keyed by pool and username', async () => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const handler = createMfaByGroupHandler({ now });
    await handler(preTokenV1(['admins']));
    await handler({ ...preTokenV1(['admins']), userName: 'bob' });
    await handler({ ...preTokenV1(['admins']), userPoolId: 'eu-west-1_Other' });
    expect(fake.calls).toHaveLength(3);
  });

  test('is bounded: the oldest entry is evicted', () => {
    const cache = new MfaStatusCache(2, now);
    cache.rememberMfa('a', 60);
    cache.rememberMfa('b', 60);
    cache.rememberMfa('a', 60); // refresh moves 'a' to the newest position
    cache.rememberMfa('c', 60);
    expect(cache.size).toBe(2);
    expect([cache.hasMfa('a'), cache.hasMfa('b'), cache.hasMfa('c')]).toEqual([true, false, true]);
  });

  test('maxCacheEntries 0 caches nothing', () => {
    const cache = new MfaStatusCache(0, now);
    cache.rememberMfa('a', 60);
    expect(cache.hasMfa('a')).toBe(false);
  });
});

describe('fail closed', () => {
  test('AdminGetUser failure withholds the groups and logs one warning without PII', async () => {
    const err = Object.assign(new Error(`User ${USERNAME} is not authorized`), { name: 'AccessDeniedException' });
    useCognito({ error: err });
    const event = preTokenV1(['admins', 'readers']);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['readers']);
    expect(out.json()).toEqual([
      { level: 'WARN', trigger: 'mfa-by-group', reason: 'AdminGetUser failed; privileged groups withheld', error: 'AccessDeniedException' },
    ]);
    expectNoPii();
  });

  test('failures are not cached', async () => {
    const { fake } = useCognito({ error: new Error('throttled') });
    const handler = createMfaByGroupHandler({ now });
    await handler(preTokenV1(['admins']));
    await handler(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(2);
  });

  test('a client factory that throws is a failure too', async () => {
    setCognitoClientFactory(() => {
      throw new Error('no region');
    });
    const event = preTokenV1(['admins']);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  test('privileged groups but no userName: withheld without a call', async () => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const event = { ...preTokenV1(['admins']), userName: '' };
    await createMfaByGroupHandler({ now })(event);
    expect(fake.calls).toHaveLength(0);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
    expect(out.json()[0].reason).toBe('event lacks userPoolId or userName; privileged groups withheld');
  });

  test.each([
    ['unset', undefined],
    ['not JSON', 'admins'],
    ['not an array of strings', '[1]'],
  ])('MFA_REQUIRED_GROUPS %s: every group requires MFA', async (_, value) => {
    useCognito({ mfa: [] });
    if (value === undefined) delete process.env[MFA_REQUIRED_GROUPS];
    else process.env[MFA_REQUIRED_GROUPS] = value;
    const event = preTokenV1(['readers']);
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  test('MFA_REQUIRED_GROUPS = [] protects nothing', async () => {
    const { fake } = useCognito({ mfa: [] });
    process.env[MFA_REQUIRED_GROUPS] = '[]';
    await createMfaByGroupHandler({ now })(preTokenV1(['admins']));
    expect(fake.calls).toHaveLength(0);
  });
});

describe('deadline: AdminGetUser that never answers', () => {
  const never = { send: () => new Promise<never>(() => undefined) };

  test('groups withheld once the time the Lambda has left (less the margin) runs out', async () => {
    setCognitoClientFactory(() => never);
    const event = preTokenV1(['admins', 'readers']);
    // The call never answers: that the handler returns at all is its deadline at work (the WARN below says
    // which); how fast it returns on a busy machine is the bench's business, not an assertion here.
    await createMfaByGroupHandler({ now })(event, { getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS + 200 });
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual(['readers']);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'AdminGetUser did not answer within 200 ms; privileged groups withheld' }]);
  });

  test('no time left: withheld without a call', async () => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const event = preTokenV1(['admins']);
    await createMfaByGroupHandler({ now })(event, { getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS });
    expect(fake.calls).toHaveLength(0);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });

  test('the deadline is at most MFA_LOOKUP_DEADLINE_MS whatever the Lambda timeout', () => {
    expect(MFA_LOOKUP_DEADLINE_MS + DEADLINE_MARGIN_MS).toBeLessThan(5_000); // the built-in function's timeout
  });

  test('the real SDK client is cut off when Cognito accepts the connection and never answers', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    });
    try {
      setCognitoClientFactory(undefined);
      const event = preTokenV2(['admins', 'readers']);
      // The server never answers: the handler returns by its own 300 ms deadline (the WARN says so), whatever
      // the machine's speed; the SDK alone would wait forever.
      await createMfaByGroupHandler({ now })(event, { getRemainingTimeInMillis: () => DEADLINE_MARGIN_MS + 300 });
      expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'AdminGetUser did not answer within 300 ms; privileged groups withheld' }]);
      expect(sockets.length).toBeGreaterThan(0);
      expect(event.response.claimsAndScopeOverrideDetails?.groupOverrideDetails?.groupsToOverride).toEqual(['readers']);
    } finally {
      process.env = saved;
      sockets.forEach(s => s.destroy());
      await new Promise(resolve => server.close(resolve));
    }
  });
});

test('an unexpected error withholds every group', async () => {
  useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
  const event: Record<string, any> = preTokenV1(['admins', 'readers']);
  Object.defineProperty(event, 'version', { get: () => { throw new Error('broken event'); } });
  await createMfaByGroupHandler({ now })(event);
  expect(groupsWritten(event)).toEqual([[], []]);
  expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'unexpected error; every group withheld', error: 'Error' }]);
});

describe('events that are not objects: unchanged, one warning', () => {
  test.each<[string, unknown]>([['null', null], ['an array', []]])('%s', async (_, event) => {
    const { fake } = useCognito({ mfa: [] });
    const result = await createMfaByGroupHandler({ now })(event);
    expect(result).toBe(event);
    expect(fake.calls).toHaveLength(0);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: 'event is not an object' }]);
  });
});

/** The groups a response puts in the tokens, in whichever shape it wrote (V1, V2, or both). */
function groupsWritten(event: Record<string, any>): unknown[] {
  const response = event.response ?? {};
  return [response.claimsOverrideDetails, response.claimsAndScopeOverrideDetails]
    .filter(Boolean).map(details => details.groupOverrideDetails?.groupsToOverride);
}

describe('malformed events fail closed: privileged groups withheld without a lookup, one warning', () => {
  test.each<[string, Record<string, unknown>, string, unknown[]]>([
    ['wrong triggerSource', { ...preTokenV1(['admins', 'readers']), triggerSource: 'PreSignUp_SignUp' }, 'unexpected triggerSource', [['readers']]],
    ['unknown version: both response shapes', { ...preTokenV1(['admins', 'readers']), version: '9' }, 'unsupported event version', [['readers'], ['readers']]],
    ['no request: every group withheld', { ...preTokenV1(['admins']), request: 'x' }, 'request is not an object', [[]]],
    ['no groupConfiguration: every group withheld', { ...preTokenV1(['admins']), request: {} }, 'request.groupConfiguration is not an object', [[]]],
    ['groups not all strings', { ...preTokenV1([]), request: { groupConfiguration: { groupsToOverride: ['admins', 1, 'readers'] } } },
      'request.groupConfiguration.groupsToOverride is not a string array', [['readers']]],
  ])('%s', async (_, event, reason, written) => {
    const { fake } = useCognito({ mfa: ['SOFTWARE_TOKEN_MFA'] });
    const result = await createMfaByGroupHandler({ now })(event);
    expect(result).toBe(event);
    expect(groupsWritten(event)).toEqual(written);
    expect(fake.calls).toHaveLength(0);
    expect(out.json()).toEqual([{ level: 'WARN', trigger: 'mfa-by-group', reason: `${reason}; privileged groups withheld` }]);
  });

  test('null groupsToOverride means no groups', async () => {
    const event = { ...preTokenV1([]), request: { groupConfiguration: { groupsToOverride: null } } };
    await createMfaByGroupHandler({ now })(event);
    expect(out.lines()).toEqual([]);
  });

  test('a non-object response is replaced when groups must be withheld', async () => {
    useCognito({ mfa: [] });
    const event = { ...preTokenV1(['admins']), response: 'x' } as unknown as PreTokenGenerationTriggerEvent;
    await createMfaByGroupHandler({ now })(event);
    expect(event.response.claimsOverrideDetails.groupOverrideDetails?.groupsToOverride).toEqual([]);
  });
});

test('the Lambda entry exports a handler built from the logic', async () => {
  useCognito({ mfa: [] });
  const event = preTokenV1(['admins']);
  await lambdaHandler(event);
  expect((event as PreTokenGenerationTriggerEvent).response.claimsOverrideDetails.claimsToAddOrOverride).toEqual({ mfa_required_for_groups: 'admins' });
});

test('the default factory builds the real SDK client, once per container', () => {
  setCognitoClientFactory(undefined);
  const client = getCognitoClient();
  expect(client.constructor.name).toBe('CognitoIdentityProviderClient');
  expect(getCognitoClient()).toBe(client);
});
