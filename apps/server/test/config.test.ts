import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('defaults: 127.0.0.1:3000, ./data of the directory npm was run from, keys inside it, PGlite with demo data', () => {
    const c = loadConfig({ INIT_CWD: '/srv/sanxiang' });
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 3000);
    assert.equal(c.dataDir, '/srv/sanxiang/data', 'npm start runs in apps/server, but ./data is the project’s');
    assert.equal(c.keysDir, '/srv/sanxiang/data/keys');
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.demoData, true);
    assert.equal(c.ledgerHash, undefined);
  });

  it('takes relative paths from where the command was typed, and absolute ones as they are', () => {
    const c = loadConfig({ INIT_CWD: '/srv/sanxiang', DATA_DIR: 'var/db', WITNESS_KEY_FILE: '/mnt/sfj/witness.json' });
    assert.equal(c.dataDir, '/srv/sanxiang/var/db');
    assert.equal(c.keysDir, '/srv/sanxiang/var/db/keys');
    assert.equal(c.witnessKeyFile, '/mnt/sfj/witness.json');
  });

  it('turns demo data off by default on a PostgreSQL server, and validates PORT and LEDGER_HASH', () => {
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://x@db/s' }).demoData, false);
    assert.equal(loadConfig({ LEDGER_HASH: 'SHA-256' }).ledgerHash, 'sha256');
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT 无效/);
    assert.throws(() => loadConfig({ LEDGER_HASH: 'md5' }), /LEDGER_HASH 只能是 sm3 或 sha256/);
  });

  it('limits the public API to 120 requests a minute unless PUBLIC_RATE_LIMIT says otherwise (0: no limit)', () => {
    assert.equal(loadConfig({}).publicRateLimit, 120);
    assert.equal(loadConfig({ PUBLIC_RATE_LIMIT: '600' }).publicRateLimit, 600);
    assert.equal(loadConfig({ PUBLIC_RATE_LIMIT: '0' }).publicRateLimit, 0);
    assert.throws(() => loadConfig({ PUBLIC_RATE_LIMIT: '-1' }), /PUBLIC_RATE_LIMIT 无效/);
    assert.throws(() => loadConfig({ PUBLIC_RATE_LIMIT: 'many' }), /PUBLIC_RATE_LIMIT 无效/);
  });

  it('keeps 256 public search answers unless PUBLIC_ANSWERS says otherwise (0: none)', () => {
    assert.equal(loadConfig({}).publicAnswers, 256);
    assert.equal(loadConfig({ PUBLIC_ANSWERS: '0' }).publicAnswers, 0);
    assert.equal(loadConfig({ PUBLIC_ANSWERS: '1000' }).publicAnswers, 1000);
    assert.throws(() => loadConfig({ PUBLIC_ANSWERS: '-5' }), /PUBLIC_ANSWERS 无效/);
  });
});
