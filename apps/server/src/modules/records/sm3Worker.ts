import { Worker } from 'node:worker_threads';

/**
 * SM3 in a worker thread. OpenSSL's SM3 runs at ~250–300 MB/s on one core, about the speed of
 * the disk, so on the request thread it would halve upload throughput; in a worker it runs beside
 * the network and disk work. Each hash lives in the worker under a number; bytes are copied into
 * 1 MiB buffers that travel to the worker and back (transferred, not copied, and reused), and a
 * hash with more than MAX_IN_FLIGHT bytes not yet hashed makes its writer wait: memory stays
 * flat whatever the file size.
 */

/** CommonJS source of the worker: small and free of TypeScript, so it runs the same under tsx and compiled. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'update') {
    let h = hashes.get(m.id);
    if (!h) hashes.set(m.id, (h = createHash('sm3')));
    h.update(new Uint8Array(m.buf, 0, m.n));
    // The buffer goes back to be filled again: no garbage piles up in this thread.
    parentPort.postMessage({ op: 'ack', id: m.id, n: m.n, buf: m.buf }, [m.buf]);
  } else if (m.op === 'digest') {
    const h = hashes.get(m.id) || createHash('sm3');
    hashes.delete(m.id);
    parentPort.postMessage({ op: 'digest', id: m.id, hex: h.digest('hex') });
  } else if (m.op === 'drop') {
    hashes.delete(m.id);
  }
});
`;

const BATCH_BYTES = 1024 * 1024;
const MAX_IN_FLIGHT = 8 * 1024 * 1024;

type FromWorker = { op: 'ack'; id: number; n: number; buf: ArrayBuffer } | { op: 'digest'; id: number; hex: string };
type ToWorker = { op: 'update'; id: number; buf: ArrayBuffer; n: number } | { op: 'digest' | 'drop'; id: number };

/** Batch buffers kept for reuse, at most. */
const POOL_MAX = 32;

export class Sm3Worker {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private nextId = 1;
  private busy = 0;
  private readonly hashes = new Map<number, RemoteSm3>();
  private readonly pool: ArrayBuffer[] = [];

  /** A new, empty SM3 hash. */
  create(): RemoteSm3 {
    const id = this.nextId++;
    const h = new RemoteSm3(this, id);
    this.hashes.set(id, h);
    return h;
  }

  /** An empty batch buffer. */
  take(): Uint8Array {
    return new Uint8Array(this.pool.pop() ?? new ArrayBuffer(BATCH_BYTES));
  }

  give(buf: ArrayBuffer): void {
    if (buf.byteLength === BATCH_BYTES && this.pool.length < POOL_MAX) this.pool.push(buf);
  }

  post(message: ToWorker): void {
    if (this.failure) throw this.failure;
    const w = this.start();
    if (message.op === 'update') w.postMessage(message, [message.buf]);
    else w.postMessage(message);
  }

  /** Keeps the process alive only while the worker has work for someone waiting. */
  hold(delta: number): void {
    this.busy += delta;
    if (this.busy > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  forget(id: number): void {
    this.hashes.delete(id);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.failure = new Error('SM3 worker closed');
    for (const h of this.hashes.values()) h.fail(this.failure);
    this.hashes.clear();
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    w.unref();
    w.on('message', (m: FromWorker) => {
      if (m.op === 'ack') this.give(m.buf);
      this.hashes.get(m.id)?.receive(m);
    });
    // A crashed worker fails the hashes it held (their uploads are refused and start afresh); the
    // next hash starts a new worker.
    const fail = (err: Error) => {
      this.worker = undefined;
      for (const h of this.hashes.values()) h.fail(err);
      this.hashes.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (this.worker === w) fail(new Error(`SM3 worker exited (${code})`));
    });
    this.worker = w;
    return w;
  }
}

export class RemoteSm3 {
  private batch: Uint8Array | undefined;
  private batchBytes = 0;
  private inFlight = 0;
  private batchesInFlight = 0;
  private drained: { resolve(): void; reject(err: Error): void } | undefined;
  private result: { resolve(hex: string): void; reject(err: Error): void } | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly owner: Sm3Worker,
    private readonly id: number,
  ) {}

  /**
   * Adds bytes (copied at once into the current batch). Returns a promise when too many bytes are
   * waiting for the worker: wait for it before sending more.
   */
  update(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    let from = 0;
    while (from < chunk.length) {
      this.batch ??= this.owner.take();
      const n = Math.min(chunk.length - from, BATCH_BYTES - this.batchBytes);
      this.batch.set(chunk.subarray(from, from + n), this.batchBytes);
      this.batchBytes += n;
      from += n;
      if (this.batchBytes === BATCH_BYTES) this.flush();
    }
    if (this.inFlight <= MAX_IN_FLIGHT) return undefined;
    return new Promise((resolve, reject) => {
      this.drained = { resolve, reject };
    });
  }

  async digest(): Promise<string> {
    if (this.failure) throw this.failure;
    this.flush();
    const hex = new Promise<string>((resolve, reject) => {
      this.result = { resolve, reject };
    });
    this.owner.hold(1);
    try {
      this.owner.post({ op: 'digest', id: this.id });
      return await hex;
    } finally {
      this.owner.hold(-1);
      this.owner.forget(this.id);
    }
  }

  /** Discards the hash (an abandoned or failed upload). */
  drop(): void {
    if (this.batch) this.owner.give(this.batch.buffer as ArrayBuffer);
    this.batch = undefined;
    this.batchBytes = 0;
    this.owner.forget(this.id);
    if (!this.failure) {
      try {
        this.owner.post({ op: 'drop', id: this.id });
      } catch {
        // The worker is gone, and the hash with it.
      }
    }
    this.fail(new Error('SM3 hash dropped'));
  }

  receive(m: FromWorker): void {
    if (m.op === 'ack') {
      this.inFlight -= m.n;
      this.batchesInFlight -= 1;
      this.owner.hold(-1);
      if (this.drained && this.inFlight <= MAX_IN_FLIGHT / 2) {
        const d = this.drained;
        this.drained = undefined;
        d.resolve();
      }
    } else {
      this.result?.resolve(m.hex);
      this.result = undefined;
    }
  }

  /** Ends the hash with an error; acknowledgements still on their way are no longer routed here. */
  fail(err: Error): void {
    this.owner.hold(-this.batchesInFlight);
    this.batchesInFlight = 0;
    this.inFlight = 0;
    this.failure ??= err;
    this.drained?.reject(err);
    this.result?.reject(err);
    this.drained = undefined;
    this.result = undefined;
  }

  private flush(): void {
    if (this.batchBytes === 0 || !this.batch) return;
    const buf = this.batch.buffer as ArrayBuffer;
    const n = this.batchBytes;
    this.inFlight += n;
    this.batchesInFlight += 1;
    this.batch = undefined;
    this.batchBytes = 0;
    this.owner.hold(1);
    this.owner.post({ op: 'update', id: this.id, buf, n });
  }
}
