import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckDigit } from '@sanxiang/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, officers, units } from '../src/db/schema.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const rid = (body: string) => body + residentIdCheckDigit(body);

async function workbook(headers: string[], rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法人员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readBack(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

function multipart(buffer: Buffer, filename = '人员.xlsx') {
  const boundary = '----sanxiang-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buffer, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(t: TestApp, s: Session, url: string, buffer: Buffer) {
  const { payload, contentType } = multipart(buffer);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': contentType },
    payload,
  });
}

async function count(t: TestApp, table: typeof agencies | typeof officers | typeof units) {
  const [r] = await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table);
  return r?.n ?? -1;
}

const HEADERS = [
  '姓名',
  '性别',
  '执法主体',
  '科室',
  '职务',
  '执法证号',
  '执法类别',
  '有效期起',
  '有效期止',
  '法律职业资格',
  '公民身份号码',
];

describe(`registry Excel import and export (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let admin: Session;
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, 'yjadmin');
  });
  after(() => t.close());

  it('offers a template with the Chinese headers, drop-downs and instructions', async () => {
    const res = await call(t.app, admin, 'GET', '/api/officers/template.xlsx');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename\*=UTF-8''/);
    const wb = await readBack(res.rawPayload);
    const header = wb.worksheets[0]?.getRow(1).values as string[];
    for (const h of ['姓名', '执法主体', '执法证号', '执法类别', '公民身份号码']) assert.ok(header.includes(h), h);
    const genderCol = header.indexOf('性别');
    const validation = wb.worksheets[0]?.getRow(2).getCell(genderCol).dataValidation;
    assert.equal(validation?.type, 'list');
    assert.equal(wb.worksheets[1]?.name, '填写说明');
  });

  it('exports the officers in scope without resident IDs', async () => {
    const res = await call(t.app, admin, 'GET', '/api/officers/export.xlsx');
    const ws = (await readBack(res.rawPayload)).worksheets[0];
    assert.ok(ws);
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(1).value));
    });
    assert.equal(names.length, 10 + 0, 'the ten officers of 示例县应急管理局');
    assert.ok(names.includes('李建国'));
    assert.ok(!names.includes('王建华'), 'no officer of another agency');
    const idCol = (ws.getRow(1).values as string[]).indexOf('公民身份号码');
    ws.eachRow((row, n) => {
      if (n > 1) assert.equal(row.getCell(idCol).value ?? '', '');
    });
  });

  it('reports every bad row with its number and reason, and saves nothing from the file', async () => {
    const beforeOfficers = await count(t, officers);
    const beforeUnits = await count(t, units);
    const file = await workbook(HEADERS, [
      [
        '赵新一',
        '男',
        '示例县应急管理局',
        '新设科室',
        '科员',
        '53022302201',
        '应急管理',
        '2026-01-01',
        '2030-12-31',
        '否',
        rid('53022319900101003'),
      ],
      [
        '钱新二',
        '男',
        '示例县能源局',
        '',
        '科员',
        '53022302202',
        '应急管理',
        '2026-01-01',
        '2030-12-31',
        '否',
        rid('53022319900101005'),
      ],
      [
        '孙新三',
        '未知',
        '示例县应急管理局',
        '',
        '科员',
        '53022302203',
        '航天',
        '2026-01-01',
        '2030-12-31',
        '否',
        rid('53022319900101007'),
      ],
      [
        '李新四',
        '女',
        '示例县应急管理局',
        '',
        '科员',
        '53022302201',
        '应急管理',
        '2026-01-01',
        '2025-12-31',
        '否',
        '530223199001010000',
      ],
    ]);
    const res = await upload(t, admin, '/api/officers/import', file);
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.code, 'IMPORT_INVALID');
    assert.match(body.message, /未导入任何数据/);
    const rows = new Set(body.errors.map((e: { row: number }) => e.row));
    assert.deepEqual([...rows].sort(), [3, 4, 5], 'rows 3-5 (Excel numbering) are wrong, row 2 is fine');
    const find = (row: number, field: string) =>
      body.errors.find((e: { row: number; field: string }) => e.row === row && e.field === field);
    assert.match(find(3, '执法主体')?.message ?? '', /不在您的管辖范围/);
    assert.ok(find(4, '性别'));
    assert.match(find(4, '执法类别')?.message ?? '', /航天/);
    assert.match(find(5, '有效期止')?.message ?? '', /不能早于/);
    assert.match(find(5, '公民身份号码')?.message ?? '', /校验位/);
    assert.match(find(5, '执法证号')?.message ?? '', /第2行/);
    assert.equal(await count(t, officers), beforeOfficers, 'no officer saved');
    assert.equal(await count(t, units), beforeUnits, 'no unit created');
  });

  it('imports a good file in one go: new officers, a new unit, and updates by credential number with history', async () => {
    const beforeOfficers = await count(t, officers);
    const file = await workbook(HEADERS, [
      [
        '赵新一',
        '男',
        '示例县应急管理局',
        '新设科室',
        '科员',
        '53022302201',
        '应急管理、能源',
        '2026-01-01',
        '2030-12-31',
        '否',
        rid('53022319900101003'),
      ],
      [
        '钱新二',
        '女',
        '示例县应急管理局',
        '法规股',
        '科员',
        '53022302202',
        '应急管理',
        new Date('2026-03-01T00:00:00Z'),
        '2031-02-28',
        '是',
        rid('53022319900101004'),
      ],
      [
        '李建国',
        '男',
        '示例县应急管理局',
        '综合行政执法大队',
        '副大队长',
        '53022302002',
        '应急管理',
        '2025-01-01',
        '2029-12-31',
        '否',
        rid('53022319800101009'),
      ],
    ]);
    const res = await upload(t, admin, '/api/officers/import', file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { created: 2, updated: 1, unchanged: 0 });
    assert.equal(await count(t, officers), beforeOfficers + 2);
    const list = (await call(t.app, admin, 'GET', `/api/officers?q=${encodeURIComponent('赵新一')}`)).json();
    assert.equal(list.items[0].unitName, '新设科室');
    assert.deepEqual(list.items[0].fields, ['emergency', 'energy']);
    const qian = (await call(t.app, admin, 'GET', `/api/officers?q=${encodeURIComponent('钱新二')}`)).json().items[0];
    assert.equal(qian.validFrom, '2026-03-01', 'a date cell becomes the calendar date');
    assert.equal(qian.legalQualification, true);
    const li = (await call(t.app, admin, 'GET', `/api/officers?q=${encodeURIComponent('李建国')}`)).json().items[0];
    assert.equal(li.post, '副大队长');
    const history = (await call(t.app, admin, 'GET', `/api/officers/${li.id}/history`)).json();
    assert.equal(history[0].reason, 'Excel 批量导入更新');
  });

  it('takes its own export back: officers matched by credential number keep their resident ID', async () => {
    const before = await count(t, officers);
    const exported = (await call(t.app, admin, 'GET', '/api/officers/export.xlsx')).rawPayload;
    const res = await upload(t, admin, '/api/officers/import', exported);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { created: 0, updated: 0, unchanged: 12 }, 'nothing changed, no new versions');
    assert.equal(await count(t, officers), before);
  });

  it('refuses a file that is not a workbook, or lacks required columns', async () => {
    const notExcel = await upload(t, admin, '/api/officers/import', Buffer.from('姓名,性别\n张三,男\n'));
    assert.equal(notExcel.statusCode, 400);
    assert.equal(notExcel.json().code, 'IMPORT_UNREADABLE');
    const missing = await upload(t, admin, '/api/officers/import', await workbook(['姓名'], [['张三']]));
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().message, /缺少必填列/);
  });

  it('imports agencies for a justice bureau admin, and refuses bad credit codes by row', async () => {
    const bureau = await login(t.app, 'admin');
    const template = await call(t.app, bureau, 'GET', '/api/agencies/template.xlsx');
    assert.equal(template.statusCode, 200);
    const before = await count(t, agencies);
    const headers = ['名称', '主体类别', '行政区划代码', '执法领域', '统一社会信用代码', '上级监督机关', '科室'];
    const bad = await workbook(headers, [
      ['示例县林业和草原局', '行政机关', '530223', '自然资源', '11530223MB15999990', '示例县司法局', '执法大队'],
    ]);
    const r1 = await upload(t, bureau, '/api/agencies/import', bad);
    assert.equal(r1.statusCode, 400);
    assert.equal(r1.json().errors[0].row, 2);
    assert.equal(r1.json().errors[0].field, '统一社会信用代码');
    assert.equal(await count(t, agencies), before);
    const good = await workbook(headers, [
      ['示例县林业和草原局', '行政机关', '530223', '自然资源', '', '示例县司法局', '执法大队、法规股'],
    ]);
    const r2 = await upload(t, bureau, '/api/agencies/import', good);
    assert.equal(r2.statusCode, 200, r2.body);
    assert.deepEqual(r2.json(), { created: 1, updated: 0, unchanged: 0 });
    const exported = await readBack((await call(t.app, bureau, 'GET', '/api/agencies/export.xlsx')).rawPayload);
    let found = false;
    exported.worksheets[0]?.eachRow((row) => {
      if (row.getCell(1).value === '示例县林业和草原局') found = true;
    });
    assert.ok(found);
  });
});
