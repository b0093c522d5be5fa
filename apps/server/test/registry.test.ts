import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckDigit, shanghaiDate, usccCheckCharacter } from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import { agencies, officers } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const rid = (body: string) => body + residentIdCheckDigit(body);
const uscc = (body: string) => body + usccCheckCharacter(body);

async function countOf(t: TestApp, table: typeof agencies | typeof officers): Promise<number> {
  const [r] = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
  return r?.n ?? -1;
}

describe(`registry: agencies and officers (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let bureauAdmin: Session;
  let agencyAdmin: Session;
  let yjjId: number;
  before(async () => {
    t = await startTestApp();
    bureauAdmin = await login(t.app, 'admin');
    agencyAdmin = await login(t.app, 'yjadmin');
    yjjId = (await call(t.app, agencyAdmin, 'GET', '/api/auth/me')).json().user.agency.id;
  });
  after(() => t.close());

  it('lets a justice bureau admin register an agency in its region, with units', async () => {
    const res = await call(t.app, bureauAdmin, 'POST', '/api/agencies', {
      name: '示例县市场监督管理局',
      kind: 'administrative',
      regionCode: '530223',
      field: 'market',
      address: '示例县城关镇正义路1号',
      officePhone: '0870-6125001',
      complaintPhone: '12315',
      uscc: uscc('11530223MB1599999'),
      units: ['综合执法大队', '法规股'],
    });
    assert.equal(res.statusCode, 201, res.body);
    const a = res.json();
    assert.equal(a.regionName, '示例县');
    assert.deepEqual(
      a.units.map((u: { name: string }) => u.name),
      ['综合执法大队', '法规股'],
    );
  });

  it('refuses an invalid credit code with a 400 naming the field in Chinese, and saves nothing', async () => {
    const before = await countOf(t, agencies);
    const res = await call(t.app, bureauAdmin, 'POST', '/api/agencies', {
      name: '示例县自然资源局',
      kind: 'administrative',
      regionCode: '530223',
      field: 'naturalResources',
      uscc: '11530223MB15999990',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.equal(res.json().field, 'uscc');
    assert.match(res.json().message, /^统一社会信用代码：.*校验位/);
    assert.equal(await countOf(t, agencies), before);
  });

  it('names the field of an unknown enum value and of a missing field', async () => {
    const res = await call(t.app, bureauAdmin, 'POST', '/api/agencies', {
      name: '示例县某局',
      kind: 'ministry',
      regionCode: '530223',
      field: 'market',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().field, 'kind');
    assert.match(res.json().message, /^主体类别：/);
    const missing = await call(t.app, bureauAdmin, 'POST', '/api/agencies', { kind: 'administrative' });
    assert.equal(missing.statusCode, 400);
    assert.ok(missing.json().errors.length >= 3, 'every missing field listed');
  });

  it('refuses an agency outside the bureau region, and agency admins registering agencies', async () => {
    const outside = await call(t.app, bureauAdmin, 'POST', '/api/agencies', {
      name: '五华区某局',
      kind: 'administrative',
      regionCode: '530102',
      field: 'market',
    });
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().field, 'regionCode');
    const byAgencyAdmin = await call(t.app, agencyAdmin, 'POST', '/api/agencies', {
      name: '示例县某新局',
      kind: 'administrative',
      regionCode: '530223',
      field: 'market',
    });
    assert.equal(byAgencyAdmin.statusCode, 403);
  });

  it('lets an agency admin edit its contact details but not its structure', async () => {
    const ok = await call(t.app, agencyAdmin, 'PATCH', `/api/agencies/${yjjId}`, { complaintPhone: '0870-6123599' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().complaintPhone, '0870-6123599');
    const structural = await call(t.app, agencyAdmin, 'PATCH', `/api/agencies/${yjjId}`, { kind: 'entrusted' });
    assert.equal(structural.statusCode, 403);
    const duplicate = await call(t.app, agencyAdmin, 'PATCH', `/api/agencies/${yjjId}`, { name: '示例县能源局' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(duplicate.json().message, '已存在同名的执法主体');
  });

  let officerId: number;
  it('registers an officer and masks the resident ID for everyone; only admins read it in full', async () => {
    const residentId = rid('53022319880512041');
    const res = await call(t.app, agencyAdmin, 'POST', '/api/officers', {
      name: '新执法员',
      gender: 'female',
      agencyId: yjjId,
      credentialNo: '53022302099',
      fields: ['emergency'],
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
      residentId,
    });
    assert.equal(res.statusCode, 201, res.body);
    const o = res.json();
    officerId = o.id;
    assert.equal(o.residentIdMasked, `530223********${residentId.slice(-4)}`);
    assert.equal(JSON.stringify(o).includes(residentId), false, 'full number not in the response');
    assert.equal(o.regionCode, '530223', 'defaults to the agency region');
    assert.equal(o.credentialValidToday, true);

    const head = await login(t.app, 'fuzeren');
    const asHead = await call(t.app, head, 'GET', `/api/officers/${officerId}`);
    assert.equal(JSON.stringify(asHead.json()).includes(residentId), false);
    const byHead = await call(t.app, head, 'POST', `/api/officers/${officerId}/resident-id`, { reason: '核对' });
    assert.equal(byHead.statusCode, 403);
    const noReason = await call(t.app, agencyAdmin, 'POST', `/api/officers/${officerId}/resident-id`, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().field, 'reason');
    const full = await call(t.app, agencyAdmin, 'POST', `/api/officers/${officerId}/resident-id`, {
      reason: '核对证件申领材料',
    });
    assert.equal(full.json().residentId, residentId);
    // S-5: the access is on the ledger with who, when and why; the refused attempts are not.
    const views = (await entriesOf(t.database.db, 'officer', officerId)).filter(
      (e) => e.action === 'officer.residentId.view',
    );
    assert.equal(views.length, 1);
    assert.equal(JSON.parse(views[0]?.payload ?? '{}').reason, '核对证件申领材料');
    assert.equal(JSON.parse(views[0]?.entry ?? '{}').actor.name, '应急管理局管理员');
  });

  it('refuses a resident ID with a wrong check digit, and a credential ending before it starts', async () => {
    const before = await countOf(t, officers);
    const body = rid('53022319900101002');
    const wrong = body.slice(0, 17) + (body.endsWith('0') ? '1' : '0');
    const res = await call(t.app, agencyAdmin, 'POST', '/api/officers', {
      name: '测试员',
      gender: 'male',
      agencyId: yjjId,
      credentialNo: '53022302098',
      fields: ['emergency'],
      validFrom: '2026-01-01',
      validTo: '2030-12-31',
      residentId: wrong,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().field, 'residentId');
    assert.match(res.json().message, /公民身份号码：.*校验位/);
    const dates = await call(t.app, agencyAdmin, 'POST', '/api/officers', {
      name: '测试员',
      gender: 'male',
      agencyId: yjjId,
      credentialNo: '53022302098',
      fields: ['emergency'],
      validFrom: '2026-01-01',
      validTo: '2025-12-31',
      residentId: body,
    });
    assert.equal(dates.statusCode, 400);
    assert.equal(dates.json().field, 'validTo');
    assert.equal(await countOf(t, officers), before);
  });

  it('keeps the history of changes with reason, author and what changed', async () => {
    const res = await call(t.app, agencyAdmin, 'PATCH', `/api/officers/${officerId}`, {
      status: 'suspended',
      reason: '涉嫌违纪，暂扣执法证件',
      expectedVersion: 1,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 2);
    assert.equal(res.json().credentialValidToday, false);
    const noReason = await call(t.app, agencyAdmin, 'PATCH', `/api/officers/${officerId}`, { post: '队员' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().field, 'reason');
    const stale = await call(t.app, agencyAdmin, 'PATCH', `/api/officers/${officerId}`, {
      post: '队员',
      reason: '调整职务',
      expectedVersion: 1,
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'VERSION_CONFLICT');

    const history = (await call(t.app, agencyAdmin, 'GET', `/api/officers/${officerId}/history`)).json();
    assert.equal(history.length, 2);
    assert.equal(history[0].version, 2);
    assert.equal(history[0].reason, '涉嫌违纪，暂扣执法证件');
    assert.equal(history[0].changedBy, '应急管理局管理员');
    assert.deepEqual(history[0].changes, [{ field: 'status', label: '状态', from: '在岗', to: '暂扣' }]);
    assert.equal(history[1].reason, '新增');
    const created = Object.fromEntries(history[1].changes.map((c: { label: string; to: string }) => [c.label, c.to]));
    assert.equal(created.姓名, '新执法员');
    assert.equal(created.执法主体, '示例县应急管理局', 'ids are shown by name');
    assert.equal(created.证件类型, '行政执法证');
    assert.equal(created.发证行政区划, '示例县（530223）');
    assert.match(created.公民身份号码, /^530223\*{8}/, 'masked in history too');
  });

  it('answers “may this officer act on this matter on this date” (P-42) from the registry', async () => {
    const suspended = await call(
      t.app,
      agencyAdmin,
      'GET',
      `/api/officers/${officerId}/may-act?field=emergency&date=${shanghaiDate()}`,
    );
    assert.equal(suspended.statusCode, 200);
    assert.equal(suspended.json().ok, false);
    assert.deepEqual(
      suspended.json().problems.map((p: { code: string }) => p.code),
      ['CREDENTIAL_NOT_ACTIVE'],
    );
    await call(t.app, agencyAdmin, 'PATCH', `/api/officers/${officerId}`, { status: 'active', reason: '恢复执法资格' });
    const ok = await call(
      t.app,
      agencyAdmin,
      'GET',
      `/api/officers/${officerId}/may-act?field=emergency&date=2027-06-01`,
    );
    assert.deepEqual(ok.json(), { ok: true });
    const otherField = await call(
      t.app,
      agencyAdmin,
      'GET',
      `/api/officers/${officerId}/may-act?field=education&date=2027-06-01`,
    );
    assert.equal(otherField.json().problems[0].code, 'CREDENTIAL_FIELD_NOT_COVERED');
    const expired = await call(
      t.app,
      agencyAdmin,
      'GET',
      `/api/officers/${officerId}/may-act?field=emergency&date=2031-01-01`,
    );
    assert.equal(expired.json().problems[0].code, 'CREDENTIAL_EXPIRED');
  });

  it('filters and pages the officer list', async () => {
    const s = await login(t.app, 'jiandu');
    const page1 = (await call(t.app, s, 'GET', '/api/officers?pageSize=10&page=1')).json();
    const page2 = (await call(t.app, s, 'GET', '/api/officers?pageSize=10&page=2')).json();
    assert.equal(page1.items.length, 10);
    assert.equal(page1.total, page2.total);
    assert.equal(typeof page1.total, 'number', 'counts are numbers on both engines');
    assert.notEqual(page1.items[0].id, page2.items[0].id);
    const expired = (await call(t.app, s, 'GET', '/api/officers?credential=expired&pageSize=100')).json();
    assert.ok(expired.total >= 3);
    const today = shanghaiDate();
    for (const o of expired.items) assert.ok(o.validTo < today, `${o.name} expired`);
    const byName = (await call(t.app, s, 'GET', `/api/officers?q=${encodeURIComponent('李建国')}`)).json();
    assert.equal(byName.total, 1);
    const energy = (await call(t.app, s, 'GET', '/api/officers?field=energy&pageSize=100')).json();
    assert.ok(energy.items.every((o: { fields: string[] }) => o.fields.includes('energy')));
    const bad = await call(t.app, s, 'GET', '/api/officers?pageSize=5000');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().field, 'pageSize');
  });

  it('shows the public only the public fields of officers, and no revoked credentials', async () => {
    const res = await call(t.app, null, 'GET', '/api/public/officers?pageSize=200');
    assert.equal(res.statusCode, 200);
    const item = res.json().items[0];
    assert.deepEqual(Object.keys(item).sort(), [
      'agencyName',
      'credentialNo',
      'fields',
      'id',
      'name',
      'regionCode',
      'validToday',
    ]);
    const text = res.body;
    assert.equal(/residentId|resident_id|gender|legalQualification/.test(text), false);
    const directory = await call(t.app, null, 'GET', '/api/public/agencies');
    assert.equal(directory.statusCode, 200);
    assert.ok(directory.json().total >= 7);
  });
});
