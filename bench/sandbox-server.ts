/**
 * The sandbox side of bench/sandbox-bench.ts, run as its own process (bundled to JavaScript by the
 * bench, so start times are the sandbox's and not ts-node's): starts the sandbox on a template and a
 * state file, reports over IPC when it listens, forwards sign-up codes, and follows the bench's clock.
 *
 *   node sandbox-server.js TEMPLATE STATE CLOCK_START
 */
import { startSandbox } from '../packages/cli/src';

/** IPC messages between the bench (parent) and this process. */
export type ToServer = { type: 'clock'; offset: number } | { type: 'cpu' };
export type FromServer =
  | { type: 'ready'; endpoint: string; poolId: string; clientId: string; startMs: number; uptimeMs: number; rssBytes: number }
  | { type: 'code'; destination: string; code: string }
  | { type: 'clock-ack' }
  /** process.cpuUsage() of the whole sandbox process (every thread), in microseconds. */
  | { type: 'cpu'; user: number; system: number }
  | { type: 'stopped'; stopMs: number };

const send = (message: FromServer) => process.send!(message);
// The console line names the message, never its code: the code is read from the outbox by the message's id.
const SIGN_UP_MESSAGE = /^EMAIL to (\S+) \(SIGN_UP\): message (\d+)\b/;

async function main() {
  const [templatePath, stateFile, clockStart] = process.argv.slice(2);
  // The bench owns the clock (CLOCK_START plus its offset, the wall clock left out): moving it a TOTP
  // step lets every user sign in again without a replayed code.
  let offset = 0;
  process.on('message', (message: ToServer) => {
    if (message.type === 'cpu') {
      send({ type: 'cpu', ...process.cpuUsage() });
      return;
    }
    offset = message.offset;
    send({ type: 'clock-ack' });
  });
  const started = performance.now();
  let codeOf = (_destination: string, _id: number): string | undefined => undefined;
  const sandbox = await startSandbox({
    templatePath,
    stateFile,
    https: false,
    clock: () => Number(clockStart) + offset,
    log: line => {
      const match = SIGN_UP_MESSAGE.exec(line);
      const code = match && codeOf(match[1], Number(match[2]));
      if (match && code) send({ type: 'code', destination: match[1], code });
    },
  });
  codeOf = (destination, id) => sandbox.outbox.messages({ destination }).find(m => m.id === id)?.code;
  const startMs = performance.now() - started;
  const [{ id: poolId, clients: [{ id: clientId }] }] = sandbox.userPools;
  send({
    type: 'ready', endpoint: sandbox.endpoint, poolId, clientId, startMs, uptimeMs: process.uptime() * 1000, rssBytes: process.memoryUsage().rss,
  });
  process.once('SIGTERM', () => {
    const stopping = performance.now();
    void sandbox.stop().then(() => {
      send({ type: 'stopped', stopMs: performance.now() - stopping });
      process.disconnect();
    });
  });
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
