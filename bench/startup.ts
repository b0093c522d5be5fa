/**
 * Cold start of the product as `npm start` runs the server (compiled; web bundle already built):
 * first start on an empty data directory (PGlite create, migrations, regions, demo data) and
 * second start on the same directory, time to a healthy /api/health and RSS once healthy.
 * Baselines measured in the same run: a bare `node -e ''` and a bare PGlite create/reopen.
 *
 *   npm run bench            # 3 rounds
 *   ROUNDS=5 npm run bench
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, SERVER_DIR, startBuiltServer } from '../apps/server/src/builtServer.js';

const rounds = Number(process.env.ROUNDS ?? 3);
buildServer();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function timeProcess(args: string[], env: NodeJS.ProcessEnv = {}, cwd = SERVER_DIR): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((r) =>
    spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' }).on('exit', () => r()),
  );
  return performance.now() - t0;
}

async function startServer(dataDir: string): Promise<{ ms: number; rss: number }> {
  const t0 = performance.now();
  const server = await startBuiltServer({ DATA_DIR: dataDir, DATABASE_URL: '' });
  await server.healthy();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 300));
  const rss = rssMb(server.child.pid ?? 0);
  await server.stop();
  return { ms, rss };
}

const pgliteScript = `
import { PGlite } from '@electric-sql/pglite';
const db = new PGlite(process.env.DIR); await db.waitReady; await db.query('select 1'); await db.close();`;

const rows: Record<string, number[]> = {
  'node -e "" (process baseline)': [],
  'bare PGlite create (baseline)': [],
  'bare PGlite reopen (baseline)': [],
  'first start (empty data dir)': [],
  'second start (existing data)': [],
  'RSS after first start, MB': [],
  'RSS after second start, MB': [],
};
for (let i = 0; i < rounds; i++) {
  rows['node -e "" (process baseline)']?.push(await timeProcess(['-e', '']));
  const bare = mkdtempSync(join(tmpdir(), 'sx-bench-pglite-'));
  const pgArgs = ['--input-type=module', '-e', pgliteScript];
  const opts = { DIR: join(bare, 'db') };
  rows['bare PGlite create (baseline)']?.push(await timeProcess(pgArgs, opts));
  rows['bare PGlite reopen (baseline)']?.push(await timeProcess(pgArgs, opts));
  rmSync(bare, { recursive: true, force: true });

  const dir = mkdtempSync(join(tmpdir(), 'sx-bench-start-'));
  const first = await startServer(dir);
  const second = await startServer(dir);
  rmSync(dir, { recursive: true, force: true });
  rows['first start (empty data dir)']?.push(first.ms);
  rows['second start (existing data)']?.push(second.ms);
  rows['RSS after first start, MB']?.push(first.rss);
  rows['RSS after second start, MB']?.push(second.rss);
  process.stderr.write(`round ${i + 1}/${rounds} done\n`);
}

console.log(`\nStartup benchmark, ${rounds} rounds, median (min–max); Node ${process.version}`);
for (const [name, xs] of Object.entries(rows)) {
  const unit = name.includes('MB') ? ' MB' : ' ms';
  console.log(
    `  ${name.padEnd(34)} ${median(xs).toFixed(0).padStart(6)}${unit}  (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`,
  );
}
const firstRatio =
  median(rows['first start (empty data dir)'] ?? []) / median(rows['bare PGlite create (baseline)'] ?? []);
const secondRatio =
  median(rows['second start (existing data)'] ?? []) / median(rows['bare PGlite reopen (baseline)'] ?? []);
console.log(`  first start / bare PGlite create:  ${firstRatio.toFixed(2)}×`);
console.log(`  second start / bare PGlite reopen: ${secondRatio.toFixed(2)}×`);
