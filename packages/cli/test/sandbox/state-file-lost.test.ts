/**
 * The state database removed, or another file renamed over it, while the sandbox runs (issue 24,
 * item 4): SQLite would keep writing to the file it opened, no longer at the path, and every answer
 * would be a write lost at the next start. The store notices (the path's device and inode against
 * the ones it opened) and refuses writes with a clear InternalErrorException naming the file; what
 * was acknowledged before is written back (or next to the file that took its place), and stopping
 * says the state was not saved.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdminGetUserCommand, InternalErrorException, SignUpCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { main } from '../../src/cli/main';
import { Harness, startHarness, synthPool, waitFor } from '../support';

const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } });
const PASSWORD = 'Passw0rd!long';
const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-lost-'));

const signUp = (h: Harness, email: string) =>
  h.cognito.send(new SignUpCommand({ ClientId: h.clientId, Username: email, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: email }] }));
const exists = (h: Harness, email: string) => h.cognito.send(new AdminGetUserCommand({ UserPoolId: h.poolId, Username: email })).then(
  () => true,
  err => {
    if (err instanceof UserNotFoundException) return false;
    throw err;
  },
);

/** Every user acknowledged before the loss, read from `file` by a new sandbox; none of the refused ones. */
async function expectOnDisk(file: string, acknowledged: string[], refused: string[]): Promise<void> {
  const h = await startHarness(template, { stateFile: file, https: false });
  try {
    for (const email of acknowledged) expect([email, await exists(h, email)]).toEqual([email, true]);
    for (const email of refused) expect([email, await exists(h, email)]).toEqual([email, false]);
  } finally {
    await h.stop();
  }
}

test('state file removed: the next SignUp fails naming the file, nothing acknowledged is lost', async () => {
  const file = path.join(tmpDir(), 'state.db');
  const h = await startHarness(template, { stateFile: file, https: false });
  try {
    await signUp(h, 'before@example.com');
    fs.rmSync(file);
    const refused = await signUp(h, 'after@example.com').catch(err => err);
    expect(refused).toBeInstanceOf(InternalErrorException);
    expect(refused.$metadata.httpStatusCode).toBe(500);
    expect(refused.message).toContain(`the state file ${file} was removed while the sandbox ran`);
    expect(refused.message).toContain('Nothing of this request was saved');
    // Every later write is refused too, not only the first; reads still answer.
    await expect(signUp(h, 'later@example.com')).rejects.toBeInstanceOf(InternalErrorException);
    expect(await exists(h, 'before@example.com')).toBe(true);
    expect(await exists(h, 'after@example.com')).toBe(false);
    expect(h.sandbox.unsaved).toContain(`the state as last saved was written to ${file}`);
  } finally {
    await h.stop();
  }
  await expectOnDisk(file, ['before@example.com'], ['after@example.com', 'later@example.com']);
});

test('another file renamed over it: the same refusal; that file is left alone and the state is saved next to it', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'state.db');
  const h = await startHarness(template, { stateFile: file, https: false });
  try {
    await signUp(h, 'before@example.com');
    fs.writeFileSync(path.join(dir, 'other'), 'not the sandbox state');
    fs.renameSync(path.join(dir, 'other'), file);
    const refused = await signUp(h, 'after@example.com').catch(err => err);
    expect(refused).toBeInstanceOf(InternalErrorException);
    expect(refused.message).toContain(`the state file ${file} was replaced by another file while the sandbox ran`);
  } finally {
    await h.stop();
  }
  expect(fs.readFileSync(file, 'utf8')).toBe('not the sandbox state');
  const saved = fs.readdirSync(dir).filter(name => name.startsWith('state.db.saved-'));
  expect(saved).toHaveLength(1);
  expect(h.sandbox.unsaved).toContain(`the state as last saved was written to ${path.join(dir, saved[0])}`);
  await expectOnDisk(path.join(dir, saved[0]), ['before@example.com'], ['after@example.com']);
});

test('the file is noticed without a write (a timer), and a stopped CLI sandbox says the state was NOT saved', async () => {
  const output: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  jest.spyOn(process.stderr, 'write').mockImplementation(chunk => { output.push(String(chunk)); return true; });
  const dir = tmpDir();
  const templateFile = path.join(dir, 'App.template.json');
  fs.writeFileSync(templateFile, JSON.stringify(template));
  const file = path.join(dir, 'state.db');
  let code: number;
  try {
    const running = main(['sandbox', '--template', templateFile, '--port', '0', '--state', file, '--outbox', path.join(dir, 'outbox')]);
    try {
      await waitFor(() => output.join('').includes('Ctrl-C'), 'the sandbox to print its banner');
      fs.rmSync(file);
      await waitFor(() => output.join('').includes(`the state file ${file} was removed`), 'the sandbox to notice the removed state file');
    } finally {
      process.emit('SIGINT');
    }
    code = await running;
  } finally {
    jest.restoreAllMocks();
  }
  const text = output.join('');
  expect(text).not.toContain('state saved');
  expect(text).toContain(`Sandbox stopped; state NOT saved: the state file ${file} was removed while the sandbox ran`);
  expect(code).toBe(1);
  expect(fs.existsSync(file)).toBe(true); // written back when noticed
});
