/**
 * Sign-in starts need no credentials, so what they leave behind is bounded: sessions per pool
 * (oldest evicted) and the in-memory outbox.
 */
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { MAX_SESSIONS_PER_POOL, Sessions } from '../../src/sandbox/model/sessions';
import { Outbox } from '../../src/sandbox/store/outbox';
import { startHarness, synthPool } from '../support';

const session = (poolId: string, n: number) => ({
  poolId, clientId: 'client', username: '', challenge: 'SELECT_CHALLENGE', expiresAt: Date.now() + 180_000, admin: false, clientMetadata: { n: String(n) },
});

test('20,000 unauthenticated sign-in starts keep at most MAX_SESSIONS_PER_POOL sessions; the oldest go first', () => {
  const sessions = new Sessions(Date.now);
  const ids = Array.from({ length: 20_000 }, (_, n) => sessions.create(session('us-east-1_A', n)));
  expect(sessions.size('us-east-1_A')).toBe(MAX_SESSIONS_PER_POOL);
  expect(() => sessions.get(ids[0], 'client')).toThrow('Invalid session for the user.');
  expect(() => sessions.get(ids[20_000 - MAX_SESSIONS_PER_POOL - 1], 'client')).toThrow('Invalid session for the user.');
  expect(sessions.get(ids[20_000 - MAX_SESSIONS_PER_POOL], 'client').clientMetadata).toEqual({ n: String(20_000 - MAX_SESSIONS_PER_POOL) });
  expect(sessions.get(ids[19_999], 'client').clientMetadata).toEqual({ n: '19999' });
  // Another pool's sessions are not evicted by this one's.
  const other = sessions.create(session('us-east-1_B', 0));
  sessions.create(session('us-east-1_A', 20_000));
  expect(sessions.get(other, 'client').poolId).toBe('us-east-1_B');
});

test('expired sessions are dropped before live ones', () => {
  let now = 1_000_000;
  const sessions = new Sessions(() => now, 3);
  const stale = sessions.create({ ...session('p', 0), expiresAt: now + 10 });
  const live = [1, 2].map(n => sessions.create({ ...session('p', n), expiresAt: now + 1_000 }));
  now += 20;
  sessions.create(session('p', 3));
  expect(sessions.size('p')).toBe(3);
  expect(() => sessions.get(stale, 'client')).toThrow();
  for (const id of live) expect(sessions.get(id, 'client')).toBeDefined();
});

test('over the wire: the oldest start is evicted once the bound is passed', async () => {
  const template = synthPool({ signInAliases: { username: true } }, { authFlows: { user: true, userSrp: true }, preventUserExistenceErrors: true });
  const h = await startHarness(template, { maxSessionsPerPool: 50 });
  try {
    // An unknown user's USER_AUTH gets a decoy PASSWORD challenge here (the pool allows passwords only).
    const start = async (n: number) => {
      const started = await h.cognito.send(new InitiateAuthCommand({ ClientId: h.clientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: `nobody-${n}` } }));
      expect(started.ChallengeName).toBe('PASSWORD');
      return started.Session!;
    };
    const first = await start(0);
    for (let n = 1; n < 50; n++) await start(n);
    const last = await start(50);
    const answer = (Session: string) => h.cognito.send(new RespondToAuthChallengeCommand({
      ClientId: h.clientId, ChallengeName: 'PASSWORD', Session, ChallengeResponses: { USERNAME: 'nobody', PASSWORD: 'wrong' },
    }));
    await expect(answer(first)).rejects.toThrow('Invalid session for the user.');
    await expect(answer(last)).rejects.toThrow('Incorrect username or password.');
  } finally {
    await h.stop();
  }
});

test('the in-memory outbox keeps only the newest messages', () => {
  const outbox = new Outbox(undefined, () => undefined, Date.now, 100);
  for (let n = 0; n < 1_000; n++) {
    outbox.deliver({ poolId: 'p', username: `u${n}`, channel: 'EMAIL', destination: `u${n}@example.com`, purpose: 'MFA', message: 'code', code: String(n) });
  }
  expect(outbox.messages()).toHaveLength(100);
  expect(outbox.latest()?.code).toBe('999');
  expect(outbox.messages()[0].code).toBe('900');
});
