import {
  ACTION_KINDS,
  type ActionKind,
  type AnnualFigures,
  addFigure,
  countPenaltyDecision,
  DISCLOSURE_CATEGORIES,
  emptyFigures,
  finishFigures,
  type Penalty,
  REVERSAL_KINDS,
  regionPrefix,
  sumFigures,
} from '@sanxiang/domain';
import { and, between, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import {
  agencies,
  caseSteps,
  cases,
  disclosures,
  instruments,
  legalReviews,
  officers,
  users,
} from '../../db/schema.js';
import { publishedEntries } from '../disclosure/publicLists.js';

/**
 * The 年报's figures (G-4) computed from the records: case steps and decisions, legal reviews,
 * disclosures and the officer registry. One agency at a time; a region is the sum of its agencies.
 */

/** The kinds the procedures of this system run under (penalty.*, coercion.*, inspection). */
const PROCEDURE_KINDS: ActionKind[] = ['penalty', 'coercion', 'inspection'];
const procedureKind = (procedure: string): string => procedure.split('.')[0] ?? procedure;

/**
 * The kinds of power an agency holds (G-4: a held kind with nothing done reports 0, another is
 * omitted): the kinds of the matters in its published 权责清单 (disclosure/publicLists.ts); until it has
 * published one, the kinds of the procedures this system runs (penalty, coercion, inspection). Either
 * way a kind the agency's own records show (a case, a disclosed decision) is never left out.
 */
export async function heldActionKinds(db: Executor, agencyId: number): Promise<ActionKind[]> {
  const matters = await publishedEntries(db, agencyId, 'matters');
  const [procedures, categories] = await Promise.all([
    db.selectDistinct({ procedure: cases.procedure }).from(cases).where(eq(cases.agencyId, agencyId)),
    db.selectDistinct({ category: disclosures.category }).from(disclosures).where(eq(disclosures.agencyId, agencyId)),
  ]);
  const held = new Set<string>([
    ...(matters ? matters.map((m) => m.actionKind) : PROCEDURE_KINDS),
    ...procedures.map((p) => procedureKind(p.procedure)),
    ...categories.map((c) => c.category),
  ]);
  return ACTION_KINDS.filter((k) => held.has(k));
}

const MEASURES: Record<string, string> = {
  查封: 'coercion.seal',
  扣押: 'coercion.seize',
  '查封、扣押': 'coercion.sealAndSeize',
};

/** One agency's figures for `year`; `asOf` decides what is overdue and which credentials count as valid. */
export async function agencyFigures(
  db: Executor,
  agencyId: number,
  year: number,
  asOf: string,
): Promise<AnnualFigures> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const ref = [to, asOf].sort()[0] ?? to;
  const f = emptyFigures();
  const inYear = between(caseSteps.actOn, from, to);

  // Steps of the year, with their case's procedure and decided penalty and the step's first instrument.
  const steps = await db
    .select({
      caseId: caseSteps.caseId,
      step: caseSteps.step,
      data: caseSteps.data,
      procedure: cases.procedure,
      decidedPenalty: cases.decidedPenalty,
      instrumentContext: instruments.context,
    })
    .from(caseSteps)
    .innerJoin(cases, eq(cases.id, caseSteps.caseId))
    .leftJoin(instruments, eq(instruments.id, caseSteps.instrumentId))
    .where(
      and(
        eq(cases.agencyId, agencyId),
        inYear,
        inArray(caseSteps.step, [
          'issueDecision',
          'decideOnSpot',
          'seize',
          'emergencySeize',
          'handleSeized',
          'recordPayment',
          'applyEnforcement',
          'inspect',
          'orderRectification',
          'closeWithoutIssue',
          'holdHearing',
          'deliberate',
        ]),
      ),
    )
    .orderBy(caseSteps.id);

  const decided = new Set<number>();
  const inspected = new Set<number>();
  for (const s of steps) {
    const penalty = s.decidedPenalty as Penalty | null;
    switch (s.step) {
      case 'issueDecision':
      case 'decideOnSpot':
        // A decision counts once per case, under its heaviest type (G-4).
        if (!penalty || decided.has(s.caseId) || penalty.kinds.length === 0) break;
        decided.add(s.caseId);
        countPenaltyDecision(f, penalty);
        addFigure(f, s.procedure === 'penalty.summary' ? 'penalty.summary' : 'penalty.general', 1);
        break;
      case 'seize':
      case 'emergencySeize': {
        const fields = (s.instrumentContext as { fields?: Record<string, string> } | null)?.fields ?? {};
        addFigure(f, MEASURES[fields.measure ?? ''] ?? 'coercion.sealAndSeize', 1);
        break;
      }
      case 'handleSeized':
        addFigure(f, 'coercion.disposal', 1);
        break;
      case 'recordPayment': {
        // 加处罚款 (P-72) was collected when more than the fine was paid.
        const paid = (s.data as { payment?: { paidFen?: number } }).payment?.paidFen ?? 0;
        if (penalty && paid > penalty.fineFen) addFigure(f, 'coercion.latePayment', 1);
        break;
      }
      case 'applyEnforcement':
        addFigure(f, 'coercion.courtApplications', 1);
        break;
      case 'inspect':
        // One inspection = one subject with a complete record (the 现场检查笔录 issued); the same
        // step inside a penalty case is investigation, not a 行政检查.
        if (s.procedure === 'inspection' && s.instrumentContext && !inspected.has(s.caseId)) {
          inspected.add(s.caseId);
          addFigure(f, 'inspection.total', 1);
        }
        break;
      case 'orderRectification':
        if (s.procedure === 'inspection') addFigure(f, 'inspection.rectification', 1);
        break;
      case 'closeWithoutIssue':
        addFigure(f, 'inspection.noIssue', 1);
        break;
      case 'holdHearing':
        addFigure(f, 'process.hearings', 1);
        break;
      case 'deliberate':
        addFigure(f, 'process.deliberations', 1);
        break;
    }
  }

  const [review] = await db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      passed: sql<number>`count(*) filter (where ${legalReviews.status} in ('passed', 'coordinated'))`.mapWith(Number),
    })
    .from(legalReviews)
    .where(and(eq(legalReviews.agencyId, agencyId), between(legalReviews.decidedOn, from, to)));
  f['review.total'] = review?.total ?? 0;
  f['review.passed'] = review?.passed ?? 0;
  f['review.returned'] = (review?.total ?? 0) - (review?.passed ?? 0);

  // 被纠正: reversals recorded when a published decision was withdrawn (G-2), once per decision.
  const reversals = await db
    .select({ kind: disclosures.reversalKind, n: sql<number>`count(distinct ${disclosures.caseId})`.mapWith(Number) })
    .from(disclosures)
    .where(and(eq(disclosures.agencyId, agencyId), between(disclosures.reversedOn, from, to)))
    .groupBy(disclosures.reversalKind);
  for (const r of reversals) {
    if (r.kind && (REVERSAL_KINDS as readonly string[]).includes(r.kind)) f[`relief.${r.kind}`] = r.n;
  }

  // G-1 on time: each decision's first disclosure (later versions are corrections), decided this year.
  const [pub] = await db
    .select({
      onTime: sql<number>`count(*) filter (where ${disclosures.publishedOn} <= ${disclosures.dueOn})`.mapWith(Number),
      late: sql<number>`count(*) filter (where ${disclosures.publishedOn} > ${disclosures.dueOn})`.mapWith(Number),
      unpublished:
        sql<number>`count(*) filter (where ${disclosures.publishedOn} is null and ${disclosures.dueOn} < ${asOf})`.mapWith(
          Number,
        ),
    })
    .from(disclosures)
    .where(
      and(
        eq(disclosures.agencyId, agencyId),
        isNull(disclosures.supersedesId),
        inArray(disclosures.category, [...DISCLOSURE_CATEGORIES]),
        between(disclosures.decidedOn, from, to),
      ),
    );
  f['disclosure.onTime'] = pub?.onTime ?? 0;
  f['disclosure.late'] = pub?.late ?? 0;
  f['disclosure.unpublished'] = pub?.unpublished ?? 0;

  // 持证率 at the year's end (or today, while the year runs): enforcement officers not revoked.
  const [o] = await db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      credentialed:
        sql<number>`count(*) filter (where ${officers.credentialNo} is not null and ${officers.status} = 'active' and ${officers.validFrom} <= ${ref} and ${officers.validTo} >= ${ref})`.mapWith(
          Number,
        ),
    })
    .from(officers)
    .where(
      and(
        eq(officers.agencyId, agencyId),
        eq(officers.credentialKind, 'enforcement'),
        sql`${officers.status} <> 'revoked'`,
      ),
    );
  f['officers.total'] = o?.total ?? 0;
  f['officers.credentialed'] = o?.credentialed ?? 0;
  const [r] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(users)
    .where(and(eq(users.agencyId, agencyId), eq(users.active, true), sql`'reviewer' = any(${users.roles})`));
  f['officers.reviewers'] = r?.n ?? 0;

  return finishFigures(f);
}

/** The enforcement agencies of a region (its justice bureau excluded). */
export async function regionAgencies(db: Executor, regionCode: string) {
  return db
    .select({ id: agencies.id, name: agencies.name, regionCode: agencies.regionCode, createdAt: agencies.createdAt })
    .from(agencies)
    .where(and(eq(agencies.role, 'agency'), like(agencies.regionCode, `${regionPrefix(regionCode)}%`)))
    .orderBy(agencies.id);
}

/** A region's figures: its agencies summed, rates derived again; held kinds are the union of theirs. */
export async function regionFigures(
  db: Executor,
  regionCode: string,
  year: number,
  asOf: string,
): Promise<{ figures: AnnualFigures; held: ActionKind[] }> {
  const list = await regionAgencies(db, regionCode);
  const parts: AnnualFigures[] = [];
  const held = new Set<ActionKind>();
  for (const a of list) {
    parts.push(await agencyFigures(db, a.id, year, asOf));
    for (const k of await heldActionKinds(db, a.id)) held.add(k);
  }
  return { figures: sumFigures(parts), held: ACTION_KINDS.filter((k) => held.has(k)) };
}
