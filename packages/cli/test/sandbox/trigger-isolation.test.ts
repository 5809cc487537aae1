/**
 * Faulty user triggers: each invocation runs in a process of its function with the function's own
 * Timeout and MemorySize. A hung, crashing, exiting or memory-hungry trigger is answered as Cognito answers a
 * failed trigger; the sandbox and other users' triggers carry on.
 */
import { ConfirmSignUpCommand, SignUpCommand, SignUpCommandOutput, UserLambdaValidationException } from '@aws-sdk/client-cognito-identity-provider';
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Harness, startHarness, synthPool, waitFor } from '../support';

const PASSWORD = 'Passw0rd!long';
/**
 * PreSignUp's Timeout: not Lambda's default of 3 s (the last test proves that one), and long enough that
 * on a loaded 2-core machine another user's sign-up is answered while a hung one still runs, yet short
 * enough that a hung invocation on a warm process ends by the function's Timeout, not by Cognito's 5 s wait.
 */
const TIMEOUT_S = 2;

/** Behaves by the local part of the email address. */
const PRE_SIGN_UP = `
let invocations = 0;
exports.handler = async (event) => {
  const who = event.request.userAttributes.email.split('@')[0];
  invocations += 1;
  if (who.startsWith('hang')) await new Promise(() => {});
  if (who === 'spin') for (;;) {}
  if (who === 'exit') process.exit(3);
  if (who === 'kill') process.kill(process.pid, 'SIGKILL');
  if (who === 'late') setTimeout(() => { throw new Error('late boom'); }, 5);
  if (who === 'timer') await new Promise(() => setTimeout(() => { throw new Error('boom from a timer'); }, 5));
  if (who === 'oom') { const hog = []; for (;;) hog.push(new Array(4e6).fill(hog.length)); }
  if (who.startsWith('count')) throw new Error('invocation ' + invocations);
  if (who === 'env') throw new Error(JSON.stringify({ key: process.env.AWS_ACCESS_KEY_ID, secret: process.env.DEVELOPER_SECRET ?? null, mine: process.env.MINE }));
  process.env.LEAKED = 'from a trigger';
  return event;
};`;

/** Hangs for one user: a function without Timeout in the template gets Lambda's 3 s. */
const POST_CONFIRMATION = `exports.handler = async (event) => {
  if (event.request.userAttributes.email.startsWith('slow')) await new Promise(() => {});
  return event;
};`;

let h: Harness;
beforeAll(async () => {
  process.env.DEVELOPER_SECRET = 'the developer\'s own credentials';
  h = await startHarness(synthPool({ selfSignUpEnabled: true, signInAliases: { email: true }, autoVerify: { email: true } }, {}, (stack, pool) => {
    pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, new lambda.Function(stack, 'PreSignUp', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(PRE_SIGN_UP),
      timeout: Duration.seconds(TIMEOUT_S),
      memorySize: 128,
      environment: { MINE: 'from the template' },
    }));
    pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, new lambda.Function(stack, 'PostConfirmation', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(POST_CONFIRMATION),
    }));
  }));
});
afterAll(async () => {
  delete process.env.DEVELOPER_SECRET;
  await h.stop();
});

const signUp = (local: string): Promise<SignUpCommandOutput> => h.cognito.send(new SignUpCommand({
  ClientId: h.clientId, Username: `${local}@example.com`, Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: `${local}@example.com` }],
}));
const failed = (message: RegExp) => expect.objectContaining({ name: 'UserLambdaValidationException', message: expect.stringMatching(message) });

test('a hung trigger times out at the function\'s Timeout and blocks no other user', async () => {
  // Two warm processes (Lambda keeps containers between invocations), so the hung and the spinning
  // invocations start at once and their Timeout, not a process start on a busy machine, decides.
  await Promise.all([signUp('warm1'), signUp('warm2')]);
  const started = Date.now();
  let settled = 0;
  const hung = signUp('hang1').then(() => 'answered', (e: Error) => e).finally(() => settled++);
  const spinning = signUp('spin').then(() => 'answered', (e: Error) => e).finally(() => settled++);
  // Another user's sign-up runs its trigger meanwhile, and is answered while the others still hang.
  expect((await signUp('ok1')).UserSub).toBeDefined();
  expect(settled).toBe(0);
  // "Task timed out after 2.00 seconds" is the function's Timeout: had either waited behind the other or
  // for a process past Cognito's 5 s, the answer would be Cognito's "Socket timeout" instead.
  expect(await hung).toEqual(failed(/^PreSignUp failed with error \S+ \S+ Task timed out after 2\.00 seconds\.$/));
  expect(await spinning).toEqual(failed(/Task timed out after 2\.00 seconds/));
  // Never before the Timeout (a lower bound holds on any machine; an upper bound belongs in the bench).
  expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 50);
});

test('process.exit, killing its own process, a crash from a timer and running out of memory fail the call, not the sandbox', async () => {
  await expect(signUp('exit')).rejects.toEqual(failed(/^PreSignUp failed with error RequestId: \S+ Error: Runtime exited with error: exit status 3\.$/));
  await expect(signUp('kill')).rejects.toEqual(failed(/Runtime exited with error: signal: SIGKILL\.$/));
  await expect(signUp('timer')).rejects.toEqual(failed(/^PreSignUp failed with error boom from a timer\.$/));
  await expect(signUp('oom')).rejects.toEqual(failed(/Runtime exited with error: out of memory \(MemorySize 128 MB\)/));
  expect((await signUp('ok2')).UserSub).toBeDefined();
});

test('an exception thrown from a timer after the trigger answered replaces the process, nothing else', async () => {
  expect((await signUp('late')).UserSub).toBeDefined();
  // The crash comes a few ms after the answer: wait for its log line (generously: the machine may be busy).
  const line = await waitFor(() => h.logs.find(l => l.includes('late boom')), 'the late crash in the log');
  expect(line).toMatch(/^trigger PreSignUp\S* failed after it answered \(Error: late boom\); its process was replaced$/);
  expect((await signUp('ok3')).UserSub).toBeDefined();
});

test('warm processes are reused, as Lambda reuses containers', async () => {
  const counts: number[] = [];
  for (const who of ['count1', 'count2', 'count3']) {
    const err = await signUp(who).catch((e: UserLambdaValidationException) => e);
    counts.push(Number(/invocation (\d+)/.exec(String((err as Error).message))?.[1]));
  }
  expect(counts[1]).toBe(counts[0] + 1);
  expect(counts[2]).toBe(counts[1] + 1);
});

test('triggers see a Lambda environment, not the sandbox process\'s, and cannot change it', async () => {
  const err = await signUp('env').catch((e: Error) => e);
  // The function's own temporary credentials (an access key the sandbox made for it), not the developer's.
  expect(JSON.parse(/failed with error (.*)\.$/.exec((err as Error).message)![1]))
    .toEqual({ key: expect.stringMatching(/^ASIA[0-9A-F]{16}$/), secret: null, mine: 'from the template' });
  expect(process.env.LEAKED).toBeUndefined();
});

test('without a Timeout in the template the trigger gets Lambda\'s default of 3 s', async () => {
  await signUp('slow');
  const code = h.sandbox.outbox.latest({ destination: 'slow@example.com' })!.code!;
  const started = Date.now();
  await expect(h.cognito.send(new ConfirmSignUpCommand({ ClientId: h.clientId, Username: 'slow@example.com', ConfirmationCode: code })))
    .rejects.toEqual(failed(/^PostConfirmation failed with error .* Task timed out after 3\.00 seconds\.$/));
  expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
});
