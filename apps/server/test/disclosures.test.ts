import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { containsPersonalData, residentIdCheckDigit } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import { disclosures } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { createCase, FACTS, fine, must, prepareOfficers } from './support/caseFlow.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

/**
 * 事后公开 through the API on a real database (G-1, G-2, G-3, P-48): a decision opens its disclosure
 * task with the due date on the working-day calendar; the officer publishes the server-masked
 * record; nothing personal reaches the public API, the feed or the search index; a reversed decision
 * is withdrawn within 3 working days with its reason public, and disappears from all of them.
 * Fixed dates around 国庆 2026 (1–7 October off; Saturday 10 October is a make-up working day).
 */
describe('decision disclosure', () => {
  let t: TestApp;
  let officer: Session;
  let head: Session;
  let ids: Awaited<ReturnType<typeof prepareOfficers>>;

  const idBody = '53022319850312004';
  const PERSON = {
    type: 'person' as const,
    name: '张三丰',
    idNumber: idBody + residentIdCheckDigit(idBody),
    address: '云南省示例县城关镇人民路12号3栋2单元501室',
    phone: '13808712345',
    legalRepresentative: '',
  };
  const PERSONAL = {
    personNames: [PERSON.name],
    ids: [PERSON.idNumber],
    phones: [PERSON.phone],
    addresses: [PERSON.address],
  };

  before(async () => {
    t = await startTestApp();
    ids = await prepareOfficers(t.database.db);
    officer = await login(t.app, 'zhifa');
    head = await login(t.app, 'fuzeren');
  });
  after(() => t.close());

  /** A penalty on a natural person decided on `decidedOn` (general procedure, fine ¥5,000: not major). */
  async function decided(decidedOn: string) {
    const c = await createCase(t.app, officer, {
      officerIds: [ids.li, ids.zhang],
      leadOn: '2026-09-01',
      violationOn: '2026-08-28',
      party: PERSON,
      title: `${PERSON.name}无证经营烟花爆竹案`,
    });
    const facts = {
      ...FACTS,
      facts: `经查，当事人${PERSON.name}（身份证号${PERSON.idNumber}，住${PERSON.address}，电话${PERSON.phone}）于2026年8月28日在其住处存放烟花爆竹120箱，未取得烟花爆竹经营许可证。`,
    };
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-09-01', officerIds: [ids.li, ids.zhang] });
    await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-09-02' });
    await must(t.app, officer, c.id, 'finishInvestigation', { actOn: '2026-09-10', facts, penalty: fine(5000) });
    await must(t.app, officer, c.id, 'servePriorNotice', { actOn: '2026-09-11', penalty: fine(5000) });
    await must(t.app, officer, c.id, 'recordStatement', { actOn: '2026-09-14', waiver: true });
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-09-29', penalty: fine(5000) });
    await must(t.app, officer, c.id, 'issueDecision', { actOn: decidedOn, partyPresent: true });
    const [task] = await t.database.db.select().from(disclosures).where(eq(disclosures.caseId, c.id));
    assert.ok(task, 'the decision opened a disclosure task');
    return { caseId: c.id, taskId: task.id };
  }

  /** Everything the public can reach about disclosures, as text. */
  async function publicSurfaces(q: string) {
    const list = await call(t.app, null, 'GET', '/api/public/disclosures');
    const search = await call(t.app, null, 'GET', `/api/public/disclosures?q=${encodeURIComponent(q)}`);
    const feed = await call(t.app, null, 'GET', '/api/public/disclosures.atom');
    const index = (await t.database.db.select({ s: disclosures.searchText }).from(disclosures)).map((r) => r.s);
    return { list: list.body, search: search.body, feed: feed.body, index: index.join('\n') };
  }

  it('G-1: a penalty decided the day before 国庆 must be public by the 7th working day after it', async () => {
    const { taskId } = await decided('2026-09-30');
    const res = await call(t.app, officer, 'GET', '/api/disclosures?status=pending');
    assert.equal(res.statusCode, 200, res.body);
    const task = res.json().items.find((i: { id: number }) => i.id === taskId);
    // 8, 9, 10 (make-up Saturday), 12, 13, 14, 15 October.
    assert.equal(task.dueOn, '2026-10-15');
    assert.equal(task.categoryLabel, '行政处罚');
    // Overdue once the due date has passed without publication (the test runs after 2026-10-15).
    assert.equal(task.overdue, true);
    const dashboard = (await call(t.app, head, 'GET', '/api/dashboard')).json();
    assert.ok(dashboard.overdueDisclosures >= 1);
    // The step's ledger entry records the task and its rule.
    const entries = await entriesOf(t.database.db, 'case', String(task.caseId));
    const issued = entries.find((e) => e.action === 'case.step' && JSON.parse(e.payload).step === 'issueDecision');
    assert.equal(JSON.parse(issued?.payload ?? '{}').disclosure.ruleId, 'G-1');
  });

  it('G-1: other decisions (an inspection result) get 20 working days', async () => {
    const c = await createCase(t.app, officer, {
      procedure: 'inspection',
      officerIds: [ids.li, ids.zhang],
      leadOn: '2026-09-29',
      violationOn: null,
    });
    await must(t.app, officer, c.id, 'inspect', { actOn: '2026-09-30', officerIds: [ids.li, ids.zhang] });
    await must(t.app, officer, c.id, 'orderRectification', {
      actOn: '2026-09-30',
      officerIds: [ids.li, ids.zhang],
      rectificationDays: 15,
    });
    const [task] = await t.database.db.select().from(disclosures).where(eq(disclosures.caseId, c.id));
    assert.equal(task?.category, 'inspection');
    assert.equal(task?.dueOn, '2026-11-03');
  });

  it('G-3: the officer previews the masked record; nothing personal reaches the API, the feed or the search index', async () => {
    const { taskId } = await decided('2026-09-30');
    const preview = (await call(t.app, officer, 'GET', `/api/disclosures/${taskId}`)).json();
    assert.equal(preview.status, 'pending');
    assert.equal(preview.record.partyName, '张某某');
    assert.deepEqual(preview.leaks, []);
    assert.deepEqual(containsPersonalData(JSON.stringify(preview.record), PERSONAL), []);
    const published = await call(t.app, officer, 'POST', `/api/disclosures/${taskId}/publish`, { actOn: '2026-10-09' });
    assert.equal(published.statusCode, 200, published.body);
    assert.equal(published.json().status, 'published');
    assert.equal(published.json().publishedLate, false);
    const surfaces = await publicSurfaces('张某某');
    assert.match(surfaces.list, /张某某/);
    assert.match(surfaces.search, /张某某/);
    assert.match(surfaces.feed, /张某某/);
    for (const [where, text] of Object.entries(surfaces)) {
      assert.deepEqual(containsPersonalData(text, PERSONAL), [], `personal data leaked into ${where}`);
    }
    // Searching by the real name finds nothing.
    const byName = (await call(t.app, null, 'GET', `/api/public/disclosures?q=${encodeURIComponent('张三丰')}`)).json();
    assert.equal(byName.total, 0);
  });

  it('G-3a: the disclosure period is the agency’s, per category and party type (default 2 years for a person)', async () => {
    const first = await decided('2026-09-30');
    const res = await call(t.app, officer, 'POST', `/api/disclosures/${first.taskId}/publish`, { actOn: '2026-10-09' });
    assert.equal(res.statusCode, 200, res.body);
    const [d1] = await t.database.db.select().from(disclosures).where(eq(disclosures.id, first.taskId));
    assert.equal(d1?.publicUntil, '2028-10-09');
    // The administrator sets 3 years for penalties on natural persons; later publications use it.
    const admin = await login(t.app, 'admin');
    const path = `/api/agencies/${d1?.agencyId}/instrument-settings`;
    const settings = (await call(t.app, admin, 'GET', path)).json();
    assert.deepEqual(settings.publicYears.penalty, { person: 2, organization: 5 });
    const { isDefault: _d, agencyId: _a, ...body } = settings;
    const bad = await call(t.app, admin, 'PUT', path, {
      ...body,
      publicYears: { ...settings.publicYears, penalty: { person: 0, organization: 5 } },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /行政处罚决定（自然人）的公示期限至少 1 年/);
    const saved = await call(t.app, admin, 'PUT', path, {
      ...body,
      publicYears: { ...settings.publicYears, penalty: { person: 3, organization: 5 } },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().publicYears.penalty, { person: 3, organization: 5 });
    assert.deepEqual(saved.json().publicYears.inspection, { person: 2, organization: 5 });
    const second = await decided('2026-09-30');
    await call(t.app, officer, 'POST', `/api/disclosures/${second.taskId}/publish`, { actOn: '2026-10-09' });
    const [d2] = await t.database.db.select().from(disclosures).where(eq(disclosures.id, second.taskId));
    assert.equal(d2?.publicUntil, '2029-10-09');
    // Already published ones keep their period.
    const [again] = await t.database.db.select().from(disclosures).where(eq(disclosures.id, first.taskId));
    assert.equal(again?.publicUntil, '2028-10-09');
  });

  it('G-2, P-48: a revoked decision is withdrawn within 3 working days, its reason public, gone from every public surface', async () => {
    const { caseId, taskId } = await decided('2026-09-30');
    await call(t.app, officer, 'POST', `/api/disclosures/${taskId}/publish`, { actOn: '2026-10-08' });
    const detail = (await call(t.app, null, 'GET', `/api/public/disclosures/${taskId}`)).json();
    const number = detail.record.instrumentNumber;
    assert.ok(number);
    const res = await call(t.app, officer, 'POST', `/api/disclosures/${taskId}/withdraw`, {
      reversalKind: 'revoked',
      reversedOn: '2026-10-09',
      reason: `经行政复议，示例县人民政府决定撤销对${PERSON.name}的该行政处罚决定`,
      actOn: '2026-10-13',
    });
    assert.equal(res.statusCode, 200, res.body);
    // 10 (make-up Saturday), 12, 13 October.
    assert.equal(res.json().withdrawDueOn, '2026-10-13');
    assert.equal(res.json().withdrawnLate, false);
    assert.equal((await call(t.app, null, 'GET', `/api/public/disclosures/${taskId}`)).statusCode, 404);
    const surfaces = await publicSurfaces(number);
    for (const [where, text] of Object.entries(surfaces)) {
      assert.ok(!text.includes(number), `withdrawn record still in ${where}`);
    }
    const notices = await call(t.app, null, 'GET', '/api/public/withdrawals');
    assert.match(notices.body, /撤销对张某某的该行政处罚决定/);
    assert.deepEqual(containsPersonalData(notices.body, PERSONAL), [], 'the public reason is masked too');
    assert.match(notices.body, new RegExp(number.replace(/[〔〕]/g, '.')));
    const actions = (await entriesOf(t.database.db, 'case', String(caseId))).map((e) => e.action);
    assert.ok(actions.includes('disclosure.publish') && actions.includes('disclosure.withdraw'));
    // A late withdrawal is recorded as late.
    const other = await decided('2026-09-30');
    await call(t.app, officer, 'POST', `/api/disclosures/${other.taskId}/publish`, { actOn: '2026-10-08' });
    const late = await call(t.app, officer, 'POST', `/api/disclosures/${other.taskId}/withdraw`, {
      reversalKind: 'illegal',
      reversedOn: '2026-10-09',
      reason: '人民法院判决确认该行政处罚决定违法',
      actOn: '2026-10-16',
    });
    assert.equal(late.json().withdrawnLate, true);
  });

  it('a correction publishes a new version and keeps the old one visible as superseded', async () => {
    const { taskId } = await decided('2026-09-30');
    await call(t.app, officer, 'POST', `/api/disclosures/${taskId}/publish`, { actOn: '2026-10-08' });
    const res = await call(t.app, officer, 'POST', `/api/disclosures/${taskId}/corrections`, {
      reason: '更正决定书文号笔误',
      actOn: '2026-10-12',
    });
    assert.equal(res.statusCode, 200, res.body);
    const next = res.json();
    assert.equal(next.version, 2);
    assert.deepEqual(
      next.versions.map((v: { status: string }) => v.status),
      ['superseded', 'published'],
    );
    const pub = (await call(t.app, null, 'GET', `/api/public/disclosures/${next.id}`)).json();
    assert.equal(pub.history.length, 1);
    assert.equal(pub.history[0].correctionReason ?? pub.correctionReason ?? '更正决定书文号笔误', '更正决定书文号笔误');
  });
});
