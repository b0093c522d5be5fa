import { REVIEW_OPINION_LABELS, type ReviewOpinion } from '@sanxiang/domain';
import {
  gateStatus,
  majorFactsOf,
  majorStatus,
  proposedPenaltyOf,
  reviewListsOf,
  reviewRoundsOf,
} from '../review/majorDecision.js';
import type { GuardContext, GuardFinding } from './caseGuards.js';

/**
 * The major-decision classification of the case for this step: the pinned (or current) catalog
 * evaluated on the decision the step proposes, and the P-58 gate's answer. Computed once per guard
 * context (P-57 and P-58 both ask).
 */
const cache = new WeakMap<GuardContext, ReturnType<typeof compute>>();

/**
 * The case's catalog and review rounds, read once per request: every guard context of a request
 * (one per possible next step) shares the request's `sources`.
 */
const records = new WeakMap<GuardContext['sources'], ReturnType<typeof reviewRecordOf>>();
async function reviewRecordOf(g: GuardContext) {
  // Sequential on purpose: inside a transaction the queries share one connection.
  const { catalog } = await reviewListsOf(g.db, g.case);
  const rounds = await reviewRoundsOf(g.db, g.case.id);
  return { catalog, rounds };
}

async function compute(g: GuardContext) {
  let record = records.get(g.sources);
  if (!record) {
    record = reviewRecordOf(g);
    records.set(g.sources, record);
  }
  const { catalog, rounds } = await record;
  const proposed = proposedPenaltyOf(g.case, g.steps, g.input?.penalty ?? null);
  const major = majorStatus(catalog, majorFactsOf(g.case, g.steps, g.instruments, proposed, g.step.id));
  const gate = gateStatus(major, rounds, proposed);
  return { major, gate, catalog, latest: rounds.at(-1) };
}

export function majorDecisionOf(g: GuardContext) {
  let result = cache.get(g);
  if (!result) {
    result = compute(g);
    cache.set(g, result);
  }
  return result;
}

/**
 * P-58: a major decision (by the agency's 重大执法决定法制审核目录清单, S-2) is not made, approved or
 * issued through any route — the decision steps, the summary procedure, a referral, the handling
 * of seized goods, a correction of the decision — until its legal review has passed for the very
 * decision now proposed.
 */
export async function legalReviewGate(g: GuardContext): Promise<GuardFinding[]> {
  const { gate } = await majorDecisionOf(g);
  return gate.passed ? [] : [{ ruleId: 'P-58', message: gate.message, level: 'block' }];
}

/**
 * The decision approval form's 法制审核意见 (行政处罚决定审批表), written by the server from the
 * review on record so that the form cannot claim a review that did not happen.
 */
export async function reviewDerivedFields(g: GuardContext): Promise<Record<string, string>> {
  const forms = [...(g.step.drafts ?? []), ...(g.step.instruments ?? [])];
  if (!forms.includes('decisionApproval')) return {};
  const { major, gate, catalog, latest } = await majorDecisionOf(g);
  const opinionNo = g.instruments.find((i) => i.id === latest?.opinionInstrumentId)?.number ?? '';
  const coordination = latest?.coordination as { outcome?: string; headName?: string; note?: string } | null;
  let text: string;
  if (latest?.status === 'passed' && gate.passed) {
    text = `经法制审核，同意（${opinionNo}，${latest.decidedOn}）。`;
  } else if (latest?.status === 'coordinated' && coordination?.outcome === 'proceed' && gate.passed) {
    const label = latest.opinion ? REVIEW_OPINION_LABELS[latest.opinion as ReviewOpinion] : '';
    text = `法制审核意见为“${label}”（${opinionNo}）；经负责人${coordination.headName ?? ''}协调，维持承办机构意见：${coordination.note ?? ''}`;
  } else if (!major.isMajor) {
    // The unsaved default becomes version 1 when this decision pins it.
    const version = catalog.id === null ? 1 : catalog.version;
    text = `本案不属于《重大执法决定法制审核目录清单》（第${version}版）所列情形，未经法制审核。`;
  } else {
    text = gate.message;
  }
  return { legalReviewOpinion: text };
}
