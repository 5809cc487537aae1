import { randomBytes } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, FunctionProcesses, InvocationFailure } from './function-processes';
import { CognitoError } from '../core/errors';
import { PoolConfig, TriggerFunction } from '../core/pool-config';

/** Cognito waits this long for a trigger, whatever the function's own Timeout. */
export const COGNITO_WAIT_MS = 5_000;

export interface TriggerCall {
  readonly trigger: string;
  readonly triggerSource: string;
  readonly username: string;
  readonly clientId?: string;
  readonly request: Record<string, unknown>;
}

/** What the Lambda runtime gives the SDK in a trigger: the region (credentials and endpoints are the runner's). */
export interface LambdaSettings {
  readonly region: string;
}

/**
 * Temporary credentials, as Lambda gives a function its execution role's: each function gets its
 * own, made at random when its first process starts and kept while the sandbox runs. The sandbox's
 * KMS endpoint accepts only these, and the Cognito endpoint accepts them for admin calls as an
 * execution role with that permission would be.
 */
export interface FunctionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** The function's logical ID. */
  readonly functionId: string;
}

/**
 * Runs the pool's Lambda triggers with Cognito-shaped events, each invocation in a process of its
 * function (function-processes.ts) with the function's own Timeout (default 3 s, as Lambda;
 * Cognito stops waiting after 5 s) and MemorySize. A failed invocation is answered as Cognito
 * answers a failed trigger; the sandbox and other users' triggers carry on.
 */
export class TriggerRunner {
  private readonly functions = new Map<TriggerFunction, FunctionProcesses>();

  private readonly credentials = new Map<TriggerFunction, FunctionCredentials>();
  private readonly byAccessKey = new Map<string, FunctionCredentials>();

  /** The sandbox's own endpoint, once it listens: triggers that call Cognito (AdminGetUser, ...) reach it. */
  endpoint?: string;
  /** The sandbox's KMS endpoint, once it listens: custom senders' Encryption SDK calls Decrypt there. */
  kmsEndpoint?: string;

  constructor(private readonly settings: LambdaSettings, private readonly log: (line: string) => void) {}

  has(pool: PoolConfig, trigger: string): boolean {
    return Object.prototype.hasOwnProperty.call(pool.triggers, trigger);
  }

  /** The function the pool has for `trigger` (its code may be missing: see `codeDir`), or undefined. */
  functionOf(pool: PoolConfig, trigger: string): TriggerFunction | undefined {
    return this.has(pool, trigger) ? pool.triggers[trigger] : undefined;
  }

  /** The credentials the sandbox gave a function, by their access key id (undefined for any other). */
  credentialsFor(accessKeyId: string): FunctionCredentials | undefined {
    return this.byAccessKey.get(accessKeyId);
  }

  /** Returns the handler's `response`, or undefined when the pool has no runnable trigger. */
  async invoke(pool: PoolConfig, call: TriggerCall): Promise<Record<string, any> | undefined> {
    const fn = this.functionOf(pool, call.trigger);
    if (!fn) return undefined;
    if (!fn.codeDir) {
      this.log(`trigger ${call.trigger} (${fn.logicalId}) skipped: ${fn.missingReason}`);
      return undefined;
    }
    const event = {
      version: fn.eventVersion ?? '1',
      region: this.settings.region,
      userPoolId: pool.id,
      userName: call.username,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
      triggerSource: call.triggerSource,
      request: call.request,
      response: {},
    };
    const timeoutMs = (fn.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const outcome = await this.processesOf(fn).invoke(event, timeoutMs, Date.now() + COGNITO_WAIT_MS);
    if (outcome.ok) return (outcome.result as any)?.response ?? outcome.event.response;
    throw failedTrigger(call.trigger, outcome.requestId, outcome.failure);
  }

  /** Starts a process for every runnable trigger of `pools` now, so first invocations find one warm. */
  prewarm(pools: PoolConfig[]): void {
    for (const pool of pools) for (const fn of Object.values(pool.triggers)) if (fn.codeDir) this.processesOf(fn).prewarm();
  }

  /** Ends every trigger worker. */
  async close(): Promise<void> {
    const all = [...this.functions.values()];
    this.functions.clear();
    await Promise.all(all.map(w => w.close()));
  }

  private processesOf(fn: TriggerFunction): FunctionProcesses {
    let processes = this.functions.get(fn);
    if (!processes) {
      processes = new FunctionProcesses(fn, this.environment(fn), this.log);
      this.functions.set(fn, processes);
    }
    return processes;
  }

  /**
   * A Lambda-like environment and nothing of the sandbox's own: no developer credentials or
   * profiles reach trigger code. The SDK finds the region, the sandbox's credentials and an
   * endpoint override that sends Cognito calls to the sandbox.
   */
  private environment(fn: TriggerFunction): Record<string, string> {
    const credentials = this.credentialsOf(fn);
    const noConfig = path.join(os.tmpdir(), 'cdk-mfa-auth-no-aws-config');
    return {
      PATH: process.env.PATH ?? '',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      AWS_REGION: this.settings.region,
      AWS_DEFAULT_REGION: this.settings.region,
      AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb ?? DEFAULT_MEMORY_MB),
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs',
      LAMBDA_TASK_ROOT: fn.codeDir ?? '',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_SESSION_TOKEN: credentials.sessionToken,
      // The function runs on the sandbox's Node.js, not its Lambda runtime's: the SDK's warning about
      // the local Node.js version would be the sandbox's noise in the function's log.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_CONFIG_FILE: noConfig,
      AWS_SHARED_CREDENTIALS_FILE: noConfig,
      ...(this.endpoint ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: this.endpoint } : {}),
      // The SDK's service-specific endpoint variable: KMS calls go to the sandbox, every other service to AWS as before.
      ...(this.kmsEndpoint ? { AWS_ENDPOINT_URL_KMS: this.kmsEndpoint } : {}),
      ...fn.environment,
    };
  }

  private credentialsOf(fn: TriggerFunction): FunctionCredentials {
    let credentials = this.credentials.get(fn);
    if (!credentials) {
      credentials = {
        accessKeyId: `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(64).toString('base64'),
        functionId: fn.logicalId,
      };
      this.credentials.set(fn, credentials);
      this.byAccessKey.set(credentials.accessKeyId, credentials);
    }
    return credentials;
  }
}

/**
 * Cognito's answers for a failed trigger: the function's error message (Lambda reports a timeout,
 * crash or exit as an error too), or, when Cognito itself stops waiting (5 s, whether the invocation
 * ran or still waited for a process), UnexpectedLambdaException with the text Cognito uses then
 * ("PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.", as
 * users report it from AWS in sst#1815 and amazon-cognito-identity-dart-2#204; the docs do not print it).
 */
function failedTrigger(trigger: string, requestId: string, failure: InvocationFailure): CognitoError {
  const failed = (message: string) => new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${message}.`);
  switch (failure.kind) {
    case 'error':
      return failed(failure.message);
    case 'exit':
      return failed(`RequestId: ${requestId} Error: ${failure.detail}`);
    case 'timeout':
      if (failure.by === 'cognito') return new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`);
      return failed(`${new Date().toISOString()} ${requestId} Task timed out after ${(failure.afterMs / 1000).toFixed(2)} seconds`);
  }
}
