import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createNoteSigner,
  generateSm2KeyPair,
  leafHash,
  noteVerifier,
  openCheckpoint,
  parseVerifierKey,
  signCheckpoint,
  verifyInclusion,
} from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import { buildServer, SERVER_DIR } from '../src/builtServer.js';
import { ledgerCheckpoints } from '../src/db/schema.js';
import { createCheckpoint } from '../src/modules/ledger/checkpoints.js';
import { entryBatches } from '../src/modules/ledger/entryBatches.js';
import { BatchCursor } from '../src/modules/ledger/entryTuples.js';
import { fromHex, utf8 } from '../src/modules/ledger/ledgerHasher.js';
import { keyPaths, loadLedgerKeys, verifierOf } from '../src/modules/ledger/ledgerKeys.js';
import { appendEntry, ledgerParams, rootHash, treeSize } from '../src/modules/ledger/ledgerStore.js';
import { verifyLedger } from '../src/modules/ledger/verifyLedger.js';
import { call, login, startTestApp, type TestApp } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const TABLES = ['ledger_entries', 'ledger_nodes', 'ledger_checkpoints', 'ledger_cosignatures'];

/** Raw rows of `execute` (both drivers answer `{ rows }`). */
async function query<T>(t: TestApp, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(statement)) as unknown as { rows: T[] }).rows;
}

async function withoutTriggers(t: TestApp, statements: ReturnType<typeof sql>[]) {
  for (const table of TABLES) await t.database.db.execute(sql.raw(`alter table ${table} disable trigger user`));
  for (const s of statements) await t.database.db.execute(s);
  for (const table of TABLES) await t.database.db.execute(sql.raw(`alter table ${table} enable trigger user`));
}

function keysOf(t: TestApp) {
  const keys = loadLedgerKeys('sanxiang.test/app', t.keysDir);
  return { keys, logKey: verifierOf(keys.log), witnessKey: verifierOf(keys.witness) };
}

async function verify(t: TestApp, withWitnessState = false) {
  const { keys, logKey, witnessKey } = keysOf(t);
  const witnessState = withWitnessState ? JSON.parse(readFileSync(keys.witnessStateFile, 'utf8')) : null;
  const report = await verifyLedger(t.database.db, { logKey, witnessKey, witnessState, batchSize: 16, workers: 0 });
  // The same checks in a worker thread, as a large ledger runs them, must find exactly the same.
  const inWorkers = await verifyLedger(t.database.db, { logKey, witnessKey, witnessState, batchSize: 16, workers: 2 });
  assert.deepEqual(inWorkers, report);
  // Batches of 16 join the tree as subtrees where they can; of 7, never: leaf by leaf, the same findings.
  const leafByLeaf = await verifyLedger(t.database.db, { logKey, witnessKey, witnessState, batchSize: 7, workers: 0 });
  assert.deepEqual(leafByLeaf, report);
  return report;
}

describe(`checkpoints, proofs and the verifier (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('signs a checkpoint as the log and has the witness co-sign it (C2SP signed note, SM2)', async () => {
    const admin = await login(t.app, 'admin');
    const res = await call(t.app, admin, 'POST', '/api/ledger/checkpoints');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().witnessed, true);
    const keys = (await call(t.app, null, 'GET', '/api/ledger/keys')).json();
    assert.equal(keys.hashAlg, 'sm3');
    const opened = openCheckpoint(res.json().note, [parseVerifierKey(keys.log), parseVerifierKey(keys.witness)], {
      origin: keys.origin,
    });
    assert.deepEqual(opened.verifiedBy.sort(), [`${keys.origin}/witness`, keys.origin].sort());
    assert.equal(opened.checkpoint.size, await treeSize(t.database.db));
    assert.match(res.json().note, /^sanxiang\.test\/app\n\d+\n[A-Za-z0-9+/=]+\ntime \d{4}-/);
  });

  it('proves any entry of the trail is in the signed tree, checked with nothing but the public keys', async () => {
    const s = await login(t.app, 'zhifa');
    const me = (await call(t.app, s, 'GET', '/api/auth/me')).json();
    const trail = await call(t.app, s, 'GET', `/api/ledger/trail?subjectType=officer&subjectId=${me.user.officerId}`);
    assert.equal(trail.statusCode, 200);
    assert.equal(trail.json()[0].action, 'officer.create');
    const seq = trail.json()[0].seq;
    const proof = (await call(t.app, s, 'GET', `/api/ledger/entries/${seq}/proof`)).json();
    const keys = (await call(t.app, null, 'GET', '/api/ledger/keys')).json();
    const { checkpoint } = openCheckpoint(proof.checkpoint, [parseVerifierKey(keys.log)]);
    const { hasher } = await ledgerParams(t.database.db);
    const leaf = leafHash(hasher, utf8(proof.entry));
    const path = proof.proof.map(fromHex);
    assert.ok(verifyInclusion(hasher, seq, checkpoint.size, leaf, path, checkpoint.rootHash));
    const altered = utf8(proof.entry.replace('officer.create', 'officer.delete'));
    assert.equal(
      verifyInclusion(hasher, seq, checkpoint.size, leafHash(hasher, altered), path, checkpoint.rootHash),
      false,
    );
  });

  it('accepts the untouched ledger', async () => {
    const report = await verify(t);
    assert.equal(report.problem, undefined);
    assert.ok(report.ok);
    assert.equal(report.entries, await treeSize(t.database.db));
    assert.equal(report.witnessed, report.checkpoints);
  });

  it('checks entries in worker threads started from the built JavaScript (npm start) as from the sources', async () => {
    buildServer();
    const built: typeof import('../src/modules/ledger/verifyLedger.js') = await import(
      pathToFileURL(join(SERVER_DIR, 'dist/modules/ledger/verifyLedger.js')).href
    );
    const { logKey, witnessKey } = keysOf(t);
    const fromSources = await verifyLedger(t.database.db, { logKey, witnessKey, batchSize: 16, workers: 2 });
    assert.ok(fromSources.ok);
    assert.deepEqual(
      await built.verifyLedger(t.database.db, { logKey, witnessKey, batchSize: 16, workers: 2 }),
      fromSources,
    );
  });

  it('reads entries with characters beyond U+FFFF in every field, and still names a changed one', async () => {
    const { seq } = await t.database.db.transaction((tx) =>
      appendEntry(tx, {
        actor: { userId: null, name: '𠮷野家 😀' },
        agencyId: 1,
        subjectType: 'officer',
        subjectId: '甲𠀀',
        action: 'officer.update',
        payload: { reason: '𠀀 "引号" \\ 与 \n 换行', changes: { name: { from: '𠮷', to: '吉' } } },
      }),
    );
    for (const batchSize of [1, 16, 5000]) {
      const { logKey, witnessKey } = keysOf(t);
      const report = await verifyLedger(t.database.db, { logKey, witnessKey, batchSize });
      assert.equal(report.problem, undefined);
      assert.equal(report.entries, seq + 1);
    }
    const [row] = await query<{ payload: string }>(t, sql`select payload from ledger_entries where seq = ${seq}`);
    assert.ok(row);
    await withoutTriggers(t, [
      sql`update ledger_entries set payload = ${row.payload.replace('𠀀', '𠀁')} where seq = ${seq}`,
    ]);
    try {
      const report = await verify(t);
      assert.match(report.problem ?? '', new RegExp(`第 ${seq} 条记录（officer\\.update）的变更内容与其摘要不符`));
    } finally {
      await withoutTriggers(t, [sql`update ledger_entries set payload = ${row.payload} where seq = ${seq}`]);
    }
    assert.ok((await verify(t)).ok);
  });
  it('reads every entry once, whole and in order, in batches of any size, across the reads of a large ledger', async () => {
    // Entries of ~6 KB, so the COPY arrives in many socket reads and tuples are cut between them.
    for (let i = 0; i < 120; i++) {
      await t.database.db.transaction((tx) =>
        appendEntry(tx, {
          actor: { userId: null, name: '批量' },
          agencyId: 1,
          subjectType: 'officer',
          subjectId: `大${i}`,
          action: 'officer.update',
          payload: { note: `第${i}条：${'执法记录𠀀'.repeat(300 + i)}` },
        }),
      );
    }
    const rows = await query<{ seq: number | string; entry: string; payload: string; subject_id: string }>(
      t,
      sql`select seq, entry, payload, subject_id from ledger_entries order by seq`,
    );
    for (const size of [1, 7, 16, 4096]) {
      const seen: string[] = [];
      for await (const batch of entryBatches(t.database.db, size)) {
        assert.ok(batch.count <= size);
        new BatchCursor(batch).each((r) => {
          const text = Buffer.from(r.leafInput.subarray(1)).toString('utf8');
          seen.push(`${r.seq} ${text} ${Buffer.from(r.payload).toString('utf8')} ${r.subjectId()}`);
          return true;
        });
      }
      assert.deepEqual(
        seen,
        rows.map((r) => `${r.seq} ${r.entry} ${r.payload} ${r.subject_id}`),
        `batches of ${size}`,
      );
    }
    // Stopping early lets go of the read: the same database is read again at once.
    for await (const batch of entryBatches(t.database.db, 5)) {
      assert.equal(batch.count, 5);
      break;
    }
    assert.ok((await verify(t)).ok);
  });
});

describe(`tampering is detected and named (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await createCheckpoint(t.database.db, keysOf(t).keys);
  });
  after(() => t.close());

  // Each case tampers, checks, and undoes by restoring the original rows.
  async function tamperAndRestore(
    statements: ReturnType<typeof sql>[],
    restore: ReturnType<typeof sql>[],
    expect: RegExp,
  ) {
    await withoutTriggers(t, statements);
    try {
      const report = await verify(t);
      assert.equal(report.ok, false);
      assert.match(report.problem ?? '', expect);
    } finally {
      await withoutTriggers(t, restore);
    }
    assert.ok((await verify(t)).ok, 'restored');
  }

  it('one changed byte of a payload', async () => {
    const [row] = await query<{ payload: string }>(t, sql`select payload from ledger_entries where seq = 5`);
    assert.ok(row);
    await tamperAndRestore(
      [sql`update ledger_entries set payload = ${row.payload.replace('示', '亓')} where seq = 5`],
      [sql`update ledger_entries set payload = ${row.payload} where seq = 5`],
      /第 5 条记录.*内容被改动/,
    );
  });

  it('a changed node of the stored tree (ledger_nodes) on its right edge', async () => {
    const size = await treeSize(t.database.db);
    // The largest perfect subtree of the edge: its first leaf is entry 0.
    const level = Math.floor(Math.log2(size));
    const [node] = await query<{ hash: string }>(
      t,
      sql`select hash from ledger_nodes where level = ${level} and idx = 0`,
    );
    assert.ok(node);
    const forged = `${node.hash[0] === '0' ? '1' : '0'}${node.hash.slice(1)}`;
    await tamperAndRestore(
      [sql`update ledger_nodes set hash = ${forged} where level = ${level} and idx = 0`],
      [sql`update ledger_nodes set hash = ${node.hash} where level = ${level} and idx = 0`],
      new RegExp(`存储的树节点（第 ${level} 层第 0 个.*与记录算出的不一致`),
    );
  });

  it('a deleted entry', async () => {
    const [row] = await query<Record<string, unknown>>(t, sql`select * from ledger_entries where seq = 7`);
    assert.ok(row);
    await tamperAndRestore(
      [sql`delete from ledger_entries where seq = 7`],
      [
        sql`insert into ledger_entries (seq, created_at, actor_user_id, agency_id, subject_type, subject_id, action, entry, payload)
            values (7, ${String(row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at)}, ${row.actor_user_id as number | null}, ${row.agency_id as number | null}, ${row.subject_type as string}, ${row.subject_id as string}, ${row.action as string}, ${row.entry as string}, ${row.payload as string})`,
      ],
      /第 7 条记录缺失/,
    );
  });

  it('a deleted entry after the last checkpoint, where a read batch ends', async () => {
    const admin = await login(t.app, 'admin');
    const size = await treeSize(t.database.db);
    for (const phone of ['0870-6100011', '0870-6100012']) {
      assert.equal((await call(t.app, admin, 'PATCH', '/api/agencies/1', { officePhone: phone })).statusCode, 200);
    }
    const [row] = await query<Record<string, unknown>>(t, sql`select * from ledger_entries where seq = ${size}`);
    assert.ok(row);
    await withoutTriggers(t, [sql`delete from ledger_entries where seq = ${size}`]);
    try {
      // Entry `size` would be the last of the first batch: the gap must not read as the end.
      const { logKey, witnessKey } = keysOf(t);
      const report = await verifyLedger(t.database.db, { logKey, witnessKey, batchSize: size + 1 });
      assert.equal(report.ok, false);
      assert.match(report.problem ?? '', new RegExp(`第 ${size} 条记录缺失（下一条是第 ${size + 1} 条）`));
    } finally {
      await withoutTriggers(t, [
        sql`insert into ledger_entries (seq, created_at, actor_user_id, agency_id, subject_type, subject_id, action, entry, payload)
            values (${size}, ${String(row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at)}, ${row.actor_user_id as number | null}, ${row.agency_id as number | null}, ${row.subject_type as string}, ${row.subject_id as string}, ${row.action as string}, ${row.entry as string}, ${row.payload as string})`,
      ]);
    }
    assert.ok((await verify(t)).ok);
  });

  it('two entries swapped, even with their sequence numbers rewritten to match', async () => {
    type Row = {
      seq: number;
      entry: string;
      payload: string;
      action: string;
      subject_type: string;
      subject_id: string;
    };
    const rows = await query<Row>(
      t,
      sql`select seq, entry, payload, action, subject_type, subject_id from ledger_entries where seq in (3, 4) order by seq`,
    );
    const [a, b] = rows;
    assert.ok(a && b);
    const put = (seq: number, r: Row, entry = r.entry) =>
      sql`update ledger_entries set entry = ${entry}, payload = ${r.payload}, action = ${r.action},
          subject_type = ${r.subject_type}, subject_id = ${r.subject_id} where seq = ${seq}`;
    // Canonical JSON with the sequence number rewritten: what a careful forger would write.
    const renumber = (entry: string, seq: number) => {
      const e = { ...JSON.parse(entry), seq };
      return JSON.stringify(Object.fromEntries(Object.entries(e).sort(([x], [y]) => (x < y ? -1 : 1))));
    };
    await tamperAndRestore([put(3, b), put(4, a)], [put(3, a), put(4, b)], /第 3 条记录自身写明的序号是 4/);
    await tamperAndRestore(
      [put(3, b, renumber(b.entry, 3)), put(4, a, renumber(a.entry, 4))],
      [put(3, a), put(4, b)],
      /根哈希与树大小 \d+ 的检查点不符/,
    );
  });

  it('an entry rewritten as valid JSON, under a checkpoint that ends a batch exactly and under one inside a batch', async () => {
    // Batches of 16 join the tree as one subtree each: the root must still be compared at a checkpoint
    // on their boundary, and one falling inside a batch must make that batch go leaf by leaf.
    const append = async (upTo: number) => {
      for (let size = await treeSize(t.database.db); size < upTo; size++) {
        await t.database.db.transaction((tx) =>
          appendEntry(tx, {
            actor: { userId: null, name: '测试' },
            agencyId: 1,
            subjectType: 'officer',
            subjectId: '1',
            action: 'officer.update',
            payload: { size },
          }),
        );
      }
    };
    const { keys } = keysOf(t);
    const boundary = (Math.floor((await treeSize(t.database.db)) / 16) + 2) * 16;
    await append(boundary);
    await createCheckpoint(t.database.db, keys);
    await append(boundary + 5);
    await createCheckpoint(t.database.db, keys);
    await append(boundary + 16 + 3);
    assert.ok((await verify(t)).ok);
    for (const seq of [boundary - 1, boundary + 4]) {
      const [row] = await query<{ entry: string }>(t, sql`select entry from ledger_entries where seq = ${seq}`);
      assert.ok(row);
      // Every field the entry checks look at stays right: only the tree can tell.
      const forged = row.entry.replace(/"time":"[^"]+"/, '"time":"2020-01-01T00:00:00.000Z"');
      assert.notEqual(forged, row.entry);
      const covering = seq < boundary ? boundary : boundary + 5;
      await tamperAndRestore(
        [sql`update ledger_entries set entry = ${forged} where seq = ${seq}`],
        [sql`update ledger_entries set entry = ${row.entry} where seq = ${seq}`],
        new RegExp(`前 ${covering} 条记录算出的根哈希与树大小 ${covering} 的检查点不符`),
      );
    }
  });

  it('a replaced tail re-signed with a key that is not the log key', async () => {
    const [cp] = await t.database.db.select().from(ledgerCheckpoints);
    assert.ok(cp);
    const forger = createNoteSigner('sanxiang.test/app', generateSm2KeyPair().privateKeyHex);
    const { origin } = await ledgerParams(t.database.db);
    const forged = signCheckpoint(
      { origin, size: cp.size, rootHash: fromHex(cp.rootHash), time: '2026-01-01T00:00:00Z' },
      forger,
    );
    await tamperAndRestore(
      [sql`update ledger_checkpoints set note = ${forged} where size = ${cp.size}`],
      [sql`update ledger_checkpoints set note = ${cp.note} where size = ${cp.size}`],
      new RegExp(`检查点（树大小 ${cp.size}）`),
    );
    assert.ok(noteVerifier(forger.name, forger.publicKeyHex));
  });

  it('a rollback to an older backup after a witnessed checkpoint: the witness refuses and the verifier names it', async () => {
    const admin = await login(t.app, 'admin');
    const before = await treeSize(t.database.db);
    // A few more changes and a witnessed checkpoint over them.
    for (const phone of ['0870-6100001', '0870-6100002']) {
      const r = await call(t.app, admin, 'PATCH', '/api/agencies/1', { officePhone: phone });
      assert.equal(r.statusCode, 200);
    }
    const witnessed = await createCheckpoint(t.database.db, keysOf(t).keys);
    assert.equal(witnessed?.size, before + 2);
    assert.ok((await verify(t, true)).ok);
    // The database is restored from a backup taken before those changes…
    await withoutTriggers(t, [
      sql`delete from ledger_cosignatures where size > ${before}`,
      sql`delete from ledger_checkpoints where size > ${before}`,
      sql`delete from ledger_nodes where (idx + 1) * power(2, level) > ${before}`,
      sql`delete from ledger_entries where seq >= ${before}`,
    ]);
    const report = await verify(t, true);
    assert.equal(report.ok, false);
    assert.match(report.problem ?? '', /见证方已联署树大小 \d+ 的检查点.*回滚/);
    // …and life goes on with different changes: the witness will not co-sign the fork.
    await call(t.app, admin, 'PATCH', '/api/agencies/1', { officePhone: '0870-6199999' });
    await call(t.app, admin, 'PATCH', '/api/agencies/1', { address: '另一个地址' });
    await call(t.app, admin, 'PATCH', '/api/agencies/1', { complaintPhone: '12345' });
    await assert.rejects(createCheckpoint(t.database.db, keysOf(t).keys), /见证方拒绝联署/);
    assert.equal(await treeSize(t.database.db), before + 3);
    assert.ok((await rootHash(t.database.db, before + 3)).length === 32);
    assert.ok(keyPaths(t.keysDir).witnessState.startsWith(join(t.keysDir)));
  });
});
