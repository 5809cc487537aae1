/**
 * One sign-in state for the API and the hosted pages (model/sessions.ts): the API's Session strings,
 * the pages' flows, authorization codes and browser sessions follow one expiry and one-use rule.
 */
import { EXPIRED_SESSION, INVALID_SESSION } from '../../src/sandbox/core/errors';
import { OneTimeClaims, takeOnce } from '../../src/sandbox/model/one-time';
import { CODE_VALIDITY_MS, FLOW_VALIDITY_MS, Sessions, SignInRecords, SSO_VALIDITY_MS } from '../../src/sandbox/model/sessions';

const START = 1_700_000_010_000;
const SESSION_MS = 3 * 60 * 1000; // an app client's default AuthSessionValidity

function fixture() {
  let now = START;
  const sessions = new Sessions(() => now);
  const session = () => sessions.create({
    poolId: 'us-east-1_P', clientId: 'web', username: 'alice', challenge: 'SOFTWARE_TOKEN_MFA', expiresAt: now + SESSION_MS, admin: false, hosted: true,
  });
  const flow = (domain = 'my-domain') => sessions.startFlow({ poolId: 'us-east-1_P', domain, authorize: { client: 'web' }, query: 'client_id=web' });
  return { sessions, session, flow, advance: (ms: number) => { now += ms; } };
}

test('the records rule: live until expiresAt, one use when taken, ended records are unknown', () => {
  let now = START;
  const records = new SignInRecords<{ poolId: string; expiresAt: number; n: number }>(() => now, (() => { let i = 0; return () => `id-${++i}`; })());
  const a = records.add(() => ({ poolId: 'p', expiresAt: now + 100, n: 1 }));
  const b = records.add(() => ({ poolId: 'p', expiresAt: now + 100, n: 2 }));
  expect(records.live(a)?.n).toBe(1);
  expect(records.take(a)?.n).toBe(1);
  expect(records.take(a)).toBeUndefined();
  now += 100;
  expect(records.find(b)?.n).toBe(2); // still there, for the caller to report as expired
  expect(records.live(b)).toBeUndefined();
  expect(records.find(b)).toBeUndefined();
  expect(records.size('p')).toBe(0);
});

test('an API session: expired after its AuthSessionValidity (then gone), invalid once consumed', () => {
  const { sessions, session, advance } = fixture();
  const used = session();
  expect(sessions.get(used, 'web').username).toBe('alice');
  sessions.consume(used);
  expect(() => sessions.get(used, 'web')).toThrow(INVALID_SESSION);
  const late = session();
  advance(SESSION_MS - 1);
  expect(sessions.get(late, 'web')).toBeDefined();
  advance(1);
  expect(() => sessions.get(late, 'web')).toThrow(EXPIRED_SESSION);
  expect(() => sessions.get(late, 'web')).toThrow(INVALID_SESSION);
});

test('a hosted flow points at an API session: the session keeps its own expiry inside the flow, and ending the flow spends it', () => {
  const { sessions, session, flow, advance } = fixture();
  const f = flow();
  f.challenge = { name: 'SOFTWARE_TOKEN_MFA', session: session(), params: {} };
  expect(sessions.flow(f.id, 'my-domain')).toBe(f);
  expect(sessions.flow(f.id, 'other-domain')).toBeUndefined();
  // The flow outlives its session, as today: the page is still found, the session answers "expired".
  advance(SESSION_MS);
  expect(sessions.flow(f.id, 'my-domain')).toBe(f);
  expect(() => sessions.get(f.challenge!.session, 'web')).toThrow(EXPIRED_SESSION);

  // Ending a flow ends the session it is on: its Session string cannot be answered again.
  const g = flow();
  g.challenge = { name: 'SOFTWARE_TOKEN_MFA', session: session(), params: {} };
  sessions.endFlow(g.id);
  expect(sessions.flow(g.id, 'my-domain')).toBeUndefined();
  expect(() => sessions.get(g.challenge!.session, 'web')).toThrow(INVALID_SESSION);

  const h = flow();
  advance(FLOW_VALIDITY_MS);
  expect(sessions.flow(h.id, 'my-domain')).toBeUndefined();
});

test('authorization codes and browser sessions follow the same rule: a code works once and for five minutes, a browser session for an hour', () => {
  const { sessions, advance } = fixture();
  const grant = { poolId: 'us-east-1_P', clientId: 'web', username: 'alice', redirectUri: 'https://app/cb', scopes: ['openid'], authTime: 1 };
  const code = sessions.issueCode(grant);
  expect(sessions.redeemCode(code)).toMatchObject(grant);
  expect(sessions.redeemCode(code)).toBeUndefined();
  const late = sessions.issueCode(grant);
  advance(CODE_VALIDITY_MS);
  expect(sessions.redeemCode(late)).toBeUndefined();

  const sso = sessions.startSso({ domain: 'my-domain', poolId: 'us-east-1_P', username: 'alice', authTime: 1 });
  expect(sessions.ssoSession(sso, 'other-domain')).toBeUndefined();
  expect(sessions.ssoSession(sso, 'my-domain')?.username).toBe('alice');
  advance(SSO_VALIDITY_MS);
  expect(sessions.ssoSession(sso, 'my-domain')).toBeUndefined();
  const ended = sessions.startSso({ domain: 'my-domain', poolId: 'us-east-1_P', username: 'alice', authTime: 1 });
  sessions.endSso(ended);
  expect(sessions.ssoSession(ended, 'my-domain')).toBeUndefined();
});

test('hosted flows are bounded per pool like API sessions: the oldest go first', () => {
  let now = START;
  const sessions = new Sessions(() => now, 3);
  const flows = [1, 2, 3, 4].map(() => sessions.startFlow({ poolId: 'p', domain: 'd', authorize: {}, query: '' }));
  expect(sessions.flow(flows[0].id, 'd')).toBeUndefined();
  for (const f of flows.slice(1)) expect(sessions.flow(f.id, 'd')).toBe(f);
});

test('one-time claims: the first caller wins until the artifact expires or the claim is given back; the oldest go past the bound', () => {
  let now = START;
  const claims = new OneTimeClaims(() => now, 3);
  expect(claims.claim('a', now + 100)).toBe(true);
  expect(claims.claim('a', now + 100)).toBe(false);
  claims.release('a');
  expect(claims.claim('a', now + 100)).toBe(true);
  now += 100;
  expect(claims.isClaimed('a')).toBe(false); // the artifact itself has expired by now
  for (const key of ['b', 'c', 'd', 'e']) expect(claims.claim(key, now + 1_000)).toBe(true);
  expect(claims.isClaimed('b')).toBe(false);
  expect(['c', 'd', 'e'].every(k => claims.isClaimed(k))).toBe(true);

  const holder: { challenge?: string } = { challenge: 'x' };
  expect(takeOnce(holder, 'challenge')).toBe('x');
  expect(takeOnce(holder, 'challenge')).toBeUndefined();
});

test('a session given back after its claim is live again, unless it expired meanwhile', () => {
  const { sessions, session, advance } = fixture();
  const id = session();
  const claimed = sessions.get(id, 'web');
  sessions.consume(id);
  sessions.restore(id, claimed);
  expect(sessions.get(id, 'web')).toBe(claimed);
  sessions.consume(id);
  advance(SESSION_MS);
  sessions.restore(id, claimed);
  expect(() => sessions.get(id, 'web')).toThrow(INVALID_SESSION);
});
