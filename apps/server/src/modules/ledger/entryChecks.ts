import { hash } from 'node:crypto';
import type { HashName } from '@sanxiang/domain';
import { CompactRange, DIGEST_BYTES } from './compactRange.js';
import { BatchCursor, type EntryBatch, type EntryRecord } from './entryTuples.js';

/** What checking one batch found: the entries that passed, as their leaves or as their subtree, and the first problem. */
export interface CheckedBatch {
  /** Entries checked and found right, from the batch's first. */
  count: number;
  /** Unless the batch was checked as a subtree: their leaf hashes, 32 bytes each: H(0x00 ‖ entry); its own memory, so it can move between threads. */
  leaves?: Buffer;
  /** When the batch was checked as a subtree and every entry is right: the root of the subtree they form, one latin1 char per byte. */
  root?: string;
  /** The first thing wrong, in Chinese, naming the entry; the entries after it were not checked. */
  problem?: string;
}

interface EntryFields {
  seq?: unknown;
  payloadHash?: unknown;
  action?: unknown;
  subject?: { type?: unknown; id?: unknown };
}

/** The entry as a JSON object, or undefined when it is not one. */
function parseObject(text: string): EntryFields | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as EntryFields) : undefined;
  } catch {
    return undefined;
  }
}

/** Why entry `r` is wrong, or undefined when it is right (payload digest, own seq, index columns). */
function entryProblem(r: EntryRecord, expectedSeq: number, alg: HashName): string | undefined {
  // One char per byte: the cheapest result of hash(); compared with the entry's hex digits in place.
  const payloadDigest = hash(alg, r.payload, 'binary');
  // The usual case in one pass over the bytes; anything else is decided by JSON.parse below.
  if (r.simple(payloadDigest)) return undefined;
  const payloadHex = Buffer.from(payloadDigest, 'latin1').toString('hex');
  const entry = parseObject(r.entryText());
  if (!entry) return `第 ${r.seq} 条记录的内容不是有效的 JSON：记录被改动`;
  if (entry.seq !== expectedSeq) return `第 ${r.seq} 条记录自身写明的序号是 ${String(entry.seq)}：记录被移动或调换`;
  if (entry.payloadHash !== payloadHex) return `第 ${r.seq} 条记录（${r.action()}）的变更内容与其摘要不符：内容被改动`;
  if (entry.action !== r.action() || entry.subject?.type !== r.subjectType() || entry.subject?.id !== r.subjectId()) {
    return `第 ${r.seq} 条记录的索引字段与签名内容不一致`;
  }
  return undefined;
}

/**
 * Checks one batch of entries whose first should be `from`: every `seq` in place, every payload
 * against its digest, every entry's own `seq` and index columns; hashes each entry's leaf straight
 * from the batch's bytes. With `asSubtree` (the batch is a power of two of entries, a node of the
 * tree with no checkpoint inside it: verifyLedger.ts decides), it returns the root of the subtree the
 * leaves form instead of the leaves, so the node hashes run here too. Pure: runs the same on the
 * verifier's thread or in a worker (entryCheckPool.ts, entryCheckThread.ts).
 */
export function checkBatch(batch: EntryBatch, from: number, alg: HashName, asSubtree: boolean): CheckedBatch {
  if (asSubtree && (batch.count & (batch.count - 1)) !== 0) throw new Error(`${batch.count} entries are no subtree`);
  const subtree = asSubtree ? new CompactRange(alg) : undefined;
  const leaves = asSubtree ? undefined : Buffer.allocUnsafeSlow(batch.count * DIGEST_BYTES);
  let next = from;
  let problem: string | undefined;
  const cursor = new BatchCursor(batch);
  cursor.each((r) => {
    if (r.seq !== next) {
      problem = `第 ${next} 条记录缺失（下一条是第 ${r.seq} 条）：记录被删除`;
      return false;
    }
    problem = entryProblem(r, next, alg);
    if (problem) return false;
    // A latin1 string is the cheapest result of hash(): into the subtree, or written into place, one char per byte.
    const leaf = hash(alg, r.leafInput, 'binary');
    if (subtree) subtree.append(leaf);
    else leaves?.write(leaf, (next - from) * DIGEST_BYTES, 'latin1');
    next++;
    return true;
  });
  const count = next - from;
  if (subtree) return { count, root: problem ? undefined : subtree.root(), problem };
  return { count, leaves: leaves?.subarray(0, count * DIGEST_BYTES), problem };
}
