import { ChildProcess, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import * as path from 'path';
import { RUNTIME_SOURCE } from './runtime-source';
import { TriggerFunction } from '../core/pool-config';

/** Lambda's defaults when the template is silent. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_MB = 128;
/** Processes one function may run at once (each runs one invocation at a time, like a Lambda container). */
export const MAX_CONCURRENCY = 8;
/** Warm processes kept per function between invocations. */
export const MAX_IDLE = 2;
/** Lambda's limit on a function's init phase: a process not listening by then is ended. */
export const INIT_LIMIT_MS = 10_000;

/** How an invocation ended when the handler did not answer. */
export type InvocationFailure =
  | { readonly kind: 'error'; readonly name: string; readonly message: string }
  /** `by` says whose limit ran out: the function's Timeout, or Cognito's wait. */
  | { readonly kind: 'timeout'; readonly afterMs: number; readonly by: 'function' | 'cognito' }
  | { readonly kind: 'exit'; readonly detail: string };

export type InvocationResult =
  | { readonly ok: true; readonly result: unknown; readonly event: Record<string, unknown> }
  | { readonly ok: false; readonly requestId: string; readonly failure: InvocationFailure };

type Message =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly ok: boolean; readonly result?: unknown; readonly event?: Record<string, unknown>; readonly error?: ErrorInfo }
  | { readonly type: 'crash'; readonly error: ErrorInfo };

interface ErrorInfo {
  readonly name: string;
  readonly message: string;
}

/** One Lambda "container": a Node.js process running runtime-source.ts for one function. */
interface Runtime {
  readonly child: ChildProcess;
  /** Resolves true once the process listens, false when it ended first (or took longer than INIT_LIMIT_MS). */
  readonly ready: Promise<boolean>;
  /** The last few KB of its stderr, to tell an out-of-memory end from others. */
  stderrTail: string;
  exited: boolean;
}

/**
 * The warm processes of one Lambda function. Each invocation runs in a Node.js process of its own
 * (never two at once in one process), with the function's environment and `--max-old-space-size`
 * set to its MemorySize. A process that times out, crashes, exits or runs out of memory is
 * discarded and the next invocation starts a fresh one: nothing a handler does reaches the
 * sandbox's own process. (Worker threads were not enough: a large allocation past a worker's heap
 * limit aborts the whole process.)
 */
export class FunctionProcesses {
  private readonly idle: Runtime[] = [];
  private readonly all = new Set<Runtime>();
  /** Invocations waiting for a process, oldest first; each leaves at its deadline. */
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

  /** Starts one process ahead of the first invocation, so that one finds a warm container. */
  prewarm(): void {
    if (this.all.size === 0 && !this.closed) this.idle.push(this.spawn());
  }

  /**
   * Runs one invocation: the function's `timeoutMs` counts from when its process is ready (as
   * Lambda does not count the init phase), and nothing may end after `waitUntil` (epoch ms:
   * Cognito stops waiting). `waitUntil` covers the wait for a free process too: an invocation still
   * queued at its deadline leaves the queue then, and no process is started for it.
   */
  async invoke(event: Record<string, unknown>, timeoutMs: number, waitUntil: number): Promise<InvocationResult> {
    const requestId = randomUUID();
    const started = Date.now();
    const cognitoTimeout = (): InvocationResult => ({ ok: false, requestId, failure: { kind: 'timeout', afterMs: Date.now() - started, by: 'cognito' } });
    const runtime = await this.acquire(waitUntil);
    if (!runtime) return cognitoTimeout();
    // Busy processes keep the sandbox's event loop alive until they answer; idle ones do not.
    hold(runtime.child, true);
    const ready = await Promise.race([runtime.ready, sleep(waitUntil - Date.now()).then(() => undefined)]);
    if (ready === undefined) {
      hold(runtime.child, false);
      // Still starting, not hung: once it listens it serves the next invocation (or is ended at INIT_LIMIT_MS).
      void runtime.ready.then(listening => listening && this.release(runtime));
      return cognitoTimeout();
    }
    const byFunction = Date.now() + timeoutMs <= waitUntil;
    const deadline = Math.min(Date.now() + timeoutMs, waitUntil);
    const id = this.nextId++;
    return new Promise<InvocationResult>(resolve => {
      let settled = false;
      const finish = (result: InvocationResult, keep: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        hold(runtime.child, false);
        runtime.child.off('message', onMessage);
        runtime.child.off('exit', onExit);
        if (keep) this.release(runtime);
        else this.discard(runtime);
        resolve(result);
      };
      const onMessage = (m: Message) => {
        if (m.type === 'crash') {
          finish({ ok: false, requestId, failure: { kind: 'error', ...m.error } }, false);
        } else if (m.type === 'result' && m.id === id) {
          if (m.ok) finish({ ok: true, result: m.result, event: m.event ?? event }, true);
          else finish({ ok: false, requestId, failure: { kind: 'error', name: m.error?.name ?? 'Error', message: m.error?.message ?? '' } }, true);
        }
      };
      const onExit = () => finish({ ok: false, requestId, failure: { kind: 'exit', detail: this.exitDetail(runtime) } }, false);
      const timer = setTimeout(() => finish({
        ok: false, requestId, failure: { kind: 'timeout', afterMs: byFunction ? timeoutMs : Date.now() - started, by: byFunction ? 'function' : 'cognito' },
      }, false), Math.max(0, deadline - Date.now()));
      runtime.child.on('message', onMessage);
      runtime.child.once('exit', onExit);
      if (runtime.exited) return onExit();
      runtime.child.send({ id, event, deadline, requestId }, err => err && onExit());
    });
  }

  /** Ends every process (the sandbox stops). */
  async close(): Promise<void> {
    this.closed = true;
    const runtimes = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    this.waiting.splice(0).forEach(wake => wake());
    await Promise.all(runtimes.map(r => new Promise<void>(resolve => {
      if (r.exited) return resolve();
      r.child.once('exit', () => resolve());
      // Referenced until it has exited, so the sandbox's process waits for it.
      hold(r.child, true);
      r.child.kill('SIGKILL');
    })));
  }

  /** A warm process, else a new one while the function has fewer than MAX_CONCURRENCY; undefined once `waitUntil` passed. */
  private async acquire(waitUntil: number): Promise<Runtime | undefined> {
    for (;;) {
      if (this.closed) throw new Error('the sandbox is stopping');
      if (Date.now() >= waitUntil) return undefined;
      const warm = this.idle.pop();
      if (warm && !warm.exited) return warm;
      if (warm) continue;
      if (this.all.size < MAX_CONCURRENCY) return this.spawn();
      if (!await this.slotFreed(waitUntil)) return undefined;
    }
  }

  /** Resolves true when a process frees up (or the sandbox stops), false at `waitUntil`, leaving the queue then. */
  private slotFreed(waitUntil: number): Promise<boolean> {
    return new Promise<boolean>(resolve => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(wake);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      }, Math.max(0, waitUntil - Date.now()));
      this.waiting.push(wake);
    });
  }

  private spawn(): Runtime {
    const dot = this.fn.handler.lastIndexOf('.');
    const config = {
      handlerFile: path.join(this.fn.codeDir!, this.fn.handler.slice(0, dot)),
      exportName: this.fn.handler.slice(dot + 1),
      sandboxModule: __filename,
      functionName: this.fn.logicalId,
      memoryMb: this.memoryMb,
    };
    const child = spawn(process.execPath, [`--max-old-space-size=${this.memoryMb}`, '-e', RUNTIME_SOURCE, JSON.stringify(config)], {
      cwd: this.fn.codeDir,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      windowsHide: true,
    });
    const runtime: Runtime = {
      child,
      stderrTail: '',
      exited: false,
      ready: new Promise<boolean>(resolve => {
        const initLimit = setTimeout(() => {
          this.log(`trigger ${this.fn.logicalId}: its process did not start within ${INIT_LIMIT_MS / 1000} s and was ended`);
          this.discard(runtime);
        }, INIT_LIMIT_MS);
        initLimit.unref();
        const onReady = (m: Message) => {
          if (m.type !== 'ready') return;
          child.off('message', onReady);
          clearTimeout(initLimit);
          resolve(true);
        };
        child.on('message', onReady);
        child.once('exit', () => {
          clearTimeout(initLimit);
          resolve(false);
        });
      }),
    };
    // What the handler prints goes to the sandbox's log, as Lambda's goes to CloudWatch.
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        if (stream === child.stderr) runtime.stderrTail = (runtime.stderrTail + chunk).slice(-4096);
        for (const line of chunk.split('\n')) if (line.trim()) this.log(`trigger ${this.fn.logicalId}: ${line}`);
      });
    }
    // An exception after the handler answered (a late timer) ends an idle process; drop it.
    child.on('message', (m: Message) => {
      if (m.type === 'crash' && this.idle.includes(runtime)) {
        this.log(`trigger ${this.fn.logicalId} failed after it answered (${m.error.name}: ${m.error.message}); its process was replaced`);
        // Out of the idle list now, not at its 'exit' event: an invocation in between would get the dying process.
        this.discard(runtime);
      }
    });
    child.once('exit', () => {
      runtime.exited = true;
      this.forget(runtime);
    });
    child.on('error', err => this.log(`trigger ${this.fn.logicalId}: could not start its process (${err.message})`));
    // Idle processes must not keep the sandbox's process alive.
    hold(child, false);
    this.all.add(runtime);
    return runtime;
  }

  private exitDetail(runtime: Runtime): string {
    if (/heap out of memory/i.test(runtime.stderrTail)) return `Runtime exited with error: out of memory (MemorySize ${this.memoryMb} MB)`;
    const { exitCode, signalCode } = runtime.child;
    return signalCode ? `Runtime exited with error: signal: ${signalCode}` : `Runtime exited with error: exit status ${exitCode ?? 'unknown'}`;
  }

  private release(runtime: Runtime): void {
    if (this.closed || runtime.exited || !this.all.has(runtime)) return;
    if (this.idle.length >= MAX_IDLE) return this.discard(runtime);
    this.idle.push(runtime);
    this.waiting.shift()?.();
  }

  private discard(runtime: Runtime): void {
    this.forget(runtime);
    if (!runtime.exited) runtime.child.kill('SIGKILL');
  }

  private forget(runtime: Runtime): void {
    const known = this.all.delete(runtime);
    const at = this.idle.indexOf(runtime);
    if (at >= 0) this.idle.splice(at, 1);
    if (known) this.waiting.shift()?.();
  }
}

/** Whether the process (and its IPC channel and pipes) keeps the event loop alive. */
function hold(child: ChildProcess, busy: boolean): void {
  if (busy) child.ref();
  else child.unref();
  for (const handle of [child.channel, child.stdout, child.stderr] as Array<{ ref?(): void; unref?(): void } | null | undefined>) {
    if (busy) handle?.ref?.();
    else handle?.unref?.();
  }
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, Math.max(0, ms)).unref());
