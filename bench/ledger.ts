/**
 * Ledger benchmark (issue 3): append rate through the function alone and through the HTTP API,
 * on PGlite and on PostgreSQL (when DATABASE_URL is set); proof generation and full
 * verification on a large ledger, against the raw hash speed of this machine on the same bytes.
 *
 *   npm run bench:ledger                                   PGlite only, N = 100 000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres N=1000000 npm run bench:ledger
 *   ENGINES=postgres …                                     one engine only
 *   RUNS=5 …                                               verification runs per size (median; default 3)
 *
 * Verification is measured at two sizes, N/10 and N, in one database that grows between them,
 * so that its memory can be compared as n grows. Each run is preceded by one pass of raw hashing
 * over 50 000 entries spread over the ledger, on the very bytes the verifier must hash: each
 * payload and each 0x00 ‖ entry, one call each, with the fastest node:crypto API (one-shot
 * `crypto.hash()`); the ratio is median verifier rate / median raw rate (both under the same load
 * on this shared machine), and is also given against the best raw pass, against createHash() and
 * against `openssl speed` (C, no JavaScript call per hash) on the same sizes. Not counted in the
 * verifier's bytes but done by it: one node hash H(0x01 ‖ left ‖ right) per entry, the JSON
 * checks, reading the database, the checkpoints' signatures.
 */

import { spawn, spawnSync } from 'node:child_process';
import { createHash, hash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { appendPlan, leafHash, nodeKey, verifyInclusion } from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/connection.js';
import { ledgerEntries } from '../apps/server/src/db/schema.js';
import { loadDemoData } from '../apps/server/src/demo/demoData.js';
import { buildApp } from '../apps/server/src/http/app.js';
import { createCheckpoint } from '../apps/server/src/modules/ledger/checkpoints.js';
import { defaultWorkers } from '../apps/server/src/modules/ledger/entryCheckPool.js';
import { nodeHasher, toHex } from '../apps/server/src/modules/ledger/ledgerHasher.js';
import { loadLedgerKeys, verifierOf } from '../apps/server/src/modules/ledger/ledgerKeys.js';
import {
  appendEntry,
  canonicalJson,
  ensureLedger,
  inclusionProof,
  rootHash,
} from '../apps/server/src/modules/ledger/ledgerStore.js';
import { verifyLedger } from '../apps/server/src/modules/ledger/verifyLedger.js';
import { ensureRegions } from '../apps/server/src/modules/registry/regionData.js';

import { freshDb } from './freshDatabase.js';

const N = Number(process.env.N ?? 100_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const rss = () => Math.round(process.memoryUsage().rss / 1048576);

const actor = { userId: null, name: '基准测试' };

async function appendRate(d: Database, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await d.db.transaction((tx) =>
      appendEntry(tx, {
        actor,
        agencyId: 1,
        subjectType: 'bench',
        subjectId: i,
        action: 'bench.append',
        payload: { i },
      }),
    );
  }
  return n / ((performance.now() - t0) / 1000);
}

async function apiRate(d: Database, n: number, keysDir: string): Promise<number> {
  await ensureRegions(d.db);
  await loadDemoData(d.db);
  const app = await buildApp({
    config: { secureCookies: false, sessionHours: 1, logLevel: 'silent' },
    database: d,
    ledgerKeys: loadLedgerKeys('bench', keysDir),
    logger: false,
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'yjadmin', password: 'Sanxiang@2026' },
  });
  const cookie = `sx_session=${login.cookies.find((c) => c.name === 'sx_session')?.value}`;
  const csrf = login.json().csrfToken as string;
  const agencyId = login.json().user.agency.id as number;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await app.inject({
      method: 'PATCH',
      url: `/api/agencies/${agencyId}`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { officePhone: `0870-6${String(100000 + i).padStart(6, '0')}` },
    });
    if (r.statusCode !== 200) throw new Error(r.body);
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await app.close();
  return rate;
}

/**
 * Fills a ledger up to `to` entries quickly: leaves and nodes computed here, rows inserted in
 * batches through `unnest` (a handful of array parameters per statement instead of thousands).
 * `state` carries the right edge of the tree from one call to the next.
 */
async function bulkFill(d: Database, to: number, state: { size: number; nodes: Map<string, Uint8Array> }) {
  const h = nodeHasher('sm3');
  const { nodes } = state;
  const e = {
    seq: [] as number[],
    time: [] as string[],
    subject: [] as string[],
    entry: [] as string[],
    payload: [] as string[],
  };
  const n = { level: [] as number[], idx: [] as number[], hash: [] as string[] };
  const flush = async () => {
    if (e.seq.length) {
      await d.db.execute(sql`
        insert into ledger_entries (seq, created_at, actor_user_id, agency_id, subject_type, subject_id, action, entry, payload)
        select s, t, null, 1, 'bench', i, 'bench.append', en, p
        from unnest(${sql.param(e.seq)}::bigint[], ${sql.param(e.time)}::timestamptz[], ${sql.param(e.subject)}::text[], ${sql.param(e.entry)}::text[], ${sql.param(e.payload)}::text[]) as x(s, t, i, en, p)`);
      for (const column of Object.values(e)) column.length = 0;
    }
    if (n.level.length) {
      await d.db.execute(sql`
        insert into ledger_nodes (level, idx, hash)
        select * from unnest(${sql.param(n.level)}::int[], ${sql.param(n.idx)}::bigint[], ${sql.param(n.hash)}::text[])`);
      for (const column of Object.values(n)) column.length = 0;
    }
  };
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let seq = state.size; seq < to; seq++) {
    const payload = canonicalJson({ i: seq, note: '批量生成的基准测试记录' });
    const time = new Date(start + seq).toISOString();
    const subjectId = String(seq % 1000);
    const entry = canonicalJson({
      v: 1,
      seq,
      time,
      actor,
      agencyId: 1,
      subject: { type: 'bench', id: subjectId },
      action: 'bench.append',
      payloadHash: toHex(h.digest(Buffer.from(payload))),
    });
    e.seq.push(seq);
    e.time.push(time);
    e.subject.push(subjectId);
    e.entry.push(entry);
    e.payload.push(payload);
    const plan = appendPlan(seq);
    const rows = plan.build(nodes, h, leafHash(h, Buffer.from(entry)));
    for (const r of rows) {
      n.level.push(r.ref.level);
      n.idx.push(r.ref.index);
      n.hash.push(toHex(r.hash));
    }
    // Only the right edge is needed to continue: the left siblings just read leave it, the
    // largest subtree just completed joins it (rows go bottom-up), the rest were never on it.
    for (const ref of plan.refs) nodes.delete(nodeKey(ref));
    const top = rows[rows.length - 1];
    if (top) nodes.set(nodeKey(top.ref), top.hash);
    if (e.seq.length >= 5000) await flush();
  }
  await flush();
  state.size = to;
}

/** Bytes per second hashing each buffer on its own, one pass. */
function rawHashRate(bytes: Buffer[], one: (b: Buffer) => unknown): number {
  const total = bytes.reduce((a, b) => a + b.length, 0);
  const t0 = performance.now();
  for (const b of bytes) one(b);
  return total / ((performance.now() - t0) / 1000);
}

/**
 * `openssl speed` for SM3 at the mean sizes of what is hashed per entry: seconds per entry, or
 * undefined without openssl. C with no call overhead from JavaScript: a ceiling, not a baseline.
 */
function opensslSecondsPerEntry(sizes: number[]): number | undefined {
  let seconds = 0;
  for (const size of sizes) {
    const r = spawnSync('openssl', ['speed', '-seconds', '1', '-evp', 'sm3', '-bytes', String(size)], {
      encoding: 'utf8',
    });
    const m = /sm3\s+([\d.]+)k\s*$/m.exec(r.stdout ?? '');
    if (r.status !== 0 || !m) return undefined;
    seconds += size / (Number(m[1]) * 1000);
  }
  return seconds;
}

async function proofs(engine: string, d: Database, n: number) {
  const h = nodeHasher('sm3');
  const root = await rootHash(d.db, n);
  const times: number[] = [];
  for (let k = 0; k < 50; k++) {
    const seq = Math.floor((k * 7919 * n) / 50) % n;
    const t = performance.now();
    const proof = await inclusionProof(d.db, seq, n);
    times.push(performance.now() - t);
    const [row] = await d.db.select().from(ledgerEntries).where(sql`${ledgerEntries.seq} = ${seq}`);
    if (!row || !verifyInclusion(h, seq, n, leafHash(h, Buffer.from(row.entry)), proof, root))
      throw new Error('bad proof');
  }
  say(`[${engine}] inclusion proof at ${n} entries: median ${median(times).toFixed(2)} ms (50 proofs, all verified)`);
}

const RUNS = Number(process.env.RUNS ?? 3);
// A collection before each run, so that "before" holds no garbage of the fill or the last run.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => Math.round(process.memoryUsage().heapUsed / 1048576);
const load = () => loadavg()[0]?.toFixed(1);

/** The bytes the verifier hashes for each of 50 000 entries spread over the ledger: payload, 0x00 ‖ entry. */
async function hashedBytes(d: Database, size: number) {
  const stride = Math.max(1, Math.floor(size / 50_000));
  const sample = (await d.db.execute(
    sql`select entry, payload from ledger_entries where seq % ${stride} = 0 order by seq limit 50000`,
  )) as unknown as { rows: { entry: string; payload: string }[] };
  const payloads = sample.rows.map((r) => Buffer.from(r.payload));
  const leaves = sample.rows.map((r) => Buffer.from(`\0${r.entry}`));
  const mean = (xs: Buffer[]) => xs.reduce((a, b) => a + b.length, 0) / xs.length;
  return { bytes: payloads.flatMap((p, i) => [p, leaves[i] as Buffer]), payload: mean(payloads), leaf: mean(leaves) };
}

/**
 * Full verification at the ledger's current size, RUNS times, each run preceded by one pass of
 * raw hashing over the sample, so both are measured under the same conditions (this machine is
 * shared); the ratio is taken between medians, and also against the best raw pass (the strictest).
 */
async function verification(
  engine: string,
  d: Database,
  keys: ReturnType<typeof loadLedgerKeys>,
  size: number,
  workers: number,
) {
  const { bytes, payload, leaf } = await hashedBytes(d, size);
  const perEntryBytes = payload + leaf;
  const raw = { hash: [] as number[], createHash: [] as number[] };
  const runs: { seconds: number; rss: number; rssPeak: number; heap: number; heapPeak: number }[] = [];
  const loads: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    raw.hash.push(rawHashRate(bytes, (b) => hash('sm3', b)));
    raw.createHash.push(rawHashRate(bytes, (b) => createHash('sm3').update(b).digest()));
    gc();
    const run = { seconds: 0, rss: rss(), rssPeak: 0, heap: heap(), heapPeak: 0 };
    run.rssPeak = run.rss;
    run.heapPeak = run.heap;
    // The verifier yields to the event loop every 1 000 entries: a timer samples memory throughout.
    const sampler = setInterval(() => {
      run.rssPeak = Math.max(run.rssPeak, rss());
      run.heapPeak = Math.max(run.heapPeak, heap());
    }, 5);
    const t0 = performance.now();
    const report = await verifyLedger(d.db, {
      logKey: verifierOf(keys.log),
      witnessKey: verifierOf(keys.witness),
      workers,
    });
    run.seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    loads.push(loadavg()[0] ?? 0);
    if (!report.ok || report.entries !== size) throw new Error(report.problem ?? `verified ${report.entries}`);
    runs.push(run);
  }
  const openssl = opensslSecondsPerEntry([Math.round(payload), Math.round(leaf)]);

  const seconds = median(runs.map((r) => r.seconds));
  const rate = (size * perEntryBytes) / seconds;
  const rawHash = median(raw.hash);
  const bestHash = Math.max(...raw.hash);
  const rawCreate = median(raw.createHash);
  const mb = (x: number) => (x / 1e6).toFixed(1);
  const range = (xs: number[], f: (x: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
  say(
    `[${engine}] full verification of ${size} entries, ${workers === 0 ? 'checks on the main thread' : `checks in ${workers} worker thread(s)`}, median of ${RUNS} runs (${range(
      runs.map((r) => r.seconds),
      (x) => x.toFixed(2),
    )} s, in order ${runs.map((r) => r.seconds.toFixed(2)).join(' ')}; load ${range(loads, (x) => x.toFixed(1))}): ${seconds.toFixed(2)} s, ${(size / seconds).toFixed(0)} entries/s, ` +
      `${mb(rate)} MB/s of entry+payload bytes (${perEntryBytes.toFixed(0)} B per entry)`,
  );
  say(
    `[${engine}]   raw SM3 on the same bytes (one call per payload and per 0x00‖entry), median of the ${RUNS} passes ` +
      `before the runs: node:crypto hash() ${mb(rawHash)} MB/s → ratio ${(rate / rawHash).toFixed(2)} ` +
      `(best pass ${mb(bestHash)} MB/s → ${(rate / bestHash).toFixed(2)}); createHash() ${mb(rawCreate)} MB/s → ${(rate / rawCreate).toFixed(2)}` +
      (openssl
        ? `; openssl speed (C, no JS) ${mb(perEntryBytes / openssl)} MB/s → ${((rate * openssl) / perEntryBytes).toFixed(2)}`
        : ''),
  );
  const worst = runs.reduce((a, r) => (r.rssPeak - r.rss > a.rssPeak - a.rss ? r : a));
  say(
    `[${engine}]   memory: RSS ${worst.rss} → peak ${worst.rssPeak} MB, JS heap ${worst.heap} → peak ${worst.heapPeak} MB ` +
      `(after a collection; the run with the largest RSS rise)`,
  );
}

const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.error(s);
};

const engines = (process.env.ENGINES ?? `pglite${process.env.DATABASE_URL ? ',postgres' : ''}`).split(',') as (
  | 'pglite'
  | 'postgres'
)[];
for (const engine of engines) {
  const keysDir = mkdtempSync(join(tmpdir(), 'sx-bench-keys-'));
  const small = await freshDb(engine);
  await ensureLedger(small.db, { origin: 'bench' });
  const fn = await appendRate(small, 1000);
  say(`[${engine}] appendEntry alone, 1 entry per transaction: ${fn.toFixed(0)} appends/s (1000 appends)`);
  const api = await apiRate(small, 300, keysDir);
  say(`[${engine}] through the API (PATCH /api/agencies/:id, inject): ${api.toFixed(0)} changes/s (300 requests)`);
  await small.close();

  const big = await freshDb(engine);
  await ensureLedger(big.db, { origin: 'bench' });
  const keys = loadLedgerKeys('bench', keysDir);
  const state = { size: 0, nodes: new Map<string, Uint8Array>() };
  for (const size of [Math.round(N / 10), N]) {
    const t0 = performance.now();
    await bulkFill(big, size, state);
    say(`[${engine}] bulk fill to ${size} entries: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await createCheckpoint(big.db, keys);
    if (size === N) await proofs(engine, big, N);
    await verification(engine, big, keys, size, defaultWorkers());
    await verification(engine, big, keys, size, 0);
  }
  if (engine === 'postgres') {
    // The verifier as operators run it (`npm run verify`), in its own process: time and peak RSS.
    const url = big.url as string;
    const t1 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/verify.ts'], {
      cwd: join(import.meta.dirname, '../apps/server'),
      env: { ...process.env, DATABASE_URL: url, KEYS_DIR: keysDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    let cliPeak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) cliPeak = Math.max(cliPeak, Number(m[1]) / 1024);
      } catch {
        // exited
      }
    }, 50);
    const code = await new Promise((r) => child.on('exit', r));
    clearInterval(poll);
    say(
      `[${engine}] npm run verify (own process) on ${N} entries: exit ${code}, ${((performance.now() - t1) / 1000).toFixed(1)} s, ` +
        `peak RSS ${cliPeak.toFixed(0)} MB (load ${load()}) — ${out.trim()}`,
    );
  }
  await big.close();
  rmSync(keysDir, { recursive: true, force: true });
}
console.log(`\nLedger benchmark (Node ${process.version}, N=${N})\n${lines.map((l) => `  ${l}`).join('\n')}`);
