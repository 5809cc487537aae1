/**
 * outbox.jsonl records are written whole or not at all: a write cut short (here by a file size
 * limit, which fails a write exactly as a full disk does: part of it lands, then the rest is
 * refused) is taken back, and a line torn by a crash costs only itself, never the next record.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Outbox, readOutboxFile } from '../../src/sandbox/store/outbox';
import { bundleForChild } from '../support';

/** The file size limit the child runs under (bash's `ulimit -f` counts 1024-byte blocks). */
const LIMIT_BLOCKS = 2;

let dir: string;
let bundle: string;
beforeAll(() => {
  bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-child-')), 'outbox-child.js');
  bundleForChild(path.join(__dirname, 'fixtures/outbox-child.ts'), bundle);
});
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-file-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const outboxFile = () => path.join(dir, 'outbox.jsonl');
/** Every line of the file, parsed or, when it does not parse, as it is. */
const rawLines = () => fs.readFileSync(outboxFile(), 'utf8').split('\n').filter(Boolean).map(line => {
  try {
    return JSON.parse(line);
  } catch {
    return `torn: ${line.slice(0, 40)}`;
  }
});
const deliverHere = (code: string) => new Outbox(dir, () => undefined, Date.now).deliver({
  poolId: 'us-east-1_Outbox01', username: 'next', channel: 'SMS', destination: '+15550001234', purpose: 'MFA', message: `Code ${code}`, code,
});

test('a record the disk cannot take whole is not written at all, and the next record parses', () => {
  // Under the limit, a first message of ~1.2 KB fits; the second is cut short by it.
  const child = spawnSync('bash', ['-c', `ulimit -f ${LIMIT_BLOCKS} && exec "$0" "$@"`, process.execPath, bundle, dir, '1000', '1000'], {
    env: { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', '..', '..', 'node_modules') }, encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  const [first, second] = child.stdout.trim().split('\n');
  expect(first).toBe('ok');
  expect(second).toMatch(/EFBIG|too large/);
  // The sandbox restarts (with room again) and sends another message.
  deliverHere('424242');
  expect(rawLines().map(r => (typeof r === 'string' ? r : r.code))).toEqual(['100000', '424242']);
  expect(second).toMatch(/^cannot append to .*outbox\.jsonl: /);
});

test('a line torn by a crash mid-write costs only itself: the next record starts on a line of its own and readers skip the torn one', () => {
  deliverHere('111111');
  const whole = fs.readFileSync(outboxFile(), 'utf8');
  fs.appendFileSync(outboxFile(), whole.slice(0, 30));
  deliverHere('222222');
  expect(rawLines()).toEqual([expect.objectContaining({ code: '111111' }), expect.stringMatching(/^torn: /), expect.objectContaining({ code: '222222' })]);
  expect(readOutboxFile(outboxFile()).map(m => m.code)).toEqual(['111111', '222222']);
});
