import { AdminCreateUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { TestClock } from './clock';
import { Sandbox, SandboxOptions, startSandbox } from '../../src/sandbox';

/** The one sandbox starter: on a {@link TestClock} (unless `options.clock` is given), its log lines kept. */
export async function startTestSandbox(template: object, options: Partial<SandboxOptions> = {}) {
  const clock = new TestClock();
  const logs: string[] = [];
  const sandbox = await startSandbox({ template, clock: clock.now, log: line => logs.push(line), ...options });
  return { sandbox, clock, logs };
}

/** An SDK client for the sandbox (no retries: a test sees the first answer). */
export function sandboxClient(
  sandbox: Pick<Sandbox, 'endpoint' | 'region'>, credentials = { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: sandbox.region, endpoint: sandbox.endpoint, credentials, maxAttempts: 1 });
}

/** Synthesizes a one-pool stack with aws-cdk-lib and returns its template JSON. */
export function synthPool(
  props: cognito.UserPoolProps,
  clientProps: Partial<cognito.UserPoolClientOptions> = {},
  extra?: (stack: Stack, pool: cognito.UserPool) => void,
): object {
  const app = new App();
  const stack = new Stack(app, 'SandboxTest', { env: { region: 'us-east-1', account: '111111111111' } });
  const pool = new cognito.UserPool(stack, 'Pool', props);
  pool.addClient('Web', { authFlows: { userPassword: true, userSrp: true, adminUserPassword: true }, ...clientProps });
  extra?.(stack, pool);
  return Template.fromStack(stack).toJSON();
}

export interface Harness {
  readonly sandbox: Sandbox;
  readonly cognito: CognitoIdentityProviderClient;
  readonly poolId: string;
  readonly clientId: string;
  readonly clock: TestClock;
  readonly logs: string[];
  stop(): Promise<void>;
}

export async function startHarness(template: object, options: Partial<SandboxOptions> = {}): Promise<Harness> {
  const { sandbox, clock, logs } = await startTestSandbox(template, options);
  const cognitoClient = sandboxClient(sandbox);
  return {
    sandbox,
    cognito: cognitoClient,
    poolId: sandbox.userPools[0].id,
    clientId: sandbox.userPools[0].clients[0].id,
    clock,
    logs,
    stop: async () => {
      cognitoClient.destroy();
      await sandbox.stop();
    },
  };
}

/** Decodes a JWT payload without verifying it (the sandbox verified it when issuing). */
export const claimsOf = (jwt: string | undefined): Record<string, any> => JSON.parse(Buffer.from(String(jwt).split('.')[1], 'base64url').toString());

/** A confirmed user with a verified email address and a permanent password, made with admin calls. */
export async function createEmailUser(h: Pick<Harness, 'cognito' | 'poolId'>, email: string, password: string) {
  await h.cognito.send(new AdminCreateUserCommand({
    UserPoolId: h.poolId,
    Username: email,
    MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
  }));
  await h.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: h.poolId, Username: email, Password: password, Permanent: true }));
}
