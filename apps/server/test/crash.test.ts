import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connection.js';
import { agencies, ledgerEntries } from '../src/db/schema.js';
import { ensureLedger, treeSize } from '../src/modules/ledger/ledgerStore.js';
import { ensureRegions } from '../src/modules/registry/regionData.js';

const here = dirname(fileURLToPath(import.meta.url));
const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** A database the child process can open too: a PGlite directory, or a fresh PostgreSQL database. */
async function sharedDatabase(): Promise<{
  target: string;
  open: () => Promise<Database>;
  cleanup: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'sanxiang-crash-'));
    const target = join(dir, 'db');
    return {
      target,
      open: () => openDatabase({ pgliteDir: target }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `sanxiang_crash_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const target = u.toString();
  return {
    target,
    open: () => openDatabase({ databaseUrl: target }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

describe(`a crash in the middle of a transaction (${engine})`, () => {
  it('leaves neither the change nor its ledger entry (kill -9 before commit)', async () => {
    const shared = await sharedDatabase();
    try {
      let d = await shared.open();
      await ensureRegions(d.db);
      await ensureLedger(d.db, { origin: 'sanxiang.test/crash' });
      const [a] = await d.db
        .insert(agencies)
        .values({
          name: '崩溃测试局',
          kind: 'administrative',
          regionCode: '530102',
          field: 'market',
          address: '原地址',
        })
        .returning();
      assert.ok(a);
      const sizeBefore = await treeSize(d.db);
      await d.close();

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(here, 'support/crashMidTransaction.ts'), shared.target, String(a.id)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
      });
      const signal = await new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, sig) => r(sig)));
      assert.equal(signal, 'SIGKILL');
      assert.match(out, /in-transaction/, 'the child got as far as the uncommitted change');

      d = await shared.open();
      const [after] = await d.db.select().from(agencies).where(eq(agencies.id, a.id));
      assert.equal(after?.address, '原地址');
      assert.equal(await treeSize(d.db), sizeBefore);
      const [n] = await d.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(ledgerEntries);
      assert.equal(n?.n, sizeBefore);
      await d.close();
    } finally {
      await shared.cleanup();
    }
  });
});
