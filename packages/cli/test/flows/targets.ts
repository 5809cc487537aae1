/**
 * Where the flow suite runs. The same tests run against either target:
 *
 * - `sandbox` (default, CI): synthesizes FlowStack with aws-cdk-lib, serves it with the local Cognito
 *   emulator on a random port, reads SMS/email codes from the sandbox outbox, and moves the sandbox
 *   clock forward when a test needs a fresh TOTP time step.
 * - `aws` (`FLOW_TARGET=aws`): a FlowStack deployed to a real account; ids come from the
 *   `cdk deploy --outputs-file` JSON in FLOW_OUTPUTS_FILE. Codes sent by SMS/email can only be read
 *   when FLOW_CODE_COMMAND names a command that prints them (see README.md); otherwise the steps that
 *   need them are skipped. A fresh TOTP step means waiting for the next 30 s window.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { FLOW_STACK_NAME, FlowStack } from './flow-stack';
import { sandboxClient, startTestSandbox, TOTP_STEP_MS } from '../support';

export type CodeChannel = 'SMS' | 'EMAIL';
export type TargetName = 'sandbox' | 'aws';

export interface FlowTarget {
  readonly name: TargetName;
  readonly client: CognitoIdentityProviderClient;
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Endpoint for amazon-cognito-identity-js; undefined means the real regional endpoint. */
  readonly endpoint?: string;
  /** Whether readCode works; when false, readCode throws and tests skip the steps that need it. */
  readonly canReadCodes: boolean;
  /** The latest code sent to a user (sign-in name) over a channel. */
  readCode(username: string, channel: CodeChannel): Promise<string>;
  /** Current time (epoch ms) as the user pool sees it, for TOTP codes. */
  now(): number;
  /** Moves past every TOTP time step used so far (Cognito refuses a code's step twice). */
  nextTotpStep(): Promise<void>;
  cleanup(): Promise<void>;
}

export type TargetSelection =
  | { readonly run: true; readonly name: TargetName; create(): Promise<FlowTarget> }
  | { readonly run: false; readonly name: TargetName; readonly reason: string };

/** Picks the target from the environment; never throws, a missing prerequisite means skip. */
export function selectTarget(env: NodeJS.ProcessEnv = process.env): TargetSelection {
  const name = (env.FLOW_TARGET ?? 'sandbox').toLowerCase();
  if (name === 'sandbox') return { run: true, name, create: createSandboxTarget };
  if (name !== 'aws') return { run: false, name: 'aws', reason: `unknown FLOW_TARGET "${env.FLOW_TARGET}" (use sandbox or aws)` };
  if (!env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE) {
    return { run: false, name, reason: 'FLOW_TARGET=aws but no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID)' };
  }
  const file = env.FLOW_OUTPUTS_FILE;
  if (!file) return { run: false, name, reason: 'FLOW_TARGET=aws but FLOW_OUTPUTS_FILE is not set (cdk deploy --outputs-file ...)' };
  if (!fs.existsSync(file)) return { run: false, name, reason: `FLOW_TARGET=aws but FLOW_OUTPUTS_FILE ${file} does not exist` };
  let outputs: AuthOutputs;
  try {
    outputs = readOutputs(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { run: false, name, reason: `FLOW_OUTPUTS_FILE ${file}: ${(e as Error).message}` };
  }
  return { run: true, name, create: async () => createAwsTarget(outputs, env) };
}

export interface AuthOutputs {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly region: string;
}

/**
 * Reads `<id>UserPoolId`, `<id>UserPoolClientId` and `<id>Region` from a cdk outputs file
 * (`{ "<stack>": { "AuthUserPoolId": ... } }`), preferring the FlowStack's stack name.
 */
export function readOutputs(json: string): AuthOutputs {
  const stacks = JSON.parse(json) as Record<string, Record<string, string>>;
  const names = [FLOW_STACK_NAME, ...Object.keys(stacks).filter(n => n !== FLOW_STACK_NAME)];
  for (const stack of names) {
    const out = stacks[stack];
    if (!out) continue;
    const poolKey = Object.keys(out).find(k => k.endsWith('UserPoolId'));
    if (!poolKey) continue;
    const id = poolKey.slice(0, -'UserPoolId'.length);
    const clientId = out[`${id}UserPoolClientId`];
    if (!clientId) throw new Error(`stack ${stack} has ${poolKey} but no ${id}UserPoolClientId`);
    const userPoolId = out[poolKey];
    return { userPoolId, clientId, region: out[`${id}Region`] ?? userPoolId.split('_')[0] };
  }
  throw new Error('no stack with a <id>UserPoolId output');
}

/** Synthesizes the FlowStack template, as CI would, with the real aws-cdk-lib. */
export function synthFlowTemplate(): object {
  const app = new App();
  const stack = new FlowStack(app, FLOW_STACK_NAME, { env: { account: '111111111111', region: 'us-east-1' }, fromEmail: 'noreply@example.com' });
  return Template.fromStack(stack).toJSON();
}

/** Sign-in name -> the pool's internal user name (a UUID when email is the user name attribute). */
async function internalUsername(client: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<string> {
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  return user.Username!;
}

async function createSandboxTarget(): Promise<FlowTarget> {
  const { sandbox, clock } = await startTestSandbox(synthFlowTemplate(), { port: 0 });
  const [pool] = sandbox.userPools;
  const client = sandboxClient(sandbox);
  return {
    name: 'sandbox',
    client,
    region: sandbox.region,
    userPoolId: pool.id,
    clientId: pool.clients[0].id,
    endpoint: `${sandbox.endpoint}/`,
    canReadCodes: true,
    readCode: async (username, channel) => {
      const internal = await internalUsername(client, pool.id, username);
      const message = sandbox.outbox.latest({ poolId: pool.id, username: internal, channel });
      if (!message?.code) throw new Error(`no ${channel} code in the sandbox outbox for ${username}`);
      return message.code;
    },
    now: clock.now,
    nextTotpStep: async () => clock.nextTotpStep(),
    cleanup: async () => {
      client.destroy();
      await sandbox.stop();
    },
  };
}

function createAwsTarget(outputs: AuthOutputs, env: NodeJS.ProcessEnv): FlowTarget {
  const client = new CognitoIdentityProviderClient({ region: outputs.region });
  const command = env.FLOW_CODE_COMMAND;
  let lastStep = Math.floor(Date.now() / TOTP_STEP_MS);
  return {
    name: 'aws',
    client,
    region: outputs.region,
    userPoolId: outputs.userPoolId,
    clientId: outputs.clientId,
    endpoint: undefined,
    canReadCodes: Boolean(command),
    readCode: async (username, channel) => {
      if (!command) throw new Error('codes sent by SMS/email cannot be read on the aws target without FLOW_CODE_COMMAND');
      // The command gets the user and channel in its environment and prints the latest code.
      const out = execFileSync('sh', ['-c', command], {
        env: { ...env, FLOW_CODE_USERNAME: username, FLOW_CODE_CHANNEL: channel, FLOW_USER_POOL_ID: outputs.userPoolId },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const code = out.match(/\d{6,8}/)?.[0];
      if (!code) throw new Error(`FLOW_CODE_COMMAND printed no code for ${username} (${channel})`);
      return code;
    },
    now: () => Date.now(),
    nextTotpStep: async () => {
      // Wait until the clock is in a step after every step handed out before.
      const target = Math.max(lastStep + 1, Math.floor(Date.now() / TOTP_STEP_MS) + 1);
      const wait = target * TOTP_STEP_MS - Date.now() + 250;
      if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
      lastStep = target;
    },
    cleanup: async () => {
      client.destroy();
    },
  };
}
