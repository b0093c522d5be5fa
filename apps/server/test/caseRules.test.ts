import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { caseFiles, cases, deadlines, instruments } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import {
  createCase,
  FACTS,
  fine,
  must,
  ORGANIZATION_PARTY,
  passReview,
  prepareOfficers,
  step,
} from './support/caseFlow.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

/**
 * One test per rule of case handling (RULES.md), through the HTTP API on a real database. The
 * dates are fixed in 2026 (the years chinese-days covers); officers' credentials are set to
 * cover them.
 */
describe('case handling rules', () => {
  let t: TestApp;
  let officer: Session;
  let officer2: Session;
  let head: Session;
  let reviewer: Session;
  let ids: Awaited<ReturnType<typeof prepareOfficers>>;
  const two = () => [ids.li, ids.zhang];

  before(async () => {
    t = await startTestApp();
    ids = await prepareOfficers(t.database.db);
    officer = await login(t.app, 'zhifa');
    officer2 = await login(t.app, 'zhifa2');
    head = await login(t.app, 'fuzeren');
    reviewer = await login(t.app, 'shenhe');
  });
  after(() => t.close());

  const newCase = (body: Record<string, unknown> = {}) =>
    createCase(t.app, officer, { officerIds: [ids.li, ids.zhang], ...body });

  /** A general-procedure case taken to `state` along the main path (dates in March 2026). */
  async function caseAt(
    state: 'investigating' | 'reviewing' | 'noticed' | 'served',
    body: Record<string, unknown> = {},
  ) {
    const c = await newCase(body);
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: two() });
    await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-03-03' });
    if (state === 'investigating') return c;
    await must(t.app, officer, c.id, 'finishInvestigation', { actOn: '2026-03-10', facts: FACTS, penalty: fine(5000) });
    if (state === 'reviewing') return c;
    await must(t.app, officer, c.id, 'servePriorNotice', { actOn: '2026-03-11', penalty: fine(5000) });
    if (state === 'noticed') return c;
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(5000) });
    await must(t.app, officer, c.id, 'issueDecision', { actOn: '2026-03-18', partyPresent: false });
    await must(t.app, officer, c.id, 'serve', {
      actOn: '2026-03-20',
      service: { method: 'direct', receivedOn: '2026-03-20' },
    });
    return c;
  }

  const refusedWith = (res: { statusCode: number; json(): { code: string; message: string } }, rule: string) => {
    assert.equal(res.statusCode, 422, `expected 422, got ${res.statusCode}`);
    assert.equal(res.json().code, 'STEP_BLOCKED');
    assert.match(res.json().message, new RegExp(rule));
  };

  it('P-42: on-site steps need two officers whose credentials are valid and cover the matter', async () => {
    const c = await newCase();
    refusedWith(
      await step(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li] }),
      'P-42',
    );
    const c2 = await newCase({ officerIds: [ids.li, ids.expired] });
    const res = await step(t.app, officer, c2.id, 'proposeFiling', {
      actOn: '2026-03-02',
      officerIds: [ids.li, ids.expired],
    });
    refusedWith(res, 'P-42');
    assert.match(res.json().message, /到期|不含|未持有|状态/);
    // Nothing changed: still a lead, no instrument issued.
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c2.id));
    assert.equal(row?.state, 'lead');
    assert.equal((await t.database.db.select().from(instruments).where(eq(instruments.caseId, c2.id))).length, 0);
  });

  it('P-43: a recused officer cannot act on the case', async () => {
    const c = await newCase({ officerIds: [ids.li, ids.zhang, ids.chen] });
    const r = await call(t.app, head, 'POST', `/api/cases/${c.id}/officers/${ids.zhang}/recusal`, {
      reason: '与当事人法定代表人系近亲属',
    });
    assert.equal(r.statusCode, 200, r.body);
    refusedWith(await step(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: two() }), 'P-43');
    // The recused officer cannot take any step of the case either.
    refusedWith(
      await step(t.app, officer2, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li, ids.chen] }),
      'P-43',
    );
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li, ids.chen] });
  });

  it('P-36: filing a violation past the two-year limit is warned', async () => {
    const c = await newCase({ violationOn: '2023-05-01' });
    const next = (await call(t.app, officer, 'GET', `/api/cases/${c.id}/next`)).json();
    const filing = next.find((s: { id: string }) => s.id === 'proposeFiling');
    assert.ok(filing.warnings.some((w: { ruleId: string }) => w.ruleId === 'P-36'));
    const done = await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: two() });
    assert.ok(done.warnings.some((w: { ruleId: string }) => w.ruleId === 'P-36'));
    const fresh = await newCase({ violationOn: '2025-05-01' });
    const freshNext = (await call(t.app, officer, 'GET', `/api/cases/${fresh.id}/next`)).json();
    assert.equal(freshNext.find((s: { id: string }) => s.id === 'proposeFiling').warnings.length, 0);
  });

  it('P-54: filing is approved by a head, who is not the proposer', async () => {
    const c = await newCase({ officerIds: [ids.li, ids.chen] });
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li, ids.chen] });
    const byOfficer = await step(t.app, officer, c.id, 'approveFiling', { actOn: '2026-03-03' });
    assert.equal(byOfficer.statusCode, 403);
    assert.match(byOfficer.json().message, /负责人/);
    const c2 = await createCase(t.app, head, { officerIds: [ids.chen, ids.li] });
    await must(t.app, head, c2.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.chen, ids.li] });
    refusedWith(await step(t.app, head, c2.id, 'approveFiling', { actOn: '2026-03-03' }), 'P-54');
    const approved = await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-03-03' });
    assert.equal(approved.case.filedOn, '2026-03-03');
  });

  it('P-60: the decision deadline is 90 days from filing; later decisions need an approved extension', async () => {
    const c = await caseAt('noticed');
    const [d] = await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id));
    assert.equal(d?.ruleId, 'P-60');
    assert.equal(d?.dueOn, '2026-06-01');
    refusedWith(await step(t.app, head, c.id, 'approveDecision', { actOn: '2026-06-02', penalty: fine(5000) }), 'P-60');
    await must(t.app, head, c.id, 'extendTime', { actOn: '2026-05-29' });
    refusedWith(await step(t.app, head, c.id, 'extendTime', { actOn: '2026-05-30' }), 'P-60');
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-06-02', penalty: fine(5000) });
  });

  it('P-44: no decision before the prior notice is served and the statement period has run out or been waived', async () => {
    const reviewing = await caseAt('reviewing');
    const early = await step(t.app, head, reviewing.id, 'approveDecision', {
      actOn: '2026-03-12',
      penalty: fine(5000),
    });
    assert.equal(early.statusCode, 409, 'approveDecision is not even offered before the notice');
    const c = await caseAt('noticed');
    // Notice served 2026-03-11 (Wed): 3 working days → 2026-03-16 (Mon).
    refusedWith(await step(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-16', penalty: fine(5000) }), 'P-44');
    await must(t.app, officer, c.id, 'recordStatement', { actOn: '2026-03-12', officerIds: two(), waiver: true });
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-13', penalty: fine(5000) });
  });

  it('P-44: an ended statement period is the party’s, shown as ended, not as an overdue task', async () => {
    const c = await caseAt('noticed');
    const detail = (await call(t.app, officer, 'GET', `/api/cases/${c.id}`)).json();
    const period = detail.deadlines.find((d: { kind: string }) => d.kind === 'statementPeriod');
    assert.equal(period.dueOn, '2026-03-16');
    assert.equal(period.elapsed, true);
    assert.equal(period.overdue, false);
    const decision = detail.deadlines.find((d: { kind: string }) => d.kind === 'decision');
    assert.equal(decision.elapsed, false);
    const tasks = (await call(t.app, officer, 'GET', '/api/tasks')).json();
    const mine = tasks.deadlines.filter((d: { caseId: number }) => d.caseId === c.id);
    assert.deepEqual(
      mine.map((d: { ruleId: string }) => d.ruleId),
      ['P-60'],
    );
  });

  it('P-62: statements made after the notice must be answered before the decision', async () => {
    const c = await caseAt('noticed');
    await must(t.app, officer, c.id, 'recordStatement', { actOn: '2026-03-12', officerIds: two() });
    refusedWith(await step(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(5000) }), 'P-62');
    await must(t.app, head, c.id, 'approveDecision', {
      actOn: '2026-03-17',
      penalty: fine(5000),
      note: '当事人称已委托评估机构，但未能提供评估报告，申辩理由不成立，不予采纳。',
    });
  });

  it('P-45: a decision heavier than the notice needs a new notice', async () => {
    const c = await caseAt('noticed');
    refusedWith(await step(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(8000) }), 'P-45');
    const heavierKind = { kinds: ['fine', 'suspendBusiness'], fineFen: 500000, confiscationFen: 0, detail: '' };
    refusedWith(
      await step(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: heavierKind }),
      'P-45',
    );
    await must(t.app, officer, c.id, 'servePriorNotice', { actOn: '2026-03-17', penalty: fine(8000) });
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-23', penalty: fine(8000) });
  });

  it('P-57: where deliberation is required, the decision waits for the minutes', async () => {
    const c = await caseAt('noticed');
    await must(t.app, head, c.id, 'deliberate', {
      actOn: '2026-03-12',
      deliberationRequired: true,
    });
    // The deliberation itself is the minutes: a required flag with minutes lets it pass (a case that needs
    // deliberation is a major decision by the default catalog, S2-5, so it is reviewed first: P-58).
    await passReview(t.app, officer, reviewer, c.id, '2026-03-16');
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(5000) });
    const c2 = await caseAt('noticed');
    const heavy = { kinds: ['suspendBusiness'], fineFen: 0, confiscationFen: 0, detail: '责令停产停业整顿一个月' };
    await must(t.app, officer, c2.id, 'servePriorNotice', { actOn: '2026-03-12', penalty: heavy });
    // Hearing rights (5 working days): 2026-03-19. Reviewed (S2-2 makes it major), still no minutes.
    await passReview(t.app, officer, reviewer, c2.id, '2026-03-20');
    refusedWith(await step(t.app, head, c2.id, 'approveDecision', { actOn: '2026-03-20', penalty: heavy }), 'P-57');
  });

  it('P-64: a hearing is requested within the period and noticed 7 working days ahead', async () => {
    const c = await caseAt('noticed');
    const heavy = { kinds: ['suspendBusiness'], fineFen: 0, confiscationFen: 0, detail: '责令停产停业整顿一个月' };
    // A fine under the local 较大数额 carries no hearing rights.
    refusedWith(
      await step(t.app, officer, c.id, 'requestHearing', {
        actOn: '2026-03-12',
        hearingRequest: { requestedOn: '2026-03-12', hearingOn: '2026-03-24' },
      }),
      'P-64',
    );
    await must(t.app, officer, c.id, 'servePriorNotice', { actOn: '2026-03-12', penalty: heavy });
    // Requested 2026-03-13: 7 working days later is 2026-03-24; the 20th is too early.
    refusedWith(
      await step(t.app, officer, c.id, 'requestHearing', {
        actOn: '2026-03-13',
        hearingRequest: { requestedOn: '2026-03-13', hearingOn: '2026-03-20' },
      }),
      'P-64',
    );
    await must(t.app, officer, c.id, 'requestHearing', {
      actOn: '2026-03-13',
      hearingRequest: { requestedOn: '2026-03-13', hearingOn: '2026-03-24' },
    });
    const av = await addAv(c.id);
    refusedWith(await step(t.app, head, c.id, 'holdHearing', { actOn: '2026-03-23', avFileIds: [av] }), 'P-64');
    const held = await must(t.app, head, c.id, 'holdHearing', { actOn: '2026-03-24', avFileIds: [av] });
    assert.equal(held.case.state, 'noticed');
  });

  it('P-59: the decision cannot be issued without the content the law requires', async () => {
    const c = await caseAt('noticed', { party: { ...ORGANIZATION_PARTY, address: '' } });
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(5000) });
    const res = await step(t.app, officer, c.id, 'issueDecision', { actOn: '2026-03-18', partyPresent: true });
    refusedWith(res, 'P-59');
    assert.match(res.json().message, /当事人住所/);
  });

  it('P-61: service within 7 working days when the party is absent; electronic service only with consent', async () => {
    const c = await caseAt('noticed');
    await must(t.app, head, c.id, 'approveDecision', { actOn: '2026-03-17', penalty: fine(5000) });
    await must(t.app, officer, c.id, 'issueDecision', { actOn: '2026-03-18', partyPresent: false });
    const service = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id))).find(
      (d) => d.kind === 'service',
    );
    assert.equal(service?.ruleId, 'P-61');
    assert.equal(service?.dueOn, '2026-03-27');
    refusedWith(
      await step(t.app, officer, c.id, 'serve', {
        actOn: '2026-03-20',
        service: { method: 'electronic', receivedOn: '2026-03-20' },
      }),
      'P-61',
    );
    const [consent] = await t.database.db
      .insert(caseFiles)
      .values({
        caseId: c.id,
        agencyId: (await t.database.db.select().from(cases).where(eq(cases.id, c.id)))[0]?.agencyId ?? 0,
        kind: 'evidence',
        name: '送达地址确认书（同意电子送达）.pdf',
        mimeType: 'application/pdf',
        size: 1,
        sm3: '0'.repeat(64),
        sha256: '0'.repeat(64),
        storageKey: 'test/consent',
      })
      .returning();
    await must(t.app, officer, c.id, 'serve', {
      actOn: '2026-03-20',
      service: { method: 'electronic', receivedOn: '2026-03-20', consentFileId: consent?.id },
    });
  });

  it('P-67: the fine is due 15 days after receipt, moved past 清明 to the next working day (CAL-2)', async () => {
    const c = await caseAt('served');
    const due = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id))).find(
      (d) => d.kind === 'finePayment',
    );
    // Received 2026-03-20 + 15 days = 2026-04-04, 清明 (4–6 April) → 2026-04-07.
    assert.equal(due?.ruleId, 'P-67');
    assert.equal(due?.dueOn, '2026-04-07');
  });

  it('P-72: late payment adds 3% a day, capped at the fine', async () => {
    const c = await caseAt('served');
    // Due 2026-04-07; paid 2026-04-10 → 3 days late → 5000 × 9% = 450 yuan.
    const short = await step(t.app, officer, c.id, 'recordPayment', {
      actOn: '2026-04-10',
      payment: { paidOn: '2026-04-10', paidFen: 500000 },
    });
    refusedWith(short, 'P-72');
    assert.match(short.json().message, /450元/);
    const done = await must(t.app, officer, c.id, 'recordPayment', {
      actOn: '2026-04-10',
      payment: { paidOn: '2026-04-10', paidFen: 545000 },
    });
    assert.equal(done.case.flags.latePenaltyFen, 45000);
    const c2 = await caseAt('served');
    const capped = await step(t.app, officer, c2.id, 'recordPayment', {
      actOn: '2026-09-30',
      payment: { paidOn: '2026-09-30', paidFen: 999999 },
    });
    assert.match(capped.json().message, /加处罚款5,000元/);
  });

  it('C-35: enforcement is applied for only after a written demand', async () => {
    const c = await caseAt('served');
    refusedWith(
      await step(t.app, officer, c.id, 'applyEnforcement', { actOn: '2026-05-06', outcome: '申请法院强制执行' }),
      'C-35',
    );
    await must(t.app, officer, c.id, 'demandPayment', { actOn: '2026-04-20' });
    await must(t.app, officer, c.id, 'applyEnforcement', {
      actOn: '2026-05-06',
      outcome: '已申请示例县人民法院强制执行',
    });
  });

  it('P-56: evidence preservation opens a 7-working-day deadline', async () => {
    const c = await caseAt('investigating');
    const av = await addAv(c.id);
    await must(t.app, officer, c.id, 'preserveEvidence', { actOn: '2026-03-04', officerIds: two(), avFileIds: [av] });
    const d = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id))).find(
      (x) => x.kind === 'evidencePreservation',
    );
    assert.equal(d?.ruleId, 'P-56');
    assert.equal(d?.dueOn, '2026-03-13');
    await must(t.app, officer, c.id, 'decidePreservedEvidence', { actOn: '2026-03-10', outcome: '解除先行登记保存' });
    const met = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id))).find(
      (x) => x.kind === 'evidencePreservation',
    );
    assert.equal(met?.status, 'met');
  });

  it('G-6: a step on the AV list as full recording cannot complete without an AV record', async () => {
    const c = await caseAt('investigating');
    refusedWith(
      await step(t.app, officer, c.id, 'preserveEvidence', { actOn: '2026-03-04', officerIds: two() }),
      'G-6',
    );
  });

  it('P-27: a suspected crime is referred with a letter, and its feedback recorded', async () => {
    const c = await caseAt('investigating');
    refusedWith(await step(t.app, head, c.id, 'referCrime', { actOn: '2026-03-06' }), 'P-27');
    // A referral is a major decision (S2-6): reviewed first (P-58).
    await passReview(t.app, officer, reviewer, c.id, '2026-03-05');
    const referred = await must(t.app, head, c.id, 'referCrime', {
      actOn: '2026-03-06',
      outcome: '涉嫌重大责任事故罪，移送示例县公安局',
    });
    assert.equal(referred.case.state, 'referred');
    assert.equal(referred.instruments[0].type, 'referralLetter');
    await must(t.app, officer, c.id, 'recordReferralFeedback', {
      actOn: '2026-03-12',
      outcome: '示例县公安局已立案侦查',
    });
  });

  it('P-51 and P-52: summary procedure within its limits, numbered and filed', async () => {
    const person = {
      type: 'person',
      name: '张三',
      idNumber: '',
      address: '示例县城关镇人民路12号',
      phone: '',
      legalRepresentative: '',
    };
    const c = await createCase(t.app, officer, {
      procedure: 'penalty.summary',
      officerIds: two(),
      party: person,
      leadOn: '2026-03-02',
    });
    const av = await addAv(c.id);
    const facts = { ...FACTS, facts: '当事人在加油站作业区吸烟，经现场劝阻后仍未停止。' };
    const over = await step(t.app, officer, c.id, 'decideOnSpot', {
      actOn: '2026-03-02',
      officerIds: two(),
      facts,
      penalty: fine(300),
      avFileIds: [av],
    });
    refusedWith(over, 'P-51');
    assert.match(over.json().message, /200元/);
    const done = await must(t.app, officer, c.id, 'decideOnSpot', {
      actOn: '2026-03-02',
      officerIds: two(),
      facts,
      penalty: fine(200),
      avFileIds: [av],
    });
    assert.match(done.instruments[0].number, /^示应急简〔2026〕\d+号$/);
    await must(t.app, officer, c.id, 'recordPayment', {
      actOn: '2026-03-02',
      payment: { paidOn: '2026-03-02', paidFen: 20000 },
    });
    await must(t.app, officer, c.id, 'reportFiling', { actOn: '2026-03-03' });
  });

  it('C-18, C-25: seizure needs approval and every on-site element; one extension only', async () => {
    const c = await createCase(t.app, officer, { procedure: 'coercion.seizure', officerIds: two() });
    const notYet = await step(t.app, officer, c.id, 'seize', { actOn: '2026-03-02', officerIds: two() });
    assert.equal(notYet.statusCode, 409, 'seize is not offered before approval');
    await must(t.app, head, c.id, 'approveCoercion', { actOn: '2026-03-02' });
    const av = await addAv(c.id);
    const checklist = {
      credentialsShown: true,
      partyNotified: true,
      reasonsExplained: true,
      statementHeard: false,
      transcriptSigned: 'party',
    };
    refusedWith(
      await step(t.app, officer, c.id, 'seize', {
        actOn: '2026-03-02',
        officerIds: two(),
        avFileIds: [av],
        coercionChecklist: checklist,
      }),
      'C-18',
    );
    await must(t.app, officer, c.id, 'seize', {
      actOn: '2026-03-02',
      officerIds: two(),
      avFileIds: [av],
      coercionChecklist: { ...checklist, statementHeard: true },
    });
    const seizure = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id)))[0];
    assert.equal(seizure?.ruleId, 'C-25');
    assert.equal(seizure?.dueOn, '2026-04-01');
    await must(t.app, head, c.id, 'extendSeizure', { actOn: '2026-03-30' });
    refusedWith(await step(t.app, head, c.id, 'extendSeizure', { actOn: '2026-04-02' }), 'C-25');
    const extension = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id))).find(
      (d) => d.kind === 'seizureExtension',
    );
    assert.equal(extension?.dueOn, '2026-05-06', '2026-04-01 + 30 = 05-01, 劳动节 1–5 May → 05-06');
  });

  it('C-19: an emergency seizure is approved within 24 hours, or can only be released', async () => {
    const c = await createCase(t.app, officer, { procedure: 'coercion.seizure', officerIds: two() });
    const av = await addAv(c.id);
    const checklist = {
      credentialsShown: true,
      partyNotified: true,
      reasonsExplained: true,
      statementHeard: true,
      transcriptSigned: 'witness',
    };
    await must(t.app, officer, c.id, 'emergencySeize', {
      actOn: '2026-03-02',
      officerIds: two(),
      avFileIds: [av],
      coercionChecklist: checklist,
      emergency: { reason: '储罐泄漏，现场存在爆炸危险' },
    });
    refusedWith(await step(t.app, officer, c.id, 'handleSeized', { actOn: '2026-03-03', outcome: '没收' }), 'C-19');
    // 25 hours later (the clock is moved by rewriting when the measure was taken).
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c.id));
    const flags = { ...(row?.flags as object), emergencyAt: new Date(Date.now() - 25 * 3600_000).toISOString() };
    await t.database.db.update(cases).set({ flags }).where(eq(cases.id, c.id));
    refusedWith(await step(t.app, head, c.id, 'approveEmergency', { actOn: '2026-03-03' }), 'C-19');
    await must(t.app, officer, c.id, 'releaseSeizure', { actOn: '2026-03-03' });
  });

  it('CAL: a deadline in a year without holiday data fails loudly until an administrator enters it', async () => {
    const c = await newCase({ leadOn: '2026-11-16', violationOn: '2026-11-10' });
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-11-16', officerIds: two() });
    // Filed 2026-11-17: the 90-day decision deadline falls in 2027.
    const res = await step(t.app, head, c.id, 'approveFiling', { actOn: '2026-11-17' });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'CALENDAR_DATA_MISSING');
    assert.match(res.json().message, /2027 年的法定节假日安排尚未录入/);
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, c.id));
    assert.equal(row?.state, 'filingPending', 'nothing changed');
    const admin = await login(t.app, 'admin');
    const put = await call(t.app, admin, 'PUT', '/api/calendar/2027', {
      holidays: [
        '2027-01-01',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
      ],
      workdays: [],
      note: '测试用：按国务院办公厅通知录入',
    });
    assert.equal(put.statusCode, 200, put.body);
    const ok = await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-11-17' });
    assert.equal(ok.case.state, 'investigating');
    const d = (await t.database.db.select().from(deadlines).where(eq(deadlines.caseId, c.id)))[0];
    assert.equal(d?.dueOn, '2027-02-15', '2026-11-17 + 90 = 2027-02-15 (Mon)');
  });

  it('every step writes its ledger entry with the instruments it issued', async () => {
    const c = await caseAt('noticed');
    const entries = await entriesOf(t.database.db, 'case', String(c.id));
    const actions = entries.map((e) => e.action);
    assert.deepEqual(actions, ['case.create', 'case.step', 'case.step', 'case.step', 'case.step']);
    const notice = JSON.parse(entries.at(-1)?.payload ?? '{}');
    assert.equal(notice.step, 'servePriorNotice');
    assert.equal(notice.instruments[0].type, 'priorNotice');
    const [instrument] = await t.database.db
      .select()
      .from(instruments)
      .where(eq(instruments.id, notice.instruments[0].id));
    assert.equal(instrument?.contextDigest, notice.instruments[0].contextDigest);
  });

  async function addAv(caseId: number): Promise<number> {
    const [c] = await t.database.db.select().from(cases).where(eq(cases.id, caseId));
    const [f] = await t.database.db
      .insert(caseFiles)
      .values({
        caseId,
        agencyId: c?.agencyId ?? 0,
        kind: 'av',
        name: '执法记录仪视频.mp4',
        mimeType: 'video/mp4',
        size: 1,
        sm3: '0'.repeat(64),
        sha256: '0'.repeat(64),
        storageKey: 'test/av',
      })
      .returning();
    return f?.id ?? 0;
  }
});
