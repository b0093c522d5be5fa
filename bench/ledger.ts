/**
 * Ledger benchmark (issue 3): append rate through the function alone and through the HTTP API,
 * on PGlite and on PostgreSQL (when DATABASE_URL is set); proof generation and full
 * verification on a large ledger, against the raw hash speed of this machine on the same bytes.
 *
 *   npm run bench:ledger                                   PGlite only, N = 100 000
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres N=1000000 npm run bench:ledger
 *   ENGINES=postgres …                                     one engine only
 */

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendPlan, leafHash, nodeKey, verifyInclusion } from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import type { Database } from '../apps/server/src/db/connection.js';
import { ledgerEntries, ledgerNodes } from '../apps/server/src/db/schema.js';
import { loadDemoData } from '../apps/server/src/demo/demoData.js';
import { buildApp } from '../apps/server/src/http/app.js';
import { createCheckpoint } from '../apps/server/src/modules/ledger/checkpoints.js';
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

/** Fills a ledger with n entries quickly: leaves and nodes computed here, rows inserted in batches. */
async function bulkFill(d: Database, n: number) {
  const h = nodeHasher('sm3');
  const nodes = new Map<string, Uint8Array>();
  const batchE: (typeof ledgerEntries.$inferInsert)[] = [];
  const batchN: (typeof ledgerNodes.$inferInsert)[] = [];
  const flush = async () => {
    if (batchE.length) await d.db.insert(ledgerEntries).values(batchE.splice(0));
    while (batchN.length) await d.db.insert(ledgerNodes).values(batchN.splice(0, 5000));
  };
  const start = new Date();
  for (let seq = 0; seq < n; seq++) {
    const payload = canonicalJson({ i: seq, note: '批量生成的基准测试记录' });
    const time = new Date(start.getTime() + seq).toISOString();
    const entry = canonicalJson({
      v: 1,
      seq,
      time,
      actor,
      agencyId: 1,
      subject: { type: 'bench', id: String(seq % 1000) },
      action: 'bench.append',
      payloadHash: toHex(h.digest(Buffer.from(payload))),
    });
    batchE.push({
      seq,
      createdAt: new Date(time),
      actorUserId: null,
      agencyId: 1,
      subjectType: 'bench',
      subjectId: String(seq % 1000),
      action: 'bench.append',
      entry,
      payload,
    });
    const plan = appendPlan(seq);
    const rows = plan.build(nodes, h, leafHash(h, Buffer.from(entry)));
    for (const r of rows) {
      nodes.set(nodeKey(r.ref), r.hash);
      batchN.push({ level: r.ref.level, idx: r.ref.index, hash: toHex(r.hash) });
    }
    // Only the right edge is needed to continue: drop what no later append reads.
    for (const ref of plan.refs) nodes.delete(nodeKey(ref));
    if (batchE.length >= 2000) await flush();
  }
  await flush();
}

async function rawHashRate(bytes: Buffer[]): Promise<number> {
  const total = bytes.reduce((a, b) => a + b.length, 0);
  const t0 = performance.now();
  for (const b of bytes) createHash('sm3').update(b).digest();
  return total / ((performance.now() - t0) / 1000);
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
  let t0 = performance.now();
  await bulkFill(big, N);
  say(`[${engine}] bulk fill of ${N} entries: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const keys = loadLedgerKeys('bench', keysDir);
  await createCheckpoint(big.db, keys);
  const h = nodeHasher('sm3');
  const root = await rootHash(big.db, N);
  const proofTimes: number[] = [];
  for (let k = 0; k < 50; k++) {
    const seq = Math.floor((k * 7919 * N) / 50) % N;
    const t = performance.now();
    const proof = await inclusionProof(big.db, seq, N);
    proofTimes.push(performance.now() - t);
    const [row] = await big.db.select().from(ledgerEntries).where(sql`${ledgerEntries.seq} = ${seq}`);
    if (!row || !verifyInclusion(h, seq, N, leafHash(h, Buffer.from(row.entry)), proof, root))
      throw new Error('bad proof');
  }
  say(
    `[${engine}] inclusion proof at ${N} entries: median ${median(proofTimes).toFixed(2)} ms (50 proofs, all verified)`,
  );

  const heap = () => Math.round(process.memoryUsage().heapUsed / 1048576);
  const before = rss();
  const heapBefore = heap();
  t0 = performance.now();
  let peak = before;
  let heapPeak = heapBefore;
  const report = await verifyLedger(big.db, {
    logKey: verifierOf(keys.log),
    witnessKey: verifierOf(keys.witness),
    batchSize: 5000,
    onProgress: () => {
      peak = Math.max(peak, rss());
      heapPeak = Math.max(heapPeak, heap());
    },
  });
  const verifySeconds = (performance.now() - t0) / 1000;
  if (!report.ok) throw new Error(report.problem);
  // The same bytes the verifier hashes: every payload once, every entry once (as a leaf).
  const sample = await big.db
    .select({ e: ledgerEntries.entry, p: ledgerEntries.payload })
    .from(ledgerEntries)
    .where(sql`${ledgerEntries.seq} < ${Math.min(N, 200_000)}`);
  const bytes = sample.flatMap((r) => [Buffer.from(r.p), Buffer.concat([Buffer.from([0]), Buffer.from(r.e)])]);
  const perEntryBytes = bytes.reduce((a, b) => a + b.length, 0) / sample.length;
  const raw = await rawHashRate(bytes);
  const verifyRate = (N * perEntryBytes) / verifySeconds;
  say(
    `[${engine}] full verification of ${N} entries: ${verifySeconds.toFixed(1)} s, ${(N / verifySeconds).toFixed(0)} entries/s, ` +
      `${(verifyRate / 1e6).toFixed(1)} MB/s of entry+payload bytes; raw node:crypto SM3 on the same bytes: ` +
      `${(raw / 1e6).toFixed(1)} MB/s; ratio ${(verifyRate / raw).toFixed(2)}; RSS ${before} → peak ${peak} MB, ` +
      `JS heap ${heapBefore} → peak ${heapPeak} MB`,
  );
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
        `peak RSS ${cliPeak.toFixed(0)} MB — ${out.trim()}`,
    );
  }
  await big.close();
  rmSync(keysDir, { recursive: true, force: true });
}
console.log(`\nLedger benchmark (Node ${process.version}, N=${N})\n${lines.map((l) => `  ${l}`).join('\n')}`);
