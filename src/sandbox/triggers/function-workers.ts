import { randomUUID } from 'crypto';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { WORKER_SOURCE } from './worker-source';
import { TriggerFunction } from '../types';

/** Lambda's defaults when the template is silent. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_MB = 128;
/** Workers one function may run at once (each runs one invocation at a time, like a Lambda container). */
export const MAX_CONCURRENCY = 8;
/** Warm workers kept per function between invocations. */
export const MAX_IDLE = 2;

/** How an invocation ended when the handler did not answer. */
export type InvocationFailure =
  | { readonly kind: 'error'; readonly name: string; readonly message: string }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'exit'; readonly detail: string };

export type InvocationResult =
  | { readonly ok: true; readonly result: unknown; readonly event: Record<string, unknown> }
  | { readonly ok: false; readonly requestId: string; readonly failure: InvocationFailure };

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly event?: Record<string, unknown>;
  readonly error?: { name: string; message: string };
}

/**
 * The warm workers of one Lambda function. Each invocation runs in a worker thread of its own
 * (never two at once in one worker), with the function's environment and a heap bounded by its
 * MemorySize; a worker that times out, crashes or exits is discarded and the next invocation
 * starts a fresh one, so a faulty handler cannot take the sandbox or other invocations with it.
 */
export class FunctionWorkers {
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly fn: TriggerFunction,
    private readonly env: Record<string, string>,
    private readonly log: (line: string) => void,
  ) {}

  get memoryMb(): number {
    return this.fn.memoryMb ?? DEFAULT_MEMORY_MB;
  }

  /** Runs one invocation with a deadline of `timeoutMs` from now. */
  async invoke(event: Record<string, unknown>, timeoutMs: number): Promise<InvocationResult> {
    const requestId = randomUUID();
    const worker = await this.acquire();
    const id = this.nextId++;
    return new Promise<InvocationResult>(resolve => {
      let settled = false;
      const finish = (result: InvocationResult, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep) this.release(worker);
        else this.discard(worker);
        resolve(result);
      };
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        if (reply.ok) finish({ ok: true, result: reply.result, event: reply.event ?? event }, true);
        else finish({ ok: false, requestId, failure: { kind: 'error', name: reply.error?.name ?? 'Error', message: reply.error?.message ?? '' } }, true);
      };
      // An exception nobody caught (a timer throwing after the handler answered, say) ends the worker.
      const onError = (err: Error & { code?: string }) => finish({
        ok: false,
        requestId,
        failure: err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'exit', detail: `Runtime exited with error: out of memory (MemorySize ${this.memoryMb} MB)` }
          : { kind: 'error', name: err.name, message: err.message },
      }, false);
      const onExit = (code: number) => finish({ ok: false, requestId, failure: { kind: 'exit', detail: `Runtime exited with error: exit status ${code}` } }, false);
      const timer = setTimeout(() => finish({ ok: false, requestId, failure: { kind: 'timeout', afterMs: timeoutMs } }, false), timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, event, deadline: Date.now() + timeoutMs, requestId });
    });
  }

  /** Ends every worker (the sandbox stops). */
  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map(w => w.terminate()));
  }

  private async acquire(): Promise<Worker> {
    for (;;) {
      if (this.closed) throw new Error('the sandbox is stopping');
      const warm = this.idle.pop();
      if (warm) return warm;
      if (this.all.size < MAX_CONCURRENCY) return this.spawn();
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
  }

  private spawn(): Worker {
    const dot = this.fn.handler.lastIndexOf('.');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: this.env,
      workerData: {
        handlerFile: path.join(this.fn.codeDir!, this.fn.handler.slice(0, dot)),
        exportName: this.fn.handler.slice(dot + 1),
        sandboxModule: __filename,
        functionName: this.fn.logicalId,
        memoryMb: this.memoryMb,
      },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, this.memoryMb / 8)) },
    });
    // Idle workers must not keep the process alive.
    worker.unref();
    // A worker that dies while idle (a late timer throwing) is dropped; the next invocation starts a fresh one.
    worker.on('error', err => {
      if (this.idle.includes(worker)) this.log(`trigger ${this.fn.logicalId} failed after it answered (${err.name}: ${err.message}); its worker was replaced`);
    });
    worker.on('exit', () => this.forget(worker));
    this.all.add(worker);
    return worker;
  }

  private release(worker: Worker): void {
    if (this.closed || !this.all.has(worker)) return;
    if (this.idle.length < MAX_IDLE) this.idle.push(worker);
    else this.discard(worker);
    this.waiting.shift()?.();
  }

  private discard(worker: Worker): void {
    this.forget(worker);
    void worker.terminate();
  }

  private forget(worker: Worker): void {
    const wasKnown = this.all.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (wasKnown) this.waiting.shift()?.();
  }
}
