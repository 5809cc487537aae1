import { Worker } from 'worker_threads';

/**
 * 3072-bit modular powers on a worker thread, so the server side of SRP (three per sign-in, about
 * 0.7 ms each) does not hold the event loop. The thread runs OpenSSL's Diffie-Hellman (computeSecret
 * is exactly base^exp mod prime); the source is inline so it works bundled or from lib/.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const { createDiffieHellman } = require('crypto');
const dh = createDiffieHellman(Buffer.from(workerData.prime, 'hex'), Buffer.from([2]));
parentPort.on('message', ({ id, base, exp }) => {
  try {
    dh.setPrivateKey(Buffer.from(exp, 'hex'));
    parentPort.postMessage({ id, result: dh.computeSecret(Buffer.from(base, 'hex')).toString('hex') });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

type Pending = { resolve: (hex: string) => void; reject: (err: Error) => void };

/** One thread per process (shared by every sandbox in it), started on first use, never keeping the process alive. */
export class ModexpThread {
  private worker?: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly primeHex: string) {}

  /** base^exp mod prime, all as even-length hex; rejects when OpenSSL refuses the inputs. */
  power(baseHex: string, expHex: string): Promise<string> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, base: baseHex, exp: expHex });
    });
  }

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { prime: this.primeHex } });
    worker.unref();
    worker.on('message', ({ id, result, error }: { id: number; result?: string; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (error !== undefined) waiting?.reject(new Error(error));
      else waiting?.resolve(result!);
    });
    // A thread that dies fails what it was computing; the next call starts a new one.
    const fail = (err: Error) => {
      this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', code => fail(new Error(`the SRP worker thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
