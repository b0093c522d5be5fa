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

async function compute(g: GuardContext) {
  const { catalog } = await reviewListsOf(g.db, g.case);
  const proposed = proposedPenaltyOf(g.case, g.steps, g.input?.penalty ?? null);
  const major = majorStatus(catalog, majorFactsOf(g.case, g.steps, g.instruments, proposed, g.step.id));
  const gate = gateStatus(major, await reviewRoundsOf(g.db, g.case.id), proposed);
  return { major, gate };
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
