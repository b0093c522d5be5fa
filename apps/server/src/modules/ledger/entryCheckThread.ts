import { parentPort } from 'node:worker_threads';
import type { HashName } from '@sanxiang/domain';
import { type CheckedBatch, checkBatch } from './entryChecks.js';
import { BatchFramingError, type EntryBatch } from './entryTuples.js';

/**
 * The body of one entry-check worker thread (entryCheckPool.ts starts it): checks each batch it is
 * sent and sends back the leaves, the batch's subtree root and the first problem. It imports only
 * the checks and the tuple format, nothing of the database's drivers, so that it starts fast.
 */

export interface CheckRequest {
  id: number;
  count: number;
  bytes: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
  from: number;
  alg: HashName;
  asSubtree: boolean;
}
export type CheckReply =
  | { id: number; result: CheckedBatch }
  | { id: number; framing: string }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('entryCheckThread runs only as a worker thread');
port.on('message', (m: CheckRequest) => {
  try {
    const batch: EntryBatch = { count: m.count, bytes: Buffer.from(m.bytes, m.byteOffset, m.byteLength) };
    const result = checkBatch(batch, m.from, m.alg, m.asSubtree);
    port.postMessage(
      { id: m.id, result } satisfies CheckReply,
      result.leaves ? [result.leaves.buffer as ArrayBuffer] : [],
    );
  } catch (err) {
    const reply: CheckReply =
      err instanceof BatchFramingError ? { id: m.id, framing: err.message } : { id: m.id, error: String(err) };
    port.postMessage(reply);
  }
});
