import type { DisclosureCategory, DisclosureRecord, ReversalKind } from '@sanxiang/domain';

/** Shapes of the 事后公开 answers (apps/server/src/modules/disclosure, G-1, G-2, G-3), as the console uses them. */

export type DisclosureStatus = 'pending' | 'published' | 'withdrawn' | 'superseded';

/** One disclosure task or published version (a row of GET /api/disclosures). */
export interface DisclosureSummary {
  id: number;
  caseId: number;
  caseNo: string;
  title: string;
  /** The decision instrument's number ('' when the decision has none). */
  instrumentNumber: string;
  category: DisclosureCategory;
  categoryLabel: string;
  status: DisclosureStatus;
  /** 1 for the first publication; a correction publishes the next. */
  version: number;
  decidedOn: string;
  /** G-1: 7 working days after a penalty or license decision, 20 after the others. */
  dueOn: string;
  /** Pending and past `dueOn`. */
  overdue: boolean;
  publishedOn: string | null;
  publishedLate: boolean;
  /** G-3a: the day it leaves the public list. */
  publicUntil: string | null;
  reversalKind: ReversalKind | null;
  reversedOn: string | null;
  /** G-2, P-48: 3 working days after `reversedOn`. */
  withdrawDueOn: string | null;
  withdrawnOn: string | null;
  withdrawnLate: boolean;
  /** As published: the reversal kind's label, a colon, the reason. */
  withdrawReason: string | null;
  correctionReason: string | null;
}

export interface DisclosureVersion {
  id: number;
  version: number;
  status: DisclosureStatus;
  publishedOn: string | null;
}

/** GET /api/disclosures/:id. */
export interface DisclosureDetail extends DisclosureSummary {
  /** As published, or for a pending task the preview the server would publish today (masked by the server, G-3). */
  record: DisclosureRecord | null;
  /** Personal data the server still finds in the preview: publication is refused while any is left. */
  leaks: string[];
  versions: DisclosureVersion[];
}
