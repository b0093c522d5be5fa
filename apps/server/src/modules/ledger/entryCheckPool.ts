import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HashName } from '@sanxiang/domain';
import type { CheckedBatch } from './entryChecks.js';
import type { CheckReply, CheckRequest } from './entryCheckThread.js';
import { BatchFramingError, type EntryBatch } from './entryTuples.js';

/**
 * The verifier's entry checks (entryChecks.ts) in worker threads, so that reading and decoding the
 * next batches, the tree, and the checks of several batches run on different cores at once. A batch's
 * bytes move to a worker (transferred, not copied) and come back as the root of the subtree the
 * entries form, or as the leaves of those found right, with the first problem. Answers are taken in
 * the order asked, so the caller sees batches in `seq` order whatever worker finishes first.
 */

/** Run from the TypeScript sources (under tsx), or built to JavaScript. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');
/** The thread's module, beside this one. */
const THREAD = new URL(`./entryCheckThread.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url);
let bundled: Promise<string> | undefined;

/**
 * Starts `size` workers running entryCheckThread. Built (`npm start`), that is its .js file. From
 * the TypeScript sources (tests, `npm run verify`), esbuild bundles the thread's few modules into
 * one CommonJS script, once per process, and each worker runs that: a worker does not take
 * `--import tsx` from the process's options, and registering tsx in each cost 0.2 s and as much CPU
 * per worker, against 0.03 s for the bundled script (docs/ledger.md §7).
 */
async function startWorkers(size: number): Promise<Worker[]> {
  if (!FROM_SOURCES) return Array.from({ length: size }, () => new Worker(THREAD));
  bundled ??= import('esbuild').then(async ({ build }) => {
    const out = await build({
      entryPoints: [fileURLToPath(THREAD)],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
    });
    return (out.outputFiles[0] as { text: string }).text;
  });
  const source = await bundled;
  return Array.from({ length: size }, () => new Worker(source, { eval: true }));
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

  /** A pool of `size` workers, started. */
  static async start(size: number): Promise<EntryCheckPool> {
    return new EntryCheckPool(await startWorkers(size));
  }

  private constructor(workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: CheckReply) => {
        const waiter = this.waiting.get(m.id);
        if (!waiter) return;
        this.waiting.delete(m.id);
        if ('result' in m) {
          // A Buffer arrives as a plain Uint8Array.
          const leaves = m.result.leaves as Uint8Array | undefined;
          waiter.ok({
            ...m.result,
            leaves: leaves && Buffer.from(leaves.buffer, leaves.byteOffset, leaves.byteLength),
          });
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

  /** checkBatch() in the next worker; the batch's bytes are moved there. */
  check(batch: EntryBatch, from: number, alg: HashName, asSubtree: boolean): Promise<CheckedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length] as Worker;
    // The batch's bytes are the only view on memory of their own (EntryBatch): moved, not copied.
    const b = batch.bytes;
    return new Promise((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      const message: CheckRequest = {
        id,
        count: batch.count,
        bytes: b.buffer as ArrayBuffer,
        byteOffset: b.byteOffset,
        byteLength: b.byteLength,
        from,
        alg,
        asSubtree,
      };
      worker.postMessage(message, [b.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
