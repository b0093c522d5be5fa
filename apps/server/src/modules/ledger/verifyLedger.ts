import { hash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { CheckpointNoteError, type HashName, type NoteVerifier, openCheckpoint } from '@sanxiang/domain';
import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { ledgerCheckpoints, ledgerCosignatures } from '../../db/schema.js';
import { BatchCursor, type EntryBatch, type EntryRecord, entryReader } from './entryBatches.js';
import { toHex } from './ledgerHasher.js';
import { ledgerParams } from './ledgerStore.js';

export interface VerifyOptions {
  logKey: NoteVerifier;
  witnessKey: NoteVerifier;
  /** What the witness last co-signed, from its own storage: catches a rollback to an old backup. */
  witnessState?: { size: number; rootHash: string } | null;
  batchSize?: number;
  onProgress?: (checked: number) => void;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  witnessed: number;
  /** The first thing found wrong, in Chinese, naming the entry or checkpoint. */
  problem?: string;
}

/**
 * Right edge of the tree as perfect subtrees, largest first: enough to compute the root of every
 * prefix while streaming, in O(log n) memory whatever the ledger's size. Hashes are kept as
 * 32-character latin1 strings (one char per byte): node:crypto's one-shot `hash()` returns those
 * for about half the cost of a Buffer, and they are written into one reused 65-byte input
 * (0x01 ‖ left ‖ right), so a node costs one native call and allocates nothing but its result.
 */
class CompactRange {
  private readonly hashes: string[] = [];
  private size = 0;
  private readonly input = Buffer.alloc(1 + 2 * DIGEST_BYTES);
  constructor(private readonly alg: HashName) {
    this.input[0] = 0x01;
  }
  private node(left: string, right: string): string {
    this.input.write(left, 1, 'latin1');
    this.input.write(right, 1 + DIGEST_BYTES, 'latin1');
    return hash(this.alg, this.input, 'binary');
  }
  append(leaf: string) {
    // Each trailing 1 bit of the old size is a perfect subtree as large as the one being carried: merge.
    let h = leaf;
    for (let n = this.size; n % 2 === 1; n = (n - 1) / 2) h = this.node(this.hashes.pop() as string, h);
    this.hashes.push(h);
    this.size++;
  }
  root(): Buffer {
    if (this.hashes.length === 0) return hash(this.alg, EMPTY, 'buffer');
    let acc = this.hashes[this.hashes.length - 1] as string;
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = this.node(this.hashes[i] as string, acc);
    return Buffer.from(acc, 'latin1');
  }
}

const DIGEST_BYTES = 32; // SM3 and SHA-256 alike
const EMPTY = Buffer.alloc(0);

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

/** Records handled between two turns of the event loop: lets the next batches arrive meanwhile. */
const SLICE = 1000;
/** Batches read ahead: on PostgreSQL, as many server processes build them while this one checks. */
const PREFETCH = 2;

/**
 * Re-checks a whole ledger from its entries alone: every entry's payload hash and sequence,
 * the tree, every checkpoint's signatures and root. All checkpoint roots are recomputed from one
 * stream of leaves, so they are prefixes of one tree: consistency between them holds by
 * construction, and a history rewritten under a signed checkpoint shows as a root mismatch.
 *
 * Throughput (docs/ledger.md §7): entries arrive in batches of `batchSize` as one value each
 * (entryBatches.ts), the next two batches are read while this one is checked, each entry is
 * hashed straight from the bytes read, its JSON is checked in one pass without building objects,
 * and the tree is kept as its right edge. Memory holds three batches and O(log n) hashes.
 */
export async function verifyLedger(db: Executor, o: VerifyOptions): Promise<VerifyReport> {
  const { hasher, origin } = await ledgerParams(db);
  const checkpoints = await db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.size));
  const cosigs = await db.select().from(ledgerCosignatures);
  const report: VerifyReport = { ok: false, entries: 0, checkpoints: checkpoints.length, witnessed: 0 };
  const fail = (problem: string) => ({ ...report, ok: false, problem });

  // Signatures first: a checkpoint that does not verify is reported before any tree work.
  const cosigned = new Map<number, string>();
  for (const c of cosigs) cosigned.set(c.size, (cosigned.get(c.size) ?? '') + c.signatureLine);
  const expected = new Map<number, string>();
  for (const cp of checkpoints) {
    const lines = cosigned.get(cp.size) ?? '';
    try {
      const opened = openCheckpoint(cp.note + lines, [o.logKey, o.witnessKey], { origin });
      if (!opened.verifiedBy.includes(o.logKey.name))
        return fail(`检查点（树大小 ${cp.size}）没有本账本密钥的有效签名`);
      if (opened.verifiedBy.includes(o.witnessKey.name)) report.witnessed++;
      if (opened.checkpoint.size !== cp.size || toHex(opened.checkpoint.rootHash) !== cp.rootHash) {
        return fail(`检查点（树大小 ${cp.size}）的签名内容与数据库中记录的大小或根哈希不一致`);
      }
    } catch (err) {
      const why = err instanceof CheckpointNoteError ? err.message : String(err);
      return fail(`检查点（树大小 ${cp.size}）签名验证失败：${why}`);
    }
    expected.set(cp.size, cp.rootHash);
  }
  if (o.witnessState) {
    const last = checkpoints[checkpoints.length - 1];
    if (!last || last.size < o.witnessState.size) {
      return fail(
        `见证方已联署树大小 ${o.witnessState.size} 的检查点，但数据库中最新的检查点只有 ${last?.size ?? 0}：数据库被回滚或删除了记录`,
      );
    }
    const at = expected.get(o.witnessState.size);
    if (at !== undefined && at !== o.witnessState.rootHash) {
      return fail(`树大小 ${o.witnessState.size} 的根哈希与见证方联署时不同：历史被改写`);
    }
    if (at === undefined) expected.set(o.witnessState.size, o.witnessState.rootHash);
  }

  // Checkpoint sizes in order, each with its signed root; checked as the stream passes them.
  const sizes = [...expected.keys()].sort((a, b) => a - b);
  const roots = sizes.map((size) => Buffer.from(expected.get(size) as string, 'hex'));
  let cp = 0;
  const alg = hasher.name;
  const tree = new CompactRange(alg);
  const rootMismatch = (size: number) =>
    fail(`前 ${size} 条记录算出的根哈希与树大小 ${size} 的检查点不符：其中有记录被改动、调换或替换`);
  if (sizes[0] === 0) {
    if (!tree.root().equals(roots[0] as Buffer)) return rootMismatch(0);
    cp++;
  }

  const batch = Math.max(1, o.batchSize ?? 5000);
  const reader = await entryReader(db);
  let next = 0;
  let problem: string | undefined;
  let outOfPlace = false;
  const check = (r: EntryRecord): boolean => {
    if (r.seq !== next) {
      outOfPlace = true;
      problem = `第 ${next} 条记录缺失（下一条是第 ${r.seq} 条）：记录被删除`;
      return false;
    }
    const payloadHex = hash(alg, r.payload, 'hex');
    // The usual case in one pass over the bytes; anything else is decided by JSON.parse below.
    if (!r.simple(payloadHex)) {
      const entry = parseObject(r.entryText());
      if (!entry) {
        problem = `第 ${r.seq} 条记录的内容不是有效的 JSON：记录被改动`;
        return false;
      }
      if (entry.seq !== r.seq) {
        problem = `第 ${r.seq} 条记录自身写明的序号是 ${String(entry.seq)}：记录被移动或调换`;
        return false;
      }
      if (entry.payloadHash !== payloadHex) {
        problem = `第 ${r.seq} 条记录（${r.action()}）的变更内容与其摘要不符：内容被改动`;
        return false;
      }
      if (
        entry.action !== r.action() ||
        entry.subject?.type !== r.subjectType() ||
        entry.subject?.id !== r.subjectId()
      ) {
        problem = `第 ${r.seq} 条记录的索引字段与签名内容不一致`;
        return false;
      }
    }
    tree.append(hash(alg, r.leafInput, 'binary'));
    next++;
    if (next === sizes[cp]) {
      if (!tree.root().equals(roots[cp] as Buffer)) {
        problem = rootMismatch(next).problem;
        return false;
      }
      cp++;
    }
    return true;
  };
  // The next PREFETCH batches are asked for before this one is checked, and the check yields to
  // the event loop every SLICE records, so the database builds and sends them meanwhile. A batch
  // ahead is asked for as if every batch before it were full: one that is not is the last, and a
  // gap stops the check anyway.
  const pending: Promise<EntryBatch>[] = [];
  for (let k = 0; k <= PREFETCH; k++) pending.push(reader.read(k * batch, batch));
  try {
    for (;;) {
      const rows = await (pending.shift() as Promise<EntryBatch>);
      if (rows.count === 0) break;
      const from = next;
      pending.push(reader.read(from + (PREFETCH + 1) * batch, batch));
      let cursor = new BatchCursor(rows);
      let ordered = false;
      while (cursor.remaining > 0) {
        if (!cursor.each(SLICE, check)) {
          // A seq out of place in an unordered batch: read the rest of it again, sorted, before
          // calling it a gap.
          if (outOfPlace && !ordered) {
            outOfPlace = false;
            problem = undefined;
            ordered = true;
            cursor = new BatchCursor(await reader.read(next, rows.count - (next - from), true));
            continue;
          }
          return fail(problem as string);
        }
        if (cursor.remaining > 0) await setImmediate();
      }
      o.onProgress?.(next);
      if (rows.count < batch) break;
    }
  } finally {
    // Never leave a read in flight: a stop at a bad entry would otherwise orphan it.
    await Promise.allSettled(pending);
  }
  report.entries = next;
  const beyond = sizes[sizes.length - 1] ?? 0;
  if (beyond > next) return fail(`检查点覆盖 ${beyond} 条记录，但数据库只有 ${next} 条：记录被删除`);
  return { ...report, ok: true };
}
