import type { GuardContext, GuardFinding } from './caseGuards.js';

/**
 * P-58: where the legal review of a major decision plugs in. Every route that approves or issues a
 * decision runs the step guards, and `approveDecision`, `issueDecision` and `decideOnSpot` list
 * P-58, so they all pass through here.
 *
 * The review module (issue 5) decides here, from the versioned major-decision catalog, whether the
 * case is major and, if so, refuses until a review has passed. Until the catalog exists no case is
 * classified as major, so this gate lets every decision through — it does not pretend to review.
 */
export async function legalReviewGate(_g: GuardContext): Promise<GuardFinding[]> {
  return [];
}
