import {
  CheckpointNoteError,
  type Hasher,
  leafHash,
  type NoteVerifier,
  nodeHash,
  openCheckpoint,
} from '@sanxiang/domain';
import { and, asc, gte, lt } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { ledgerCheckpoints, ledgerCosignatures, ledgerEntries } from '../../db/schema.js';
import { toHex, utf8 } from './ledgerHasher.js';
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
 * prefix while streaming, in O(log n) memory whatever the ledger's size.
 */
class CompactRange {
  private readonly sizes: number[] = [];
  private readonly hashes: Uint8Array[] = [];
  constructor(private readonly h: Hasher) {}
  append(leaf: Uint8Array) {
    this.sizes.push(1);
    this.hashes.push(leaf);
    while (this.sizes.length >= 2 && this.sizes[this.sizes.length - 1] === this.sizes[this.sizes.length - 2]) {
      const right = this.hashes.pop() as Uint8Array;
      const left = this.hashes.pop() as Uint8Array;
      const size = (this.sizes.pop() as number) * 2;
      this.sizes.pop();
      this.sizes.push(size);
      this.hashes.push(nodeHash(this.h, left, right));
    }
  }
  root(): Uint8Array {
    if (this.hashes.length === 0) return this.h.digest(new Uint8Array(0));
    let acc = this.hashes[this.hashes.length - 1] as Uint8Array;
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = nodeHash(this.h, this.hashes[i] as Uint8Array, acc);
    return acc;
  }
}

/**
 * Re-checks a whole ledger from its entries alone: every entry's payload hash and sequence,
 * the tree, every checkpoint's signatures and root. All checkpoint roots are recomputed from one
 * stream of leaves, so they are prefixes of one tree: consistency between them holds by
 * construction, and a history rewritten under a signed checkpoint shows as a root mismatch.
 */
export async function verifyLedger(db: Executor, o: VerifyOptions): Promise<VerifyReport> {
  const { hasher, origin } = await ledgerParams(db);
  const checkpoints = await db.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.size));
  const cosigs = await db.select().from(ledgerCosignatures);
  const report: VerifyReport = { ok: false, entries: 0, checkpoints: checkpoints.length, witnessed: 0 };
  const fail = (problem: string) => ({ ...report, ok: false, problem });

  // Signatures first: a checkpoint that does not verify is reported before any tree work.
  const expected = new Map<number, string>();
  for (const cp of checkpoints) {
    const lines = cosigs
      .filter((c) => c.size === cp.size)
      .map((c) => c.signatureLine)
      .join('');
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

  const tree = new CompactRange(hasher);
  const batch = o.batchSize ?? 2000;
  const fetchBatch = (from: number) =>
    db
      .select({
        seq: ledgerEntries.seq,
        entry: ledgerEntries.entry,
        payload: ledgerEntries.payload,
        action: ledgerEntries.action,
        subjectType: ledgerEntries.subjectType,
        subjectId: ledgerEntries.subjectId,
      })
      .from(ledgerEntries)
      .where(and(gte(ledgerEntries.seq, from), lt(ledgerEntries.seq, from + batch)))
      .orderBy(asc(ledgerEntries.seq));
  let next = 0;
  // The next batch is read while this one is hashed: the database and the hashing overlap.
  let pending = fetchBatch(0);
  for (let from = 0; ; from += batch) {
    const rows = await pending;
    pending = fetchBatch(from + batch);
    for (const r of rows) {
      if (r.seq !== next) return fail(`第 ${next} 条记录缺失（下一条是第 ${r.seq} 条）：记录被删除`);
      let entry: { seq?: unknown; payloadHash?: unknown; action?: unknown; subject?: { type?: unknown; id?: unknown } };
      try {
        entry = JSON.parse(r.entry);
      } catch {
        return fail(`第 ${r.seq} 条记录的内容不是有效的 JSON：记录被改动`);
      }
      if (entry.seq !== r.seq) return fail(`第 ${r.seq} 条记录自身写明的序号是 ${String(entry.seq)}：记录被移动或调换`);
      if (entry.payloadHash !== toHex(hasher.digest(utf8(r.payload)))) {
        return fail(`第 ${r.seq} 条记录（${r.action}）的变更内容与其摘要不符：内容被改动`);
      }
      if (entry.action !== r.action || entry.subject?.type !== r.subjectType || entry.subject?.id !== r.subjectId) {
        return fail(`第 ${r.seq} 条记录的索引字段与签名内容不一致`);
      }
      tree.append(leafHash(hasher, utf8(r.entry)));
      next++;
      const want = expected.get(next);
      if (want !== undefined && toHex(tree.root()) !== want) {
        return fail(`前 ${next} 条记录算出的根哈希与树大小 ${next} 的检查点不符：其中有记录被改动、调换或替换`);
      }
    }
    o.onProgress?.(next);
    if (rows.length < batch) {
      await pending;
      break;
    }
  }
  report.entries = next;
  const beyond = [...expected.keys()].filter((s) => s > next);
  if (beyond.length) return fail(`检查点覆盖 ${Math.max(...beyond)} 条记录，但数据库只有 ${next} 条：记录被删除`);
  return { ...report, ok: true };
}
