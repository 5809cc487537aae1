import { createRequire } from 'module';
import * as path from 'path';
import { CognitoError } from './errors';
import { PoolConfig, TriggerFunction } from './types';

/** Loads CommonJS handler modules by absolute path (the assets are plain JS bundles). */
const loadModule = createRequire(__filename);

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

  private async run(fn: TriggerFunction, event: Record<string, any>): Promise<unknown> {
    const dot = fn.handler.lastIndexOf('.');
    const file = path.join(fn.codeDir!, fn.handler.slice(0, dot));
    const exportName = fn.handler.slice(dot + 1);
    const saved: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(fn.environment)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    try {
      const handler = loadModule(file)[exportName];
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
