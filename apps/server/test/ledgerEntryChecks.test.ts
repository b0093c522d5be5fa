import assert from 'node:assert/strict';
import { hash } from 'node:crypto';
import { describe, it } from 'node:test';
import { leafHash, nodeHash } from '@sanxiang/domain';
import { checkBatch } from '../src/modules/ledger/entryChecks.js';
import { BatchCursor, type EntryBatch } from '../src/modules/ledger/entryTuples.js';
import { nodeHasher } from '../src/modules/ledger/ledgerHasher.js';
import { canonicalJson } from '../src/modules/ledger/ledgerStore.js';

// The verifier's per-entry checks on batches built by hand, as the database's binary COPY sends
// them: the fast JSON scan against JSON.parse, and the subtree a full batch hands to the tree.

interface Row {
  seq: number;
  entry: Buffer;
  payload: string;
  action: string;
  type: string;
  id: string;
}

/** One binary COPY tuple: int16 6 · int32 8 · int64 seq · (int32 length · bytes) × 5. */
function tuple(r: Row): Buffer {
  const head = Buffer.alloc(14);
  head.writeInt16BE(6, 0);
  head.writeInt32BE(8, 2);
  head.writeBigInt64BE(BigInt(r.seq), 6);
  const fields = [r.entry, ...[r.payload, r.action, r.type, r.id].map((s) => Buffer.from(s))].flatMap((f) => {
    const length = Buffer.alloc(4);
    length.writeInt32BE(f.length);
    return [length, f];
  });
  return Buffer.concat([head, ...fields]);
}

const batchOf = (rows: Row[]): EntryBatch => ({ count: rows.length, bytes: Buffer.concat(rows.map(tuple)) });

const payloadOf = (seq: number) => canonicalJson({ seq, note: '检查“引号”与 \\ 及 𠀀' });
const digestHex = (payload: string) => hash('sm3', payload, 'hex');

function row(seq: number): Row {
  const payload = payloadOf(seq);
  const entry = canonicalJson({
    v: 1,
    seq,
    time: '2026-11-30T08:00:00.000Z',
    actor: { userId: 3, name: '张 三' },
    agencyId: 1,
    subject: { type: 'officer', id: `甲${seq}` },
    action: 'officer.update',
    payloadHash: digestHex(payload),
  });
  return { seq, entry: Buffer.from(entry), payload, action: 'officer.update', type: 'officer', id: `甲${seq}` };
}

/** The exact check, straight from JSON.parse: what the fast scan may only ever agree with. */
function rightByJsonParse(r: Row): boolean {
  let e: { seq?: unknown; payloadHash?: unknown; action?: unknown; subject?: { type?: unknown; id?: unknown } };
  try {
    e = JSON.parse(r.entry.toString('utf8'));
  } catch {
    return false;
  }
  return (
    typeof e === 'object' &&
    e !== null &&
    e.seq === r.seq &&
    e.payloadHash === digestHex(r.payload) &&
    e.action === r.action &&
    e.subject?.type === r.type &&
    e.subject?.id === r.id
  );
}

/** simple() on one row, as the entry checks call it. */
function simple(r: Row): boolean {
  const batch = batchOf([r]);
  let answer = false;
  new BatchCursor(batch).each((record) => {
    answer = record.simple(hash('sm3', record.payload, 'binary'));
    return true;
  });
  return answer;
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const withEntry = (r: Row, text: string): Row => ({ ...r, entry: Buffer.from(text) });

describe('the verifier’s entry checks', () => {
  it('takes the fast path for the entries the ledger writes, and for the same with whitespace', () => {
    const r = row(5);
    assert.equal(simple(r), true);
    assert.equal(simple(withEntry(r, JSON.stringify(JSON.parse(r.entry.toString()), null, 2))), true);
  });

  it('never answers "right" where JSON.parse does not: hand-picked traps', () => {
    const r = row(5);
    const text = r.entry.toString();
    const hex = digestHex(r.payload);
    const traps: [string, string][] = [
      ['a second seq, which JSON.parse keeps', text.replace(/}$/, ',"seq":6}')],
      ['an escaped key spelling seq', text.replace(/}$/, ',"s\\u0065q":6}')],
      ['a second subject', text.replace(/}$/, ',"subject":{"id":"甲5","type":"case"}}')],
      ['a second id inside subject', text.replace('"type":"officer"}', '"type":"officer","id":"乙"}')],
      ['the digest in capitals', text.replace(hex, hex.toUpperCase())],
      ['the digest escaped', text.replace(hex, `\\u00${hex.charCodeAt(0).toString(16)}${hex.slice(1)}`)],
      ['the digest one digit short', text.replace(hex, hex.slice(1))],
      ['the digest as a number', text.replace(`"${hex}"`, '1')],
      ['an action that differs', text.replace('officer.update', 'officer.create')],
      ['an action escaped', text.replace('officer.update', 'officer\\u002eupdate')],
      ['seq with a leading zero', text.replace('"seq":5', '"seq":05')],
      ['seq as 5.0', text.replace('"seq":5', '"seq":5.0')],
      ['seq as a string', text.replace('"seq":5', '"seq":"5"')],
      ['a trailing comma', text.replace(/}$/, ',}')],
      ['a missing brace', text.slice(0, -1)],
      ['bytes after the object', `${text}x`],
      ['a control character in a string', text.replace('张 三', '张\u0001三')],
      ['an invalid escape', text.replace('张 三', '张\\x三')],
      ['an array at the top', `[${text}]`],
      ['deep nesting', text.replace(/}$/, `,"deep":${'['.repeat(70)}${']'.repeat(70)}}`)],
    ];
    for (const [what, entry] of traps) {
      const trap = withEntry(r, entry);
      if (simple(trap)) assert.equal(rightByJsonParse(trap), true, what);
    }
    // A column whose bytes, quote included, stand unescaped in the entry: not JSON.
    const raw = withEntry({ ...r, id: '甲5"' }, text.replace('"id":"甲5"', '"id":"甲5""'));
    assert.equal(simple(raw), false);
    // Index columns with a quote or a backslash: the JSON escapes them, so the scan defers.
    const quoted = { ...row(5), id: '甲"5\\' };
    const parsed = JSON.parse(quoted.entry.toString());
    parsed.subject.id = quoted.id;
    const q = withEntry(quoted, canonicalJson(parsed));
    assert.equal(rightByJsonParse(q), true);
    assert.equal(simple(q), false);
    assert.equal(checkBatch(batchOf([q]), 5, 'sm3', false).problem, undefined, 'decided right by the exact path');
  });

  it('never answers "right" where JSON.parse does not: 20 000 random changes of bytes', () => {
    const next = random(20261130);
    const base = row(123);
    const alphabet = Buffer.from('{}[]":,\\u0123456789abcdefseqidtypeactionsubjectpayloadHash \t\n\u0001\u00e7');
    let fast = 0;
    for (let k = 0; k < 20_000; k++) {
      const bytes = Buffer.from(base.entry);
      for (let m = 0, changes = 1 + next(3); m < changes; m++) {
        const at = next(bytes.length);
        bytes[at] = alphabet[next(alphabet.length)] as number;
      }
      const r = { ...base, entry: bytes };
      if (simple(r)) {
        fast++;
        assert.equal(rightByJsonParse(r), true, bytes.toString('latin1'));
      }
    }
    // Changes inside the actor's name or the time leave the entry right: the fast path takes some.
    assert.ok(fast > 0);
  });

  it('checks a batch of a power of two as its RFC 6962 subtree, or hands back its leaves', () => {
    const h = nodeHasher('sm3');
    const mth = (leaves: Uint8Array[]): Uint8Array => {
      if (leaves.length === 1) return leaves[0] as Uint8Array;
      let k = 1;
      while (k * 2 < leaves.length) k *= 2;
      return nodeHash(h, mth(leaves.slice(0, k)), mth(leaves.slice(k)));
    };
    const rows = Array.from({ length: 16 }, (_, i) => row(32 + i));
    const leaves = rows.map((r) => leafHash(h, r.entry));
    const asSubtree = checkBatch(batchOf(rows), 32, 'sm3', true);
    assert.deepEqual(asSubtree, {
      count: 16,
      root: Buffer.from(mth(leaves)).toString('latin1'),
      problem: undefined,
    });
    const asLeaves = checkBatch(batchOf(rows), 32, 'sm3', false);
    assert.deepEqual(asLeaves, { count: 16, leaves: Buffer.concat(leaves), problem: undefined });
    assert.throws(() => checkBatch(batchOf(rows.slice(0, 7)), 32, 'sm3', true), /7 entries are no subtree/);
    // A problem stops the batch: no root; as leaves, those of the entries before it.
    const broken = rows.map((r, i) => (i === 9 ? { ...r, payload: `${r.payload} ` } : r));
    for (const subtree of [true, false]) {
      const stopped = checkBatch(batchOf(broken), 32, 'sm3', subtree);
      assert.equal(stopped.root, undefined);
      assert.equal(stopped.count, 9);
      assert.deepEqual(stopped.leaves, subtree ? undefined : Buffer.concat(leaves.slice(0, 9)));
      assert.match(stopped.problem ?? '', /第 41 条记录（officer\.update）的变更内容与其摘要不符/);
    }
  });
});
