/**
 * Durability proof: a sandbox in its own process is killed with SIGKILL at random moments while
 * this process (the real AWS SDK) signs users up and confirms them; after each restart on the same
 * database every user whose SignUp answer arrived exists, confirmed when AdminConfirmSignUp's answer
 * arrived, and the database passes PRAGMA integrity_check. Fails if a commit came after its response
 * (a lost user), or if a crash can leave a broken database.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import BetterSqlite3 from 'better-sqlite3';
import { bundleForChild, ROOT_NODE_MODULES, synthPool } from '../support';

const KILLS = 20;
/** The whole run stops starting rounds after this long, whatever KILLS says (then fails if too few ran). */
const BUDGET_MS = 50_000;

interface Running { child: ChildProcess; endpoint: string; clientId: string; poolId: string }

function startChild(bundle: string, templateFile: string, stateFile: string): Promise<Running> {
  const child = spawn(process.execPath, [bundle, templateFile, stateFile], {
    env: { ...process.env, NODE_PATH: ROOT_NODE_MODULES }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, ...JSON.parse(out.split('\n')[0]) });
    });
    child.stderr!.on('data', chunk => (err += chunk));
    child.on('exit', code => reject(new Error(`sandbox exited (${code}): ${err}`)));
  });
}

const killed = (child: ChildProcess) => new Promise<void>(resolve => {
  if (child.exitCode !== null || child.signalCode !== null) return resolve();
  child.once('exit', () => resolve());
  child.kill('SIGKILL');
});

describe('durability under SIGKILL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-durable-'));
  const bundle = path.join(dir, 'sandbox.js');
  const templateFile = path.join(dir, 'template.json');
  const stateFile = path.join(dir, 'state.db');

  beforeAll(() => {
    bundleForChild(path.join(__dirname, 'fixtures/durability-child.ts'), bundle);
    fs.writeFileSync(templateFile, JSON.stringify(synthPool({ selfSignUpEnabled: true })));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Signs users up and confirms them with `workers` requests in flight, killing the sandbox `kills` times; then checks every acknowledged write. */
  async function survivesKills(workers: number, kills: number, database: string): Promise<void> {
    const signedUp = new Set<string>();
    const confirmed = new Set<string>();
    const started = Date.now();
    let rounds = 0;
    while (rounds < kills && Date.now() - started < BUDGET_MS) {
      const sandbox = await startChild(bundle, templateFile, database);
      if (rounds === 0) {
        // A second sandbox on the same file is refused while the first runs.
        await expect(startChild(bundle, templateFile, database)).rejects.toThrow(/in use by another running sandbox/);
      }
      const cognito = new CognitoIdentityProviderClient({
        region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1,
      });
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const username = `user-${rounds}-${w}-${i}`;
          try {
            await cognito.send(new SignUpCommand({ ClientId: sandbox.clientId, Username: username, Password: 'Passw0rd!long' }));
            signedUp.add(username);
            await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: sandbox.poolId, Username: username }));
            confirmed.add(username);
          } catch {
            return; // the kill came: this request's answer never arrived
          }
        }
      };
      const running = Array.from({ length: workers }, (_, w) => worker(w));
      await new Promise(resolve => setTimeout(resolve, 100 + Math.random() * 500));
      await killed(sandbox.child);
      stop = true;
      await Promise.all(running);
      cognito.destroy();
      rounds++;
    }
    expect(rounds).toBeGreaterThanOrEqual(kills);
    expect(signedUp.size).toBeGreaterThan(kills);

    // Restart once more: the killed sandbox's database opens (WAL recovered), then read it directly.
    const last = await startChild(bundle, templateFile, database);
    await killed(last.child);
    const db = new BetterSqlite3(database, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT username, status FROM users').all() as { username: string; status: string }[];
      const status = new Map(rows.map(r => [r.username, r.status]));
      const lost = [...signedUp].filter(u => !status.has(u));
      const unconfirmed = [...confirmed].filter(u => status.get(u) !== 'CONFIRMED');
      expect({ lost, unconfirmed }).toEqual({ lost: [], unconfirmed: [] });
    } finally {
      db.close();
    }
  }

  test(`every acknowledged SignUp and confirmation survives ${KILLS} kills; integrity_check ok`, async () => {
    await survivesKills(4, KILLS, stateFile);
  }, 90_000);

  // Group commit: requests that end together share one transaction and one fsync. With 32 in flight
  // most commits are batches; a response sent before its batch was durable would show as a lost user.
  test('with 32 requests in flight (group commits), every acknowledged write survives 8 kills', async () => {
    await survivesKills(32, 8, path.join(dir, 'batched.db'));
  }, 90_000);
});
