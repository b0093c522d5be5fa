import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckDigit } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import { agencies, officers } from '../src/db/schema.js';
import { call, login, startTestApp, type TestApp } from './support/testApp.js';

describe('reviewer staffing', () => {
  let t: TestApp;
  let yjj: number;
  before(async () => {
    t = await startTestApp();
    const [a] = await t.database.db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
    assert.ok(a);
    yjj = a.id;
  });
  after(() => t.close());

  const staffingOf = async (username: string) => {
    const s = await login(t.app, username);
    const res = await call(t.app, s, 'GET', '/api/review/staffing');
    assert.equal(res.statusCode, 200);
    return res.json() as { agencyId: number; officers: number; reviewers: number; required: number; short: boolean }[];
  };

  it('G-5: an agency with one reviewer for up to 20 officers is staffed; with 21 it is short, on its page too', async () => {
    const before = (await staffingOf('zhifa')).find((r) => r.agencyId === yjj);
    assert.ok(before);
    assert.equal(before.reviewers, 1);
    assert.equal(before.short, before.officers > 20);
    const extra = 21 - before.officers;
    for (let i = 0; i < extra; i++) {
      const body = `530223199001${String(10 + i).padStart(2, '0')}${String(500 + i).padStart(3, '0')}`;
      await t.database.db.insert(officers).values({
        agencyId: yjj,
        name: `新增人员${i}`,
        gender: 'male',
        regionCode: '530223',
        residentId: body + residentIdCheckDigit(body),
        fields: ['emergency'],
      });
    }
    const after = (await staffingOf('zhifa')).find((r) => r.agencyId === yjj);
    assert.deepEqual(
      { officers: after?.officers, required: after?.required, short: after?.short },
      { officers: 21, required: 2, short: true },
    );
    const page = (await call(t.app, await login(t.app, 'zhifa'), 'GET', `/api/agencies/${yjj}`)).json();
    assert.equal(page.reviewerStaffing.short, true);
    assert.match(page.reviewerStaffing.message, /应不少于 2 名/);
  });

  it('G-5: the justice bureau sees every agency of its county, and only those', async () => {
    const rows = await staffingOf('jiandu');
    assert.ok(rows.length >= 5);
    assert.ok(rows.some((r) => r.agencyId === yjj));
    // Agencies without a reviewer are short whatever their size.
    for (const r of rows) if (r.reviewers === 0) assert.equal(r.short, true);
    assert.deepEqual(
      (await staffingOf('zhifa')).map((r) => r.agencyId),
      [yjj],
    );
  });
});
