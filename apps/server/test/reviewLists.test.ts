import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BenchmarkItem, DEFAULT_BENCHMARKS, DEFAULT_MAJOR_CATALOG, type MajorRule } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, users } from '../src/db/schema.js';
import { DEMO_PASSWORD } from '../src/demo/demoData.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { parseLabelList, parseYuan } from '../src/modules/review/reviewListExcel.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

type Kind = 'catalog' | 'benchmarks';
interface ListAnswer<T> {
  agencyId: number;
  agencyName: string;
  canEdit: boolean;
  current: { id: number | null; version: number; entries: T[]; reason: string; createdAt: string | null };
  versions: {
    id: number;
    version: number;
    reason: string;
    createdAt: string;
    createdByName: string | null;
    count: number;
  }[];
}

function multipart(buffer: Buffer) {
  const boundary = '----sanxiang-review-lists';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="清单.xlsx"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buffer, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(t: TestApp, s: Session, kind: Kind, buffer: Buffer, reason: string, agencyId?: number) {
  const { payload, contentType } = multipart(buffer);
  const query = new URLSearchParams({ reason, ...(agencyId ? { agencyId: String(agencyId) } : {}) });
  return t.app.inject({
    method: 'POST',
    url: `/api/review/lists/${kind}/import?${query}`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': contentType },
    payload,
  });
}

/** Rows below the header with a 编号 (the template's drop-downs reach row 1000). */
function dataRows(sheet: ExcelJS.Worksheet): number {
  let n = 0;
  sheet.eachRow((row, i) => {
    if (i > 1 && row.getCell(1).value) n++;
  });
  return n;
}

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A catalog exercising every criterion: fractional yuan, labels that contain 、, several kinds. */
const CUSTOM_CATALOG: MajorRule[] = [
  ...DEFAULT_MAJOR_CATALOG.filter((r) => r.criterion !== 'amount'),
  {
    code: 'X-1',
    label: '较大数额罚没（本局标准）',
    criterion: 'amount',
    thresholdFen: { person: 1_234_567, organization: 5_000_001 },
    requiresDeliberation: true,
    basis: '示例省行政处罚听证程序规定第六条',
  },
  {
    code: 'X-2',
    label: '划拨、拆除、征收',
    criterion: 'measure',
    measures: ['depositTransfer', 'demolition', 'expropriation'],
    requiresDeliberation: false,
    basis: '',
  },
];

const CUSTOM_BENCHMARKS: BenchmarkItem[] = [
  ...DEFAULT_BENCHMARKS,
  {
    code: 'AQ-101',
    violation: '生产经营单位未建立事故隐患排查治理制度',
    violatedProvision: '《中华人民共和国安全生产法》第四十一条',
    penaltyBasis: '《中华人民共和国安全生产法》第一百零一条第（五）项',
    tiers: [
      { tier: 'exempt', circumstances: '首次违法、及时改正', sanctions: [] },
      {
        tier: 'general',
        circumstances: '逾期未改正',
        sanctions: ['warning', 'fine'],
        fine: { person: { minFen: 50, maxFen: 99_999 }, organization: { minFen: 1_000_050, maxFen: 2_000_000 } },
      },
    ],
  },
];

describe(`review lists: 重大执法决定法制审核目录清单 and 行政处罚裁量基准 (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let yjj: number;
  let nyj: number;
  let otherCountyAgency: number;
  let reviewer: Session;
  let head: Session;

  const get = async <T>(s: Session, kind: Kind, agencyId?: number) => {
    const res = await call(t.app, s, 'GET', `/api/review/lists/${kind}${agencyId ? `?agencyId=${agencyId}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ListAnswer<T>;
  };
  const ledgerVersions = async (agencyId: number, kind: Kind) =>
    (await entriesOf(t.database.db, 'agency', agencyId)).filter((e) => e.action === `review.${kind}.version`);

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const byName = async (name: string) => {
      const [a] = await db.select().from(agencies).where(eq(agencies.name, name));
      assert.ok(a, name);
      return a;
    };
    yjj = (await byName('示例县应急管理局')).id;
    nyj = (await byName('示例县能源局')).id;
    const sfj = await byName('示例县司法局');
    const [bureau] = await db
      .insert(agencies)
      .values({
        name: '另一区司法局',
        kind: 'administrative',
        role: 'supervisor',
        regionCode: '530102',
        field: 'justice',
      })
      .returning();
    const [other] = await db
      .insert(agencies)
      .values({
        name: '另一区应急管理局',
        kind: 'administrative',
        regionCode: '530102',
        field: 'emergency',
        parentId: bureau?.id,
      })
      .returning();
    assert.ok(other);
    otherCountyAgency = other.id;
    // A head of the justice bureau itself: may read the county's lists, may not change another agency's.
    await db.insert(users).values({
      username: 'sfjhead',
      displayName: '司法局负责人',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      agencyId: sfj.id,
      roles: ['head'],
    });
    reviewer = await login(t.app, 'shenhe');
    head = await login(t.app, 'fuzeren');
  });
  after(() => t.close());

  it('S-6: saving makes a new version with its reason; older versions stay readable; each save is in the ledger', async () => {
    const start = await get<MajorRule>(reviewer, 'catalog');
    assert.equal(start.agencyId, yjj);
    assert.equal(start.agencyName, '示例县应急管理局');
    assert.equal(start.canEdit, true);
    const ledgerBefore = (await ledgerVersions(yjj, 'catalog')).length;
    if (start.current.id === null) {
      assert.equal(start.current.version, 0);
      assert.deepEqual(start.current.entries, DEFAULT_MAJOR_CATALOG, 'until saved, the built-in default applies');
    }

    const first = await call(t.app, reviewer, 'PUT', '/api/review/lists/catalog', {
      entries: CUSTOM_CATALOG,
      reason: '  本局调整较大数额标准  ',
    });
    assert.equal(first.statusCode, 200, first.body);
    const v1 = first.json();
    assert.equal(v1.version, start.current.version + 1);
    assert.equal(v1.reason, '本局调整较大数额标准');
    assert.deepEqual(v1.entries, CUSTOM_CATALOG);

    const changed = CUSTOM_CATALOG.map((r) =>
      r.code === 'X-1' ? { ...r, thresholdFen: { person: 2_000_000, organization: 20_000_000 } } : r,
    );
    const second = await call(t.app, head, 'PUT', '/api/review/lists/catalog', {
      agencyId: yjj,
      entries: changed,
      reason: '《示例省行政处罚听证程序规定》修改',
    });
    assert.equal(second.statusCode, 200, second.body);
    const v2 = second.json();
    assert.equal(v2.version, v1.version + 1);

    const now = await get<MajorRule>(reviewer, 'catalog');
    assert.equal(now.current.id, v2.id);
    assert.equal(now.current.version, v2.version);
    assert.equal(now.current.reason, '《示例省行政处罚听证程序规定》修改');
    assert.deepEqual(now.current.entries, changed);
    assert.deepEqual(
      now.versions.slice(0, 2).map((v) => [v.version, v.reason, v.createdByName, v.count]),
      [
        [v2.version, '《示例省行政处罚听证程序规定》修改', '陈志远', changed.length],
        [v1.version, '本局调整较大数额标准', '刘晓敏', CUSTOM_CATALOG.length],
      ],
    );

    // The old version is still there, unchanged, for anyone of the agency (the officer too).
    const old = await call(t.app, await login(t.app, 'zhifa'), 'GET', `/api/review/lists/catalog/versions/${v1.id}`);
    assert.equal(old.statusCode, 200, old.body);
    assert.equal(old.json().version, v1.version);
    assert.deepEqual(old.json().entries, CUSTOM_CATALOG);

    const ledger = await ledgerVersions(yjj, 'catalog');
    assert.equal(ledger.length, ledgerBefore + 2);
    const payload = JSON.parse(ledger[ledger.length - 1]?.payload ?? '{}');
    assert.equal(payload.reason, '《示例省行政处罚听证程序规定》修改');
    assert.equal(payload.version, v2.version);
    assert.equal(payload.list, '重大执法决定法制审核目录清单');

    // The benchmarks are versioned the same way, separately.
    const b = await call(t.app, reviewer, 'PUT', '/api/review/lists/benchmarks', {
      entries: CUSTOM_BENCHMARKS,
      reason: '新增第一百零一条裁量基准',
    });
    assert.equal(b.statusCode, 200, b.body);
    assert.deepEqual(b.json().entries, CUSTOM_BENCHMARKS);
    assert.equal((await ledgerVersions(yjj, 'benchmarks')).at(-1)?.action, 'review.benchmarks.version');
  });

  it('normalises a rule to what its criterion reads', async () => {
    const res = await call(t.app, reviewer, 'PUT', '/api/review/lists/catalog', {
      reason: '整理',
      entries: [
        {
          code: ' H-1 ',
          label: '经过听证',
          criterion: 'hearingHeld',
          sanctions: ['fine'],
          thresholdFen: { person: 1, organization: 1 },
          requiresDeliberation: false,
          basis: '',
          extra: 'ignored',
        },
        {
          code: 'S-1',
          label: '吊销',
          criterion: 'sanction',
          sanctions: ['revokeLicense', 'revokeLicense'],
          requiresDeliberation: true,
          basis: '',
        },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().entries, [
      { code: 'H-1', label: '经过听证', criterion: 'hearingHeld', requiresDeliberation: false, basis: '' },
      {
        code: 'S-1',
        label: '吊销',
        criterion: 'sanction',
        sanctions: ['revokeLicense'],
        requiresDeliberation: true,
        basis: '',
      },
    ]);
  });

  it('refuses an invalid list in Chinese, naming the entry, and saves nothing', async () => {
    const before = await get<MajorRule>(reviewer, 'catalog');
    const ledgerBefore = (await ledgerVersions(yjj, 'catalog')).length;
    const put = (body: unknown, kind: Kind = 'catalog') =>
      call(t.app, reviewer, 'PUT', `/api/review/lists/${kind}`, body);

    const noReason = await put({ entries: DEFAULT_MAJOR_CATALOG, reason: '  ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /调整原因/);

    const badAmount = await put({
      reason: '测试',
      entries: [
        {
          code: 'A',
          label: '数额',
          criterion: 'amount',
          thresholdFen: { person: -1, organization: 1.5 },
          requiresDeliberation: true,
          basis: '',
        },
        { code: 'B', label: '', criterion: 'nonsense', requiresDeliberation: 'yes', basis: '' },
      ],
    });
    assert.equal(badAmount.statusCode, 400);
    const body = badAmount.json();
    assert.equal(body.code, 'VALIDATION_FAILED');
    const item = (field: string) => body.errors.find((e: { field: string }) => e.field === field)?.message ?? '';
    assert.match(item('entries.0.thresholdFen.person'), /^第1条“A”的数额标准（自然人）：不能为负数$/);
    assert.match(item('entries.0.thresholdFen.organization'), /整数/);
    assert.match(item('entries.1.label'), /第2条“B”的名称：必填/);
    assert.match(item('entries.1.criterion'), /判断依据：不是有效的判断依据/);
    assert.match(item('entries.1.requiresDeliberation'), /须集体讨论：应为是或否/);
    assert.match(body.message, /^第1条“A”/);

    const domain = await put({
      reason: '测试',
      entries: [
        { code: 'S', label: '处罚', criterion: 'sanction', sanctions: [], requiresDeliberation: true, basis: '' },
        { code: 'S', label: '处罚', criterion: 'hearingHeld', requiresDeliberation: true, basis: '' },
      ],
    });
    assert.equal(domain.statusCode, 400);
    const messages = domain.json().errors.map((e: { message: string }) => e.message);
    assert.ok(
      messages.some((m: string) => /须选择处罚种类/.test(m)),
      messages.join('；'),
    );
    assert.ok(
      messages.some((m: string) => /编号“S”重复/.test(m)),
      messages.join('；'),
    );

    const empty = await put({ reason: '测试', entries: [] });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.json().message, /不能为空/);

    const tier = (over: object) => ({
      code: 'T',
      violation: '违法行为',
      violatedProvision: '',
      penaltyBasis: '',
      tiers: [{ tier: 'general', circumstances: '', sanctions: ['fine'], ...over }],
    });
    const range = { person: { minFen: 500, maxFen: 100 }, organization: { minFen: 0, maxFen: 0 } };
    const badRange = await put({ reason: '测试', entries: [tier({ fine: range })] }, 'benchmarks');
    assert.equal(badRange.statusCode, 400);
    assert.match(badRange.json().message, /第1条“T”的第1个裁量阶次的罚款幅度（自然人）上限：上限不能低于下限/);
    const noFine = await put({ reason: '测试', entries: [tier({})] }, 'benchmarks');
    assert.match(noFine.json().message, /须设定罚款幅度/);
    const exempt = await put({ reason: '测试', entries: [tier({ tier: 'exempt' })] }, 'benchmarks');
    assert.match(exempt.json().message, /不予处罚的阶次不能设定处罚种类/);

    const unknownKind = await call(t.app, reviewer, 'GET', '/api/review/lists/penalties');
    assert.equal(unknownKind.statusCode, 404);
    assert.match(unknownKind.json().message, /没有这种清单/);

    const after = await get<MajorRule>(reviewer, 'catalog');
    assert.deepEqual(after.current, before.current, 'nothing saved');
    assert.equal((await ledgerVersions(yjj, 'catalog')).length, ledgerBefore);
  });

  it('reads amounts in yuan as people write them, and kinds by their labels', () => {
    const fen = (s: string) => {
      const r = parseYuan(s);
      return r && 'fen' in r ? r.fen : r;
    };
    assert.equal(fen(''), null);
    assert.equal(fen('1,300.50元'), 130_050);
    assert.equal(fen('1300.4999999999998'), 130_050);
    assert.equal(fen('1.005'), 101);
    assert.equal(fen('0.29'), 29);
    assert.equal(fen('10000'), 1_000_000);
    assert.deepEqual(fen('-5'), { error: '金额不能为负数' });
    assert.match((parseYuan('一千') as { error: string }).error, /不是有效的金额/);
    assert.match((parseYuan('1e5') as { error: string }).error, /不是有效的金额/);
    assert.deepEqual(
      parseLabelList('划拨存款、汇款、拆除建筑物、构筑物；fine、罚金', {
        a: '划拨存款、汇款',
        b: '拆除建筑物、构筑物',
        fine: '罚款',
      }),
      {
        codes: ['a', 'b', 'fine'],
        unknown: ['罚金'],
      },
    );
  });

  for (const kind of ['catalog', 'benchmarks'] as const) {
    it(`exports the ${kind} to Excel and imports the file back to an identical list`, async () => {
      const custom = kind === 'catalog' ? CUSTOM_CATALOG : CUSTOM_BENCHMARKS;
      const saved = await call(t.app, head, 'PUT', `/api/review/lists/${kind}`, {
        entries: custom,
        reason: '导出前保存',
      });
      assert.equal(saved.statusCode, 200, saved.body);

      const res = await call(t.app, reviewer, 'GET', `/api/review/lists/${kind}.xlsx`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /spreadsheetml/);
      assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /示例县应急管理局.*第\d+版/);
      const wb = await workbookOf(res.rawPayload);
      const sheet = wb.worksheets[0];
      assert.ok(sheet);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      const notes = wb.getWorksheet('填写说明');
      assert.ok(notes, 'has a 说明 sheet');
      const noteText = notes.getSheetValues().flat().join('\n');
      assert.match(noteText, /示例县应急管理局/);
      assert.match(noteText, /导出前保存/);
      if (kind === 'catalog') {
        assert.deepEqual(headers, [
          '编号',
          '名称',
          '判断依据',
          '处罚种类',
          '其他执法决定',
          '自然人数额标准（元）',
          '法人或其他组织数额标准（元）',
          '须集体讨论',
          '依据',
        ]);
        assert.equal(dataRows(sheet), CUSTOM_CATALOG.length);
        const amountRow = sheet.getRow(CUSTOM_CATALOG.length);
        assert.deepEqual((amountRow.values as unknown[]).slice(1, 9), [
          'X-1',
          '较大数额罚没（本局标准）',
          '罚没数额',
          '',
          '',
          12345.67,
          50000.01,
          '是',
        ]);
        assert.equal(sheet.getRow(2).getCell(4).value, '暂扣许可证件、吊销许可证件');
      } else {
        assert.deepEqual(headers, [
          '编号',
          '违法行为',
          '违反条款',
          '处罚依据',
          '裁量阶次',
          '适用情形',
          '处罚种类',
          '自然人罚款下限（元）',
          '自然人罚款上限（元）',
          '组织罚款下限（元）',
          '组织罚款上限（元）',
        ]);
        const tiers = CUSTOM_BENCHMARKS.reduce((n, i) => n + i.tiers.length, 0);
        assert.equal(dataRows(sheet), tiers, 'one row per violation and tier');
        const last = sheet.getRow(tiers + 1);
        assert.deepEqual((last.values as unknown[]).slice(5), [
          '一般',
          '逾期未改正',
          '警告、罚款',
          0.5,
          999.99,
          10000.5,
          20000,
        ]);
      }

      const imported = await upload(t, reviewer, kind, res.rawPayload, '按导出文件重新导入');
      assert.equal(imported.statusCode, 200, imported.body);
      const now = await get<unknown>(reviewer, kind);
      assert.equal(now.current.version, saved.json().version + 1);
      assert.equal(now.current.reason, '按导出文件重新导入');
      assert.deepEqual(now.current.entries, custom);
    });
  }

  it('imports the built-in default of an agency that never saved one back to the same list', async () => {
    const admin = await login(t.app, 'admin');
    for (const kind of ['catalog', 'benchmarks'] as const) {
      const start = await get<unknown>(admin, kind, nyj);
      if (start.current.id !== null) continue;
      const file = (await call(t.app, admin, 'GET', `/api/review/lists/${kind}.xlsx?agencyId=${nyj}`)).rawPayload;
      const res = await upload(t, admin, kind, file, '启用本局清单', nyj);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().entries, kind === 'catalog' ? DEFAULT_MAJOR_CATALOG : DEFAULT_BENCHMARKS);
    }
  });

  it('refuses an import with a wrong row, naming the row, and saves nothing', async () => {
    const before = await get<MajorRule>(reviewer, 'catalog');
    const ledgerBefore = (await ledgerVersions(yjj, 'catalog')).length;
    const wb = await workbookOf((await call(t.app, reviewer, 'GET', '/api/review/lists/catalog.xlsx')).rawPayload);
    const sheet = wb.worksheets[0];
    assert.ok(sheet);
    sheet.getRow(3).getCell(4).value = '暂扣许可证件、罚金';
    sheet.getRow(3).getCell(8).value = '也许';
    const amountRow = sheet.getRow(before.current.entries.findIndex((r) => r.criterion === 'amount') + 2);
    amountRow.getCell(6).value = '-100';
    sheet.getRow(4).getCell(1).value = sheet.getRow(2).getCell(1).value;
    const res = await upload(t, reviewer, 'catalog', Buffer.from(await wb.xlsx.writeBuffer()), '有错误的文件');
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json();
    assert.equal(body.code, 'IMPORT_INVALID');
    assert.match(body.message, /未导入任何数据/);
    assert.match(body.message, /第3行“处罚种类”：未知的处罚种类“罚金”/);
    const find = (row: number, field: string) =>
      body.errors.find((e: { row: number; field: string }) => e.row === row && e.field === field)?.message ?? '';
    assert.match(find(3, '须集体讨论'), /应为“是”或“否”/);
    assert.match(find(amountRow.number, '自然人数额标准（元）'), /不能为负数/);
    assert.match(find(4, '编号'), /与第2行的编号重复/);
    assert.deepEqual((await get<MajorRule>(reviewer, 'catalog')).current, before.current, 'nothing saved');
    assert.equal((await ledgerVersions(yjj, 'catalog')).length, ledgerBefore);

    // Benchmarks: a partial fine range, an amount that is not a number, a tier given twice, one item's
    // name differing between its rows.
    const bBefore = await get<BenchmarkItem>(reviewer, 'benchmarks');
    const bwb = await workbookOf((await call(t.app, reviewer, 'GET', '/api/review/lists/benchmarks.xlsx')).rawPayload);
    const bs = bwb.worksheets[0];
    assert.ok(bs);
    bs.getRow(3).getCell(8).value = null; // 自然人罚款下限 blank, the other three filled
    bs.getRow(4).getCell(11).value = '两千元';
    bs.getRow(5).getCell(5).value = bs.getRow(4).getCell(5).value;
    bs.getRow(5).getCell(2).value = '另一个违法行为';
    const bres = await upload(t, reviewer, 'benchmarks', Buffer.from(await bwb.xlsx.writeBuffer()), '有错误的文件');
    assert.equal(bres.statusCode, 400, bres.body);
    const berrs = bres.json().errors as { row: number; field: string; message: string }[];
    const at = (row: number, field: string) => berrs.find((e) => e.row === row && e.field === field)?.message ?? '';
    assert.match(at(3, '自然人罚款下限（元）'), /四列须都填写/);
    assert.match(at(4, '组织罚款上限（元）'), /“两千元”不是有效的金额/);
    assert.match(at(5, '裁量阶次'), /与第4行.*重复/);
    assert.match(at(5, '违法行为'), /与第2行.*不一致/);
    assert.deepEqual((await get<BenchmarkItem>(reviewer, 'benchmarks')).current, bBefore.current);

    const notExcel = await upload(t, reviewer, 'catalog', Buffer.from('编号,名称\n1,2\n'), '不是 Excel');
    assert.equal(notExcel.statusCode, 400);
    assert.match(notExcel.json().message, /无法读取文件/);
    const noReason = await upload(t, reviewer, 'catalog', Buffer.alloc(0), '');
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /调整原因/);
  });

  it('keeps to scope: own agency; the justice bureau its county (changes by its administrator only); 404 elsewhere', async () => {
    const officer = await login(t.app, 'zhifa');
    const entries = [
      { code: 'H', label: '经过听证', criterion: 'hearingHeld', requiresDeliberation: false, basis: '' },
    ];
    const yjjVersion = (await get<MajorRule>(officer, 'catalog')).current.id;
    assert.ok(yjjVersion);

    // Another county's agency, and a sibling agency of the same county: not found for the agency's staff.
    for (const agencyId of [otherCountyAgency, nyj]) {
      for (const url of [
        `/api/review/lists/catalog?agencyId=${agencyId}`,
        `/api/review/lists/benchmarks.xlsx?agencyId=${agencyId}`,
      ]) {
        assert.equal((await call(t.app, officer, 'GET', url)).statusCode, 404, url);
      }
      const put = await call(t.app, head, 'PUT', '/api/review/lists/catalog', { agencyId, entries, reason: '越权' });
      assert.equal(put.statusCode, 404);
    }
    const sibling = await login(t.app, 'nengyuan');
    assert.equal(
      (await call(t.app, sibling, 'GET', `/api/review/lists/catalog/versions/${yjjVersion}`)).statusCode,
      404,
    );
    assert.equal(
      (await call(t.app, officer, 'PUT', '/api/review/lists/catalog', { entries, reason: '无权' })).statusCode,
      403,
    );
    assert.equal((await get<MajorRule>(officer, 'catalog')).canEdit, false);

    // The justice bureau: reads every agency of its county, not another county's, and has no list of its own.
    const supervisor = await login(t.app, 'jiandu');
    const seen = await get<MajorRule>(supervisor, 'catalog', yjj);
    assert.equal(seen.agencyName, '示例县应急管理局');
    assert.equal(seen.canEdit, false);
    assert.equal(
      (await call(t.app, supervisor, 'GET', `/api/review/lists/catalog/versions/${yjjVersion}`)).statusCode,
      200,
    );
    assert.equal(
      (await call(t.app, supervisor, 'GET', `/api/review/lists/catalog?agencyId=${otherCountyAgency}`)).statusCode,
      404,
    );
    const own = await call(t.app, supervisor, 'GET', '/api/review/lists/catalog');
    assert.equal(own.statusCode, 400);
    assert.equal(own.json().code, 'NOT_AN_AGENCY');
    assert.equal(
      (await call(t.app, supervisor, 'PUT', '/api/review/lists/catalog', { agencyId: yjj, entries, reason: '监督' }))
        .statusCode,
      403,
    );

    // Its administrator changes an agency's list; its head may not (that is the agency's own business).
    const admin = await login(t.app, 'admin');
    assert.equal((await get<MajorRule>(admin, 'catalog', yjj)).canEdit, true);
    const byAdmin = await call(t.app, admin, 'PUT', '/api/review/lists/catalog', {
      agencyId: yjj,
      entries,
      reason: '司法局统一调整',
    });
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    const bureauHead = await login(t.app, 'sfjhead');
    assert.equal((await get<MajorRule>(bureauHead, 'catalog', yjj)).canEdit, false);
    const byHead = await call(t.app, bureauHead, 'PUT', '/api/review/lists/catalog', {
      agencyId: yjj,
      entries,
      reason: '负责人调整',
    });
    assert.equal(byHead.statusCode, 403);
    assert.match(byHead.json().message, /只能调整本单位/);
    const file = (await call(t.app, admin, 'GET', `/api/review/lists/catalog.xlsx?agencyId=${yjj}`)).rawPayload;
    const importByHead = await upload(t, bureauHead, 'catalog', file, '负责人导入', yjj);
    assert.equal(importByHead.statusCode, 403);
    assert.equal((await get<MajorRule>(officer, 'catalog')).current.id, byAdmin.json().id);
  });
});
