import { hash } from 'node:crypto';
import { CheckpointNoteError, type HashName, type NoteVerifier, openCheckpoint } from '@sanxiang/domain';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { ledgerCheckpoints, ledgerCosignatures, ledgerNodes } from '../../db/schema.js';
import { entryBatches } from './entryBatches.js';
import { type CheckedBatch, checkBatch } from './entryChecks.js';
import { defaultWorkers, EntryCheckPool } from './entryCheckWorker.js';
import { toHex } from './ledgerHasher.js';
import { ledgerParams, treeSize } from './ledgerStore.js';

export interface VerifyOptions {
  logKey: NoteVerifier;
  witnessKey: NoteVerifier;
  /** What the witness last co-signed, from its own storage: catches a rollback to an old backup. */
  witnessState?: { size: number; rootHash: string } | null;
  batchSize?: number;
  /** Worker threads for the entry checks; 0: none. Default: none for a small ledger, else one per spare core. */
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
  /** The perfect subtrees of the edge as stored in ledger_nodes: (level, index), largest first. */
  edge(): { level: number; index: number; hash: string }[] {
    const out: { level: number; index: number; hash: string }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(this.size / width) % 2 === 1) {
        out.push({ level, index: start / width, hash: this.hashes[out.length] as string });
        start += width;
      }
    }
    return out;
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

/** Batches read ahead of the one being added to the tree. */
const PREFETCH = 2;
/**
 * From this many entries on, the checks run in worker threads: starting one (with tsx) costs about
 * 0.25 s, so below this they run on the main thread (bench/ledger.ts times both; docs/ledger.md §7).
 */
const WORKER_THRESHOLD = 500_000;

/**
 * Re-checks a whole ledger from its entries alone: every entry's payload hash and sequence,
 * the tree, every checkpoint's signatures and root. All checkpoint roots are recomputed from one
 * stream of leaves, so they are prefixes of one tree: consistency between them holds by
 * construction, and a history rewritten under a signed checkpoint shows as a root mismatch.
 *
 * Throughput (docs/ledger.md §7): entries arrive in batches of `batchSize` as the database's binary
 * COPY tuples (entryBatches.ts), the next ones are read while this one is added to the tree; each batch's
 * entries are checked (entryChecks.ts) in a worker thread on a large ledger (entryCheckWorker.ts),
 * hashed straight from the bytes read, their JSON checked in one pass without building objects;
 * the tree is kept as its right edge. Memory holds a few batches and O(log n) hashes.
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

  const batch = Math.max(1, o.batchSize ?? 4096);
  const workers = o.workers ?? ((await treeSize(db)) >= WORKER_THRESHOLD ? defaultWorkers() : 0);
  const pool = workers > 0 ? new EntryCheckPool(workers) : undefined;
  const batches = entryBatches(db, batch);
  let next = 0;
  /** Adds checked leaves to the tree, comparing the root at every checkpoint passed; a problem, or undefined. */
  const addLeaves = (checked: CheckedBatch): string | undefined => {
    const { leaves } = checked;
    for (let k = 0; k < checked.count; k++) {
      tree.append(leaves.toString('latin1', k * DIGEST_BYTES, (k + 1) * DIGEST_BYTES));
      next++;
      if (next === sizes[cp]) {
        if (!tree.root().equals(roots[cp] as Buffer)) return rootMismatch(next).problem;
        cp++;
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
    const checked = pool ? pool.check(rows, from, alg) : Promise.resolve(checkBatch(rows, from, alg));
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
      const problem = addLeaves(await checked);
      if (problem) return fail(problem);
      o.onProgress?.(next);
      if (count < batch) break;
    }
  } finally {
    // Never leave a read or a check in flight: a stop at a bad entry would otherwise orphan it.
    await Promise.allSettled(pending);
    await batches.return(undefined);
    await pool?.close();
  }
  report.entries = next;
  const beyond = sizes[sizes.length - 1] ?? 0;
  if (beyond > next) return fail(`检查点覆盖 ${beyond} 条记录，但数据库只有 ${next} 条：记录被删除`);
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
