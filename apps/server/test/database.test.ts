import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { openDatabase } from '../src/db/connection.js';
import { DataDirLockedError, lockDataDir } from '../src/db/dataDirLock.js';
import { agencies, regions } from '../src/db/schema.js';
import { accessPlugin } from '../src/http/access.js';
import { buildApp } from '../src/http/app.js';
import { loadLedgerKeys } from '../src/modules/ledger/ledgerKeys.js';
import { ensureRegions } from '../src/modules/registry/regionData.js';
import { call, openTestDatabase, startTestApp, type TestApp } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

describe(`database layer (${engine})`, () => {
  it('applies the same migrations again without change, and loads GB/T 2260 regions once', async () => {
    const db1 = await openTestDatabase();
    try {
      const loaded = await ensureRegions(db1.db);
      assert.ok(loaded > 3000, `loaded ${loaded} regions`);
      assert.equal(await ensureRegions(db1.db), 0, 'second call loads nothing');
      const [kunming] = await db1.db.select().from(regions).where(sql`${regions.code} = '530100'`);
      assert.equal(kunming?.name, '昆明市');
      assert.equal(kunming?.parentCode, '530000');
      const [n] = await db1.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(regions);
      assert.equal(typeof n?.n, 'number', 'counts come back as numbers on both engines');
    } finally {
      await db1.close();
    }
  });

  it('rolls back a transaction that fails half-way', async () => {
    const d = await openTestDatabase();
    try {
      await ensureRegions(d.db);
      await assert.rejects(
        d.db.transaction(async (tx) => {
          await tx
            .insert(agencies)
            .values({ name: '回滚测试局', kind: 'administrative', regionCode: '530102', field: 'market' });
          await tx
            .insert(agencies)
            .values({ name: '回滚测试局', kind: 'administrative', regionCode: '530102', field: 'market' });
        }),
      );
      const [n] = await d.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(agencies);
      assert.equal(n?.n, 0);
    } finally {
      await d.close();
    }
  });
});

describe('PGlite data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sanxiang-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is locked exclusively: a second lock is refused with a Chinese message, and free again after release', async () => {
    const release = await lockDataDir(dir, () => {});
    await assert.rejects(
      lockDataDir(dir, () => {}),
      (err: unknown) => {
        assert.ok(err instanceof DataDirLockedError);
        assert.match(err.message, /正被另一个三项服务进程使用/);
        return true;
      },
    );
    await release();
    const again = await lockDataDir(dir, () => {});
    await again();
  });

  it('keeps data across reopen', async () => {
    const path = join(dir, 'db');
    const first = await openDatabase({ pgliteDir: path });
    await first.db.insert(regions).values({ code: '999901', name: '持久化测试', parentCode: null });
    await first.close();
    const second = await openDatabase({ pgliteDir: path });
    const rows = await second.db.select().from(regions);
    assert.deepEqual(
      rows.map((r) => r.name),
      ['持久化测试'],
    );
    await second.close();
  });
});

describe(`HTTP layer (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ demo: false });
  });
  after(() => t.close());

  it('reports health with the database engine and version', async () => {
    const res = await call(t.app, null, 'GET', '/api/health');
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().database, engine === 'PGlite' ? 'pglite' : 'postgres');
    assert.match(res.json().version, /^\d+\.\d+\.\d+$/);
  });

  it('serves an OpenAPI document generated from the same zod schemas', async () => {
    const doc = (await call(t.app, null, 'GET', '/api/openapi.json')).json();
    assert.match(doc.openapi, /^3\./);
    const post = doc.paths['/api/officers'].post;
    const schema = post.requestBody.content['application/json'].schema;
    assert.ok(schema.required.includes('residentId'));
    assert.deepEqual(schema.properties.status.enum, ['active', 'suspended', 'revoked']);
    assert.ok(doc.paths['/api/agencies/{id}']);
  });

  it('answers unknown API paths and malformed JSON with Chinese 4xx errors', async () => {
    const missing = await call(t.app, null, 'GET', '/api/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().message, '请求的接口不存在');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().message, '请求内容不是有效的 JSON');
  });

  it('refuses to register an /api route that does not declare who may call it', async () => {
    const app = Fastify();
    await app.register(accessPlugin, { db: t.database.db });
    await assert.rejects(
      (async () => {
        app.get('/api/undeclared', async () => 'x');
        await app.ready();
      })(),
      /未声明访问权限/,
    );
  });

  it('finishes in-flight requests on shutdown, without waiting for the keep-alive timeout', {
    timeout: 15_000,
  }, async () => {
    const database = await openDatabase({});
    const app = await buildApp({
      config: { secureCookies: false, sessionHours: 1, logLevel: 'silent' },
      database,
      ledgerKeys: loadLedgerKeys('sanxiang.test/shutdown', mkdtempSync(join(tmpdir(), 'sanxiang-keys-'))),
      logger: false,
    });
    let started!: () => void;
    const inFlight = new Promise<void>((r) => {
      started = r;
    });
    app.get('/api/test/slow', { config: { access: 'public' } }, async () => {
      started();
      await new Promise((r) => setTimeout(r, 400));
      return { done: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const response = fetch(`http://127.0.0.1:${port}/api/test/slow`).then((r) => r.json());
    await inFlight;
    const t0 = performance.now();
    const closed = app.close();
    assert.deepEqual(await response, { done: true });
    await closed;
    assert.ok(performance.now() - t0 < 5_000, 'closed right after the in-flight response');
    await database.close();
  });
});
