import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  appendPlan,
  consistencyProofPlan,
  emptyRoot,
  type Hasher,
  type HashName,
  inclusionProofPlan,
  leafHash,
  type NodeRef,
  nodeHash,
  nodeKey,
  nodesCompletedBy,
  rangeDecomposition,
  rootFromInclusion,
  rootPlan,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';

// The module takes the hash function as a parameter; tests use Node's OpenSSL for both algorithms.
function nodeHasher(name: HashName): Hasher {
  // Plain Uint8Array (not Buffer) so that deepEqual compares like with like.
  return { name, digest: (data) => new Uint8Array(createHash(name).update(data).digest()) };
}
const sha256 = nodeHasher('sha256');
const sm3 = nodeHasher('sm3');

const bytes = (...xs: number[]) => new Uint8Array(xs);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fromHex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function flipBit(a: Uint8Array, bit: number): Uint8Array {
  const out = a.slice();
  out[Math.floor(bit / 8)] = (out[Math.floor(bit / 8)] as number) ^ (1 << (bit % 8));
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameHashes(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((x, i) => bytesEqual(x, b[i] as Uint8Array));
}

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** An in-memory stand-in for the ledger's node table, fed only through the module's append plans. */
class MemoryLedger {
  readonly nodes = new Map<string, Uint8Array>();
  readonly entries: Uint8Array[] = [];
  constructor(readonly h: Hasher) {}

  get size(): number {
    return this.entries.length;
  }

  append(entry: Uint8Array): void {
    const plan = appendPlan(this.size);
    for (const row of plan.build(this.fetch(plan.refs), this.h, leafHash(this.h, entry))) {
      const key = nodeKey(row.ref);
      assert.equal(this.nodes.has(key), false, `node ${key} written twice`);
      this.nodes.set(key, row.hash);
    }
    this.entries.push(entry);
  }

  /** Like the one SQL query the server makes: returns exactly the requested nodes, each of which must exist. */
  fetch(refs: readonly NodeRef[]): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const ref of refs) {
      const hash = this.nodes.get(nodeKey(ref));
      assert.ok(hash, `plan asked for node ${nodeKey(ref)} that does not exist yet`);
      out.set(nodeKey(ref), hash);
    }
    return out;
  }
}

/** Straight from RFC 6962 §2.1: MTH, PATH and PROOF by recursion over the list of entries (memoised by range). */
class NaiveTree {
  private readonly memo = new Map<string, Uint8Array>();
  constructor(
    readonly h: Hasher,
    readonly entries: readonly Uint8Array[],
  ) {}

  mth(start: number, end: number): Uint8Array {
    const key = `${start}-${end}`;
    const known = this.memo.get(key);
    if (known) return known;
    const n = end - start;
    let result: Uint8Array;
    if (n === 0) result = this.h.digest(new Uint8Array(0));
    else if (n === 1) result = leafHash(this.h, this.entries[start] as Uint8Array);
    else {
      const k = splitPoint(n);
      result = nodeHash(this.h, this.mth(start, start + k), this.mth(start + k, end));
    }
    this.memo.set(key, result);
    return result;
  }

  /** PATH(m, D[start:end]). */
  path(m: number, start: number, end: number): Uint8Array[] {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...this.path(m, start, start + k), this.mth(start + k, end)];
    return [...this.path(m - k, start + k, end), this.mth(start, start + k)];
  }

  /** SUBPROOF(m, D[start:end], b). */
  subproof(m: number, start: number, end: number, b: boolean): Uint8Array[] {
    const n = end - start;
    if (m === n) return b ? [] : [this.mth(start, end)];
    const k = splitPoint(n);
    if (m <= k) return [...this.subproof(m, start, start + k, b), this.mth(start + k, end)];
    return [...this.subproof(m - k, start + k, end, false), this.mth(start, start + k)];
  }
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Verifier that mirrors the PATH recursion: an independent oracle for the RFC 9162 loop in the module. */
function naiveVerifyInclusion(
  h: Hasher,
  i: number,
  n: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isCount(i) || !isCount(n) || i >= n || leaf.length !== 32 || root.length !== 32) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  const walk = (i: number, n: number, proof: Uint8Array[]): Uint8Array | null => {
    if (n === 1) return proof.length === 0 ? leaf : null;
    const last = proof.at(-1);
    if (!last) return null;
    const k = splitPoint(n);
    const rest = proof.slice(0, -1);
    if (i < k) {
      const r = walk(i, k, rest);
      return r && nodeHash(h, r, last);
    }
    const r = walk(i - k, n - k, rest);
    return r && nodeHash(h, last, r);
  };
  const r = walk(i, n, proof);
  return r !== null && bytesEqual(r, root);
}

/** Verifier that mirrors the SUBPROOF recursion, rebuilding both roots. */
function naiveVerifyConsistency(
  h: Hasher,
  m: number,
  n: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: Uint8Array[],
): boolean {
  if (!isCount(m) || !isCount(n) || m === 0 || m > n || root1.length !== 32 || root2.length !== 32) return false;
  if (proof.some((p) => p.length !== 32)) return false;
  type Pair = { old: Uint8Array; cur: Uint8Array };
  const walk = (m: number, n: number, b: boolean, proof: Uint8Array[]): Pair | null => {
    if (m === n) {
      if (b) return proof.length === 0 ? { old: root1, cur: root1 } : null;
      const only = proof[0];
      return proof.length === 1 && only ? { old: only, cur: only } : null;
    }
    const last = proof.at(-1);
    if (!last) return null;
    const k = splitPoint(n);
    const rest = proof.slice(0, -1);
    if (m <= k) {
      const r = walk(m, k, b, rest);
      return r && { old: r.old, cur: nodeHash(h, r.cur, last) };
    }
    const r = walk(m - k, n - k, false, rest);
    return r && { old: nodeHash(h, last, r.old), cur: nodeHash(h, last, r.cur) };
  };
  const r = walk(m, n, true, proof);
  return r !== null && bytesEqual(r.old, root1) && bytesEqual(r.cur, root2);
}

/**
 * Bits to flip in a 32-byte hash: all 256 for small trees; beyond that one bit in each half, at a position that moves
 * with `salt`, so that across all proofs every bit position is still hit while the run stays short.
 */
function bitsToFlip(exhaustive: boolean, salt: number): number[] {
  if (exhaustive) return Array.from({ length: 256 }, (_, i) => i);
  return [0, 1].map((half) => half * 128 + ((salt * 37 + half * 59) % 128));
}

const MAX_SIZE = 70;
const EXHAUSTIVE_BITS_UP_TO = 8;
const ALL_VARIANTS_UP_TO = 16;

/**
 * Altered (a, b) pairs: every combination for small trees; beyond, one coordinate at a time from the first four
 * candidates of each list (to bound the run time).
 */
function variants(a: number, b: number, as: number[], bs: number[], allCombinations: boolean): [number, number][] {
  const pairs = allCombinations
    ? as.flatMap((a2) => bs.map((b2): [number, number] => [a2, b2]))
    : [
        ...as.slice(0, 4).map((a2): [number, number] => [a2, b]),
        ...bs.slice(0, 4).map((b2): [number, number] => [a, b2]),
      ];
  const seen = new Set<string>([`${a},${b}`]);
  return pairs.filter(([a2, b2]) => !seen.has(`${a2},${b2}`) && seen.add(`${a2},${b2}`) !== undefined);
}

function entry(i: number): Uint8Array {
  // Distinct entries of varying length, so no two leaves (and no two subtrees) share a hash.
  return new TextEncoder().encode(`条目 ${i} ${'x'.repeat(i % 5)}`);
}

describe('RFC 6962 hashing primitives', () => {
  it('prefixes leaves with 0x00 and nodes with 0x01', () => {
    const e = bytes(1, 2, 3);
    assert.deepEqual(leafHash(sha256, e), sha256.digest(bytes(0, 1, 2, 3)));
    assert.deepEqual(nodeHash(sha256, bytes(7), bytes(8, 9)), sha256.digest(bytes(1, 7, 8, 9)));
    assert.equal(hex(emptyRoot(sha256)), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // GB/T 32905 / ISO 10118-3 SM3 of the empty string.
    assert.equal(hex(emptyRoot(sm3)), '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('names nodes level:index', () => {
    assert.equal(nodeKey({ level: 3, index: 5 }), '3:5');
  });

  it('lists the perfect subtrees each append completes, bottom-up', () => {
    assert.deepEqual(nodesCompletedBy(0), []);
    assert.deepEqual(nodesCompletedBy(1), [{ level: 1, index: 0 }]);
    assert.deepEqual(nodesCompletedBy(2), []);
    assert.deepEqual(nodesCompletedBy(7), [
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
    assert.equal(nodesCompletedBy(2 ** 40 - 1).length, 40);
    assert.deepEqual(nodesCompletedBy(2 ** 40 - 1).at(-1), { level: 40, index: 0 });
    // Beyond 2^31 bitwise operators would truncate; the module must not use them.
    assert.deepEqual(nodesCompletedBy(2 ** 33 + 1), [{ level: 1, index: 2 ** 32 }]);
  });

  it('decomposes ranges into perfect subtrees, largest first for RFC-aligned ranges', () => {
    assert.deepEqual(rangeDecomposition(0, 0), []);
    assert.deepEqual(rangeDecomposition(0, 13), [
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    assert.deepEqual(rangeDecomposition(8, 14), [
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    // Unaligned ranges still decompose left to right (ascending then descending).
    assert.deepEqual(rangeDecomposition(3, 9), [
      { level: 0, index: 3 },
      { level: 2, index: 1 },
      { level: 0, index: 8 },
    ]);
    assert.deepEqual(rangeDecomposition(2 ** 40, 2 ** 41 + 3), [
      { level: 40, index: 1 },
      { level: 1, index: 2 ** 40 },
      { level: 0, index: 2 ** 41 + 2 },
    ]);
    for (let start = 0; start < 40; start++) {
      for (let end = start; end < 80; end++) {
        const parts = rangeDecomposition(start, end);
        let pos = start;
        for (const p of parts) {
          const width = 2 ** p.level;
          assert.equal(p.index * width, pos, 'contiguous, aligned');
          pos += width;
        }
        assert.equal(pos, end);
      }
    }
    assert.throws(() => rangeDecomposition(5, 4), RangeError);
    assert.throws(() => rangeDecomposition(-1, 4), RangeError);
  });
});

for (const h of [sha256, sm3]) {
  describe(`Merkle tree against a naive RFC 6962 implementation (${h.name})`, () => {
    const ledger = new MemoryLedger(h);
    const naive = new NaiveTree(h, ledger.entries);
    const roots: Uint8Array[] = [emptyRoot(h)];
    for (let i = 0; i < MAX_SIZE; i++) {
      ledger.append(entry(i));
      roots.push(naive.mth(0, i + 1));
    }
    const rootOf = (n: number) => roots[n] as Uint8Array;
    const leafOf = (i: number) => leafHash(h, ledger.entries[i] as Uint8Array);

    it('stores exactly the perfect subtrees of the tree', () => {
      // Every perfect subtree inside [0, n), no more, no less.
      let expected = 0;
      for (let level = 0; 2 ** level <= MAX_SIZE; level++) expected += Math.floor(MAX_SIZE / 2 ** level);
      assert.equal(ledger.nodes.size, expected);
      for (const [key, hash] of ledger.nodes) {
        const [level, index] = key.split(':').map(Number) as [number, number];
        assert.deepEqual(hash, naive.mth(index * 2 ** level, (index + 1) * 2 ** level), key);
      }
    });

    it('computes the root of every prefix from stored nodes', () => {
      for (let n = 0; n <= MAX_SIZE; n++) {
        const plan = rootPlan(n);
        assert.ok(plan.refs.length <= Math.max(1, Math.ceil(Math.log2(n + 1))));
        assert.deepEqual(plan.build(ledger.fetch(plan.refs), h), rootOf(n), `size ${n}`);
      }
    });

    it('builds inclusion proofs equal to PATH(m, D[n]); every tampering is rejected', () => {
      let checked = 0;
      let sizeUnbound = 0;
      for (let n = 1; n <= MAX_SIZE; n++) {
        const exhaustive = n <= EXHAUSTIVE_BITS_UP_TO;
        for (let i = 0; i < n; i++) {
          const plan = inclusionProofPlan(i, n);
          const proof = plan.build(ledger.fetch(plan.refs), h);
          const leaf = leafOf(i);
          const root = rootOf(n);
          assert.deepEqual(proof, naive.path(i, 0, n), `PATH(${i}, D[${n}])`);
          assert.ok(plan.refs.length <= 2 * Math.ceil(Math.log2(n)), `refs for (${i}, ${n})`);
          assert.equal(verifyInclusion(h, i, n, leaf, proof, root), true, `verify (${i}, ${n})`);
          assert.deepEqual(rootFromInclusion(h, i, n, leaf, proof), root);
          checked++;

          const reject = (what: string, ...args: Parameters<typeof verifyInclusion>) => {
            assert.equal(verifyInclusion(...args), false, `(${i}, ${n}) ${what}`);
          };
          proof.forEach((p, j) => {
            for (const bit of bitsToFlip(exhaustive, i + j)) {
              reject(`proof[${j}] bit ${bit}`, h, i, n, leaf, proof.with(j, flipBit(p, bit)), root);
            }
            reject(`without proof[${j}]`, h, i, n, leaf, proof.toSpliced(j, 1), root);
            reject(`proof[${j}] doubled`, h, i, n, leaf, proof.toSpliced(j, 0, p), root);
          });
          for (const bit of bitsToFlip(exhaustive, i)) {
            reject(`root bit ${bit}`, h, i, n, leaf, proof, flipBit(root, bit));
            reject(`leaf bit ${bit}`, h, i, n, flipBit(leaf, bit), proof, root);
          }
          reject('extra element', h, i, n, leaf, [...proof, root], root);
          reject('leading element', h, i, n, leaf, [root, ...proof], root);

          // Another position or tree size. Against the genuine root of the claimed tree it must fail (unless the
          // claim happens to be true). Against the original root it fails unless (i', n') walks the same shape:
          // RFC 6962 roots do not commit to the size, which is why signed tree heads carry it. The recursive oracle
          // must agree in every case.
          const indices = [i - 1, i + 1, n - 1, n, i + 2, 2 * i, Math.floor(i / 2), 0];
          const sizes = [n - 1, n + 1, 2 * n, i + 1, Math.floor(n / 2), n];
          for (const [i2, n2] of variants(i, n, indices, sizes, n <= ALL_VARIANTS_UP_TO)) {
            const got = verifyInclusion(h, i2, n2, leaf, proof, root);
            assert.equal(got, naiveVerifyInclusion(h, i2, n2, leaf, proof, root), `(${i2}, ${n2}) vs (${i}, ${n})`);
            if (got) sizeUnbound++;
            if (i2 >= 0 && i2 < n2 && n2 <= MAX_SIZE) {
              const claimTrue = i2 === i && sameHashes(naive.path(i2, 0, n2), proof);
              const verdict = verifyInclusion(h, i2, n2, leaf, proof, rootOf(n2));
              assert.equal(verdict, claimTrue, `(${i}, ${n}) as (${i2}, ${n2}) with its genuine root`);
            }
          }
        }
      }
      assert.equal(checked, (MAX_SIZE * (MAX_SIZE + 1)) / 2);
      assert.ok(sizeUnbound > 0, 'the oracle comparison exercised the accepting branch too');
    });

    it('builds consistency proofs equal to PROOF(m, D[n]); every tampering is rejected', () => {
      let checked = 0;
      for (let n = 1; n <= MAX_SIZE; n++) {
        const exhaustive = n <= EXHAUSTIVE_BITS_UP_TO;
        for (let m = 1; m <= n; m++) {
          const plan = consistencyProofPlan(m, n);
          const proof = plan.build(ledger.fetch(plan.refs), h);
          const r1 = rootOf(m);
          const r2 = rootOf(n);
          assert.deepEqual(proof, naive.subproof(m, 0, n, true), `PROOF(${m}, D[${n}])`);
          assert.ok(plan.refs.length <= 2 * Math.ceil(Math.log2(n)), `refs for (${m}, ${n})`);
          assert.equal(verifyConsistency(h, m, n, r1, r2, proof), true, `verify (${m}, ${n})`);
          checked++;

          const reject = (what: string, ...args: Parameters<typeof verifyConsistency>) => {
            assert.equal(verifyConsistency(...args), false, `(${m}, ${n}) ${what}`);
          };
          proof.forEach((p, j) => {
            for (const bit of bitsToFlip(exhaustive, m + j)) {
              reject(`proof[${j}] bit ${bit}`, h, m, n, r1, r2, proof.with(j, flipBit(p, bit)));
            }
            reject(`without proof[${j}]`, h, m, n, r1, r2, proof.toSpliced(j, 1));
            reject(`proof[${j}] doubled`, h, m, n, r1, r2, proof.toSpliced(j, 0, p));
          });
          for (const bit of bitsToFlip(exhaustive, m)) {
            reject(`root1 bit ${bit}`, h, m, n, flipBit(r1, bit), r2, proof);
            reject(`root2 bit ${bit}`, h, m, n, r1, flipBit(r2, bit), proof);
          }
          reject('extra element', h, m, n, r1, r2, [...proof, r2]);
          reject('leading element', h, m, n, r1, r2, [r1, ...proof]);
          if (m !== n) reject('swapped roots', h, m, n, r2, r1, proof);

          const sizes1 = [m - 1, m + 1, n, 0, 2 * m, Math.floor(m / 2), m];
          const sizes2 = [n - 1, n + 1, m, 2 * n, Math.floor(n / 2), n];
          for (const [m2, n2] of variants(m, n, sizes1, sizes2, n <= ALL_VARIANTS_UP_TO)) {
            const got = verifyConsistency(h, m2, n2, r1, r2, proof);
            assert.equal(got, naiveVerifyConsistency(h, m2, n2, r1, r2, proof), `(${m2}, ${n2}) vs (${m}, ${n})`);
            if (m2 > 0 && m2 <= n2 && n2 <= MAX_SIZE) {
              // True claims exist, e.g. an empty proof between equal sizes.
              const claimTrue = sameHashes(naive.subproof(m2, 0, n2, true), proof);
              const verdict = verifyConsistency(h, m2, n2, rootOf(m2), rootOf(n2), proof);
              assert.equal(verdict, claimTrue, `(${m}, ${n}) as (${m2}, ${n2}) with their genuine roots`);
            }
          }
        }
      }
      assert.equal(checked, (MAX_SIZE * (MAX_SIZE + 1)) / 2);
    });
  });
}

describe('verification never trusts its inputs', () => {
  const ledger = new MemoryLedger(sha256);
  for (let i = 0; i < 11; i++) ledger.append(entry(i));
  const root = (n: number) => {
    const p = rootPlan(n);
    return p.build(ledger.fetch(p.refs), sha256);
  };
  const inclusion = (i: number, n: number) => {
    const p = inclusionProofPlan(i, n);
    return p.build(ledger.fetch(p.refs), sha256);
  };
  const consistency = (m: number, n: number) => {
    const p = consistencyProofPlan(m, n);
    return p.build(ledger.fetch(p.refs), sha256);
  };
  const leaf5 = leafHash(sha256, entry(5));
  const proof5 = inclusion(5, 11);
  const cproof = consistency(6, 11);
  // Deliberately ill-typed values, as they might arrive from JSON in the browser.
  const junk = (x: unknown) => x as never;

  it('rejects malformed inclusion input without throwing', () => {
    assert.equal(verifyInclusion(sha256, 5, 11, leaf5, proof5, root(11)), true);
    const bad: [string, Parameters<typeof verifyInclusion>][] = [
      ['index = size', [sha256, 11, 11, leaf5, proof5, root(11)]],
      ['index > size', [sha256, 12, 11, leaf5, proof5, root(11)]],
      ['size 0', [sha256, 0, 0, leaf5, [], emptyRoot(sha256)]],
      ['negative index', [sha256, -1, 11, leaf5, proof5, root(11)]],
      ['fractional index', [sha256, 5.5, 11, leaf5, proof5, root(11)]],
      ['NaN size', [sha256, 5, Number.NaN, leaf5, proof5, root(11)]],
      ['infinite size', [sha256, 5, Number.POSITIVE_INFINITY, leaf5, proof5, root(11)]],
      [
        'unsafe index (2^64 - 1 after JSON.parse)',
        [sha256, Number('18446744073709551615'), 11, leaf5, proof5, root(11)],
      ],
      ['string index', [sha256, junk('5'), 11, leaf5, proof5, root(11)]],
      ['short leaf', [sha256, 5, 11, leaf5.subarray(1), proof5, root(11)]],
      ['long root', [sha256, 5, 11, leaf5, proof5, new Uint8Array([...root(11), 0])]],
      ['empty root', [sha256, 5, 11, leaf5, proof5, new Uint8Array(0)]],
      ['short proof element', [sha256, 5, 11, leaf5, proof5.with(1, new Uint8Array(31)), root(11)]],
      ['proof element of wrong type', [sha256, 5, 11, leaf5, proof5.with(1, junk([...(proof5[1] ?? [])])), root(11)]],
      ['proof element null', [sha256, 5, 11, leaf5, proof5.with(0, junk(null)), root(11)]],
      ['proof is not an array', [sha256, 5, 11, leaf5, junk({ length: 4 }), root(11)]],
      ['proof null', [sha256, 0, 1, leaf5, junk(null), leaf5]],
      ['leaf null', [sha256, 5, 11, junk(null), proof5, root(11)]],
      ['root undefined', [sha256, 5, 11, leaf5, proof5, junk(undefined)]],
      ['huge proof', [sha256, 5, 11, leaf5, Array.from({ length: 100_000 }, () => leaf5), root(11)]],
      ['unknown hasher', [{ name: junk('md5'), digest: sha256.digest }, 5, 11, leaf5, proof5, root(11)]],
    ];
    for (const [what, args] of bad) {
      assert.doesNotThrow(() => verifyInclusion(...args), what);
      assert.equal(verifyInclusion(...args), false, what);
    }
    assert.equal(rootFromInclusion(sha256, 11, 11, leaf5, proof5), null);
    // A single-leaf tree: the leaf hash is the root and the proof is empty.
    assert.equal(verifyInclusion(sha256, 0, 1, root(1), [], root(1)), true);
    assert.equal(verifyInclusion(sha256, 0, 1, root(1), [root(1)], root(1)), false);
  });

  it('rejects malformed consistency input without throwing', () => {
    const r6 = root(6);
    const r11 = root(11);
    assert.equal(verifyConsistency(sha256, 6, 11, r6, r11, cproof), true);
    const bad: [string, Parameters<typeof verifyConsistency>][] = [
      ['size1 > size2', [sha256, 11, 6, r11, r6, cproof]],
      ['size1 = 0, empty proof', [sha256, 0, 11, emptyRoot(sha256), r11, []]],
      ['size1 = 0, non-empty proof', [sha256, 0, 11, emptyRoot(sha256), r11, cproof]],
      ['both sizes 0', [sha256, 0, 0, emptyRoot(sha256), emptyRoot(sha256), []]],
      ['equal sizes, non-empty proof', [sha256, 11, 11, r11, r11, [r11]]],
      ['equal sizes, different roots', [sha256, 11, 11, r11, r6, []]],
      ['equal sizes, short roots', [sha256, 1, 1, bytes(1, 2), bytes(1, 2), []]],
      ['empty proof', [sha256, 6, 11, r6, r11, []]],
      ['negative size1', [sha256, -6, 11, r6, r11, cproof]],
      ['fractional size2', [sha256, 6, 11.5, r6, r11, cproof]],
      ['unsafe size2', [sha256, 6, 2 ** 64, r6, r11, cproof]],
      ['short root1', [sha256, 6, 11, r6.subarray(0, 31), r11, cproof]],
      ['long root2', [sha256, 6, 11, r6, new Uint8Array(33), cproof]],
      ['garbage element', [sha256, 6, 11, r6, r11, [new Uint8Array(0), ...cproof]]],
      ['trailing garbage', [sha256, 6, 11, r6, r11, [...cproof, new Uint8Array(0)]]],
      ['proof null', [sha256, 6, 11, r6, r11, junk(null)]],
      ['proof of strings', [sha256, 6, 11, r6, r11, junk(cproof.map(hex))]],
      ['root1 null', [sha256, 6, 11, junk(null), r11, cproof]],
      ['huge proof', [sha256, 6, 11, r6, r11, Array.from({ length: 100_000 }, () => r6)]],
    ];
    for (const [what, args] of bad) {
      assert.doesNotThrow(() => verifyConsistency(...args), what);
      assert.equal(verifyConsistency(...args), false, what);
    }
  });

  it('refuses to plan impossible proofs and to build from incomplete fetches', () => {
    assert.throws(() => inclusionProofPlan(11, 11), RangeError);
    assert.throws(() => inclusionProofPlan(0, 0), RangeError);
    assert.throws(() => inclusionProofPlan(-1, 3), RangeError);
    assert.throws(() => consistencyProofPlan(0, 3), RangeError);
    assert.throws(() => consistencyProofPlan(4, 3), RangeError);
    assert.throws(() => rootPlan(1.5), RangeError);
    assert.throws(() => nodesCompletedBy(-1), RangeError);
    assert.deepEqual(consistencyProofPlan(7, 7).refs, []);
    assert.deepEqual(rootPlan(0).build(new Map(), sha256), emptyRoot(sha256));

    const plan = inclusionProofPlan(5, 11);
    const fetched = ledger.fetch(plan.refs);
    const missing = new Map(fetched);
    missing.delete(nodeKey(plan.refs[0] as NodeRef));
    assert.throws(() => plan.build(missing, sha256), /not fetched/);
    const truncated = new Map(fetched);
    truncated.set(nodeKey(plan.refs[0] as NodeRef), new Uint8Array(4));
    assert.throws(() => plan.build(truncated, sha256), /4 bytes/);
    assert.throws(() => appendPlan(11).build(new Map(), sha256, new Uint8Array(31)), RangeError);
  });
});

describe('plans stay logarithmic', () => {
  const n = 2 ** 20 + 12345;
  const logN = Math.log2(n);
  const ceilLog = Math.ceil(logN);
  // A tree of identical leaves: every perfect node at a level has the same hash, so the node table of a million-leaf
  // tree can be served from one hash per level. Small trees above cover distinct leaves.
  const perfect = [leafHash(sha256, bytes(42))];
  for (let l = 1; l <= ceilLog; l++) {
    const below = perfect[l - 1] as Uint8Array;
    perfect.push(nodeHash(sha256, below, below));
  }
  const serve = (refs: readonly NodeRef[]) => {
    const m = new Map<string, Uint8Array>();
    for (const r of refs) {
      assert.ok((r.index + 1) * 2 ** r.level <= n, `node ${nodeKey(r)} lies inside the tree`);
      m.set(nodeKey(r), perfect[r.level] as Uint8Array);
    }
    return m;
  };
  const rootAt = (size: number) => {
    const p = rootPlan(size);
    return p.build(serve(p.refs), sha256);
  };

  it(`inclusion in a tree of ${n} leaves`, () => {
    const rp = rootPlan(n);
    assert.ok(rp.refs.length <= ceilLog);
    for (const i of [0, 1, 12345, 2 ** 19 + 7, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 12344, n - 1]) {
      const plan = inclusionProofPlan(i, n);
      const proof = plan.build(serve(plan.refs), sha256);
      assert.ok(plan.refs.length <= logN ** 2, `refs ${plan.refs.length} for index ${i}`);
      assert.ok(plan.refs.length <= 2 * ceilLog, `refs ${plan.refs.length} for index ${i}`);
      assert.ok(proof.length <= ceilLog, `proof length ${proof.length} for index ${i}`);
      assert.equal(verifyInclusion(sha256, i, n, perfect[0] as Uint8Array, proof, rootAt(n)), true);
    }
  });

  it(`consistency up to a tree of ${n} leaves`, () => {
    for (const m of [1, 2, 3, 12345, 2 ** 19 + 1, 2 ** 20 - 1, 2 ** 20, 2 ** 20 + 1, n - 1]) {
      const plan = consistencyProofPlan(m, n);
      const proof = plan.build(serve(plan.refs), sha256);
      assert.ok(plan.refs.length <= logN ** 2, `refs ${plan.refs.length} from size ${m}`);
      assert.ok(plan.refs.length <= 2 * ceilLog, `refs ${plan.refs.length} from size ${m}`);
      assert.ok(proof.length <= ceilLog + 1, `proof length ${proof.length} from size ${m}`);
      assert.equal(verifyConsistency(sha256, m, n, rootAt(m), rootAt(n), proof), true);
    }
  });

  it('appends read at most log2(n) nodes', () => {
    for (const i of [0, 1, 2 ** 20 - 1, n - 1, 2 ** 52 - 1]) {
      assert.ok(appendPlan(i).refs.length <= Math.max(1, Math.ceil(Math.log2(i + 1))));
    }
    assert.equal(appendPlan(2 ** 20 - 1).refs.length, 20);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// RFC 6962 test vectors from transparency-dev/merkle (see SOURCE.md there); read in place, never copied.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const vectorsDir = resolve(repoRoot, '../shared/testdata/rfc6962');
const haveVectors = existsSync(join(vectorsDir, 'roots.json'));
if (!haveVectors) console.log(`# 跳过 RFC 6962 测试向量：未找到 ${vectorsDir}`);

interface RootsFile {
  leafInputsHex: string[];
  rootHashesHexBySize: string[];
}
interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

/**
 * Vectors whose expectation we deliberately do not follow. Upstream Go compares equal-size roots byte for byte without
 * a length check; our verifier rejects any hash that is not one digest long, as the ledger requires.
 */
const POLICY_OVERRIDES: Record<string, string> = {
  'consistency/additional/sizes-are-equal-one-and-proof-is-empty.json':
    'roots are the 12-byte placeholder "don\'t care 2", not 32-byte hashes',
};

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? jsonFiles(join(dir, d.name)) : d.name.endsWith('.json') ? [join(dir, d.name)] : [],
    )
    .sort();
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

describe('RFC 6962 test vectors (transparency-dev/merkle, SHA-256)', { skip: !haveVectors }, () => {
  const rel = (file: string) => relative(vectorsDir, file).split('\\').join('/');
  const roots = () => readJson<RootsFile>(join(vectorsDir, 'roots.json'));
  // The valid proofs in the vectors are over the same eight leaves; rebuilding them from our own store checks the
  // prover side too.
  const rootsLedger = () => {
    const ledger = new MemoryLedger(sha256);
    for (const leafHex of roots().leafInputsHex) ledger.append(fromHex(leafHex));
    return ledger;
  };

  it('roots.json: appending leaf by leaf gives every published prefix root', () => {
    const { leafInputsHex, rootHashesHexBySize } = roots();
    assert.equal(rootHashesHexBySize.length, leafInputsHex.length + 1);
    assert.equal(hex(rootPlan(0).build(new Map(), sha256)), rootHashesHexBySize[0]);
    const ledger = new MemoryLedger(sha256);
    const nodes = new Map<string, Uint8Array>();
    leafInputsHex.forEach((leafHex, i) => {
      // Append by hand with nodesCompletedBy, then check appendPlan (what the server uses) agrees.
      const leaf = leafHash(sha256, fromHex(leafHex));
      nodes.set(nodeKey({ level: 0, index: i }), leaf);
      for (const ref of nodesCompletedBy(i)) {
        const left = nodes.get(nodeKey({ level: ref.level - 1, index: 2 * ref.index }));
        const right = nodes.get(nodeKey({ level: ref.level - 1, index: 2 * ref.index + 1 }));
        assert.ok(left && right);
        nodes.set(nodeKey(ref), nodeHash(sha256, left, right));
      }
      ledger.append(fromHex(leafHex));
      assert.deepEqual(ledger.nodes, nodes);

      const plan = rootPlan(i + 1);
      assert.equal(hex(plan.build(ledger.fetch(plan.refs), sha256)), rootHashesHexBySize[i + 1], `size ${i + 1}`);
    });
  });

  it('inclusion/: valid proofs verify (and match ours), corrupted ones are rejected', () => {
    const files = jsonFiles(join(vectorsDir, 'inclusion'));
    assert.ok(files.length > 0);
    const ledger = rootsLedger();
    let accepted = 0;
    let rebuilt = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const v = readJson<InclusionVector>(file);
      const proof = (v.proof ?? []).map(fromB64);
      const got = verifyInclusion(sha256, v.leafIdx, v.treeSize, fromB64(v.leafHash), proof, fromB64(v.root));
      const want = POLICY_OVERRIDES[rel(file)] ? false : !v.wantErr;
      if (got !== want) wrong.push(`${rel(file)}: got ${got}, want ${want}`);
      if (got) accepted++;
      if (!v.wantErr && v.treeSize <= ledger.size) {
        const plan = inclusionProofPlan(v.leafIdx, v.treeSize);
        assert.deepEqual(plan.build(ledger.fetch(plan.refs), sha256).map(hex), proof.map(hex), rel(file));
        rebuilt++;
      }
    }
    assert.deepEqual(wrong, []);
    console.log(`# RFC 6962 inclusion vectors: ${files.length} files, ${accepted} accepted, ${files.length - accepted} rejected,
#   ${rebuilt} valid proofs rebuilt identically from the roots.json tree`);
  });

  it('consistency/: valid proofs verify (and match ours), corrupted ones are rejected', () => {
    const files = jsonFiles(join(vectorsDir, 'consistency'));
    assert.ok(files.length > 0);
    const ledger = rootsLedger();
    let accepted = 0;
    let rebuilt = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const v = readJson<ConsistencyVector>(file);
      const proof = (v.proof ?? []).map(fromB64);
      const got = verifyConsistency(sha256, v.size1, v.size2, fromB64(v.root1), fromB64(v.root2), proof);
      const want = POLICY_OVERRIDES[rel(file)] ? false : !v.wantErr;
      if (got !== want) wrong.push(`${rel(file)}: got ${got}, want ${want}`);
      if (got) accepted++;
      if (!v.wantErr && v.size1 > 0 && v.size2 <= ledger.size && v.root1.length === 44) {
        const plan = consistencyProofPlan(v.size1, v.size2);
        assert.deepEqual(plan.build(ledger.fetch(plan.refs), sha256).map(hex), proof.map(hex), rel(file));
        rebuilt++;
      }
    }
    assert.deepEqual(wrong, []);
    console.log(`# RFC 6962 consistency vectors: ${files.length} files, ${accepted} accepted, ${files.length - accepted} rejected,
#   ${rebuilt} valid proofs rebuilt identically; overridden by policy: ${Object.keys(POLICY_OVERRIDES).join(', ')}`);
  });
});
