/**
 * The outbox (codes, temporary passwords) and the state file (hashes, TOTP secrets, signing keys)
 * are readable by the developer alone: files 0600, folders 0700.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startHarness, synthPool } from '../support';

/** Permission bits of a file (the low nine bits of its mode). */
const mode = (file: string) => fs.statSync(file).mode % 0o1000;

test('outbox.jsonl and the state file are 0600 in 0700 folders, whatever the umask', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-files-'));
  fs.chmodSync(root, 0o755);
  // An outbox folder and file left world-readable by an earlier version are tightened.
  const outboxDir = path.join(root, 'outbox');
  fs.mkdirSync(outboxDir, { mode: 0o755 });
  fs.chmodSync(outboxDir, 0o755);
  fs.writeFileSync(path.join(outboxDir, 'outbox.jsonl'), '', { mode: 0o644 });
  fs.chmodSync(path.join(outboxDir, 'outbox.jsonl'), 0o644);
  const stateFile = path.join(root, 'state', 'nested', 'state.json');
  const umask = process.umask(0o000);
  try {
    const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } });
    const h = await startHarness(template, { outboxDir, stateFile });
    try {
      await h.cognito.send(new SignUpCommand({
        ClientId: h.clientId, Username: 'fay@example.com', Password: 'Passw0rd!long', UserAttributes: [{ Name: 'email', Value: 'fay@example.com' }],
      }));
      h.sandbox.flush();
    } finally {
      await h.stop();
    }
  } finally {
    process.umask(umask);
  }
  expect(fs.readFileSync(path.join(outboxDir, 'outbox.jsonl'), 'utf8')).toContain('fay@example.com');
  expect(mode(path.join(outboxDir, 'outbox.jsonl'))).toBe(0o600);
  expect(mode(outboxDir)).toBe(0o700);
  expect(mode(stateFile)).toBe(0o600);
  expect(mode(path.dirname(stateFile))).toBe(0o700);
  expect(mode(path.join(root, 'state'))).toBe(0o700);
  // A folder that merely holds the state file and existed before is the developer's: left as it was.
  expect(mode(root)).toBe(0o755);
});
