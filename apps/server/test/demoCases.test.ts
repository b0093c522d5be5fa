import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PROCEDURES, WORKFLOWS } from '@sanxiang/domain';
import { cases, instruments } from '../src/db/schema.js';
import { loadDemoCases } from '../src/demo/demoCases.js';
import { loadLedgerKeys, verifierOf } from '../src/modules/ledger/ledgerKeys.js';
import { verifyLedger } from '../src/modules/ledger/verifyLedger.js';
import { call, login, startTestApp, type TestApp } from './support/testApp.js';

describe('demo cases', () => {
  let t: TestApp;
  let loaded = 0;
  before(async () => {
    t = await startTestApp();
    loaded = await loadDemoCases(t.database.db, t.files.store);
  });
  after(() => t.close());

  it('runs cases of every procedure through the real engine into many states', async () => {
    const rows = await t.database.db.select().from(cases);
    assert.equal(rows.length, loaded);
    for (const procedure of PROCEDURES) {
      const states = new Set(rows.filter((r) => r.procedure === procedure).map((r) => r.state));
      assert.ok(states.size >= 3, `${procedure}: ${[...states].join(',')}`);
      assert.ok(states.has(WORKFLOWS[procedure].initial), `${procedure} has a case at its start`);
    }
    assert.ok(rows.some((r) => r.state === 'archived'));
    assert.ok((await t.database.db.select().from(instruments)).length > 40);
  });

  it('shows the officer a case list and the head an approval queue', async () => {
    const officer = await login(t.app, 'zhifa');
    const list = (await call(t.app, officer, 'GET', '/api/cases?mine=true&pageSize=100')).json();
    assert.equal(list.total, loaded);
    const head = await login(t.app, 'fuzeren');
    const tasks = (await call(t.app, head, 'GET', '/api/tasks')).json();
    assert.ok(tasks.approvals.length >= 1);
    assert.ok(tasks.deadlines.length >= 1);
  });

  it('leaves a ledger that verifies', async () => {
    const keys = loadLedgerKeys('sanxiang.test/app', t.keysDir);
    const report = await verifyLedger(t.database.db, {
      logKey: verifierOf(keys.log),
      witnessKey: verifierOf(keys.witness),
      witnessState: null,
      batchSize: 256,
    });
    assert.equal(report.ok, true, JSON.stringify(report).slice(0, 300));
  });
});
