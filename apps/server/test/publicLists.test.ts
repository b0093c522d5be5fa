import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultAvEntries, type MatterEntry, PUBLIC_LIST_FIELDS } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, users } from '../src/db/schema.js';
import { DEMO_PASSWORD } from '../src/demo/demoData.js';
import { publishedEntries } from '../src/modules/disclosure/publicLists.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { createCase, must, prepareOfficers, step } from './support/caseFlow.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

function multipart(buffer: Buffer) {
  const boundary = '----sanxiang-public-lists';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="清单.xlsx"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buffer, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`事前公开清单 (issue 6, S-6, listReview) on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let t: TestApp;
  let officer: Session;
  let head: Session;
  let reviewer: Session;
  let bureauAdmin: Session;
  let otherReviewer: Session;
  let yjj: number;
  let nyj: number;

  const get = (s: Session | null, url: string) => call(t.app, s, 'GET', url);
  const state = async (kind = 'matters') => {
    const res = await get(officer, `/api/public-lists/${kind}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const publicList = (kind = 'matters', agencyId = yjj) => get(null, `/api/public/agencies/${agencyId}/lists/${kind}`);
  const ledgerActions = async () => {
    const entries = await entriesOf(t.database.db, 'agency', yjj);
    return entries.map((e) => e.action).filter((a) => a.startsWith('publicList.'));
  };
  const upload = (s: Session, kind: string, buffer: Buffer, reason: string) => {
    const { payload, contentType } = multipart(buffer);
    return t.app.inject({
      method: 'POST',
      url: `/api/public-lists/${kind}/import?${new URLSearchParams({ reason })}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': contentType },
      payload,
    });
  };

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const [a] = await db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
    const [b] = await db.select().from(agencies).where(eq(agencies.name, '示例县能源局'));
    if (!a || !b) throw new Error('demo agencies missing');
    yjj = a.id;
    nyj = b.id;
    await db.insert(users).values({
      username: 'nyshenhe',
      displayName: '林芳',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      agencyId: nyj,
      roles: ['reviewer'],
    });
    officer = await login(t.app, 'zhifa');
    head = await login(t.app, 'fuzeren');
    reviewer = await login(t.app, 'shenhe');
    bureauAdmin = await login(t.app, 'admin');
    otherReviewer = await login(t.app, 'nyshenhe');
  });
  after(() => t?.close());

  it('the demo county publishes a 权责清单 with mixed action kinds, with its earlier version as history', async () => {
    const res = await publicList();
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.version, 2);
    assert.ok(body.entries.length >= 8);
    const kinds = new Set(body.entries.map((e: MatterEntry) => e.actionKind));
    assert.ok(kinds.size >= 4, [...kinds].join());
    for (const e of body.entries as MatterEntry[]) assert.match(e.basis, /《.+》.*第.+条/);
    assert.deepEqual(
      body.history.map((h: { version: number; current: boolean }) => [h.version, h.current]),
      [
        [2, true],
        [1, false],
      ],
    );
    assert.equal((await get(null, `/api/public/agencies/${yjj}/lists/matters/versions/1`)).statusCode, 200);
    assert.ok(((await publicList('spotChecks')).json().entries as unknown[]).length >= 4);
    assert.ok(((await publicList('serviceGuides')).json().entries as unknown[]).length >= 2);
    // The annual report's question: which action kinds does the agency hold?
    const matters = await publishedEntries(t.database.db, yjj, 'matters');
    assert.ok(matters?.some((m) => m.actionKind === 'license'));
    assert.equal(await publishedEntries(t.database.db, nyj, 'matters'), null);
    assert.equal((await publicList('matters', nyj)).statusCode, 404);
  });

  it('lists every public list of an agency: its own, the AV list, catalog and benchmarks, and flowcharts', async () => {
    const res = await get(null, `/api/public/agencies/${yjj}/lists`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      body.lists.map((l: { kind: string }) => l.kind),
      ['matters', 'spotChecks', 'serviceGuides', 'avList', 'catalog', 'benchmarks'],
    );
    const av = (await publicList('avList')).json();
    assert.ok(av.entries.some((e: { level: string }) => e.level === 'full'));
    assert.equal((await publicList('catalog')).statusCode, 200);
    assert.equal((await publicList('benchmarks')).statusCode, 200);
    assert.equal((await publicList('secrets')).statusCode, 404);
    const chart = await get(null, body.flowcharts[0].href);
    assert.equal(chart.statusCode, 200);
    assert.match(chart.body, /<svg/);
  });

  it('S-6: a draft needs its reason and valid entries; a refused save changes nothing', async () => {
    const before = await state();
    const entries = before.published.entries as MatterEntry[];
    const noReason = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', { entries, reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /调整原因/);
    const bad = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: [...entries, { ...entries[0], code: 'YJ-NEW', name: '', actionKind: '罚款' }],
      reason: '测试',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /^第\d+条“YJ-NEW”的事项名称必填/);
    assert.ok(bad.json().errors.some((e: { message: string }) => /执法类别“罚款”无效/.test(e.message)));
    const dup = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: [...entries, entries[0]],
      reason: '测试',
    });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.json().message, /编号“YJ-CF-001”与第1条重复/);
    const after = await state();
    assert.equal(after.open, null);
    assert.equal(after.versions.length, before.versions.length);
  });

  it('listReview: draft → submit → return → resubmit → approve → public; never public before', async () => {
    const published = (await state()).published.entries as MatterEntry[];
    const draft = [
      ...published.map((m) => (m.code === 'YJ-CF-002' ? { ...m, unit: '危险化学品监督管理股' } : m)),
      {
        ...published[0],
        code: 'YJ-CF-011',
        name: '对生产经营单位未如实记录安全生产教育和培训情况的行政处罚',
        actionKind: '行政处罚',
      },
    ];
    const saved = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: draft,
      reason: '增加事项，调整承办机构（机构职能调整）',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().version, 3);
    assert.equal(saved.json().status, 'draft');
    assert.equal(saved.json().entries.at(-1).actionKind, 'penalty');
    // A draft is not public.
    assert.equal((await publicList()).json().version, 2);
    assert.equal((await get(null, `/api/public/agencies/${yjj}/lists/matters/versions/3`)).statusCode, 404);
    // Saving again overwrites the same draft.
    const again = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: draft,
      reason: '增加事项，调整承办机构（示例县应急管理局职能调整）',
    });
    assert.equal(again.json().id, saved.json().id);

    const submitted = await call(t.app, officer, 'POST', '/api/public-lists/matters/submit', {});
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().status, 'submitted');
    const id = submitted.json().id as number;
    assert.equal((await publicList()).json().version, 2, 'a submitted version is not public');
    const locked = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: draft,
      reason: 'x',
    });
    assert.equal(locked.statusCode, 409);

    // Only the agency's own legal reviewer decides.
    for (const s of [officer, head, bureauAdmin]) {
      const res = await call(t.app, s, 'POST', `/api/public-lists/versions/${id}/approve`, {});
      assert.equal(res.statusCode, 403, `${s.username}: ${res.body}`);
    }
    assert.equal(
      (await call(t.app, otherReviewer, 'POST', `/api/public-lists/versions/${id}/approve`, {})).statusCode,
      404,
    );
    const noOpinion = await call(t.app, reviewer, 'POST', `/api/public-lists/versions/${id}/return`, { opinion: '' });
    assert.equal(noOpinion.statusCode, 400);

    const returned = await call(t.app, reviewer, 'POST', `/api/public-lists/versions/${id}/return`, {
      opinion: 'YJ-CF-011 的实施依据应为第九十七条第（四）项',
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal(returned.json().status, 'returned');
    assert.equal((await publicList()).json().version, 2, 'a returned version is not public');
    assert.equal((await call(t.app, reviewer, 'POST', `/api/public-lists/versions/${id}/approve`, {})).statusCode, 409);

    const fixed = draft.map((m) =>
      m.code === 'YJ-CF-011' ? { ...m, basis: '《中华人民共和国安全生产法》（2021年修正）第九十七条第（四）项' } : m,
    );
    const resaved = await call(t.app, officer, 'PUT', '/api/public-lists/matters/draft', {
      entries: fixed,
      reason: '增加事项，调整承办机构（示例县应急管理局职能调整）',
    });
    assert.equal(resaved.json().id, id);
    assert.equal(resaved.json().status, 'draft');
    assert.equal((await call(t.app, officer, 'POST', '/api/public-lists/matters/submit', {})).statusCode, 200);

    const approved = await call(t.app, reviewer, 'POST', `/api/public-lists/versions/${id}/approve`, {
      opinion: '经审核，同意公示',
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'published');
    const pub = (await publicList()).json();
    assert.equal(pub.version, 3);
    assert.equal(pub.entries.length, fixed.length);
    assert.deepEqual(
      pub.history.map((h: { version: number; current: boolean }) => [h.version, h.current]),
      [
        [3, true],
        [2, false],
        [1, false],
      ],
    );
    assert.equal((await get(null, `/api/public/agencies/${yjj}/lists/matters/versions/2`)).json().current, false);
    const s = await state();
    assert.equal(s.open, null);
    assert.deepEqual(
      s.versions.map((v: { status: string }) => v.status),
      ['published', 'superseded', 'superseded'],
    );
    // The demo's five published versions, then this test's changes, each with its entry.
    assert.deepEqual(await ledgerActions(), [
      'publicList.publish',
      'publicList.publish',
      'publicList.publish',
      'publicList.publish',
      'publicList.publish',
      'publicList.draft',
      'publicList.draft',
      'publicList.submit',
      'publicList.return',
      'publicList.draft',
      'publicList.submit',
      'publicList.publish',
    ]);
  });

  it('G-6: the 音像记录事项清单 goes through the same review, and once published the case guards enforce it', async () => {
    // The demo bureau's own list: the workflow definitions' requirements, each with how it records them.
    const before = (await publicList('avList')).json();
    assert.equal(before.version, 1);
    const demoInspect = before.entries.find(
      (e: { procedure: string; step: string }) => e.procedure === 'inspection' && e.step === 'inspect',
    );
    assert.equal(demoInspect.level, 'asNeeded');
    assert.equal(demoInspect.source, '本单位清单');
    assert.match(demoInspect.note, /拍照或录像/);
    // The list may raise a step, never lower one the law makes 全程.
    const lowered = await call(t.app, officer, 'PUT', '/api/public-lists/avList/draft', {
      entries: defaultAvEntries().map((e) =>
        e.code === 'penalty.summary:decideOnSpot' ? { ...e, level: 'asNeeded' } : e,
      ),
      reason: '调整',
    });
    assert.equal(lowered.statusCode, 400);
    assert.match(lowered.json().message, /当场作出处罚决定”依法须全程音像记录，不能降低（G-6）/);
    const raised = defaultAvEntries().map((e) =>
      e.code === 'inspection:inspect' ? { ...e, level: '全程音像记录', note: '危险化学品企业现场检查' } : e,
    );
    const saved = await call(t.app, officer, 'PUT', '/api/public-lists/avList/draft', {
      entries: raised,
      reason: '危险化学品企业现场检查一律全程音像记录',
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json().entries.find((e: { code: string }) => e.code === 'inspection:inspect').level, 'full');
    const submitted = await call(t.app, officer, 'POST', '/api/public-lists/avList/submit', {});
    assert.equal(submitted.statusCode, 200, submitted.body);

    // Not yet published: an inspection without an AV record goes ahead.
    const officerIds = await prepareOfficers(t.database.db);
    const inspection = { procedure: 'inspection', officerIds: [officerIds.li, officerIds.zhang], violationOn: null };
    const first = await createCase(t.app, officer, { ...inspection, leadOn: '2026-09-29' });
    await must(t.app, officer, first.id, 'inspect', { actOn: '2026-09-30', officerIds: inspection.officerIds });

    const approved = await call(
      t.app,
      reviewer,
      'POST',
      `/api/public-lists/versions/${submitted.json().id}/approve`,
      {},
    );
    assert.equal(approved.statusCode, 200, approved.body);
    const after = (await publicList('avList')).json();
    assert.equal(after.version, submitted.json().version);
    const inspect = after.entries.find(
      (e: { procedure: string; step: string }) => e.procedure === 'inspection' && e.step === 'inspect',
    );
    assert.equal(inspect.level, 'full');
    assert.equal(inspect.source, '本单位清单');
    // Published: the same step now needs an AV record (G-6).
    const second = await createCase(t.app, officer, { ...inspection, leadOn: '2026-09-29' });
    const refused = await step(t.app, officer, second.id, 'inspect', {
      actOn: '2026-09-30',
      officerIds: inspection.officerIds,
    });
    assert.equal(refused.statusCode, 422, refused.body);
    assert.match(refused.body, /G-6/);
    assert.match(refused.body, /须全程音像记录/);
    assert.deepEqual((await ledgerActions()).slice(-3), [
      'publicList.draft',
      'publicList.submit',
      'publicList.publish',
    ]);
  });

  it('listReview: a reviewer who is also an officer does not approve a version they submitted', async () => {
    await t.database.db.insert(users).values({
      username: 'jianren',
      displayName: '朱文静',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      agencyId: yjj,
      roles: ['officer', 'reviewer'],
    });
    const both = await login(t.app, 'jianren');
    const entries = (await state('spotChecks')).published.entries;
    const saved = await call(t.app, both, 'PUT', '/api/public-lists/spotChecks/draft', { entries, reason: '年度复核' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal((await call(t.app, both, 'POST', '/api/public-lists/spotChecks/submit', {})).statusCode, 200);
    const own = await call(t.app, both, 'POST', `/api/public-lists/versions/${saved.json().id}/approve`, {});
    assert.equal(own.statusCode, 403);
    assert.match(own.json().message, /S-6.*不能审核本人提交的清单/);
    const ok = await call(t.app, reviewer, 'POST', `/api/public-lists/versions/${saved.json().id}/approve`, {});
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('staff of another agency do not see the lists; a justice bureau has none', async () => {
    const nengyuan = await login(t.app, 'nengyuan');
    assert.equal((await get(nengyuan, `/api/public-lists/matters?agencyId=${yjj}`)).statusCode, 404);
    assert.equal((await get(bureauAdmin, `/api/public-lists/matters?agencyId=${yjj}`)).statusCode, 200);
    assert.equal((await get(bureauAdmin, '/api/public-lists/matters')).statusCode, 400);
    assert.equal((await call(t.app, otherReviewer, 'POST', '/api/public-lists/matters/submit', {})).statusCode, 403);
  });

  it('Excel: template, export of a version, import round trip into a draft, row-level errors', async () => {
    const template = await get(officer, '/api/public-lists/serviceGuides/template.xlsx');
    assert.equal(template.statusCode, 200);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const headers = ((twb.worksheets[0] as ExcelJS.Worksheet).getRow(1).values as unknown[]).filter(Boolean);
    assert.deepEqual(
      headers,
      PUBLIC_LIST_FIELDS.serviceGuides.map((f) => f.label),
    );

    const s = await state('serviceGuides');
    const exported = await get(officer, `/api/public-lists/versions/${s.published.id}/export.xlsx`);
    assert.equal(exported.statusCode, 200);
    const imported = await upload(officer, 'serviceGuides', exported.rawPayload, '按导出文件重新导入');
    assert.equal(imported.statusCode, 200, imported.body);
    assert.equal(imported.json().status, 'draft');
    assert.deepEqual(imported.json().entries, s.published.entries, 'an export imports back to the same list');

    // A wrong file: row 3 lacks its name, row 4 repeats row 2's code; nothing is imported.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const col = (label: string) => PUBLIC_LIST_FIELDS.serviceGuides.findIndex((f) => f.label === label) + 1;
    sheet.getRow(3).getCell(col('事项名称')).value = '';
    const copy = sheet.getRow(2).values as ExcelJS.CellValue[];
    sheet.getRow(4).values = copy;
    const bad = await upload(officer, 'serviceGuides', Buffer.from(await wb.xlsx.writeBuffer()), '有错误的文件');
    assert.equal(bad.statusCode, 400, bad.body);
    const body = bad.json();
    assert.match(body.message, /第3行：事项名称必填/);
    assert.deepEqual(
      body.errors.map((e: { row: number; message: string }) => e.message),
      ['第3行：事项名称必填', '第4行：编号“YJ-ZN-01”与第2行重复'],
    );
    const after = await state('serviceGuides');
    assert.equal(after.open.id, imported.json().id);
    assert.equal(after.open.reason, '按导出文件重新导入');

    const noReason = await upload(officer, 'serviceGuides', exported.rawPayload, '');
    assert.equal(noReason.statusCode, 400);
  });
});
