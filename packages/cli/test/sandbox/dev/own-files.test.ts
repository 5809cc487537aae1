import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ownFiles } from '../../../src/sandbox/dev/own-files';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'own-files-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the files the sandbox writes are recognized by absolute path, the app\'s are not', () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    // As typed on the command line: relative to where the sandbox runs.
    const own = ownFiles({ stateFile: 'state', outboxDir: 'outbox', outputsPath: 'src/amplify_outputs.json' });
    const at = (...parts: string[]) => path.join(dir, ...parts);
    for (const file of [
      at('state'), at('state-wal'), at('state-shm'), at('state-journal'), at('state.json-backup'),
      at('sandbox-tls-cert.pem'), at('sandbox-tls-key.pem'),
      at('outbox'), at('outbox', 'outbox.jsonl'),
      at('src', 'amplify_outputs.json'), at('src', 'amplify_outputs.MyStack.UserPool6BA7E5F2.json'),
    ]) expect([file, own(file)]).toEqual([file, true]);
    for (const file of [
      at('app.js'), at('bin', 'app.ts'), at('state.ts'), at('statement.js'), at('outboxes', 'x.js'), at('src', 'amplify_outputs.ts'),
      at('amplify_outputs.json'), at('src', 'other.json'),
    ]) expect([file, own(file)]).toEqual([file, false]);
  } finally {
    process.chdir(cwd);
  }
});

test('a symlinked folder names the same files', () => {
  const real = path.join(dir, 'real');
  fs.mkdirSync(real);
  fs.symlinkSync(real, path.join(dir, 'link'));
  const own = ownFiles({ outputsPath: path.join(dir, 'link', 'amplify_outputs.json') });
  expect(own(path.join(real, 'amplify_outputs.json'))).toBe(true);
  expect(own(path.join(real, 'app.js'))).toBe(false);
});

test('nothing is recognized when no location is given', () => {
  expect(ownFiles({})(path.join(dir, 'state.db'))).toBe(false);
});
