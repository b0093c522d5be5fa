/**
 * Upload benchmark (evidence and AV records): one file of UPLOAD_BENCH_MB MiB (default 2048), written to
 * memory (/dev/shm) beforehand and sent by curl, as a client on another machine would send it (without
 * curl, or with UPLOAD_CLIENT=node, generated as a stream and sent by this process, whose CPU then competes
 * with the server's on a small machine), through the tus endpoint over loopback to the server as `npm start`
 * runs it (compiled, its own process; PGlite in a temporary directory, or a new PostgreSQL database
 * when DATABASE_URL is set; the local file store), SM3 and SHA-256 computed while it streams,
 * stored, and recorded in the ledger. Measured: throughput from the tus POST to the final PATCH's
 * answer (which includes making the file durable and the ledger transaction), and the server
 * process's peak RSS (/proc VmHWM, reset before the upload). Baseline in the same run, on the same disk:
 * `dd if=/dev/zero bs=1M count=<same> conv=fdatasync`.
 *
 *   node --import tsx bench/upload.ts                 2 GiB
 *   UPLOAD_BENCH_MB=256 node --import tsx bench/upload.ts
 *   UPLOAD_BENCH_DIR=/mnt/disk …                      where the server's data and dd's file go
 *
 * Targets: throughput ≥ 70 % of dd's, server RSS < 200 MB. Also printed: SM3's single-core speed on the
 * same bytes, the ceiling for any upload that computes SM3 while it streams (one stream, one core).
 */

import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { buildServer, startBuiltServer } from '../apps/server/src/builtServer.js';
import { openDatabase } from '../apps/server/src/db/connection.js';
import { agencies, cases } from '../apps/server/src/db/schema.js';
import { DEMO_PASSWORD, loadDemoData } from '../apps/server/src/demo/demoData.js';
import { ensureLedger } from '../apps/server/src/modules/ledger/ledgerStore.js';
import { ensureRegions } from '../apps/server/src/modules/registry/regionData.js';

const MiB = 1024 * 1024;
const SIZE_MB = Number(process.env.UPLOAD_BENCH_MB ?? 2048);
const SIZE = SIZE_MB * MiB;
const mb = (bytes: number) => Math.round(bytes / MiB);

/** The bench's own PostgreSQL database when DATABASE_URL is set (created, dropped afterwards); else PGlite in `dir`. */
function benchDatabaseName(dir: string): string {
  return `sanxiang_upload_bench_${basename(dir)
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()}`;
}

function benchDatabaseUrl(dir: string): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const u = new URL(url);
  u.pathname = `/${benchDatabaseName(dir)}`;
  return u.toString();
}

async function onServer(statement: string) {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(statement);
  await c.end();
}

/**
 * Creates the database with the demo county and one case, in its own process: the server then
 * opens an existing database, as `npm start` does after the first start, so its RSS is that of
 * a running server, not of database creation.
 */
async function prepare(dir: string) {
  const url = benchDatabaseUrl(dir);
  if (url) await onServer(`create database ${benchDatabaseName(dir)}`);
  const database = await openDatabase({ databaseUrl: url, pgliteDir: join(dir, 'db') });
  await ensureRegions(database.db);
  await ensureLedger(database.db, { origin: 'sanxiang.bench/upload' });
  await loadDemoData(database.db);
  const [yjj] = await database.db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
  if (!yjj) throw new Error('demo agency missing');
  const [c] = await database.db
    .insert(cases)
    .values({
      agencyId: yjj.id,
      caseNo: '示应急立〔2026〕900号',
      procedure: 'penalty.general',
      field: 'emergency',
      title: '上传基准测试案件',
      source: 'inspection',
      state: 'investigating',
      leadOn: '2026-11-20',
      party: { type: 'person', name: '基准', idNumber: '', address: '', phone: '', legalRepresentative: '' },
    })
    .returning({ id: cases.id });
  await database.close();
  console.log(JSON.stringify({ caseId: c?.id }));
}

/** A process's memory from /proc: resident now and its high-water mark (kB → bytes). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** A process's CPU time (user + system) in ms, from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The server as `npm start` runs it (compiled, plain node; startBuiltServer) on the prepared
 * database, its files in `dir`. Its memory and CPU are read from /proc, outside the process.
 */
async function startServer(dir: string) {
  const server = await startBuiltServer({
    DATABASE_URL: benchDatabaseUrl(dir) ?? '',
    DATA_DIR: dir,
    DEMO_DATA: 'false',
    CHECKPOINT_MINUTES: '0',
  });
  await server.healthy();
  return server;
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

/** CPU time (user + system, ms) of this process's children that have exited and been waited for: /proc/self/stat. */
function exitedChildrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/**
 * The upload's PATCH sent by curl (C: read() and send(), no JavaScript per chunk) from a file in memory
 * (/dev/shm, not the disk under test), as another machine's client would send it: the CPU the client
 * costs on this two-core machine is not the server's. Answers as request() does.
 */
async function curlPatch(
  port: number,
  path: string,
  headers: Record<string, string>,
  file: string,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const args = ['-sS', '-X', 'PATCH', '-T', file, '-o', '/dev/null', '-D', '-', '-H', 'Expect:'];
  for (const [k, v] of Object.entries(headers)) if (k !== 'content-length') args.push('-H', `${k}: ${v}`);
  const child = spawn('curl', [...args, `http://127.0.0.1:${port}${path}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`curl 退出码 ${code}`);
  const [statusLine = '', ...lines] = out.trim().split(/\r?\n/);
  const answer: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) answer[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers: answer, text: '' };
}

/** Whether the upload is sent by curl: when it is on this machine (Debian has it) and UPLOAD_CLIENT is not `node`. */
const useCurl = () => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return process.env.UPLOAD_CLIENT !== 'node';
  } catch {
    return false;
  }
};

async function main() {
  buildServer();
  const dir = mkdtempSync(join(process.env.UPLOAD_BENCH_DIR ?? tmpdir(), 'sanxiang-upload-bench-'));
  const prepared = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--prepare', dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const caseId = JSON.parse(prepared.toString().trim().split('\n').at(-1) ?? '{}').caseId as number;
  const server = await startServer(dir);
  const source = join('/dev/shm', `${basename(dir)}.bin`);
  const { port } = server;
  const pid = server.child.pid ?? 0;
  try {
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

    const before = { ...memoryOf(pid), cpuMs: cpuMsOf(pid) };
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    const meta = {
      caseId: String(caseId),
      kind: 'av',
      name: '基准测试.mp4',
      mimeType: 'video/mp4',
      sha256,
      confidentiality: 'internal',
    };
    const tus = { cookie, 'x-csrf-token': csrf, 'tus-resumable': '1.0.0' };
    // The bytes to send, written before the clock starts: to memory for curl, generated as they go otherwise.
    const viaCurl = useCurl();
    if (viaCurl) {
      const fd = openSync(source, 'w');
      for (const c of chunks(block)) writeSync(fd, c);
      closeSync(fd);
    }
    const clientCpu0 = process.cpuUsage();
    const childCpu0 = exitedChildrenCpuMs();
    const t0 = performance.now();
    const created = await request(port, 'POST', '/api/uploads', {
      ...tus,
      'upload-length': String(SIZE),
      'upload-metadata': Object.entries(meta)
        .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
        .join(','),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
    const patch = {
      ...tus,
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
      'content-length': String(SIZE),
    };
    const location = String(created.headers.location);
    const done = viaCurl
      ? await curlPatch(port, location, patch, source)
      : await request(port, 'PATCH', location, patch, chunks(block));
    const seconds = (performance.now() - t0) / 1000;
    const clientCpu = process.cpuUsage(clientCpu0);
    const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000 + (exitedChildrenCpuMs() - childCpu0);
    rmSync(source, { force: true });
    if (done.status !== 204) throw new Error(`upload: ${done.status} ${done.text}`);
    const after = { ...memoryOf(pid), cpuMs: cpuMsOf(pid) };
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
      ['服务器 RSS：上传前', `${mb(before.rss)} MB（启动后至今峰值 ${mb(before.peak)} MB）`],
      ['服务器 RSS：上传中峰值', `${mb(after.peak)} MB（目标 < 200 MB；/proc VmHWM，上传前清零）`],
      [
        'CPU 时间（上传期间）',
        `服务器 ${((after.cpuMs - before.cpuMs) / 1000).toFixed(1)} s，客户端 ${(clientCpuMs / 1000).toFixed(1)} s（${viaCurl ? 'curl，自 /dev/shm 读取' : '本进程生成并发送'}；本机 ${availableParallelism()} 核）`,
      ],
      ['文件编号', String(done.headers['x-case-file-id'])],
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(24)} ${v}`);
  } finally {
    await server.stop();
    if (process.env.DATABASE_URL) await onServer(`drop database if exists ${benchDatabaseName(dir)} with (force)`);
    rmSync(dir, { recursive: true, force: true });
    rmSync(source, { force: true });
  }
}

if (process.argv[2] === '--prepare') {
  await prepare(process.argv[3] as string);
} else {
  await main();
}
