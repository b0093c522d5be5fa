import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildServer, SERVER_DIR, startBuiltServer } from '../src/builtServer.js';
import { openDatabase } from '../src/db/connection.js';

/**
 * The server as `npm start` runs it (compiled, plain node): a child process on a fresh data
 * directory; the CLI tools as `npm run` runs them (tsx). Runs on PGlite only (the data-directory
 * lock and the first-start demo load are PGlite behaviour).
 */

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A CLI tool (src/cli.ts, src/verify.ts) as `npm run` runs it, through tsx. */
function run(args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn(process.execPath, args, {
    cwd: SERVER_DIR,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** The compiled server on its own PGlite data directory (this file is PGlite only). */
const startServer = (dataDir: string, demo = true) =>
  startBuiltServer({ DATA_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: String(demo) });

describe('server process (npm start)', { skip: process.env.DATABASE_URL ? 'PGlite only' : false }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanxiang-start-'));
  before(buildServer);
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty data directory, loads the demo county, prints the URL and logins, and refuses a second process', async () => {
    const first = await startServer(dataDir);
    const { port } = first;
    try {
      await first.healthy();
      const out = first.output();
      assert.match(out, new RegExp(`访问地址：http://127\\.0\\.0\\.1:${port}/`));
      assert.match(out, /演示数据：已在首次启动时载入/);
      for (const u of ['admin', 'jiandu', 'fuzeren', 'shenhe', 'zhifa']) assert.match(out, new RegExp(`\\b${u}\\b`));
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'jiandu', password: 'Sanxiang@2026' }),
      });
      assert.equal(login.status, 200);

      const second = await startServer(dataDir);
      const code = await second.exited;
      assert.equal(code, 1, 'second process exits with an error');
      assert.match(second.output(), /正被另一个三项服务进程使用/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200, 'first keeps running');
    } finally {
      first.child.kill('SIGTERM');
    }
    assert.equal(await first.exited, 0, 'graceful shutdown exits 0');

    // Second start: same data, no reload of demo data.
    const again = await startServer(dataDir);
    try {
      await again.healthy();
      assert.match(again.output(), /演示数据：已存在/);
    } finally {
      again.child.kill('SIGTERM');
    }
    assert.equal(await again.exited, 0);
  });
});

describe('first administrator of a real deployment (CLI)', {
  skip: process.env.DATABASE_URL ? 'PGlite only' : false,
}, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanxiang-admin-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates a bureau and its administrator with a one-time password that must be changed; no demo data', async () => {
    const cli = run(
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'create-admin',
        '--username',
        'chief',
        '--name',
        '赵主任',
        '--agency',
        '某某县司法局',
        '--region',
        '530102',
      ],
      {
        DATA_DIR: dataDir,
        ADMIN_PASSWORD: '',
      },
    );
    assert.equal(await cli.exited, 0, cli.output());
    const password = /初始密码（只显示这一次，请妥善转交）：(\S+)/.exec(cli.output())?.[1];
    assert.ok(password, cli.output());

    const server = await startServer(dataDir, false);
    try {
      await server.healthy();
      const { base } = server;
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password }),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as {
        user: { mustChangePassword: boolean; agency: { name: string; role: string } };
      };
      assert.equal(body.user.mustChangePassword, true);
      assert.equal(body.user.agency.name, '某某县司法局');
      assert.equal(body.user.agency.role, 'supervisor');
      const demo = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Sanxiang@2026' }),
      });
      assert.equal(demo.status, 401, 'no demo accounts in a real deployment');
    } finally {
      server.child.kill('SIGTERM');
    }
    await server.exited;

    // npm run verify on the stopped deployment: passes, then names a tampered entry and fails.
    const verified = run(['--import', 'tsx', 'src/verify.ts'], { DATA_DIR: dataDir });
    assert.equal(await verified.exited, 0, verified.output());
    assert.match(verified.output(), /校验通过：\d+ 条记录，1 个检查点（其中 1 个经见证方联署）/);
    const db = await openDatabase({ pgliteDir: join(dataDir, 'db') });
    await db.db.execute(sql`alter table ledger_entries disable trigger user`);
    await db.db.execute(
      sql`update ledger_entries set payload = replace(payload, '赵主任', '钱主任') where action = 'user.create'`,
    );
    await db.close();
    const tampered = run(['--import', 'tsx', 'src/verify.ts'], { DATA_DIR: dataDir });
    assert.equal(await tampered.exited, 1);
    assert.match(tampered.output(), /校验失败：第 \d+ 条记录（user\.create）的变更内容与其摘要不符/);
  });
});
