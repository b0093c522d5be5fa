import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Hasher, leafHash, nodeHash, verifyConsistency, verifyInclusion } from '@sanxiang/domain';
import { asc, sql } from 'drizzle-orm';
import type { Database } from '../src/db/connection.js';
import { ledgerEntries } from '../src/db/schema.js';
import { fromHex, toHex, utf8 } from '../src/modules/ledger/ledgerHasher.js';
import {
  appendEntry,
  consistencyProof,
  ensureLedger,
  inclusionProof,
  ledgerParams,
  rootHash,
  treeSize,
} from '../src/modules/ledger/ledgerStore.js';
import { openTestDatabase } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const actor = { userId: null, name: '测试' };

/** RFC 6962 MTH straight from the definition, over all leaf hashes: the reference the stored tree must match. */
function naiveRoot(h: Hasher, leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return h.digest(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0] as Uint8Array;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(h, naiveRoot(h, leaves.slice(0, k)), naiveRoot(h, leaves.slice(k)));
}

async function leafHashes(d: Database, h: Hasher): Promise<Uint8Array[]> {
  const rows = await d.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => leafHash(h, utf8(r.entry)));
}

for (const hash of ['sm3', 'sha256'] as const) {
  describe(`ledger store, ${hash.toUpperCase()} (${engine})`, () => {
    let d: Database;
    before(async () => {
      d = await openTestDatabase();
      await ensureLedger(d.db, { hash, origin: `sanxiang.test/${hash}` });
    });
    after(() => d.close());

    it('appends entries whose stored tree equals the RFC 6962 tree of their leaves, with valid proofs', async () => {
      const n = 37;
      for (let i = 0; i < n; i++) {
        await d.db.transaction((tx) =>
          appendEntry(tx, {
            actor,
            agencyId: 1,
            subjectType: 'officer',
            subjectId: i % 5,
            action: 'officer.update',
            payload: { i, 名称: `第${i}次`, nested: { b: 2, a: 1 } },
          }),
        );
      }
      const { hasher } = await ledgerParams(d.db);
      assert.equal(hasher.name, hash);
      assert.equal(await treeSize(d.db), n);
      const leaves = await leafHashes(d, hasher);
      for (const size of [1, 2, 3, 8, 13, 16, 31, 37]) {
        const root = await rootHash(d.db, size);
        assert.equal(toHex(root), toHex(naiveRoot(hasher, leaves.slice(0, size))), `root of ${size}`);
        for (let i = 0; i < size; i += 3) {
          const proof = await inclusionProof(d.db, i, size);
          assert.ok(verifyInclusion(hasher, i, size, leaves[i] as Uint8Array, proof, root), `inclusion ${i}/${size}`);
          assert.equal(verifyInclusion(hasher, i, size, leaves[(i + 1) % size] as Uint8Array, proof, root), size === 1);
        }
      }
      for (const [m, k] of [
        [1, 37],
        [8, 13],
        [13, 37],
        [16, 31],
        [36, 37],
      ] as const) {
        const proof = await consistencyProof(d.db, m, k);
        assert.ok(
          verifyConsistency(hasher, m, k, await rootHash(d.db, m), await rootHash(d.db, k), proof),
          `${m}→${k}`,
        );
      }
    });

    it('stores each entry as canonical JSON (RFC 8785) with the hash of its canonical payload', async () => {
      const [row] = await d.db.select().from(ledgerEntries).where(sql`${ledgerEntries.seq} = 0`);
      assert.ok(row);
      assert.equal(row.payload, '{"i":0,"nested":{"a":1,"b":2},"名称":"第0次"}');
      const entry = JSON.parse(row.entry);
      assert.deepEqual(Object.keys(entry), [
        'action',
        'actor',
        'agencyId',
        'payloadHash',
        'seq',
        'subject',
        'time',
        'v',
      ]);
      const { hasher } = await ledgerParams(d.db);
      assert.equal(entry.payloadHash, toHex(hasher.digest(utf8(row.payload))));
    });
  });
}

describe(`ledger tables are append-only (${engine})`, () => {
  let d: Database;
  before(async () => {
    d = await openTestDatabase();
    await ensureLedger(d.db, { origin: 'sanxiang.test/append-only' });
    await d.db.transaction((tx) =>
      appendEntry(tx, { actor, agencyId: null, subjectType: 't', subjectId: 1, action: 't.create', payload: {} }),
    );
  });
  after(() => d.close());

  for (const [what, statement] of [
    ['UPDATE of an entry', sql`update ledger_entries set payload = '{}' where seq = 0`],
    ['DELETE of an entry', sql`delete from ledger_entries where seq = 0`],
    ['TRUNCATE of the entries', sql`truncate ledger_entries cascade`],
    ['UPDATE of a tree node', sql`update ledger_nodes set hash = '00' where level = 0`],
    ['DELETE of a tree node', sql`delete from ledger_nodes`],
    ['UPDATE of the hash algorithm', sql`update ledger_meta set hash_alg = 'sha256'`],
  ] as const) {
    it(`refuses ${what} (S-4)`, async () => {
      await assert.rejects(d.db.execute(statement), (err: Error) => {
        const text = `${err.message} ${String((err as { cause?: Error }).cause?.message ?? '')}`;
        assert.match(text, /LEDGER_APPEND_ONLY/);
        return true;
      });
    });
  }

  it('keeps the hash algorithm of a deployment fixed', async () => {
    await assert.rejects(ensureLedger(d.db, { hash: 'sha256', origin: 'x' }), /不能改为 SHA256/);
    const meta = await ensureLedger(d.db, { hash: 'sm3', origin: 'x' });
    assert.equal(meta?.hashAlg, 'sm3');
  });
});

describe(`ledger concurrency (${engine})`, () => {
  let d: Database;
  before(async () => {
    d = await openTestDatabase();
    await ensureLedger(d.db, { origin: 'sanxiang.test/concurrency' });
  });
  after(() => d.close());

  it('gives parallel transactions distinct, gapless sequence numbers; a rolled-back change leaves no entry and no gap', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        d.db.transaction(async (tx) => {
          const r = await appendEntry(tx, {
            actor,
            agencyId: null,
            subjectType: 'c',
            subjectId: i,
            action: 'c.update',
            payload: { i },
          });
          if (i % 10 === 3) throw new Error('the change itself failed');
          return r.seq;
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    assert.equal(committed, 36);
    const rows = await d.db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.seq));
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: 36 }, (_, i) => i),
    );
    assert.equal(rows.filter((r) => JSON.parse(r.payload).i % 10 === 3).length, 0, 'rolled-back entries are gone');
    const { hasher } = await ledgerParams(d.db);
    const leaves = rows.map((r) => leafHash(hasher, utf8(r.entry)));
    assert.equal(toHex(await rootHash(d.db, 36)), toHex(naiveRoot(hasher, leaves)));
    assert.equal(fromHex(toHex(leaves[0] as Uint8Array)).length, 32);
  });
});
