import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { HashName } from '@sanxiang/domain';
import { BatchFramingError, type EntryBatch } from './entryBatches.js';
import { type CheckedBatch, checkBatch } from './entryChecks.js';

/**
 * The verifier's entry checks (entryChecks.ts) in worker threads, so that reading and decoding the
 * next batches, the tree, and the checks of several batches run on different cores at once. A batch's
 * bytes move to a worker (transferred, not copied) and come back as the leaves of the entries found
 * right and the first problem. Answers are taken in the order asked, so the caller sees batches in
 * `seq` order whatever worker finishes first.
 */

interface Request {
  id: number;
  count: number;
  bytes: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
  from: number;
  alg: HashName;
}
type Reply = { id: number; result: CheckedBatch } | { id: number; framing: string } | { id: number; error: string };

const ROLE = 'sanxiang-entry-check';

if (!isMainThread && workerData === ROLE && parentPort) {
  const port = parentPort;
  port.on('message', (m: Request) => {
    try {
      const batch: EntryBatch = { count: m.count, bytes: Buffer.from(m.bytes, m.byteOffset, m.byteLength) };
      const result = checkBatch(batch, m.from, m.alg);
      const leaves = result.leaves;
      port.postMessage({ id: m.id, result } satisfies Reply, [leaves.buffer as ArrayBuffer]);
    } catch (err) {
      const reply: Reply =
        err instanceof BatchFramingError ? { id: m.id, framing: err.message } : { id: m.id, error: String(err) };
      port.postMessage(reply);
    }
  });
}

/**
 * A worker running this very module. As TypeScript (under tsx), the worker registers tsx's loader
 * first: a worker does not take `--import tsx` from the process's options.
 */
function startWorker(): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(self), { workerData: ROLE });
  const api = import.meta.resolve('tsx/esm/api');
  const source = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); });`;
  return new Worker(source, { eval: true, workerData: ROLE });
}

/**
 * Workers to use by default: one per core, up to four. The thread reading the database only
 * receives the COPY and adds one subtree per batch to the tree, a fifth of the work or less, so it
 * does not take a core of its own (1 000 000 entries on two cores: 3.6–4.1 s with two workers,
 * 4.5–5.1 s with one; docs/ledger.md §7).
 */
export const defaultWorkers = () => Math.max(1, Math.min(4, availableParallelism()));

export class EntryCheckPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { ok: (r: CheckedBatch) => void; fail: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      w.on('message', (m: Reply) => {
        const waiter = this.waiting.get(m.id);
        if (!waiter) return;
        this.waiting.delete(m.id);
        if ('result' in m) {
          const leaves = m.result.leaves as unknown as Uint8Array;
          waiter.ok({ ...m.result, leaves: Buffer.from(leaves.buffer, leaves.byteOffset, leaves.byteLength) });
        } else if ('framing' in m) waiter.fail(new BatchFramingError(m.framing));
        else waiter.fail(new Error(m.error));
      });
      w.on('error', (err) => this.abort(err));
      this.workers.push(w);
    }
  }

  private abort(err: Error) {
    this.failure = err;
    for (const waiter of this.waiting.values()) waiter.fail(err);
    this.waiting.clear();
  }

  /** Checks `batch` (first entry should be `from`) in the next worker; its bytes are moved there. */
  check(batch: EntryBatch, from: number, alg: HashName): Promise<CheckedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length] as Worker;
    // The batch's bytes are the only view on memory of their own (EntryBatch): moved, not copied.
    const b = batch.bytes;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      const message: Request = {
        id,
        count: batch.count,
        bytes: b.buffer as ArrayBuffer,
        byteOffset: b.byteOffset,
        byteLength: b.byteLength,
        from,
        alg,
      };
      worker.postMessage(message, [b.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
