/**
 * Benchmark of the local Cognito sandbox: complete MFA sign-ins per second through the real AWS SDK
 * over HTTP (USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA, and USER_SRP_AUTH + SOFTWARE_TOKEN_MFA), then
 * the process memory (RSS / heap) with the users loaded.
 *
 *   npx ts-node --project test/tsconfig.json bench/sandbox-bench.ts [users] [concurrency]
 */
import {
  AdminCreateUserCommand, AdminSetUserMFAPreferenceCommand, AdminSetUserPasswordCommand, AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { srpClient, srpTimestamp, startSandbox, totpCode } from '../src/sandbox';

const USERS = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const ROUNDS = 3;
const PASSWORD = 'Bench-passw0rd!';
const STEP_MS = 30_000;

function template(): object {
  const stack = new Stack(new App(), 'Bench', { env: { region: 'us-east-1' } });
  const userPool = new cognito.UserPool(stack, 'Pool', { mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false } });
  userPool.addClient('Web', { authFlows: { userPassword: true, userSrp: true } });
  return Template.fromStack(stack).toJSON();
}

/** Runs tasks with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]);
  }));
}

async function main() {
  // The bench owns the clock: each round moves one TOTP step so no code is a replay.
  let offset = 0;
  const now = () => Date.now() + offset;
  const sandbox = await startSandbox({ template: template(), clock: now, log: () => undefined });
  const [{ id: poolId, clients: [{ id: clientId }] }] = sandbox.userPools;
  const sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1', endpoint: sandbox.endpoint, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1,
  });
  const send = sdk.send.bind(sdk) as (command: any) => Promise<any>;

  global.gc?.();
  const baseline = process.memoryUsage();
  const users = Array.from({ length: USERS }, (_, i) => ({ name: `user${i}`, secret: '', userId: `user${i}` }));
  const setupStart = performance.now();
  await inParallel(users, CONCURRENCY, async u => {
    await send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: u.name, MessageAction: 'SUPPRESS' }));
    await send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: u.name, Password: PASSWORD, Permanent: true }));
    const auth = await send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.name, PASSWORD } }));
    const token = auth.AuthenticationResult.AccessToken;
    u.secret = (await send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode;
    await send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: totpCode(u.secret, now()) }));
    await send(new AdminSetUserMFAPreferenceCommand({
      UserPoolId: poolId, Username: u.name, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }));
  });
  console.log(`setup: ${USERS} users with TOTP in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  const passwordSignIn = async (u: typeof users[number]) => {
    const first = await send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: u.name, PASSWORD } }));
    const done = await send(new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: first.Session,
      ChallengeResponses: { USERNAME: u.name, SOFTWARE_TOKEN_MFA_CODE: totpCode(u.secret, now()) },
    }));
    if (!done.AuthenticationResult?.IdToken) throw new Error('sign-in did not complete');
  };
  const poolName = poolId.split('_')[1];
  const srpSignIn = async (u: typeof users[number]) => {
    const client = srpClient(poolName);
    const first = await send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: u.name, SRP_A: client.A },
    }));
    const p = first.ChallengeParameters;
    const timestamp = srpTimestamp(new Date());
    const signature = client.sign({
      userId: p.USER_ID_FOR_SRP, password: PASSWORD, saltHex: p.SALT, bHex: p.SRP_B, secretBlock: p.SECRET_BLOCK, timestamp,
    });
    const mfa = await send(new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: first.Session,
      ChallengeResponses: {
        USERNAME: p.USER_ID_FOR_SRP, PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature,
      },
    }));
    const done = await send(new RespondToAuthChallengeCommand({
      ClientId: clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: u.name, SOFTWARE_TOKEN_MFA_CODE: totpCode(u.secret, now()) },
    }));
    if (!done.AuthenticationResult?.IdToken) throw new Error('SRP sign-in did not complete');
  };

  for (const [name, signIn] of [['USER_PASSWORD_AUTH + TOTP', passwordSignIn], ['USER_SRP_AUTH + TOTP', srpSignIn]] as const) {
    let count = 0;
    const start = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      offset += STEP_MS;
      await inParallel(users, CONCURRENCY, async u => { await signIn(u); count++; });
    }
    const seconds = (performance.now() - start) / 1000;
    console.log(`${name}: ${count} complete MFA sign-ins in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} sign-ins/s (concurrency ${CONCURRENCY})`);
  }

  global.gc?.();
  const mem = process.memoryUsage();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  // ts-node's type checker (aws-cdk-lib typings) dominates the absolute numbers; the delta is the sandbox's.
  console.log(`memory after start (includes ts-node + aws-cdk-lib): rss ${mb(baseline.rss)}, heap used ${mb(baseline.heapUsed)}`);
  console.log(`memory after ${USERS} users and ${2 * ROUNDS * USERS} sign-ins: rss ${mb(mem.rss)}, heap used ${mb(mem.heapUsed)}`
    + ` (sandbox growth: rss +${mb(mem.rss - baseline.rss)}, heap +${mb(mem.heapUsed - baseline.heapUsed)})`);
  sdk.destroy();
  await sandbox.stop();
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
