/**
 * Benchmark of a burst of sign-ups against a PreSignUp trigger that never answers (its Timeout is
 * Lambda's default 3 s; Cognito stops waiting after 5 s): how long each of CONCURRENT simultaneous
 * SignUp calls takes from send to answer (p50, p99, max), and how many trigger processes were started
 * in all and after the last request's deadline (should be none). The SDK client runs in the same
 * process as the sandbox, so on a busy machine requests reach the trigger up to ~1 s after they are sent.
 *
 *   npx ts-node --project test/tsconfig.json bench/trigger-burst-bench.ts [concurrent=80]
 */
import { Agent } from 'http';
import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { startSandbox } from '../packages/cli/src/sandbox';
import { FunctionProcesses } from '../packages/cli/src/sandbox/functions/function-processes';
import { synthPool } from '../packages/cli/test/support';

// The module object the sandbox's `spawn` import reads from, to count the processes it starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess: typeof import('child_process') = require('child_process');
const CONCURRENT = Number(process.argv[2] ?? 80);

async function main(): Promise<void> {
  const template = synthPool({ selfSignUpEnabled: true, signInAliases: { email: true } }, {}, (stack, pool) => {
    pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, new lambda.Function(stack, 'PreSignUp', {
      runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => new Promise(() => {});'),
    }));
  });
  const starts: number[] = [];
  const deadlines: number[] = [];
  const invoke = FunctionProcesses.prototype.invoke;
  FunctionProcesses.prototype.invoke = function (this: FunctionProcesses, event, timeoutMs, waitUntil) {
    deadlines.push(waitUntil);
    return invoke.call(this, event, timeoutMs, waitUntil);
  };
  const spawn = childProcess.spawn;
  (childProcess as { spawn: typeof spawn }).spawn = ((...args: Parameters<typeof spawn>) => {
    starts.push(Date.now());
    return spawn(...args);
  }) as typeof spawn;
  const sandbox = await startSandbox({ template, log: () => undefined, https: false });
  const client = new CognitoIdentityProviderClient({
    region: sandbox.region,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENT }), requestTimeout: 120_000 },
  });
  const clientId = sandbox.userPools[0].clients[0].id;
  const signUp = (email: string) => client.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: 'Passw0rd!long', UserAttributes: [{ Name: 'email', Value: email }] }));
  // One call first, so the SDK's modules are loaded before the clock starts; then the processes are idle again.
  await signUp('warm@example.com').catch(() => undefined);
  starts.length = 0;
  deadlines.length = 0;
  const times = await Promise.all(Array.from({ length: CONCURRENT }, async (_, i) => {
    const sent = Date.now();
    await signUp(`burst${i}@example.com`).catch(() => undefined);
    return Date.now() - sent;
  }));
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  console.log(JSON.stringify({
    concurrent: CONCURRENT,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: pick(1),
    // A process started after the last request's deadline can only have been for a request out of time.
    processesStarted: starts.length,
    startedAfterLastDeadline: starts.filter(at => at >= Math.max(...deadlines)).length,
  }));
  client.destroy();
  await sandbox.stop();
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
