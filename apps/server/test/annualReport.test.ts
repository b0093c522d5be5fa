import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, annualReports, disclosures, officers, publicListVersions } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { draftDueReports } from '../src/modules/statistics/annualReportService.js';
import { createCase, FACTS, fine, must, prepareOfficers } from './support/caseFlow.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

/**
 * 行政执法统计年报 (G-4) through the API on a real database: figures computed from cases decided
 * through the workflow, the lifecycle draft → submitted → published with who may do what, the late
 * alert, the XLSX and PDF read back, and only published reports public.
 */
describe('annual statistics report (G-4)', () => {
  let t: TestApp;
  let officer: Session;
  let head: Session;
  let reviewer: Session;
  let bureauAdmin: Session;
  let supervisor: Session;
  let otherAgency: Session;
  let ids: Awaited<ReturnType<typeof prepareOfficers>>;
  let yjjId: number;
  let reportId: number;
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-'));

  /** A general-procedure penalty decided on 2026-09-30 (G-1 due 2026-10-15); returns its disclosure task. */
  async function decided(penalty: object, title: string) {
    const c = await createCase(t.app, officer, {
      officerIds: [ids.li, ids.zhang],
      leadOn: '2026-09-01',
      violationOn: '2026-08-28',
      title,
    });
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-09-01', officerIds: [ids.li, ids.zhang] });
    await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-09-02' });
    await must(t.app, officer, c.id, 'finishInvestigation', { actOn: '2026-09-10', facts: FACTS, penalty });
    await must(t.app, officer, c.id, 'servePriorNotice', { actOn: '2026-09-11', penalty });
    await must(t.app, officer, c.id, 'recordStatement', { actOn: '2026-09-14', waiver: true });
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-09-29', penalty });
    await must(t.app, officer, c.id, 'issueDecision', { actOn: '2026-09-30', partyPresent: true });
    const [task] = await t.database.db.select().from(disclosures).where(eq(disclosures.caseId, c.id));
    assert.ok(task);
    return task.id;
  }

  /** The agency's published 权责清单 (matters) holds exactly these kinds of power. */
  async function publishMatters(kinds: string[]) {
    const entries = kinds.map((actionKind, i) => ({ code: `AQ-${i + 1}`, name: `测试事项${i + 1}`, actionKind }));
    const db = t.database.db;
    const where = and(
      eq(publicListVersions.agencyId, yjjId),
      eq(publicListVersions.kind, 'matters'),
      eq(publicListVersions.status, 'published'),
    );
    const [row] = await db.select().from(publicListVersions).where(where);
    if (row) await db.update(publicListVersions).set({ entries }).where(eq(publicListVersions.id, row.id));
    else
      await db
        .insert(publicListVersions)
        .values({ agencyId: yjjId, kind: 'matters', version: 1, status: 'published', reason: '年报测试', entries });
  }

  before(async () => {
    t = await startTestApp();
    ids = await prepareOfficers(t.database.db);
    officer = await login(t.app, 'zhifa');
    head = await login(t.app, 'fuzeren');
    reviewer = await login(t.app, 'shenhe');
    bureauAdmin = await login(t.app, 'admin');
    supervisor = await login(t.app, 'jiandu');
    otherAgency = await login(t.app, 'nengyuan');
    const [yjj] = await t.database.db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
    yjjId = yjj?.id ?? 0;
    await publishMatters(['penalty', 'license', 'coercion']);

    // 持证率: every officer of the agency valid, except the one prepareOfficers expired and one suspended.
    const staff = await t.database.db.select().from(officers).where(eq(officers.agencyId, yjjId));
    const suspended = staff.find((o) => ![ids.li, ids.zhang, ids.chen, ids.expired].includes(o.id));
    for (const o of staff) {
      if (o.id === ids.expired) continue;
      await t.database.db
        .update(officers)
        .set({
          validFrom: '2020-01-01',
          validTo: '2030-12-31',
          status: o.id === suspended?.id ? 'suspended' : 'active',
          credentialKind: 'enforcement',
        })
        .where(eq(officers.id, o.id));
    }

    // Two penalties: 警告并处罚款 (counts once, as 罚款) and 罚款并没收违法所得 with the amount stated (as 没收).
    const a = await decided(
      { kinds: ['warning', 'fine'], fineFen: 500_000, confiscationFen: 0, detail: '' },
      '未按规定开展安全生产教育培训案',
    );
    const b = await decided(
      {
        kinds: ['fine', 'confiscateIllegalGains'],
        fineFen: 300_000,
        confiscationFen: 120_000,
        detail: '违法所得1200元',
      },
      '无证经营烟花爆竹案',
    );
    await decided(fine(2000), '未如实记录安全生产教育培训情况案');
    // An inspection with a complete record that found a problem (G-1: 20 working days, due 2026-11-03).
    const insp = await createCase(t.app, officer, {
      procedure: 'inspection',
      officerIds: [ids.li, ids.zhang],
      leadOn: '2026-09-29',
      violationOn: null,
    });
    await must(t.app, officer, insp.id, 'inspect', { actOn: '2026-09-30', officerIds: [ids.li, ids.zhang] });
    await must(t.app, officer, insp.id, 'orderRectification', {
      actOn: '2026-09-30',
      officerIds: [ids.li, ids.zhang],
      rectificationDays: 15,
    });
    const [inspTask] = await t.database.db.select().from(disclosures).where(eq(disclosures.caseId, insp.id));
    // Disclosure: a on time, b late, the third left unpublished past its due date, the inspection on time.
    const publish = async (id: number, actOn: string) => {
      const res = await call(t.app, officer, 'POST', `/api/disclosures/${id}/publish`, { actOn });
      assert.equal(res.statusCode, 200, res.body);
    };
    await publish(a, '2026-10-09');
    await publish(b, '2026-10-20');
    await publish(inspTask?.id ?? 0, '2026-10-12');
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('G-4: the draft is computed from the cases: heaviest type, once per decision, 罚没金额, inspections, 持证率, disclosure on time', async () => {
    const res = await call(t.app, officer, 'POST', '/api/annual-reports', { year: 2026 });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    reportId = r.id;
    assert.equal(r.status, 'draft');
    assert.equal(r.title, '示例县应急管理局2026年度行政执法数据统计表');
    assert.equal(r.dueOn, '2027-01-31');
    const f = r.figures;
    assert.equal(f['penalty.total'], 3);
    assert.equal(f['penalty.fine'], 2, '警告并处罚款 counts once, under 罚款');
    assert.equal(f['penalty.warning'], 0);
    assert.equal(f['penalty.confiscation'], 1);
    assert.equal(f['penalty.general'], 3);
    assert.equal(f['penalty.fineFen'], 500_000 + 300_000 + 200_000);
    assert.equal(f['penalty.confiscationFen'], 120_000);
    assert.equal(f['penalty.amountFen'], 1_120_000);
    assert.equal(f['inspection.total'], 1);
    assert.equal(f['inspection.rectification'], 1);
    assert.equal(f['disclosure.onTime'], 2);
    assert.equal(f['disclosure.late'], 1);
    assert.equal(f['disclosure.unpublished'], 1);
    assert.equal(f['disclosure.due'], 4);
    assert.equal(f['disclosure.onTimeRate'], 50);
    const staff = await t.database.db.select().from(officers).where(eq(officers.agencyId, yjjId));
    assert.equal(f['officers.total'], staff.length);
    assert.equal(f['officers.credentialed'], staff.length - 2);
    assert.equal(f['officers.credentialRate'], Math.round(((staff.length - 2) / staff.length) * 1000) / 10);
    assert.equal(f['officers.reviewers'], 1);
  });

  it('G-4: a kind the agency holds reports 0; a kind it has no power over is omitted', async () => {
    const r = (await call(t.app, officer, 'GET', `/api/annual-reports/${reportId}`)).json();
    const kinds = r.sections.map((s: { kind: string | null }) => s.kind).filter(Boolean);
    // Listed in the 权责清单: 处罚, 许可, 强制; 行政检查 is not listed but the records show inspections.
    assert.deepEqual(kinds, ['penalty', 'license', 'coercion', 'inspection']);
    assert.equal(r.figures['coercion.measures'], 0);
    assert.equal(r.figures['license.granted'], 0);
    assert.ok(!r.sections.some((s: { kind: string }) => s.kind === 'levy'));
  });

  it('G-4: only the agency (and its justice bureau) sees the report; out of scope is 404', async () => {
    assert.equal((await call(t.app, otherAgency, 'GET', `/api/annual-reports/${reportId}`)).statusCode, 404);
    assert.equal((await call(t.app, supervisor, 'GET', `/api/annual-reports/${reportId}`)).statusCode, 200);
    const list = (await call(t.app, otherAgency, 'GET', '/api/annual-reports')).json();
    assert.equal(list.items.length, 0);
  });

  it('G-4: lifecycle draft → submitted → published, who may do what, one ledger entry per change', async () => {
    const url = `/api/annual-reports/${reportId}`;
    // A reviewer does not draft; another agency cannot touch it.
    assert.equal((await call(t.app, reviewer, 'POST', '/api/annual-reports', { year: 2026 })).statusCode, 403);
    assert.equal((await call(t.app, otherAgency, 'PUT', `${url}/notes`, { notes: 'x' })).statusCode, 404);
    // Future years are refused with a Chinese message, nothing written.
    const future = await call(t.app, officer, 'POST', '/api/annual-reports', { year: 2099 });
    assert.equal(future.statusCode, 400);
    assert.match(future.json().message, /统计年度/);

    const notes = await call(t.app, officer, 'PUT', `${url}/notes`, {
      notes: '本年度无行政许可事项。行政复议1件，维持。',
      expectedVersion: 1,
    });
    assert.equal(notes.statusCode, 200, notes.body);
    // Stale version: 409.
    assert.equal(
      (await call(t.app, officer, 'PUT', `${url}/notes`, { notes: 'y', expectedVersion: 1 })).statusCode,
      409,
    );
    // Not yet submitted: cannot be published; and the public does not see it.
    assert.equal((await call(t.app, reviewer, 'POST', `${url}/publish`, {})).statusCode, 409);
    assert.equal((await call(t.app, null, 'GET', `/api/public/reports/${reportId}`)).statusCode, 404);

    assert.equal((await call(t.app, officer, 'POST', `${url}/submit`, {})).statusCode, 200);
    // Submitted: notes and regeneration are closed; an officer cannot publish.
    assert.equal((await call(t.app, officer, 'PUT', `${url}/notes`, { notes: 'z' })).statusCode, 409);
    assert.equal((await call(t.app, officer, 'POST', `${url}/regenerate`, {})).statusCode, 409);
    assert.equal((await call(t.app, officer, 'POST', `${url}/publish`, {})).statusCode, 403);
    // Returning needs a reason.
    const bare = await call(t.app, reviewer, 'POST', `${url}/return`, { note: '' });
    assert.equal(bare.statusCode, 400);
    const returned = await call(t.app, reviewer, 'POST', `${url}/return`, { note: '请补充行政复议情况说明' });
    assert.equal(returned.json().status, 'draft');
    // 重新生成草稿, resubmit, publish.
    assert.equal((await call(t.app, officer, 'POST', `${url}/regenerate`, {})).statusCode, 200);
    assert.equal((await call(t.app, officer, 'POST', `${url}/submit`, {})).statusCode, 200);
    const published = await call(t.app, reviewer, 'POST', `${url}/publish`, { note: '经审核，数据与台账一致' });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    assert.equal(published.json().late, false);
    assert.equal((await call(t.app, officer, 'POST', `${url}/regenerate`, {})).statusCode, 409);

    const actions = (await entriesOf(t.database.db, 'annualReport', String(reportId))).map((e) => e.action);
    assert.deepEqual(actions, [
      'annualReport.draft',
      'annualReport.notes',
      'annualReport.submit',
      'annualReport.return',
      'annualReport.regenerate',
      'annualReport.submit',
      'annualReport.publish',
    ]);
  });

  it('G-4: whoever submitted a report does not publish it', async () => {
    const draft = await call(t.app, head, 'POST', '/api/annual-reports', { year: 2024 });
    assert.equal(draft.statusCode, 201, draft.body);
    const id = draft.json().id;
    await call(t.app, head, 'POST', `/api/annual-reports/${id}/submit`, {});
    const own = await call(t.app, head, 'POST', `/api/annual-reports/${id}/publish`, {});
    assert.equal(own.statusCode, 403);
    assert.match(own.json().message, /提交人/);
  });

  it('G-4: last year’s report unpublished after 31 January raises the dashboard alert until published', async () => {
    const before = (await call(t.app, head, 'GET', '/api/dashboard')).json().lateAnnualReports;
    const draft = (await call(t.app, officer, 'POST', '/api/annual-reports', { year: 2025 })).json();
    assert.equal(draft.dueOn, '2026-01-31');
    assert.equal(draft.late, true);
    const during = (await call(t.app, head, 'GET', '/api/dashboard')).json().lateAnnualReports;
    assert.equal(during, before + 1);
    await call(t.app, officer, 'POST', `/api/annual-reports/${draft.id}/submit`, {});
    const pub = (await call(t.app, reviewer, 'POST', `/api/annual-reports/${draft.id}/publish`, {})).json();
    assert.equal(pub.late, false);
    assert.equal(pub.publishedLate, true);
    assert.equal((await call(t.app, head, 'GET', '/api/dashboard')).json().lateAnnualReports, before);
  });

  it('G-4: the region’s report sums its agencies; the bureau’s admin prepares, its supervisor publishes', async () => {
    const res = await call(t.app, bureauAdmin, 'POST', '/api/annual-reports', { year: 2026, region: true });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.kind, 'region');
    assert.equal(r.title, '示例县2026年度行政执法数据统计表');
    assert.equal(r.figures['penalty.total'], 3);
    assert.equal(r.figures['penalty.amountFen'], 1_120_000);
    const all = await t.database.db.select().from(officers);
    assert.ok(r.figures['officers.total'] > 0 && r.figures['officers.total'] <= all.length);
    // An agency's staff cannot draft the region's report.
    assert.equal(
      (await call(t.app, officer, 'POST', '/api/annual-reports', { year: 2026, region: true })).statusCode,
      400,
    );
    await call(t.app, bureauAdmin, 'POST', `/api/annual-reports/${r.id}/submit`, {});
    const pub = await call(t.app, supervisor, 'POST', `/api/annual-reports/${r.id}/publish`, {});
    assert.equal(pub.statusCode, 200, pub.body);
  });

  it('G-4: the XLSX holds the 年报 table, read back with exceljs', async () => {
    const res = await call(t.app, officer, 'GET', `/api/annual-reports/${reportId}.xlsx`);
    assert.equal(res.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    assert.ok(ws);
    assert.equal(ws.getCell('A1').value, '示例县应急管理局2026年度行政执法数据统计表');
    const rows: Record<string, unknown> = {};
    ws.eachRow((row) => {
      const label = String(row.getCell(2).value ?? '').trim();
      if (label) rows[label] = row.getCell(4).value;
    });
    assert.equal(rows.罚款, 2);
    assert.equal(rows['没收违法所得、没收非法财物'], 1);
    assert.equal(rows.罚没金额, 11_200);
    assert.equal(rows.行政检查次数, 1);
    let notes = '';
    ws.eachRow((row) => {
      if (row.getCell(1).value === '说明') notes = String(row.getCell(2).value);
    });
    assert.match(notes, /本年度无行政许可事项/);
    assert.match(notes, /按0填报/);
  });

  it('G-4: the PDF is an A4 document titled like the published 年报', async () => {
    const res = await call(t.app, officer, 'GET', `/api/annual-reports/${reportId}.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    assert.match(text, /示例县应急管理局/);
    assert.match(text, /2026年度行政执法数据统计表/);
    assert.match(text, /罚没金额\s+元\s+11,200\.00/);
    assert.match(text, /持证率/);
    assert.match(text, /本年度无行政许可事项/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /595\.\d* x 841\.\d* pts \(A4\)/);
  });

  it('G-4: only published reports are public, with their files', async () => {
    const list = (await call(t.app, null, 'GET', `/api/public/reports?agencyId=${yjjId}`)).json();
    assert.ok(list.items.some((i: { id: number }) => i.id === reportId));
    assert.ok(list.items.every((i: { year: number }) => [2025, 2026].includes(i.year)));
    const byRegion = (await call(t.app, null, 'GET', '/api/public/reports?regionCode=530223')).json();
    assert.ok(byRegion.items.some((i: { kind: string }) => i.kind === 'region'));
    const one = await call(t.app, null, 'GET', `/api/public/reports/${reportId}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().figures['penalty.total'], 3);
    assert.equal(one.json().reviewNote, undefined);
    assert.equal((await call(t.app, null, 'GET', `/api/public/reports/${reportId}.pdf`)).statusCode, 200);
    assert.equal((await call(t.app, null, 'GET', `/api/public/reports/${reportId}.xlsx`)).statusCode, 200);
    const drafts = await t.database.db.select().from(annualReports).where(eq(annualReports.status, 'submitted'));
    for (const d of drafts) {
      assert.equal((await call(t.app, null, 'GET', `/api/public/reports/${d.id}`)).statusCode, 404);
      assert.equal((await call(t.app, null, 'GET', `/api/public/reports/${d.id}.pdf`)).statusCode, 404);
    }
    assert.ok(drafts.length > 0);
  });

  it('G-4: the kinds held are those of the published 权责清单, plus any kind the records show', async () => {
    await publishMatters(['penalty', 'license']);
    const r = (await call(t.app, officer, 'POST', '/api/annual-reports', { year: 2023 })).json();
    // 行政许可 is held (0, not omitted); 行政强制 is neither listed nor used (omitted); 行政检查 has records.
    assert.deepEqual(r.heldKinds, ['penalty', 'license', 'inspection']);
    assert.equal(r.figures['license.granted'], 0);
  });

  it('G-4: in January the scheduler drafts last year’s report for every agency and region once', async () => {
    assert.equal(await draftDueReports(t.database.db, '2026-11-29'), 0);
    const first = await draftDueReports(t.database.db, '2027-01-03');
    const all = await t.database.db.select().from(agencies);
    // Every agency and the bureau's region, except the two 2026 reports drafted above.
    assert.equal(first, all.length - 2);
    assert.equal(await draftDueReports(t.database.db, '2027-01-04'), 0);
    const drafted = await t.database.db.select().from(annualReports).where(eq(annualReports.draftedOn, '2027-01-03'));
    const entries = await entriesOf(t.database.db, 'annualReport', String(drafted[0]?.id));
    assert.equal(entries[0]?.action, 'annualReport.draft');
  });
});
