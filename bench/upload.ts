/**
 * Upload benchmark (evidence and AV records): one file of UPLOAD_BENCH_MB MiB (default 2048),
 * generated as a stream, sent through the tus endpoint over loopback to a server in a child
 * process (PGlite in a temporary directory, the local file store), SM3 and SHA-256 computed while
 * it streams, stored, and recorded in the ledger. Measured: throughput from the tus POST to the
 * final PATCH's answer (which includes making the file durable and the ledger transaction), and
 * the server process's RSS, sampled every 50 ms. Baseline in the same run, on the same disk:
 * `dd if=/dev/zero bs=1M count=<same> conv=fdatasync`.
 *
 *   node --import tsx bench/upload.ts                 2 GiB
 *   UPLOAD_BENCH_MB=256 node --import tsx bench/upload.ts
 *   UPLOAD_BENCH_DIR=/mnt/disk …                      where the server's data and dd's file go
 *
 * Targets: throughput ≥ 70 % of dd's, server RSS < 200 MB. Also printed: SM3's single-core speed on the
 * same bytes, the ceiling for any upload that computes SM3 while it streams (one stream, one core).
 */

import { execFileSync, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/connection.js';
import { agencies, cases } from '../apps/server/src/db/schema.js';
import { DEMO_PASSWORD, loadDemoData } from '../apps/server/src/demo/demoData.js';
import { buildApp } from '../apps/server/src/http/app.js';
import { loadLedgerKeys } from '../apps/server/src/modules/ledger/ledgerKeys.js';
import { ensureLedger } from '../apps/server/src/modules/ledger/ledgerStore.js';
import { LocalFileStore } from '../apps/server/src/modules/records/fileStore.js';
import { ensureRegions } from '../apps/server/src/modules/registry/regionData.js';

const MiB = 1024 * 1024;
const SIZE_MB = Number(process.env.UPLOAD_BENCH_MB ?? 2048);
const SIZE = SIZE_MB * MiB;
const mb = (bytes: number) => Math.round(bytes / MiB);

type ToParent =
  | { ready: { port: number; caseId: number; rss: number } }
  | { rss: { peak: number; now: number; cpuMs: number; heapPeak: number; externalPeak: number } };
type ToChild = 'peak' | 'reset' | 'exit';

/** A fresh database: PostgreSQL when DATABASE_URL is set (a new database, dropped afterwards), else PGlite in `dir`. */
async function benchDatabase(dir: string, create: boolean) {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ pgliteDir: join(dir, 'db') });
  const name = `sanxiang_upload_bench_${basename(dir)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}`;
  if (create) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return openDatabase({ databaseUrl: u.toString() });
}

async function dropBenchDatabase(dir: string) {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(
    `drop database if exists sanxiang_upload_bench_${basename(dir)
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()} with (force)`,
  );
  await c.end();
}

/**
 * Creates the database with the demo county and one case, in its own process: the server then
 * opens an existing database, as `npm start` does after the first start, so its RSS is that of
 * a running server, not of database creation.
 */
async function prepare(dir: string) {
  const database = await benchDatabase(dir, true);
  await ensureRegions(database.db);
  await ensureLedger(database.db, { origin: 'sanxiang.bench/upload' });
  await loadDemoData(database.db);
  const [yjj] = await database.db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
  if (!yjj) throw new Error('demo agency missing');
  await database.db.insert(cases).values({
    agencyId: yjj.id,
    caseNo: '示应急立〔2026〕900号',
    procedure: 'penalty.general',
    field: 'emergency',
    title: '上传基准测试案件',
    source: 'inspection',
    state: 'investigating',
    leadOn: '2026-11-20',
    party: { type: 'person', name: '基准', idNumber: '', address: '', phone: '', legalRepresentative: '' },
  });
  await database.close();
}

/** The server: the prepared database, files in `dir`; reports its RSS and CPU time on request. */
async function serve(dir: string) {
  const database = await benchDatabase(dir, false);
  const [c] = await database.db.select().from(cases).where(eq(cases.caseNo, '示应急立〔2026〕900号'));
  if (!c) throw new Error('no case');
  const app = await buildApp({
    config: { secureCookies: false, sessionHours: 1, logLevel: 'silent' },
    database,
    ledgerKeys: loadLedgerKeys('sanxiang.bench/upload', join(dir, 'keys')),
    logger: false,
    files: { store: new LocalFileStore(join(dir, 'files')), uploadsDir: join(dir, 'uploads') },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const rss = () => process.memoryUsage.rss();
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let peak = rss();
  let heapPeak = 0;
  let externalPeak = 0;
  const sample = () => {
    const u = process.memoryUsage();
    peak = Math.max(peak, u.rss);
    heapPeak = Math.max(heapPeak, u.heapTotal);
    externalPeak = Math.max(externalPeak, u.external);
  };
  setInterval(sample, 50).unref();
  const send = (m: ToParent) => process.send?.(m);
  process.on('message', async (m: ToChild) => {
    if (m === 'reset') {
      peak = heapPeak = externalPeak = 0;
      sample();
    }
    if (m === 'reset' || m === 'peak') {
      sample();
      send({ rss: { peak, now: rss(), cpuMs: cpuMs(), heapPeak, externalPeak } });
    }
    if (m === 'exit') {
      await app.close();
      await database.close();
      process.exit(0);
    }
  });
  send({ ready: { port: (app.server.address() as AddressInfo).port, caseId: c.id, rss: rss() } });
}

/** Deterministic content: a random 4 MiB block, each MiB stamped with its index so no two are alike. */
function* chunks(block: Buffer): Generator<Buffer> {
  for (let i = 0; i < SIZE / MiB; i++) {
    const out = Buffer.allocUnsafe(MiB);
    block.copy(out, 0, (i % 4) * MiB, (i % 4) * MiB + MiB);
    out.writeUInt32BE(i, 0);
    yield out;
  }
}

function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Iterable<Buffer> | string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString() }),
      );
    });
    req.on('error', reject);
    if (body === undefined) return void req.end();
    if (typeof body === 'string') return void req.end(body);
    const it = body[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const next = it.next();
        if (next.done) return void req.end();
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

async function main() {
  const dir = mkdtempSync(join(process.env.UPLOAD_BENCH_DIR ?? tmpdir(), 'sanxiang-upload-bench-'));
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--prepare', dir], {
    stdio: 'inherit',
  });
  const child = fork(fileURLToPath(import.meta.url), ['--serve', dir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<ToParent>((resolve) => child.once('message', (m) => resolve(m as ToParent)));
  try {
    const ready = await next();
    if (!('ready' in ready)) throw new Error('server did not start');
    const { port, caseId } = ready.ready;

    const login = await request(
      port,
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'zhifa', password: DEMO_PASSWORD }),
    );
    if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0] ?? '';
    const csrf = JSON.parse(login.text).csrfToken as string;

    // The client declares the SHA-256 up front, as the console does: one pass over the same stream, not timed.
    const block = randomBytes(4 * MiB);
    const h = createHash('sha256');
    for (const c of chunks(block)) h.update(c);
    const sha256 = h.digest('hex');

    child.send('reset' satisfies ToChild);
    const before = await next();
    const meta = {
      caseId: String(caseId),
      kind: 'av',
      name: '基准测试.mp4',
      mimeType: 'video/mp4',
      sha256,
      confidentiality: 'internal',
    };
    const tus = { cookie, 'x-csrf-token': csrf, 'tus-resumable': '1.0.0' };
    const clientCpu0 = process.cpuUsage();
    const t0 = performance.now();
    const created = await request(port, 'POST', '/api/uploads', {
      ...tus,
      'upload-length': String(SIZE),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(','),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const done = await request(
      port,
      'PATCH',
      String(created.headers.location),
      {
        ...tus,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(SIZE),
      },
      chunks(block),
    );
    const seconds = (performance.now() - t0) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    if (done.status !== 204) throw new Error(`upload: ${done.status} ${done.text}`);
    child.send('peak' satisfies ToChild);
    const after = await next();
    if (!('rss' in before) || !('rss' in after)) throw new Error('no RSS report');
    const uploadRate = SIZE / MiB / seconds;

    // Baseline: the same number of bytes written to the same disk and flushed.
    const ddFile = join(dir, 'dd.bin');
    const d0 = performance.now();
    execFileSync('dd', ['if=/dev/zero', `of=${ddFile}`, 'bs=1M', `count=${SIZE_MB}`, 'conv=fdatasync'], {
      stdio: 'ignore',
    });
    const ddRate = SIZE_MB / ((performance.now() - d0) / 1000);
    rmSync(ddFile, { force: true });

    // The ceiling SM3 sets: one hash of one stream runs on one core (Merkle–Damgård cannot be split),
    // measured on the same bytes (the first 512 MiB) in this process.
    const sm3Bytes = Math.min(SIZE, 512 * MiB);
    const s0 = performance.now();
    const sm3 = createHash('sm3');
    let hashed = 0;
    for (const c of chunks(block)) {
      if (hashed >= sm3Bytes) break;
      sm3.update(c);
      hashed += c.length;
    }
    sm3.digest();
    const sm3Rate = hashed / MiB / ((performance.now() - s0) / 1000);

    const rows: [string, string][] = [
      ['文件大小', `${SIZE_MB} MiB（tus 上传，SM3 + SHA-256 边传边算，落盘 fsync，写入留痕账本）`],
      ['数据库', process.env.DATABASE_URL ? 'PostgreSQL 服务器（DATABASE_URL）' : 'PGlite（进程内）'],
      ['上传耗时', `${seconds.toFixed(1)} s`],
      ['上传吞吐', `${uploadRate.toFixed(0)} MiB/s`],
      ['dd 基线（同盘，conv=fdatasync）', `${ddRate.toFixed(0)} MiB/s`],
      ['吞吐 / dd', `${((uploadRate / ddRate) * 100).toFixed(0)} %（目标 ≥ 70 %）`],
      [
        'SM3 单核速度（同一批字节）',
        `${sm3Rate.toFixed(0)} MiB/s = dd 的 ${((sm3Rate / ddRate) * 100).toFixed(0)} %：边传边算 SM3 时吞吐的上限；上传达到其 ${((uploadRate / sm3Rate) * 100).toFixed(0)} %`,
      ],
      ['服务器 RSS：上传前', `${mb(before.rss.now)} MB`],
      ['服务器 RSS：上传中峰值', `${mb(after.rss.peak)} MB（目标 < 200 MB）`],
      [
        '其中 V8 堆 / 堆外内存峰值',
        `${mb(before.rss.heapPeak)} → ${mb(after.rss.heapPeak)} MB / ${mb(before.rss.externalPeak)} → ${mb(after.rss.externalPeak)} MB`,
      ],
      [
        'CPU 时间（上传期间）',
        `服务器 ${((after.rss.cpuMs - before.rss.cpuMs) / 1000).toFixed(1)} s，客户端 ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s（本机 ${availableParallelism()} 核）`,
      ],
      ['文件编号', String(done.headers['x-case-file-id'])],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(24)} ${v}`);
  } finally {
    child.send('exit' satisfies ToChild);
    await new Promise((r) => child.once('exit', r));
    await dropBenchDatabase(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--prepare') {
  await prepare(process.argv[3] as string);
} else if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as string);
} else {
  await main();
}
