import {
  COORDINATION_OUTCOME_LABELS,
  type CoordinationOutcome,
  DISCRETION_TIER_LABELS,
  INSTRUMENT_CATALOG,
  type InstrumentType,
  type MajorMeasure,
  type Penalty,
  PROCEDURE_LABELS,
  REVIEW_CHECK_ITEMS,
  REVIEW_CHECK_LABELS,
  REVIEW_FINDING_LABELS,
  REVIEW_OPINION_LABELS,
  REVIEW_STATUS_LABELS,
  type ReviewCheckFinding,
  type ReviewOpinion,
  type ReviewStatus,
  reviewDecisionProblems,
  shanghaiDate,
} from '@sanxiang/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, caseFiles, caseSteps, cases, legalReviews, officers, users } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { actDate } from '../cases/actDate.js';
import { loadCalendar, withCalendar } from '../cases/calendarService.js';
import { type CaseView, caseInScope, caseScopeCondition, officersOfCase } from '../cases/caseRecords.js';
import { maskPartyFor } from '../cases/caseService.js';
import { instrumentContext, issueInstrument, loadContextSources } from '../cases/instrumentService.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import {
  type CaseAssessment,
  caseMajorDecision,
  decisionAhead,
  discretionOf,
  penaltyText,
  pinReviewLists,
  type ReviewRow,
  reviewRoundsOf,
} from './majorDecision.js';

/** 送审材料: what the reviewer reviews, frozen with the submission. */
export interface ReviewPackage {
  case: {
    caseNo: string;
    title: string;
    procedure: string;
    procedureLabel: string;
    party: CaseView['party'];
    facts: string;
    violatedProvision: string;
    penaltyBasis: string;
    filedOn: string | null;
  };
  proposedPenalty: Penalty | null;
  proposedPenaltyText: string;
  hearingHeld: boolean;
  major: {
    catalogVersion: number;
    matches: { code: string; label: string; why: string; requiresDeliberation: boolean }[];
  };
  discretion: {
    code: string;
    violation: string;
    tier: string;
    tierLabel: string;
    reason: string;
    flag: string | null;
  } | null;
  discretionFlag: string | null;
  assessment: CaseAssessment;
  officers: { name: string; credentialNo: string; role: string }[];
  evidence: {
    fileId: number;
    name: string;
    kind: string;
    size: number;
    sm3: string;
    sha256: string;
    capturedAt: string | null;
    step: string | null;
  }[];
  instruments: { id: number; type: string; typeLabel: string; number: string; version: number; issuedOn: string }[];
}

interface Coordination {
  reason: string;
  requestedBy: number;
  requestedByName: string;
  requestedOn: string;
  outcome?: CoordinationOutcome;
  outcomeLabel?: string;
  note?: string;
  headUserId?: number;
  headName?: string;
  decidedOn?: string;
}

const reviewer = alias(users, 'reviewer');
const submitter = alias(users, 'submitter');

// ---------------------------------------------------------------------------------------------
// Reviewers (P-58): of the agency, active, qualified, and not a handler of the case.

export interface ReviewerCandidate {
  userId: number;
  name: string;
  eligible: boolean;
  reason: string;
}

export async function reviewerCandidates(db: Executor, c: CaseView): Promise<ReviewerCandidate[]> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      active: users.active,
      officerId: users.officerId,
      officerStatus: officers.status,
      legalQualification: officers.legalQualification,
      decided:
        sql<number>`(select count(*) from legal_reviews r where r.reviewer_user_id = ${sql.raw('"users"."id"')} and r.opinion is not null)`.mapWith(
          Number,
        ),
    })
    .from(users)
    .leftJoin(officers, eq(officers.id, users.officerId))
    .where(and(eq(users.agencyId, c.agencyId), sql`'reviewer' = any(${users.roles})`))
    .orderBy(asc(users.id));
  const caseOfficerIds = new Set((await officersOfCase(db, c.id)).map((o) => o.officerId));
  const actors = await db
    .selectDistinct({ userId: caseSteps.actorUserId })
    .from(caseSteps)
    .where(eq(caseSteps.caseId, c.id));
  const submitters = await db
    .selectDistinct({ userId: legalReviews.submittedBy })
    .from(legalReviews)
    .where(eq(legalReviews.caseId, c.id));
  const handlers = new Set([...actors, ...submitters].map((r) => r.userId));
  return rows.map((r) => {
    const reasons: string[] = [];
    if (!r.active || (r.officerId !== null && r.officerStatus !== 'active')) reasons.push('账号或人员状态不是在岗');
    if (!r.legalQualification && r.decided === 0) reasons.push('初次从事法制审核，须取得法律职业资格');
    if ((r.officerId !== null && caseOfficerIds.has(r.officerId)) || handlers.has(r.userId)) {
      reasons.push('承办或参与调查本案，不得审核本案');
    }
    return {
      userId: r.userId,
      name: r.name,
      eligible: reasons.length === 0,
      reason:
        reasons.length === 0 ? (r.legalQualification ? '具有法律职业资格' : '非初次从事法制审核') : reasons.join('；'),
    };
  });
}

/** Picks the requested reviewer (refusing an ineligible one, naming why) or the eligible one with the fewest open reviews. */
async function chooseReviewer(db: Executor, c: CaseView, requested: number | undefined): Promise<ReviewerCandidate> {
  const candidates = await reviewerCandidates(db, c);
  if (requested !== undefined) {
    const chosen = candidates.find((x) => x.userId === requested);
    if (!chosen)
      throw new DomainError('REVIEWER_INELIGIBLE', '所选人员不是本单位的法制审核人员（P-58）', 422, 'reviewerUserId');
    if (!chosen.eligible) {
      throw new DomainError(
        'REVIEWER_INELIGIBLE',
        `${chosen.name}不能审核本案：${chosen.reason}（P-58）`,
        422,
        'reviewerUserId',
      );
    }
    return chosen;
  }
  const eligible = candidates.filter((x) => x.eligible);
  if (eligible.length === 0) {
    throw new DomainError(
      'NO_REVIEWER',
      '本单位没有可以审核本案的法制审核人员（须在岗、具备资格且未承办本案），请先配备法制审核人员（G-5、P-58）',
      409,
    );
  }
  const open = await db
    .select({ userId: legalReviews.reviewerUserId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(legalReviews)
    .where(
      and(
        inArray(
          legalReviews.reviewerUserId,
          eligible.map((x) => x.userId),
        ),
        eq(legalReviews.status, 'pending'),
      ),
    )
    .groupBy(legalReviews.reviewerUserId);
  const load = (id: number) => open.find((o) => o.userId === id)?.n ?? 0;
  return [...eligible].sort((a, b) => load(a.userId) - load(b.userId) || a.userId - b.userId)[0] as ReviewerCandidate;
}

// ---------------------------------------------------------------------------------------------
// The case's review page.

export async function caseReviewView(db: Executor, p: Principal, caseId: number) {
  const c = await caseInScope(db, p, caseId);
  const state = await caseMajorDecision(db, c);
  const discretion = discretionOf(state.benchmarks.entries, c, state.proposed);
  const open = state.rounds.some((r) => r.status === 'pending' || r.status === 'disputed');
  return {
    major: state.major,
    assessment: c.assessment as CaseAssessment,
    discretion: {
      benchmark: { id: state.benchmarks.id, version: state.benchmarks.version },
      item: discretion.item,
      flag: discretion.flag,
    },
    proposedPenalty: state.proposed,
    proposedPenaltyText: penaltyText(state.proposed),
    gate: state.gate,
    reviews: await summaries(db, p, eq(legalReviews.caseId, c.id), [asc(legalReviews.round)]),
    candidates: hasRole(p, 'officer', 'head') && p.scope.kind === 'agency' ? await reviewerCandidates(db, c) : [],
    canSubmit: hasRole(p, 'officer', 'head') && p.scope.kind === 'agency' && !open && decisionAhead(c),
  };
}

/** 案件研判: the handler's judgement the catalog and the benchmark need; a ledger entry with the change. */
export async function saveAssessment(
  db: Db,
  p: Principal,
  caseId: number,
  body: CaseAssessment & { measures: MajorMeasure[] },
) {
  await db.transaction(async (tx) => {
    const c = await caseInScope(tx, p, caseId, true);
    if (!decisionAhead(c)) throw new DomainError('CASE_DECIDED', '本案已作出决定或已办结，不能再修改案件研判', 409);
    if (body.discretion) {
      const { benchmarkId } = await pinReviewLists(tx, c);
      const state = await caseMajorDecision(tx, { ...c, benchmarkId });
      if (!state.benchmarks.entries.some((i) => i.code === body.discretion?.code)) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `裁量基准中没有编号为“${body.discretion.code}”的违法行为`,
          400,
          'discretion.code',
        );
      }
    }
    const assessment: CaseAssessment = {
      complex: body.complex ?? false,
      publicInterest: body.publicInterest ?? false,
      measures: body.measures,
      discretion: body.discretion ?? null,
    };
    await tx
      .update(cases)
      .set({ assessment, version: c.version + 1, updatedAt: new Date() })
      .where(eq(cases.id, c.id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: c.agencyId,
      subjectType: 'case',
      subjectId: c.id,
      action: 'case.assess',
      payload: { before: c.assessment, after: assessment },
    });
  });
  return caseReviewView(db, p, caseId);
}

// ---------------------------------------------------------------------------------------------
// Submission (送审), with the package assembled from the case.

async function assemblePackage(tx: Tx, c: CaseView, penalty: Penalty | null): Promise<ReviewPackage> {
  const state = await caseMajorDecision(tx, c);
  const proposed = penalty ?? state.proposed;
  const discretion = discretionOf(state.benchmarks.entries, c, proposed);
  const officerRows = await officersOfCase(tx, c.id);
  const files = await tx.select().from(caseFiles).where(eq(caseFiles.caseId, c.id)).orderBy(asc(caseFiles.id));
  const choice = discretion.choice;
  return {
    case: {
      caseNo: c.caseNo,
      title: c.title,
      procedure: c.procedure,
      procedureLabel: PROCEDURE_LABELS[c.procedure],
      party: c.party,
      facts: c.facts,
      violatedProvision: c.violatedProvision,
      penaltyBasis: c.penaltyBasis,
      filedOn: c.filedOn,
    },
    proposedPenalty: proposed,
    proposedPenaltyText: penaltyText(proposed),
    hearingHeld: state.issued.some((i) => i.type === 'hearingRecord' && !i.supersededById),
    major: { catalogVersion: state.catalog.version, matches: state.major.matches },
    discretion: choice
      ? {
          code: choice.code,
          violation: discretion.item?.violation ?? '',
          tier: choice.tier,
          tierLabel: DISCRETION_TIER_LABELS[choice.tier],
          reason: choice.reason,
          flag: discretion.flag,
        }
      : null,
    discretionFlag: discretion.flag,
    assessment: c.assessment as CaseAssessment,
    officers: officerRows
      .filter((o) => !o.recused)
      .map((o) => ({ name: o.name, credentialNo: o.credentialNo ?? '', role: o.role })),
    evidence: files.map((f) => ({
      fileId: f.id,
      name: f.name,
      kind: f.kind,
      size: f.size,
      sm3: f.sm3,
      sha256: f.sha256,
      capturedAt: f.capturedAt ? f.capturedAt.toISOString() : null,
      step: f.step,
    })),
    instruments: state.issued
      .filter((i) => !i.supersededById)
      .map((i) => ({
        id: i.id,
        type: i.type,
        typeLabel: INSTRUMENT_CATALOG[i.type as InstrumentType]?.name ?? i.type,
        number: i.number,
        version: i.version,
        issuedOn: i.issuedOn,
      })),
  };
}

export async function submitReview(
  db: Db,
  p: Principal,
  caseId: number,
  body: {
    statement: string;
    reviewerUserId?: number | undefined;
    penalty?: Penalty | undefined;
    actOn?: string | undefined;
  },
) {
  if (p.scope.kind !== 'agency') throw forbidden('法制审核由执法主体的承办机构送审');
  const id = await db.transaction(async (tx) => {
    const c = await caseInScope(tx, p, caseId, true);
    if (!decisionAhead(c)) throw new DomainError('CASE_DECIDED', '本案已作出决定或已办结，无需送审', 409);
    const rounds = await reviewRoundsOf(tx, c.id);
    const last = rounds.at(-1);
    if (last && (last.status === 'pending' || last.status === 'disputed')) {
      throw new DomainError(
        'REVIEW_OPEN',
        last.status === 'pending'
          ? `第${last.round}次送审尚在审核中，不能重复送审`
          : `第${last.round}次送审的异议待负责人协调`,
        409,
      );
    }
    const pinned = await pinReviewLists(tx, c);
    const pinnedCase = { ...c, ...pinned };
    const chosen = await chooseReviewer(tx, pinnedCase, body.reviewerUserId);
    const [lastStep] = await tx
      .select({ on: caseSteps.actOn })
      .from(caseSteps)
      .where(eq(caseSteps.caseId, c.id))
      .orderBy(desc(caseSteps.actOn))
      .limit(1);
    // Not before the last step, nor before the opinion (or coordination) it answers.
    const coordinatedOn = (last?.coordination as Coordination | null)?.decidedOn;
    const earliest = [lastStep?.on ?? c.leadOn, last?.decidedOn, coordinatedOn]
      .filter((d): d is string => Boolean(d))
      .sort()
      .at(-1);
    const submittedOn = actDate(body.actOn, earliest ?? c.leadOn, '送审');
    const settings = (await loadContextSources(tx, c, [])).settings;
    const calendar = await loadCalendar(tx);
    const dueOn = await withCalendar(() => calendar.addWorkingDays(submittedOn, settings.reviewDays));
    const pkg = await assemblePackage(tx, pinnedCase, body.penalty ?? null);
    const round = (last?.round ?? 0) + 1;
    const [row] = await tx
      .insert(legalReviews)
      .values({
        caseId: c.id,
        agencyId: c.agencyId,
        round,
        package: pkg,
        statement: body.statement.trim(),
        submittedBy: p.userId,
        submittedOn,
        dueOn,
        reviewerUserId: chosen.userId,
        status: 'pending',
      })
      .returning();
    if (!row) throw new Error('review insert returned nothing');
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: c.agencyId,
      subjectType: 'case',
      subjectId: c.id,
      action: 'review.submit',
      payload: {
        reviewId: row.id,
        round,
        submittedOn,
        dueOn,
        reviewerUserId: chosen.userId,
        reviewerName: chosen.name,
        statement: row.statement,
        package: pkg,
      },
    });
    return row.id;
  });
  return reviewDetail(db, p, id);
}

// ---------------------------------------------------------------------------------------------
// Queue and detail.

async function summaries(db: Executor, p: Principal, where: SQL | undefined, order: SQL[]) {
  const today = shanghaiDate();
  const rows = await db
    .select({
      review: legalReviews,
      caseNo: cases.caseNo,
      caseTitle: cases.title,
      agencyName: agencies.name,
      reviewerName: reviewer.displayName,
      submittedByName: submitter.displayName,
    })
    .from(legalReviews)
    .innerJoin(cases, eq(cases.id, legalReviews.caseId))
    .innerJoin(agencies, eq(agencies.id, legalReviews.agencyId))
    .innerJoin(reviewer, eq(reviewer.id, legalReviews.reviewerUserId))
    .leftJoin(submitter, eq(submitter.id, legalReviews.submittedBy))
    .where(and(caseScopeCondition(p.scope), where))
    .orderBy(...order);
  return rows.map((r) => summaryOf(r.review, r, today));
}

function summaryOf(
  r: ReviewRow,
  names: {
    caseNo: string;
    caseTitle: string;
    agencyName: string;
    reviewerName: string;
    submittedByName: string | null;
  },
  today: string,
) {
  return {
    id: r.id,
    caseId: r.caseId,
    caseNo: names.caseNo,
    caseTitle: names.caseTitle,
    agencyId: r.agencyId,
    agencyName: names.agencyName,
    round: r.round,
    status: r.status as ReviewStatus,
    statusLabel: REVIEW_STATUS_LABELS[r.status as ReviewStatus],
    submittedOn: r.submittedOn,
    dueOn: r.dueOn,
    overdue: r.status === 'pending' && r.dueOn < today,
    reviewerUserId: r.reviewerUserId,
    reviewerName: names.reviewerName,
    submittedByName: names.submittedByName ?? '',
    opinion: r.opinion,
    opinionLabel: r.opinion ? REVIEW_OPINION_LABELS[r.opinion as ReviewOpinion] : null,
    decidedOn: r.decidedOn,
    statement: r.statement,
  };
}
export type ReviewSummary = ReturnType<typeof summaryOf>;

/** The queue: reviewers see theirs, heads their agency's, supervisors their region's; overdue first, then by due date. */
export async function listReviews(
  db: Executor,
  p: Principal,
  query: { scope?: 'mine' | 'agency' | undefined; status?: 'open' | 'all' | undefined },
) {
  const scope = query.scope ?? (hasRole(p, 'head', 'supervisor', 'admin') ? 'agency' : 'mine');
  const conditions: SQL[] = [];
  if (scope === 'mine') {
    conditions.push(
      hasRole(p, 'reviewer') ? eq(legalReviews.reviewerUserId, p.userId) : eq(legalReviews.submittedBy, p.userId),
    );
  }
  if ((query.status ?? 'open') === 'open') conditions.push(inArray(legalReviews.status, ['pending', 'disputed']));
  const today = shanghaiDate();
  const items = await summaries(db, p, and(...conditions), [
    sql`case when ${legalReviews.status} = 'pending' and ${legalReviews.dueOn} < ${today} then 0 else 1 end`,
    asc(legalReviews.dueOn),
    desc(legalReviews.id),
  ]);
  return { items };
}

async function reviewInScope(db: Executor, p: Principal, id: number, lock = false) {
  const query = db
    .select({ review: legalReviews })
    .from(legalReviews)
    .innerJoin(cases, eq(cases.id, legalReviews.caseId))
    .where(and(eq(legalReviews.id, id), caseScopeCondition(p.scope)));
  const [row] = lock ? await query.for('update', { of: legalReviews }) : await query;
  if (!row) throw notFound('法制审核');
  return row.review;
}

/** The labelled differences between two packages, for the reviewer of a resubmission. */
export function packageChanges(before: ReviewPackage, after: ReviewPackage, statements: [string, string]) {
  const changes: { path: string; label: string; before: string; after: string }[] = [];
  const add = (path: string, label: string, a: string, b: string) => {
    if (a !== b) changes.push({ path, label, before: a, after: b });
  };
  add('case.facts', '违法事实', before.case.facts, after.case.facts);
  add('case.violatedProvision', '违反的法律条款', before.case.violatedProvision, after.case.violatedProvision);
  add('case.penaltyBasis', '处罚依据', before.case.penaltyBasis, after.case.penaltyBasis);
  add('proposedPenalty', '拟作出的决定', before.proposedPenaltyText, after.proposedPenaltyText);
  const tier = (x: ReviewPackage) =>
    x.discretion ? `${x.discretion.code} ${x.discretion.violation}：${x.discretion.tierLabel}` : '未选择';
  add('discretion.tier', '裁量基准和阶次', tier(before), tier(after));
  add('discretion.reason', '裁量理由', before.discretion?.reason ?? '', after.discretion?.reason ?? '');
  const matches = (x: ReviewPackage) => x.major.matches.map((m) => m.label).join('；') || '无';
  add('major.matches', '属于重大执法决定的情形', matches(before), matches(after));
  const evidence = (x: ReviewPackage) => new Map(x.evidence.map((e) => [e.sm3, e.name]));
  const [eb, ea] = [evidence(before), evidence(after)];
  const addedEvidence = [...ea].filter(([k]) => !eb.has(k)).map(([, n]) => n);
  const removedEvidence = [...eb].filter(([k]) => !ea.has(k)).map(([, n]) => n);
  if (addedEvidence.length > 0) add('evidence.added', '新增证据材料', '', addedEvidence.join('、'));
  if (removedEvidence.length > 0) add('evidence.removed', '不再列入的证据材料', removedEvidence.join('、'), '');
  const docs = (x: ReviewPackage) => new Map(x.instruments.map((i) => [i.id, `${i.typeLabel}（${i.number}）`]));
  const [db_, da] = [docs(before), docs(after)];
  const addedDocs = [...da].filter(([k]) => !db_.has(k)).map(([, n]) => n);
  if (addedDocs.length > 0) add('instruments.added', '新增执法文书', '', addedDocs.join('、'));
  add('statement', '送审说明', statements[0], statements[1]);
  return changes;
}

export async function reviewDetail(db: Executor, p: Principal, id: number) {
  const row = await reviewInScope(db, p, id);
  const [summary] = await summaries(db, p, eq(legalReviews.id, id), []);
  if (!summary) throw notFound('法制审核');
  const c = await caseInScope(db, p, row.caseId);
  const rounds = await reviewRoundsOf(db, row.caseId);
  const previous = rounds.filter((r) => r.round < row.round).at(-1) ?? null;
  const mask = (pkg: ReviewPackage): ReviewPackage => ({
    ...pkg,
    case: { ...pkg.case, party: maskPartyFor(p, { ...c, party: pkg.case.party }) },
  });
  const pkg = mask(row.package as ReviewPackage);
  const previousPackage = previous ? mask(previous.package as ReviewPackage) : null;
  const instrument = row.opinionInstrumentId
    ? (await caseMajorDecision(db, c)).issued.find((i) => i.id === row.opinionInstrumentId)
    : undefined;
  const isHandler = hasRole(p, 'officer', 'head') && p.scope.kind === 'agency';
  const latest = rounds.at(-1)?.id === row.id;
  return {
    ...summary,
    package: pkg,
    previousPackage,
    changes: previousPackage ? packageChanges(previousPackage, pkg, [previous?.statement ?? '', row.statement]) : [],
    findings: row.findings as ReviewCheckFinding[] | null,
    opinionNote: row.opinionNote,
    coordination: row.coordination as Coordination | null,
    opinionInstrument: instrument ? { id: instrument.id, number: instrument.number } : null,
    canDecide: row.status === 'pending' && row.reviewerUserId === p.userId && hasRole(p, 'reviewer'),
    canDispute: latest && row.status === 'returned' && isHandler,
    canCoordinate: latest && row.status === 'disputed' && hasRole(p, 'head') && p.scope.kind === 'agency',
    canAssign: row.status === 'pending' && hasRole(p, 'head') && p.scope.kind === 'agency',
  };
}

// ---------------------------------------------------------------------------------------------
// Reviewer, handler and head actions; each a ledger entry in the same transaction.

export async function assignReviewer(db: Db, p: Principal, id: number, reviewerUserId: number) {
  if (!hasRole(p, 'head') || p.scope.kind !== 'agency') throw forbidden('改派审核人员由负责人决定');
  await db.transaction(async (tx) => {
    const row = await reviewInScope(tx, p, id, true);
    if (row.status !== 'pending') throw new DomainError('REVIEW_DECIDED', '该次送审已出具审核意见，不能改派', 409);
    const c = await caseInScope(tx, p, row.caseId);
    const chosen = await chooseReviewer(tx, c, reviewerUserId);
    await tx.update(legalReviews).set({ reviewerUserId: chosen.userId }).where(eq(legalReviews.id, id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'case',
      subjectId: row.caseId,
      action: 'review.assign',
      payload: { reviewId: id, round: row.round, from: row.reviewerUserId, to: chosen.userId, toName: chosen.name },
    });
  });
  return reviewDetail(db, p, id);
}

export async function decideReview(
  db: Db,
  p: Principal,
  id: number,
  body: { findings: ReviewCheckFinding[]; opinion: ReviewOpinion; opinionNote: string; actOn?: string | undefined },
) {
  await db.transaction(async (tx) => {
    const row = await reviewInScope(tx, p, id, true);
    if (row.reviewerUserId !== p.userId || !hasRole(p, 'reviewer')) {
      throw forbidden('只有被指派的法制审核人员可以出具审核意见');
    }
    if (row.status !== 'pending') throw new DomainError('REVIEW_DECIDED', '该次送审已出具审核意见', 409);
    const c = await caseInScope(tx, p, row.caseId, true);
    // The constraints hold at the moment of the opinion too (P-58): still active, qualified, not a handler.
    const me = (await reviewerCandidates(tx, c)).find((x) => x.userId === p.userId);
    if (!me?.eligible)
      throw new DomainError('REVIEWER_INELIGIBLE', `不能审核本案：${me?.reason ?? '不是法制审核人员'}（P-58）`, 422);
    const pkg = row.package as ReviewPackage;
    const problems = reviewDecisionProblems(body.findings, body.opinion, body.opinionNote, pkg.discretionFlag);
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        problems[0]?.message ?? '审核意见不完整',
        400,
        problems[0]?.field,
        problems,
      );
    }
    const decidedOn = actDate(body.actOn, row.submittedOn, '审核');
    const ordered = REVIEW_CHECK_ITEMS.map((item) => body.findings.find((f) => f.item === item) as ReviewCheckFinding);
    const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    const src = await loadContextSources(tx, c, await officersOfCase(tx, c.id));
    const [submitterRow] = await tx
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, row.submittedBy));
    const fields: Record<string, string> = {
      submittedOn: row.submittedOn,
      submittedBy: submitterRow?.name ?? '',
      reviewRound: `第${row.round}次送审`,
      majorReasons: pkg.major.matches.map((m) => `${m.label}（${m.why}）`).join('\n') || '不属于目录清单所列情形',
      proposal: pkg.proposedPenaltyText,
      discretion: pkg.discretion
        ? `${pkg.discretion.violation}：${pkg.discretion.tierLabel}。${pkg.discretion.reason}${pkg.discretionFlag ? `（${pkg.discretionFlag}）` : ''}`
        : (pkg.discretionFlag ?? ''),
      findings: ordered
        .map((f, i) =>
          `${numerals[i]}、${REVIEW_CHECK_LABELS[f.item]}：${REVIEW_FINDING_LABELS[f.finding]}。${f.note.trim()}`.replace(
            /。$/,
            '。',
          ),
        )
        .join('\n'),
      opinion: REVIEW_OPINION_LABELS[body.opinion],
      opinionNote: body.opinionNote.trim(),
      reviewerName: p.displayName,
      reviewedOn: decidedOn,
    };
    const draft = instrumentContext(src, c, {
      type: 'legalReviewOpinion',
      number: null,
      date: decidedOn,
      version: 1,
      fields,
    });
    const issued = await issueInstrument(tx, src.settings, draft, c.id, c.agencyId, p.userId);
    const status: ReviewStatus = body.opinion === 'approve' ? 'passed' : 'returned';
    await tx
      .update(legalReviews)
      .set({
        status,
        findings: ordered,
        opinion: body.opinion,
        opinionNote: body.opinionNote.trim(),
        decidedOn,
        opinionInstrumentId: issued.id,
      })
      .where(eq(legalReviews.id, id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: c.agencyId,
      subjectType: 'case',
      subjectId: c.id,
      action: 'review.decide',
      payload: {
        reviewId: id,
        round: row.round,
        decidedOn,
        findings: ordered,
        opinion: body.opinion,
        opinionNote: body.opinionNote.trim(),
        status,
        instrument: { id: issued.id, type: issued.type, number: issued.number, contextDigest: issued.contextDigest },
      },
    });
  });
  return reviewDetail(db, p, id);
}

/** S-3: the handler disagrees with the opinion; the head coordinates. */
export async function disputeReview(
  db: Db,
  p: Principal,
  id: number,
  body: { reason: string; actOn?: string | undefined },
) {
  if (!hasRole(p, 'officer', 'head') || p.scope.kind !== 'agency') throw forbidden('异议由承办机构提出');
  await db.transaction(async (tx) => {
    const row = await reviewInScope(tx, p, id, true);
    const latest = (await reviewRoundsOf(tx, row.caseId)).at(-1);
    if (latest?.id !== row.id || row.status !== 'returned') {
      throw new DomainError('REVIEW_NOT_DISPUTABLE', '只能对最近一次送审、且未同意的审核意见提出异议', 409);
    }
    const requestedOn = actDate(body.actOn, row.decidedOn, '异议');
    const coordination: Coordination = {
      reason: body.reason.trim(),
      requestedBy: p.userId,
      requestedByName: p.displayName,
      requestedOn,
    };
    await tx.update(legalReviews).set({ status: 'disputed', coordination }).where(eq(legalReviews.id, id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'case',
      subjectId: row.caseId,
      action: 'review.dispute',
      payload: { reviewId: id, round: row.round, reason: coordination.reason, requestedOn },
    });
  });
  return reviewDetail(db, p, id);
}

export async function coordinateReview(
  db: Db,
  p: Principal,
  id: number,
  body: { outcome: CoordinationOutcome; note: string; actOn?: string | undefined },
) {
  if (!hasRole(p, 'head') || p.scope.kind !== 'agency') throw forbidden('意见不一致由负责人协调（S-3）');
  await db.transaction(async (tx) => {
    const row = await reviewInScope(tx, p, id, true);
    if (row.status !== 'disputed') throw new DomainError('REVIEW_NOT_DISPUTED', '该次送审没有待协调的异议', 409);
    const previous = row.coordination as Coordination;
    const decidedOn = actDate(body.actOn, previous.requestedOn, '协调');
    const coordination: Coordination = {
      ...previous,
      outcome: body.outcome,
      outcomeLabel: COORDINATION_OUTCOME_LABELS[body.outcome],
      note: body.note.trim(),
      headUserId: p.userId,
      headName: p.displayName,
      decidedOn,
    };
    await tx.update(legalReviews).set({ status: 'coordinated', coordination }).where(eq(legalReviews.id, id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'case',
      subjectId: row.caseId,
      action: 'review.coordinate',
      payload: { reviewId: id, round: row.round, outcome: body.outcome, note: coordination.note, decidedOn },
    });
  });
  return reviewDetail(db, p, id);
}
