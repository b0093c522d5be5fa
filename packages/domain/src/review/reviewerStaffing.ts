/** G-5: legal reviewers are at least 5 % of the agency's officers, and at least one. */
export const REVIEWER_SHARE = 0.05;

export interface ReviewerStaffing {
  officers: number;
  reviewers: number;
  required: number;
  short: boolean;
  /** A sentence for the agency page and the supervisor's alert. */
  message: string;
}

export function reviewerStaffing(officers: number, reviewers: number): ReviewerStaffing {
  // G-5: 5 % rounded up, never fewer than one.
  const required = Math.max(1, Math.ceil(officers * REVIEWER_SHARE));
  const short = reviewers < required;
  const message = short
    ? `法制审核人员 ${reviewers} 名，少于执法人员 ${officers} 名的 5%（应不少于 ${required} 名），请充实法制审核力量`
    : `法制审核人员 ${reviewers} 名，不少于执法人员 ${officers} 名的 5%（应不少于 ${required} 名）`;
  return { officers, reviewers, required, short, message };
}
