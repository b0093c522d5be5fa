import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDemoCases } from '../src/demo/demoCases.js';
import { startTestApp, type TestApp } from './support/testApp.js';

describe(`demo data: a natural person's summary penalty, published masked (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    await loadDemoCases(t.database.db, t.files.store);
  });
  after(() => t?.close());

  it('G-3: the portal shows the party as 周某某, without ID number, phone or address', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/disclosures?q=烟花爆竹&pageSize=50' });
    assert.equal(res.statusCode, 200, res.body);
    const item = res
      .json()
      .items.find((d: { record: { title: string } }) => d.record.title.includes('超量存放烟花爆竹'));
    assert.ok(item, res.body);
    assert.equal(item.record.partyName, '周某某');
    for (const secret of ['周建明', '13987012345', '青龙村', '530223198506123']) {
      assert.equal(res.body.includes(secret), false, secret);
    }
  });
});
