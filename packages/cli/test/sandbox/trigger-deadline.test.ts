/**
 * Cognito waits 5 s for a trigger, and that wait covers the time a sign-up spends waiting for one of
 * the function's processes: under a burst of requests with a hung trigger every request is answered
 * as Cognito answers by its deadline, and no process is started for a request already out of time.
 */
import * as fs from 'fs';
import { Agent } from 'http';
import * as os from 'os';
import * as path from 'path';
import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { InvocationResult, FunctionProcesses, MAX_CONCURRENCY } from '../../src/sandbox/functions/function-processes';
import { Harness, startHarness, synthPool } from '../support';

// The real module object the sandbox's `spawn` import reads from: spying on it counts processes, starting them as before.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess: typeof import('child_process') = require('child_process');

const HANG = 'exports.handler = async () => new Promise(() => {});';
/** Ten times the processes a function may run at once (MAX_CONCURRENCY, 8), so most requests wait for one. */
const CONCURRENT = 80;
/** How long after its deadline an answer may come on a loaded 2-core machine (Cognito answers at it). */
const LATE_MARGIN_MS = 2_000;
/** The answers Cognito gives: the function's Timeout (3 s, Lambda's default) ran out, or Cognito's 5 s wait did. */
const COGNITO_TIMEOUTS = [
  { name: 'UserLambdaValidationException', message: /^PreSignUp failed with error \S+ \S+ Task timed out after 3\.00 seconds\.$/ },
  { name: 'UnexpectedLambdaException', message: /^PreSignUp invocation failed due to error Socket timeout while invoking Lambda function\.$/ },
];

const realSpawn = childProcess.spawn;

/** Epoch ms of every process start while `fn` runs. */
async function processStarts<T>(fn: () => Promise<T>): Promise<{ result: T; starts: number[] }> {
  const starts: number[] = [];
  const spawn = jest.spyOn(childProcess, 'spawn').mockImplementation(((...args: Parameters<typeof realSpawn>) => {
    starts.push(Date.now());
    return realSpawn(...args);
  }) as typeof realSpawn);
  try {
    return { result: await fn(), starts };
  } finally {
    spawn.mockRestore();
  }
}

describe('a burst of sign-ups with a hung PreSignUp trigger', () => {
  let h: Harness;
  let client: CognitoIdentityProviderClient;
  beforeAll(async () => {
    h = await startHarness(synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } }, {}, (stack, pool) => {
      pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, new lambda.Function(stack, 'PreSignUp', {
        runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline(HANG),
      }));
    }));
    // All 80 on the wire at once (the SDK's agent would otherwise keep 50 sockets and queue the rest itself).
    client = new CognitoIdentityProviderClient({
      region: h.sandbox.region,
      endpoint: h.sandbox.endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
      maxAttempts: 1,
      requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENT }), requestTimeout: 60_000 },
    });
  });
  afterAll(async () => {
    client.destroy();
    await h.stop();
  });

  test(`${CONCURRENT} concurrent sign-ups are each answered with Cognito's timeout by 5 s plus a margin`, async () => {
    // Each invocation's deadline by user: Cognito's wait ends 5 s after the trigger is asked for.
    const invocations = jest.spyOn(FunctionProcesses.prototype, 'invoke');
    const { result: answers, starts } = await processStarts(() => Promise.all(Array.from({ length: CONCURRENT }, async (_, i) => {
      const email = `burst${i}@example.com`;
      const sent = Date.now();
      const error = await client.send(new SignUpCommand({
        ClientId: h.clientId, Username: email, Password: 'Passw0rd!long', UserAttributes: [{ Name: 'email', Value: email }],
      })).then(() => undefined, (e: Error) => e);
      return { email, error, sent, answered: Date.now() };
    })));
    const emailOf = (event: Record<string, any>): string => event.request.userAttributes.email;
    const deadlines = new Map(invocations.mock.calls.map(([event, , waitUntil]) => [emailOf(event), waitUntil] as const));
    invocations.mockRestore();
    expect(deadlines.size).toBe(CONCURRENT);
    // Answered by its deadline, plus a margin for a loaded 2-core machine (before the wait for a process
    // counted, the last answers came 7-11 s after theirs). Measured from the deadline, not from the send:
    // under load the request may take a while to reach the trigger.
    const late = answers.filter(a => a.answered > deadlines.get(a.email)! + LATE_MARGIN_MS);
    expect(late.map(a => `${a.email}: ${a.answered - deadlines.get(a.email)!} ms after its deadline`)).toEqual([]);
    const others = answers.filter(({ error }) => !COGNITO_TIMEOUTS.some(t => error?.name === t.name && t.message.test(error.message)));
    expect(others.map(({ error }) => `${error?.name}: ${error?.message}`)).toEqual([]);
    // A process started after the last deadline can only have been for a request out of time.
    expect(starts.filter(at => at >= Math.max(...deadlines.values()))).toEqual([]);
  });
});

describe('FunctionProcesses', () => {
  let codeDir: string;
  beforeAll(() => {
    codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trigger-deadline-'));
    fs.writeFileSync(path.join(codeDir, 'index.js'), HANG);
  });
  afterAll(() => fs.rmSync(codeDir, { recursive: true, force: true }));

  test('an invocation still waiting for a process at its deadline is answered then, and no process is started for it', async () => {
    const processes = new FunctionProcesses({ logicalId: 'Hung', handler: 'index.handler', codeDir, environment: {} }, { PATH: process.env.PATH ?? '' }, () => undefined);
    try {
      const waitUntil = Date.now() + 2_000;
      const { result, starts } = await processStarts(() => Promise.all(Array.from({ length: 3 * MAX_CONCURRENCY }, async () => {
        const outcome: InvocationResult = await processes.invoke({}, 60_000, waitUntil);
        return { outcome, at: Date.now() };
      })));
      for (const { outcome } of result) expect(outcome).toMatchObject({ ok: false, failure: { kind: 'timeout', by: 'cognito' } });
      // Answered at the deadline, those that ran and those that waited alike (the margin is for a loaded machine).
      for (const { at } of result) expect(at).toBeLessThan(waitUntil + 1_500);
      // Every process starts before the deadline; the function's limit holds.
      expect(starts.length).toBeGreaterThan(0);
      expect(starts.length).toBeLessThanOrEqual(MAX_CONCURRENCY);
      for (const at of starts) expect(at).toBeLessThan(waitUntil);
    } finally {
      await processes.close();
    }
  });
});
