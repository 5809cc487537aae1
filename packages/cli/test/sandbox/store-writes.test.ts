/**
 * The store writes only what changed: a TOTP sign-in (the MFA row's last used step, the failed count
 * in the user row) appends a few WAL pages, not the user's every child row deleted and inserted again
 * (29 pages before). Counted in WAL frames, so it does not depend on the machine's speed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserRecord } from '../../src/sandbox/core/records';
import { Store, UnitOfWork } from '../../src/sandbox/store/store';

const NOW = Date.UTC(2040, 0, 1, 0, 0, 1);
const POOL = 'us-east-1_Writes123';

function user(): UserRecord {
  return {
    username: 'ann',
    sub: '7a1c0f7e-0000-4000-8000-000000000001',
    status: 'CONFIRMED',
    enabled: true,
    attributes: Object.assign(Object.create(null), { 'email': 'ann@example.com', 'email_verified': 'true', 'phone_number': '+14155550100', 'name': 'Ann', 'custom:team': 'a' }),
    passwordHash: 'ab'.repeat(32),
    passwordSalt: 'cd'.repeat(16),
    srpSalt: 'ef'.repeat(16),
    srpVerifier: '01'.repeat(256),
    createdAt: NOW,
    updatedAt: NOW,
    totp: { secret: 'JBSWY3DPEHPK3PXP', verified: true, lastUsedStep: 1 },
    mfaEnabled: ['SOFTWARE_TOKEN_MFA'],
    preferredMfa: 'SOFTWARE_TOKEN_MFA',
    groups: ['admins', 'readers'],
    failedSignIns: 0,
    devices: Object.assign(Object.create(null), {
      d1: { key: 'd1', groupKey: 'g', verifier: 'v', salt: 's', name: 'phone', remembered: true, createdAt: NOW, lastAuthenticatedAt: NOW },
      d2: { key: 'd2', groupKey: 'g', verifier: 'v', salt: 's', name: 'laptop', remembered: true, createdAt: NOW, lastAuthenticatedAt: NOW },
    }),
    resetCode: { code: '123456', expiresAt: NOW + 3_600_000 },
  } as UserRecord;
}

/** WAL frames (pages) appended while `work` commits. */
async function framesWritten(store: Store, wal: string, work: () => void): Promise<number> {
  const before = fs.statSync(wal).size;
  await store.run(work);
  const pageSize = 4096;
  return (fs.statSync(wal).size - before) / (pageSize + 24);
}

test('a TOTP sign-in writes the two rows it changed, a few pages; re-read, the user is as written', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-writes-')), 'state.db');
  const store = new Store(file, () => NOW);
  try {
    store.pool(POOL);
    await store.run(() => store.putUser(POOL, 'ann', user()));
    const frames = await framesWritten(store, `${file}-wal`, () => {
      const ann = store.user(POOL, 'ann')!;
      ann.totp!.lastUsedStep = 2;
      ann.failedSignIns = 0;
      ann.updatedAt = NOW + 1000;
    });
    // users row, its two indexes' pages at most, user_mfa row (and the WAL's commit frame on one of them).
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThanOrEqual(4);
    // A change to a child table writes that row; a removed device and code are deleted.
    await store.run(() => {
      const ann = store.user(POOL, 'ann')!;
      delete ann.devices.d2;
      ann.resetCode = undefined;
      ann.attributes.name = 'Ann B';
      ann.groups = ['readers'];
    });
  } finally {
    store.close();
  }
  const reopened = new Store(file, () => NOW);
  try {
    const ann = await reopened.run(() => reopened.user(POOL, 'ann'));
    expect(ann?.totp).toEqual({ secret: 'JBSWY3DPEHPK3PXP', verified: true, lastUsedStep: 2 });
    expect(Object.keys(ann!.devices)).toEqual(['d1']);
    expect(ann?.resetCode).toBeUndefined();
    expect(ann?.attributes.name).toBe('Ann B');
    expect(ann?.attributes['custom:team']).toBe('a');
    expect(ann?.groups).toEqual(['readers']);
    expect(await reopened.run(() => reopened.userKeysByGroup(POOL, 'admins'))).toEqual([]);
    expect(await reopened.run(() => reopened.userKeysByAttribute(POOL, 'name', 'ann b'))).toEqual(['ann']);
  } finally {
    reopened.close();
  }
});

/** Runs `work` in a unit of work as a request does (store.enter), then hands it to the group commit. */
function request(store: Store, work: () => void): Promise<void> {
  const unit = new UnitOfWork();
  store.enter(unit, work);
  return store.commitDurably(unit);
}

test('a request that changed nothing answers at once, without a transaction; with a commit pending it waits for it', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-writes-')), 'state.db');
  const store = new Store(file, () => NOW);
  try {
    store.pool(POOL);
    await store.run(() => store.putUser(POOL, 'ann', user()));
    const walBefore = fs.statSync(`${file}-wal`).size;
    const order: string[] = [];
    const nextTurn = new Promise<void>(resolve => setImmediate(() => {
      order.push('next turn');
      resolve();
    }));
    await request(store, () => void store.user(POOL, 'ann')).then(() => order.push('read answered'));
    await nextTurn;
    expect(order).toEqual(['read answered', 'next turn']);
    expect(fs.statSync(`${file}-wal`).size).toBe(walBefore);

    // A write queued first: the read that saw its change is answered only once that change is durable.
    order.length = 0;
    const write = request(store, () => void (store.user(POOL, 'ann')!.attributes.name = 'Ann B')).then(() => order.push('write durable'));
    const read = request(store, () => void order.push(`read saw ${store.user(POOL, 'ann')!.attributes.name}`)).then(() => order.push('read answered'));
    await Promise.all([write, read]);
    expect(order).toEqual(['read saw Ann B', 'write durable', 'read answered']);
  } finally {
    store.close();
  }
});
