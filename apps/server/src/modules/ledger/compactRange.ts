import { hash } from 'node:crypto';
import type { HashName } from '@sanxiang/domain';

/** Bytes of a hash: SM3 and SHA-256 alike. */
export const DIGEST_BYTES = 32;
const EMPTY = Buffer.alloc(0);

/**
 * The right edge of an RFC 6962 tree as perfect subtrees, largest first: enough to compute the root
 * of every prefix while streaming, in O(log n) memory whatever the ledger's size. Used by the
 * verifier for the whole tree, and by the entry checks for the subtree of one batch.
 *
 * Hashes are kept as 32-character latin1 strings (one char per byte): node:crypto's one-shot
 * `hash()` returns those for about half the cost of a Buffer, and they are written into one reused
 * 65-byte input (0x01 ‖ left ‖ right), so a node costs one native call and allocates nothing but
 * its result.
 */
export class CompactRange {
  private readonly hashes: string[] = [];
  private count = 0;
  private readonly input = Buffer.alloc(1 + 2 * DIGEST_BYTES);
  constructor(private readonly alg: HashName) {
    this.input[0] = 0x01;
  }
  /** Leaves covered so far. */
  get size(): number {
    return this.count;
  }
  private node(left: string, right: string): string {
    this.input.write(left, 1, 'latin1');
    this.input.write(right, 1 + DIGEST_BYTES, 'latin1');
    return hash(this.alg, this.input, 'binary');
  }
  /** Adds one leaf hash. */
  append(leaf: string) {
    this.appendSubtree(leaf, 0);
  }
  /**
   * Adds the root of a perfect subtree of 2^level leaves; the size so far must be a multiple of
   * 2^level (the subtree is then a node of the whole tree, RFC 6962 §2.1).
   */
  appendSubtree(root: string, level: number) {
    const width = 2 ** level;
    if (this.count % width !== 0) throw new Error(`a subtree of ${width} leaves cannot follow ${this.count}`);
    // Each trailing 1 bit of the size in units of `width` is a perfect subtree as large as the one being carried: merge.
    let h = root;
    for (let n = this.count / width; n % 2 === 1; n = (n - 1) / 2) h = this.node(this.hashes.pop() as string, h);
    this.hashes.push(h);
    this.count += width;
  }
  /** The perfect subtrees of the edge as stored in ledger_nodes: (level, index), largest first. */
  edge(): { level: number; index: number; hash: string }[] {
    const out: { level: number; index: number; hash: string }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (Math.floor(this.count / width) % 2 === 1) {
        out.push({ level, index: start / width, hash: this.hashes[out.length] as string });
        start += width;
      }
    }
    return out;
  }
  /** The root of the leaves so far, one latin1 char per byte. */
  root(): string {
    if (this.hashes.length === 0) return hash(this.alg, EMPTY, 'binary');
    let acc = this.hashes[this.hashes.length - 1] as string;
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = this.node(this.hashes[i] as string, acc);
    return acc;
  }
}
