/**
 * RFC 6962 §2.1 Merkle tree core of the tamper-evident ledger.
 *
 * Pure on purpose: the browser verifies proofs with the same code, so there is no I/O and no `node:` import; the hash
 * function is passed in. The ledger stores the hash of every perfect subtree ("node": level l, index k, covering
 * leaves [k·2^l, (k+1)·2^l); level 0 = leaf hashes). Every RFC 6962 subtree is a right fold of at most ~2·log2(n)
 * such nodes, so roots and proofs need O(log n) node reads. Because reads are async (database), work is split in two:
 * a plan lists the NodeRefs to fetch (sync), the caller fetches them in one query, then the plan builds the result.
 *
 * Sizes and indices are JS numbers. Bitwise operators truncate to 32 bits, so all bit arithmetic here is done with
 * division and remainder, which is exact for every safe integer (< 2^53).
 */

export type HashName = 'sm3' | 'sha256';

export interface Hasher {
  readonly name: HashName;
  /** Synchronous so that verification in the browser needs no promise plumbing per tree level. */
  digest(data: Uint8Array): Uint8Array;
}

export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** A node hash that was computed and must be stored (returned by an append plan). */
export interface NodeHash {
  readonly ref: NodeRef;
  readonly hash: Uint8Array;
}

export interface ProofPlan {
  /** Deduplicated nodes to fetch, in first-use order. */
  readonly refs: readonly NodeRef[];
  /** Throws if a ref is missing from `hashes` or has the wrong length: that is a storage fault, not a bad proof. */
  build(hashes: ReadonlyMap<string, Uint8Array>, h: Hasher): Uint8Array[];
}

export interface RootPlan {
  readonly refs: readonly NodeRef[];
  build(hashes: ReadonlyMap<string, Uint8Array>, h: Hasher): Uint8Array;
}

export interface AppendPlan {
  /** Left siblings needed to hash the subtrees that the new leaf completes. */
  readonly refs: readonly NodeRef[];
  /** Every node row to insert: the leaf itself (level 0) first, then the completed subtrees bottom-up. */
  build(hashes: ReadonlyMap<string, Uint8Array>, h: Hasher, leaf: Uint8Array): NodeHash[];
}

/** Both supported hashes are 256-bit; verification rejects any hash of another length before hashing anything. */
const DIGEST_SIZE: Readonly<Record<HashName, number>> = { sm3: 32, sha256: 32 };

export function digestSize(h: Hasher): number {
  // A hasher arriving from untyped JS could carry any name; 0 makes every length check fail.
  return Object.hasOwn(DIGEST_SIZE, h.name) ? DIGEST_SIZE[h.name] : 0;
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/** H(0x00 ‖ entry): the prefix separates leaves from interior nodes (second-preimage resistance, RFC 6962 §2.1). */
export function leafHash(h: Hasher, entry: Uint8Array): Uint8Array {
  const buf = new Uint8Array(entry.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(entry, 1);
  return h.digest(buf);
}

/** H(0x01 ‖ left ‖ right). */
export function nodeHash(h: Hasher, left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return h.digest(buf);
}

/** MTH({}) = H(""), the root of the empty tree. */
export function emptyRoot(h: Hasher): Uint8Array {
  return h.digest(new Uint8Array(0));
}

export const nodeKey = (r: NodeRef): string => `${r.level}:${r.index}`;

// ---------------------------------------------------------------------------------------------------------------
// Integer helpers (exact for safe integers; see the module comment for why no bitwise operators)

function isCount(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) >= 0;
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isPowerOfTwo(n: number): boolean {
  let m = n;
  while (m > 1 && !isOdd(m)) m /= 2;
  return m === 1;
}

/** The RFC's split point k: the largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function requireCount(name: string, n: number): void {
  if (!isCount(n)) throw new RangeError(`${name} must be a non-negative safe integer, got ${n}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Node arithmetic

/**
 * Perfect subtrees (level ≥ 1) completed by appending leaf number `leafIndex` (0-based), bottom-up. Each is the
 * nodeHash of its two children at level - 1; the right child is the previous entry (or the leaf), the left child is
 * already stored. There are as many as trailing one-bits of leafIndex, so at most log2(n).
 */
export function nodesCompletedBy(leafIndex: number): NodeRef[] {
  requireCount('leafIndex', leafIndex);
  const out: NodeRef[] = [];
  let index = leafIndex;
  let level = 0;
  while (isOdd(index)) {
    index = (index - 1) / 2;
    level += 1;
    out.push({ level, index });
  }
  return out;
}

/**
 * Plan for appending leaf number `leafIndex`: fetch the left siblings, then build every row to insert. Reads at most
 * log2(n) nodes and never rescans.
 */
export function appendPlan(leafIndex: number): AppendPlan {
  const completed = nodesCompletedBy(leafIndex);
  const refs = completed.map((c) => ({ level: c.level - 1, index: c.index * 2 }));
  return {
    refs,
    build(hashes, h, leaf) {
      const size = digestSize(h);
      if (leaf.length !== size) throw new RangeError(`leaf hash has ${leaf.length} bytes, expected ${size}`);
      const out: NodeHash[] = [{ ref: { level: 0, index: leafIndex }, hash: leaf }];
      let current = leaf;
      completed.forEach((ref, i) => {
        const left = fetched(hashes, refs[i] as NodeRef, size);
        current = nodeHash(h, left, current);
        out.push({ ref, hash: current });
      });
      return out;
    },
  };
}

/**
 * Perfect-subtree decomposition of leaves [start, end), left to right, each node as large as alignment allows. For the
 * ranges an RFC 6962 tree is made of (start a multiple of the largest power of two ≤ end - start) this is largest
 * first, i.e. the binary digits of end - start, and the RFC subtree hash is the right fold of the node hashes.
 */
export function rangeDecomposition(start: number, end: number): NodeRef[] {
  requireCount('start', start);
  requireCount('end', end);
  if (start > end) throw new RangeError(`start ${start} > end ${end}`);
  const out: NodeRef[] = [];
  let pos = start;
  while (pos < end) {
    let width = 1;
    let level = 0;
    while (pos % (width * 2) === 0 && pos + width * 2 <= end) {
      width *= 2;
      level += 1;
    }
    out.push({ level, index: pos / width });
    pos += width;
  }
  return out;
}

/**
 * Hash of an RFC 6962 subtree from the hashes of its rangeDecomposition, largest first: MTH splits at the largest
 * power of two k < n, whose left part is exactly the first (perfect) node, so MTH = nodeHash(first, MTH(rest)).
 */
export function foldSubtree(h: Hasher, parts: readonly Uint8Array[]): Uint8Array {
  const last = parts.at(-1);
  if (last === undefined) throw new RangeError('an RFC 6962 subtree has at least one leaf');
  let acc = last;
  for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(h, parts[i] as Uint8Array, acc);
  return acc;
}

function fetched(hashes: ReadonlyMap<string, Uint8Array>, ref: NodeRef, size: number): Uint8Array {
  const key = nodeKey(ref);
  const hash = hashes.get(key);
  if (hash === undefined) throw new Error(`Merkle node ${key} was not fetched`);
  if (hash.length !== size) throw new Error(`Merkle node ${key} has ${hash.length} bytes, expected ${size}`);
  return hash;
}

// ---------------------------------------------------------------------------------------------------------------
// Plans

/** Leaves [start, end) of an RFC 6962 subtree. */
interface Span {
  start: number;
  end: number;
}

function planSpans(spans: readonly Span[]): ProofPlan {
  const parts = spans.map((s) => rangeDecomposition(s.start, s.end));
  const seen = new Set<string>();
  const refs: NodeRef[] = [];
  for (const ref of parts.flat()) {
    const key = nodeKey(ref);
    if (!seen.has(key)) {
      seen.add(key);
      refs.push(ref);
    }
  }
  return {
    refs,
    build(hashes, h) {
      const size = digestSize(h);
      return parts.map((p) =>
        foldSubtree(
          h,
          p.map((r) => fetched(hashes, r, size)),
        ),
      );
    },
  };
}

/** MTH of the first `size` leaves; size 0 gives H(""). At most log2(n)+1 refs. */
export function rootPlan(size: number): RootPlan {
  requireCount('size', size);
  if (size === 0) return { refs: [], build: (_hashes, h) => emptyRoot(h) };
  const plan = planSpans([{ start: 0, end: size }]);
  return { refs: plan.refs, build: (hashes, h) => plan.build(hashes, h)[0] as Uint8Array };
}

/** Subtrees whose hashes form PATH(index, D[size]) (RFC 6962 §2.1.1), bottom-up like the RFC. */
function inclusionSpans(index: number, size: number): Span[] {
  const topDown: Span[] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      topDown.push({ start: lo, end: lo + k });
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * RFC 6962 §2.1.1 PATH(index, D[size]). Every element but at most one is a perfect node (only a right sibling on the
 * tree's right edge can be ragged, and the path leaves that edge after it), so refs ≤ 2·ceil(log2 size): O(log n).
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  requireCount('index', index);
  requireCount('size', size);
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  return planSpans(inclusionSpans(index, size));
}

/** Subtrees whose hashes form PROOF(size1, D[size2]) = SUBPROOF(size1, D[size2], true), RFC 6962 §2.1.2. */
function consistencySpans(size1: number, size2: number): Span[] {
  const topDown: Span[] = [];
  let lo = 0;
  let hi = size2;
  let wholeOldTree = true; // the RFC's flag b: is [lo, size1) the entire old tree, whose root the verifier knows?
  while (size1 !== hi) {
    const k = splitPoint(hi - lo);
    if (size1 - lo <= k) {
      topDown.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      topDown.push({ start: lo, end: lo + k });
      lo += k;
      wholeOldTree = false;
    }
  }
  if (!wholeOldTree) topDown.push({ start: lo, end: hi });
  return topDown.reverse();
}

/**
 * RFC 6962 §2.1.2 PROOF(size1, D[size2]) for 0 < size1 ≤ size2 (empty when equal). As for inclusion, at most one
 * element is ragged, so refs ≤ 2·ceil(log2 size2): O(log n). A proof from the empty tree proves nothing and is
 * refused, as verifyConsistency refuses it.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  requireCount('size1', size1);
  requireCount('size2', size2);
  if (size1 === 0 || size1 > size2) throw new RangeError(`no consistency proof from size ${size1} to ${size2}`);
  return planSpans(consistencySpans(size1, size2));
}

// ---------------------------------------------------------------------------------------------------------------
// Verification: never trusts its inputs, never throws on them (only a throwing hasher propagates)

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isHash(x: unknown, size: number): x is Uint8Array {
  return x instanceof Uint8Array && size > 0 && x.length === size;
}

/** A valid proof has at most one element per level of a 2^53-leaf tree; longer input is refused before hashing. */
const MAX_PROOF_LENGTH = 64;

function isProof(x: unknown, size: number): x is readonly Uint8Array[] {
  return Array.isArray(x) && x.length <= MAX_PROOF_LENGTH && x.every((e) => isHash(e, size));
}

/**
 * Root implied by an inclusion proof (RFC 9162 §2.1.3.2), or null when the input is malformed or the proof has the
 * wrong number of elements for (index, size).
 */
export function rootFromInclusion(
  h: Hasher,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  const len = digestSize(h);
  if (!isCount(index) || !isCount(size) || index >= size) return null;
  if (!isHash(leaf, len) || !isProof(proof, len)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null; // too many elements
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(h, p, r);
      // Skip the levels where this node has no right sibling (it sits on the ragged right edge).
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null; // sn > 0: too few elements
}

/** RFC 9162 §2.1.3.2: is `leaf` at `index` of the tree of `size` leaves whose root is `root`? */
export function verifyInclusion(
  h: Hasher,
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusion(h, index, size, leaf, proof);
  return computed !== null && isHash(root, digestSize(h)) && bytesEqual(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: is the tree (size2, root2) an append-only extension of (size1, root1)? Equal sizes need an
 * empty proof and equal roots. size1 = 0 is refused: every tree extends the empty one, so such a "proof" would only
 * vouch for root2 without checking anything (the RFC defines proofs for 0 < size1 only).
 */
export function verifyConsistency(
  h: Hasher,
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  const len = digestSize(h);
  if (!isCount(size1) || !isCount(size2) || size1 === 0 || size1 > size2) return false;
  if (!isHash(root1, len) || !isHash(root2, len) || !isProof(proof, len)) return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (proof.length === 0) return false;

  // When the old tree is a perfect subtree of the new one, its root is the proof's omitted first element.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false; // too many elements
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
