import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { CognitoError } from './errors';
import { PoolConfig, TriggerFunction } from './types';

/** The sandbox's own require: it provides the AWS SDK v3 to handlers, as the Lambda Node.js runtime does. */
const runtimeRequire = createRequire(__filename);

/**
 * Loads a CommonJS handler file (the assets are plain JS bundles) as a fresh module, like a cold
 * start. `@aws-sdk/*` resolves next to the handler first and otherwise from the sandbox: bundles
 * leave the SDK out because Lambda provides it.
 */
function loadHandlerModule(file: string): Record<string, any> {
  const filename = runtimeRequire.resolve(file);
  const fileRequire = createRequire(filename);
  const requireForHandler = (request: string) => {
    if (!request.startsWith('@aws-sdk/')) return fileRequire(request);
    try {
      return fileRequire(request);
    } catch {
      return runtimeRequire(request);
    }
  };
  const module = { exports: {} as Record<string, any> };
  const body = new Function('exports', 'require', 'module', '__filename', '__dirname', fs.readFileSync(filename, 'utf8'));
  body(module.exports, requireForHandler, module, filename, path.dirname(filename));
  return module.exports;
}

export interface TriggerCall {
  readonly trigger: string;
  readonly triggerSource: string;
  readonly username: string;
  readonly clientId?: string;
  readonly request: Record<string, unknown>;
}

/**
 * Runs the pool's Lambda triggers in-process with Cognito-shaped events. Calls are serialized
 * because each one sets its function's environment variables on process.env for its duration.
 */
export class TriggerRunner {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly modules = new Map<string, Record<string, any>>();

  /** The sandbox's own endpoint, once it listens: triggers that call Cognito (AdminGetUser, ...) reach it. */
  endpoint?: string;

  constructor(private readonly region: string, private readonly log: (line: string) => void) {}

  has(pool: PoolConfig, trigger: string): boolean {
    return trigger in pool.triggers;
  }

  /** Returns the handler's `response`, or undefined when the pool has no runnable trigger. */
  async invoke(pool: PoolConfig, call: TriggerCall): Promise<Record<string, any> | undefined> {
    const fn = pool.triggers[call.trigger];
    if (!fn) return undefined;
    if (!fn.codeDir) {
      this.log(`trigger ${call.trigger} (${fn.logicalId}) skipped: ${fn.missingReason}`);
      return undefined;
    }
    const event = {
      version: fn.eventVersion ?? '1',
      region: this.region,
      userPoolId: pool.id,
      userName: call.username,
      callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId ?? 'CLIENT_ID_NOT_APPLICABLE' },
      triggerSource: call.triggerSource,
      request: call.request,
      response: {},
    };
    const run = this.queue.then(() => this.run(fn, event));
    this.queue = run.catch(() => undefined);
    try {
      const result = await run;
      return (result as any)?.response ?? event.response;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new CognitoError('UserLambdaValidationException', `${call.trigger} failed with error ${message}.`);
    }
  }

  /**
   * Loads a handler module once per sandbox: module state (e.g. an SDK client made with an earlier
   * sandbox's endpoint) does not leak between sandboxes.
   */
  private load(file: string): Record<string, any> {
    let module = this.modules.get(file);
    if (!module) {
      module = loadHandlerModule(file);
      this.modules.set(file, module);
    }
    return module;
  }

  /**
   * What the Lambda runtime would provide to the AWS SDK: the region and credentials (placeholders:
   * the sandbox does not check signatures), and an endpoint override so Cognito calls reach the sandbox.
   */
  private lambdaEnvironment(): Record<string, string> {
    return {
      AWS_REGION: this.region,
      AWS_ACCESS_KEY_ID: 'sandbox',
      AWS_SECRET_ACCESS_KEY: 'sandbox',
      ...(this.endpoint ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: this.endpoint } : {}),
    };
  }

  private async run(fn: TriggerFunction, event: Record<string, any>): Promise<unknown> {
    const dot = fn.handler.lastIndexOf('.');
    const file = path.join(fn.codeDir!, fn.handler.slice(0, dot));
    const exportName = fn.handler.slice(dot + 1);
    const saved: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries({ ...this.lambdaEnvironment(), ...fn.environment })) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    try {
      const handler = this.load(file)[exportName];
      if (typeof handler !== 'function') throw new Error(`${fn.handler} is not a function in ${fn.codeDir}`);
      const context = { functionName: fn.logicalId, awsRequestId: String(Date.now()), getRemainingTimeInMillis: () => 30000 };
      // Handlers may be async or use the (event, context, callback) style.
      return await new Promise((resolvePromise, reject) => {
        const callback = (err: unknown, result?: unknown) => (err ? reject(err) : resolvePromise(result));
        const returned = handler(event, context, callback);
        if (returned && typeof returned.then === 'function') returned.then(resolvePromise, reject);
      });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }
}
