/**
 * TRUST_PROXY (docs/operations.md): behind a reverse proxy every request comes from the proxy's address,
 * so the public rate limit would put all citizens in one bucket unless the server trusts X-Forwarded-For.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type TrustProxy } from '../src/config.js';
import type { Database } from '../src/db/connection.js';
import { buildApp } from '../src/http/app.js';
import { loadLedgerKeys } from '../src/modules/ledger/ledgerKeys.js';
import { ensureLedger } from '../src/modules/ledger/ledgerStore.js';
import { openTestDatabase } from './support/testApp.js';

describe('TRUST_PROXY configuration', () => {
  it('is off by default and accepts true, a number of hops, or proxy addresses / CIDR ranges', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy, [
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'nginx' }), /TRUST_PROXY 无效/);
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' }), /TRUST_PROXY 无效/);
  });

  it('PUBLIC_BASE_URL: optional, a http(s) address without trailing slash', () => {
    assert.equal(loadConfig({}).publicBaseUrl, undefined);
    assert.equal(
      loadConfig({ PUBLIC_BASE_URL: 'https://zfgs.example.gov.cn/' }).publicBaseUrl,
      'https://zfgs.example.gov.cn',
    );
    assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'zfgs.example.gov.cn' }), /PUBLIC_BASE_URL 无效/);
    assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://zfgs.example.gov.cn' }), /PUBLIC_BASE_URL 只能是/);
  });
});

describe(`TRUST_PROXY and the public rate limit (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: Database;
  let keysDir: string;
  const apps: FastifyInstance[] = [];
  before(async () => {
    database = await openTestDatabase();
    await ensureLedger(database.db, { origin: 'sanxiang.test/proxy' });
    keysDir = mkdtempSync(join(tmpdir(), 'sanxiang-keys-'));
  });
  after(async () => {
    for (const app of apps) await app.close();
    await database?.close();
    rmSync(keysDir, { recursive: true, force: true });
  });

  async function appWith(trustProxy: TrustProxy | undefined) {
    const app = await buildApp({
      config: { secureCookies: false, sessionHours: 12, logLevel: 'silent', publicRateLimit: 2, trustProxy },
      database,
      ledgerKeys: loadLedgerKeys('sanxiang.test/proxy', keysDir),
      logger: false,
    });
    await app.ready();
    apps.push(app);
    // Both "citizens" reach the server through the same proxy at 10.0.0.5.
    return (client: string) =>
      app.inject({
        method: 'GET',
        url: '/api/public/agencies',
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': client },
      });
  }

  for (const trust of [true, 1, ['10.0.0.0/8']] as TrustProxy[]) {
    it(`with TRUST_PROXY=${String(trust)}, two clients behind the proxy get separate buckets`, async () => {
      const get = await appWith(trust);
      for (const client of ['203.0.113.7', '198.51.100.9']) {
        assert.equal((await get(client)).statusCode, 200);
        assert.equal((await get(client)).statusCode, 200);
      }
      assert.equal((await get('203.0.113.7')).statusCode, 429, 'each client still has its own limit');
    });
  }

  it('without TRUST_PROXY, X-Forwarded-For is ignored: all clients share the proxy’s bucket', async () => {
    const get = await appWith(undefined);
    assert.equal((await get('203.0.113.7')).statusCode, 200);
    assert.equal((await get('198.51.100.9')).statusCode, 200);
    const third = await get('192.0.2.44');
    assert.equal(third.statusCode, 429);
    assert.equal(third.json().code, 'RATE_LIMITED');
  });

  it('does not trust X-Forwarded-For from a peer outside the trusted list', async () => {
    const app = await buildApp({
      config: {
        secureCookies: false,
        sessionHours: 12,
        logLevel: 'silent',
        publicRateLimit: 1,
        trustProxy: ['10.0.0.0/8'],
      },
      database,
      ledgerKeys: loadLedgerKeys('sanxiang.test/proxy', keysDir),
      logger: false,
    });
    apps.push(app);
    const get = (client: string) =>
      app.inject({
        method: 'GET',
        url: '/api/public/agencies',
        remoteAddress: '192.0.2.1',
        headers: { 'x-forwarded-for': client },
      });
    assert.equal((await get('203.0.113.7')).statusCode, 200);
    assert.equal((await get('198.51.100.9')).statusCode, 429, 'a forged header from an untrusted peer changes nothing');
  });
});
