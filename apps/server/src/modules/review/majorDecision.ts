import {
  type BenchmarkItem,
  type DiscretionChoice,
  discretionFlag,
  evaluateMajor,
  formatYuan,
  type InstrumentType,
  type MajorFacts,
  type MajorMatch,
  type MajorMeasure,
  type MajorRule,
  type Penalty,
  REVIEW_OPINION_LABELS,
  type ReviewOpinion,
  SANCTION_KIND_LABELS,
  WORKFLOWS,
} from '@sanxiang/domain';
import { asc, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/connection.js';
import {
  type caseSteps,
  caseSteps as caseStepsTable,
  cases,
  type instruments,
  instruments as instrumentsTable,
  legalReviews,
} from '../../db/schema.js';
import type { CaseView } from '../cases/caseRecords.js';
import { currentVersion, type ListVersion, pinnableVersion, versionById } from './reviewLists.js';

/** Instruments that state a decision: correcting one re-issues the decision (P-58). */
export const DECISION_TYPES: readonly InstrumentType[] = [
  'decisionApproval',
  'penaltyDecision',
  'summaryDecision',
  'referralLetter',
];

/** 案件研判: what the handler judges about the case, kept on `cases.assessment`. */
export interface CaseAssessment {
  complex?: boolean;
  publicInterest?: boolean;
  measures?: MajorMeasure[];
  discretion?: DiscretionChoice | null;
}

export type ReviewRow = typeof legalReviews.$inferSelect;
type StepRow = typeof caseSteps.$inferSelect;
type InstrumentRow = typeof instruments.$inferSelect;

export const assessmentOf = (c: CaseView): CaseAssessment => (c.assessment ?? {}) as CaseAssessment;

/**
 * The decision the case proposes: the form's, else decided, noticed, or the investigation
 * report's proposal (调查终结报告 拟处罚意见).
 */
export function proposedPenaltyOf(c: CaseView, steps: readonly StepRow[], input?: Penalty | null): Penalty | null {
  if (input) return input;
  if (c.decidedPenalty) return c.decidedPenalty;
  if (c.noticedPenalty) return c.noticedPenalty;
  const report = steps.filter((s) => s.step === 'finishInvestigation').at(-1);
  return ((report?.data as { penalty?: Penalty } | undefined)?.penalty ?? null) as Penalty | null;
}

export function penaltyText(p: Penalty | null): string {
  if (!p || p.kinds.length === 0) return '不予行政处罚';
  return p.kinds
    .map((k) => {
      if (k === 'fine') return `罚款${formatYuan(p.fineFen)}`;
      if ((k === 'confiscateIllegalGains' || k === 'confiscateIllegalProperty') && p.confiscationFen > 0) {
        return `${SANCTION_KIND_LABELS[k]}${formatYuan(p.confiscationFen)}`;
      }
      return SANCTION_KIND_LABELS[k];
    })
    .join('，');
}

/** Two proposals are the same decision: same sanctions and amounts (the order of kinds aside). */
export function samePenalty(a: Penalty | null, b: Penalty | null): boolean {
  const norm = (p: Penalty | null) =>
    p ? JSON.stringify([[...p.kinds].sort(), p.fineFen, p.confiscationFen]) : JSON.stringify([[], 0, 0]);
  return norm(a) === norm(b);
}

export function majorFactsOf(
  c: CaseView,
  steps: readonly StepRow[],
  issued: readonly InstrumentRow[],
  penalty: Penalty | null,
  stepId?: string,
): MajorFacts {
  const a = assessmentOf(c);
  return {
    partyType: c.party.type,
    sanctions: penalty?.kinds ?? [],
    fineFen: penalty?.kinds.includes('fine') ? penalty.fineFen : 0,
    confiscationFen: penalty?.confiscationFen ?? 0,
    measures: a.measures ?? [],
    hearingHeld: issued.some((i) => i.type === 'hearingRecord' && !i.supersededById),
    deliberationRequired: Boolean(c.flags.deliberationRequired),
    referred: stepId === 'referCrime' || steps.some((s) => s.step === 'referCrime'),
    complex: Boolean(a.complex),
    publicInterest: Boolean(a.publicInterest),
  };
}

/** The catalog and benchmark versions that apply to the case: the pinned ones, else the agency's current. */
export async function reviewListsOf(db: Executor, c: CaseView) {
  const catalog: ListVersion<MajorRule> = c.majorCatalogId
    ? await versionById<MajorRule>(db, 'catalog', c.majorCatalogId)
    : await currentVersion<MajorRule>(db, 'catalog', c.agencyId);
  const benchmarks: ListVersion<BenchmarkItem> = c.benchmarkId
    ? await versionById<BenchmarkItem>(db, 'benchmarks', c.benchmarkId)
    : await currentVersion<BenchmarkItem>(db, 'benchmarks', c.agencyId);
  return { catalog, benchmarks };
}

/** S-6: pins the catalog and benchmark versions on the case the first time it is reviewed or decided. */
export async function pinReviewLists(tx: Tx, c: CaseView): Promise<{ majorCatalogId: number; benchmarkId: number }> {
  const majorCatalogId = c.majorCatalogId ?? (await pinnableVersion<MajorRule>(tx, 'catalog', c.agencyId)).id;
  const benchmarkId = c.benchmarkId ?? (await pinnableVersion<BenchmarkItem>(tx, 'benchmarks', c.agencyId)).id;
  if (majorCatalogId !== c.majorCatalogId || benchmarkId !== c.benchmarkId) {
    await tx.update(cases).set({ majorCatalogId, benchmarkId }).where(eq(cases.id, c.id));
  }
  return { majorCatalogId, benchmarkId };
}

export async function reviewRoundsOf(db: Executor, caseId: number): Promise<ReviewRow[]> {
  return db.select().from(legalReviews).where(eq(legalReviews.caseId, caseId)).orderBy(asc(legalReviews.round));
}

export interface MajorStatus {
  isMajor: boolean;
  catalog: { id: number | null; version: number };
  matches: MajorMatch[];
  requiresDeliberation: boolean;
}

export function majorStatus(catalog: ListVersion<MajorRule>, facts: MajorFacts): MajorStatus {
  const matches = evaluateMajor(catalog.entries, facts);
  return {
    isMajor: matches.length > 0,
    catalog: { id: catalog.id, version: catalog.version },
    matches,
    requiresDeliberation: matches.some((m) => m.requiresDeliberation),
  };
}

export interface ReviewPackagePenalty {
  proposedPenalty: Penalty | null;
}

/**
 * P-58: whether the latest review lets the decision through. It does when the latest round passed
 * (or the head's coordination decided to proceed, S-3) and the decision now proposed is the one
 * that was reviewed; any change to the proposal needs a new submission.
 */
export function gateStatus(
  major: MajorStatus,
  rounds: readonly ReviewRow[],
  proposed: Penalty | null,
): { passed: boolean; message: string } {
  const why = major.matches.map((m) => `${m.label}：${m.why}`).join('；');
  const latest = rounds.at(-1);
  if (!latest) {
    return major.isMajor
      ? { passed: false, message: `本案属于重大执法决定（${why}），须经法制审核通过后方可作出决定，尚未送审` }
      : { passed: true, message: '按现行目录清单，本案不属于重大执法决定，无须法制审核' };
  }
  const round = `第${latest.round}次送审`;
  const coordination = latest.coordination as { outcome?: string } | null;
  const passed = latest.status === 'passed' || (latest.status === 'coordinated' && coordination?.outcome === 'proceed');
  if (passed) {
    const reviewed = (latest.package as ReviewPackagePenalty).proposedPenalty;
    if (!samePenalty(reviewed, proposed)) {
      return {
        passed: !major.isMajor,
        message: `法制审核通过的拟处理决定（${penaltyText(reviewed)}）与现拟作出的决定（${penaltyText(proposed)}）不一致，须重新送审`,
      };
    }
    return {
      passed: true,
      message:
        latest.status === 'passed'
          ? `${round}已经法制审核通过（${latest.decidedOn}）`
          : `${round}经负责人协调，决定维持承办机构意见（${(latest.coordination as { decidedOn?: string }).decidedOn ?? ''}）`,
    };
  }
  const blocked = (message: string) => ({ passed: !major.isMajor, message });
  switch (latest.status) {
    case 'pending':
      return blocked(`${round}正在法制审核，审核期限至${latest.dueOn}，审核通过前不得作出决定`);
    case 'disputed':
      return blocked(`${round}承办机构对审核意见有异议，待负责人协调（S-3）`);
    case 'coordinated':
      return blocked(`${round}经负责人协调采纳审核意见，须按审核意见修改后重新送审`);
    default: {
      const label = latest.opinion ? REVIEW_OPINION_LABELS[latest.opinion as ReviewOpinion] : '';
      return blocked(`${round}的法制审核意见为“${label}”，须按审核意见处理后重新送审，或提出异议由负责人协调`);
    }
  }
}

/** Whether, from its current state, the case can still reach a step that makes a major decision. */
export function decisionAhead(c: CaseView): boolean {
  const steps = WORKFLOWS[c.procedure].steps;
  const seen = new Set<string>();
  const queue = [c.state];
  while (queue.length > 0) {
    const state = queue.shift() as string;
    if (seen.has(state)) continue;
    seen.add(state);
    for (const s of steps.filter((x) => x.from.includes(state))) {
      if (s.guards.includes('P-58')) return true;
      if (s.to) queue.push(s.to);
    }
  }
  return false;
}

export function discretionOf(items: readonly BenchmarkItem[], c: CaseView, penalty: Penalty | null) {
  const choice = assessmentOf(c).discretion ?? null;
  return {
    choice,
    item: choice ? (items.find((i) => i.code === choice.code) ?? null) : null,
    flag: discretionFlag(items, choice, c.party.type, penalty),
  };
}

/** The case's classification and gate as of now (outside a step): for the case page, submissions and corrections. */
export async function caseMajorDecision(db: Executor, c: CaseView) {
  const steps = await db
    .select()
    .from(caseStepsTable)
    .where(eq(caseStepsTable.caseId, c.id))
    .orderBy(asc(caseStepsTable.id));
  const issued = await db
    .select()
    .from(instrumentsTable)
    .where(eq(instrumentsTable.caseId, c.id))
    .orderBy(asc(instrumentsTable.id));
  const { catalog, benchmarks } = await reviewListsOf(db, c);
  const proposed = proposedPenaltyOf(c, steps);
  const major = majorStatus(catalog, majorFactsOf(c, steps, issued, proposed));
  const rounds = await reviewRoundsOf(db, c.id);
  return { catalog, benchmarks, proposed, major, rounds, steps, issued, gate: gateStatus(major, rounds, proposed) };
}
