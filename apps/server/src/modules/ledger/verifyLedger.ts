import { CheckpointNoteError, type NoteVerifier, openCheckpoint } from '@sanxiang/domain';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { ledgerCheckpoints, ledgerCosignatures, ledgerNodes } from '../../db/schema.js';
import { CompactRange, DIGEST_BYTES } from './compactRange.js';
import { entryBatches } from './entryBatches.js';
import { defaultWorkers, EntryCheckPool } from './entryCheckPool.js';
import { type CheckedBatch, checkBatch } from './entryChecks.js';
import { toHex } from './ledgerHasher.js';
import { ledgerParams, treeSize } from './ledgerStore.js';

export interface VerifyOptions {
  logKey: NoteVerifier;
  witnessKey: NoteVerifier;
  /** What the witness last co-signed, from its own storage: catches a rollback to an old backup. */
  witnessState?: { size: number; rootHash: string } | null;
  batchSize?: number;
  /** Worker threads for the entry checks; 0: none. Default: none for a small ledger, else one per core (defaultWorkers). */
  workers?: number;
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

/** Batches read ahead of the one being added to the tree. */
const PREFETCH = 2;
/**
 * From this many entries on, the checks run in worker threads. Starting them is quick (0.03 s), but
 * each starts with its code cold, which on a small ledger takes back what they save: 100 000 entries
 * took 0.50–0.73 s on the main thread and 0.53–0.75 s in two workers (bench/ledger.ts times both;
 * docs/ledger.md §7).
 */
const WORKER_THRESHOLD = 500_000;

/**
 * Re-checks a whole ledger from its entries alone: every entry's payload hash and sequence,
 * the tree, every checkpoint's signatures and root. All checkpoint roots are recomputed from one
 * stream of leaves, so they are prefixes of one tree: consistency between them holds by
 * construction, and a history rewritten under a signed checkpoint shows as a root mismatch.
 *
 * Throughput (docs/ledger.md §7): entries arrive in batches of `batchSize` as the database's binary
 * COPY tuples (entryBatches.ts), the next ones are read while this one is added to the tree; each
 * batch's entries are checked (entryChecks.ts) in worker threads on a large ledger (entryCheckPool.ts),
 * hashed straight from the bytes read, their JSON checked in one pass without building objects; a
 * batch that is a node of the tree comes back as that subtree's root, so the node hashes run in the
 * workers too. The tree is kept as its right edge (compactRange.ts). Memory holds a few batches and
 * O(log n) hashes.
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
  const roots = sizes.map((size) => Buffer.from(expected.get(size) as string, 'hex').toString('latin1'));
  let cp = 0;
  const alg = hasher.name;
  const tree = new CompactRange(alg);
  const rootMismatch = (size: number) =>
    fail(`前 ${size} 条记录算出的根哈希与树大小 ${size} 的检查点不符：其中有记录被改动、调换或替换`);
  if (sizes[0] === 0) {
    if (tree.root() !== roots[0]) return rootMismatch(0);
    cp++;
  }

  const batch = Math.max(1, o.batchSize ?? 4096);
  const workers = o.workers ?? ((await treeSize(db)) >= WORKER_THRESHOLD ? defaultWorkers() : 0);
  const pool = workers > 0 ? await EntryCheckPool.start(workers) : undefined;
  const batches = entryBatches(db, batch);
  /** Compares the root with the checkpoint at the tree's size, if there is one; a problem, or undefined. */
  const atCheckpoint = (): string | undefined => {
    if (tree.size !== sizes[cp]) return undefined;
    if (tree.root() !== roots[cp]) return rootMismatch(tree.size).problem;
    cp++;
    return undefined;
  };
  /**
   * Whether the `count` entries from `from` join the tree as one subtree: a power of two of them,
   * starting at a multiple of their number (so a node of the tree), and no checkpoint strictly inside,
   * whose root would need the leaves. Then the checks return that subtree's root instead of the leaves.
   */
  const asSubtree = (from: number, count: number): boolean => {
    if (count < 2 || (count & (count - 1)) !== 0 || from % count !== 0) return false;
    let lo = cp;
    let hi = sizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sizes[mid] as number) <= from) lo = mid + 1;
      else hi = mid;
    }
    return !((sizes[lo] ?? Number.POSITIVE_INFINITY) < from + count);
  };
  /** Adds a checked batch to the tree, comparing the root at every checkpoint passed; a problem, or undefined. */
  const addBatch = (checked: CheckedBatch): string | undefined => {
    const { leaves, count, root } = checked;
    if (root !== undefined) {
      tree.appendSubtree(root, Math.log2(count));
      return atCheckpoint() ?? checked.problem;
    }
    // Leaves come back unless the batch was to be a subtree; then a problem stops it, and no checkpoint lies before it in the batch.
    if (leaves) {
      for (let k = 0; k < count; k++) {
        tree.append(leaves.toString('latin1', k * DIGEST_BYTES, (k + 1) * DIGEST_BYTES));
        const problem = atCheckpoint();
        if (problem) return problem;
      }
    }
    return checked.problem;
  };
  // Each batch is checked (in a worker, or here) as soon as it arrives; the tree takes the results
  // in order. Batch k should start at seq k·batch, as every batch but the last is full: a gap is
  // named by the check of the batch it falls in, and stops the verification.
  let asked = 0;
  const readAndCheck = async () => {
    const from = asked++ * batch;
    const read = await batches.next();
    if (read.done) return { count: 0, checked: undefined };
    const rows = read.value;
    const subtree = asSubtree(from, rows.count);
    const checked = pool ? pool.check(rows, from, alg, subtree) : Promise.resolve(checkBatch(rows, from, alg, subtree));
    // Settled either way, so an abandoned one never surfaces as unhandled.
    checked.catch(() => {});
    return { count: rows.count, checked };
  };
  const depth = PREFETCH + workers;
  const pending: ReturnType<typeof readAndCheck>[] = [];
  for (let k = 0; k <= depth; k++) pending.push(readAndCheck());
  try {
    for (;;) {
      const { count, checked } = await (pending.shift() as ReturnType<typeof readAndCheck>);
      if (!checked) break;
      pending.push(readAndCheck());
      const problem = addBatch(await checked);
      if (problem) return fail(problem);
      o.onProgress?.(tree.size);
      if (count < batch) break;
    }
  } finally {
    // Never leave a read or a check in flight: a stop at a bad entry would otherwise orphan it.
    await Promise.allSettled(pending);
    await batches.return(undefined);
    await pool?.close();
  }
  report.entries = tree.size;
  const beyond = sizes[sizes.length - 1] ?? 0;
  if (beyond > tree.size) return fail(`检查点覆盖 ${beyond} 条记录，但数据库只有 ${tree.size} 条：记录被删除`);
  // The stored tree (ledger_nodes) serves every proof and every append: its right edge must be the
  // recomputed one, or proofs would fail and new roots be wrong from there on.
  const edge = tree.edge();
  if (edge.length > 0) {
    const stored = await db
      .select()
      .from(ledgerNodes)
      .where(or(...edge.map((e) => and(eq(ledgerNodes.level, e.level), eq(ledgerNodes.idx, e.index)))));
    for (const e of edge) {
      const row = stored.find((r) => r.level === e.level && r.idx === e.index);
      if (row?.hash !== Buffer.from(e.hash, 'latin1').toString('hex')) {
        return fail(
          `存储的树节点（第 ${e.level} 层第 ${e.index} 个，覆盖第 ${e.index * 2 ** e.level}–${(e.index + 1) * 2 ** e.level - 1} 条记录）${row ? '与记录算出的不一致' : '缺失'}：树节点表被改动，证明和新的根哈希都会出错`,
        );
      }
    }
  }
  return { ...report, ok: true };
}
