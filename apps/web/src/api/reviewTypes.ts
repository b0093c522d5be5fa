import type {
  BenchmarkItem,
  CoordinationOutcome,
  DiscretionChoice,
  DiscretionTier,
  InstrumentType,
  MajorMatch,
  MajorMeasure,
  Party,
  Penalty,
  ProcedureId,
  ReviewCheckItem,
  ReviewFinding,
  ReviewOpinion,
  ReviewStatus,
} from '@sanxiang/domain';

/** Shapes of the legal review answers (apps/server/src/modules/review, 法制审核), as the console uses them. */

/** A version of a review list: the agency's catalog or benchmarks pinned by a case (`id` null: the built-in default). */
export interface ListVersionRef {
  id: number | null;
  version: number;
}

/**
 * 案件研判: what the handler states about the case, read by the major-decision catalog. A case never assessed answers
 * `{}`, so every part may be missing.
 */
export interface CaseAssessment {
  complex?: boolean;
  publicInterest?: boolean;
  measures?: MajorMeasure[];
  discretion?: DiscretionChoice | null;
}

export interface ReviewCandidate {
  userId: number;
  name: string;
  eligible: boolean;
  /** Why not eligible (handled the case, no 法律职业资格 for a first review …), or a note when eligible. */
  reason: string;
}

/** One round of review (one submission). */
export interface ReviewSummary {
  id: number;
  caseId: number;
  caseNo: string;
  caseTitle: string;
  agencyId: number;
  agencyName: string;
  round: number;
  status: ReviewStatus;
  statusLabel: string;
  submittedOn: string;
  dueOn: string;
  overdue: boolean;
  reviewerUserId: number | null;
  reviewerName: string | null;
  submittedByName: string;
  opinion: ReviewOpinion | null;
  opinionLabel: string | null;
  decidedOn: string | null;
  /** The handler's 送审说明. */
  statement: string;
}

/** GET /api/cases/:id/review. */
export interface CaseReviewView {
  major: { isMajor: boolean; catalog: ListVersionRef; matches: MajorMatch[]; requiresDeliberation: boolean };
  assessment: CaseAssessment;
  discretion: { benchmark: ListVersionRef; item: BenchmarkItem | null; flag: string | null };
  /** The decision the case proposes now (decided, noticed, or the investigation report's). */
  proposedPenalty: Penalty | null;
  proposedPenaltyText: string;
  /** P-58: whether a decision may be made, in Chinese. */
  gate: { passed: boolean; message: string };
  /** Every round, oldest first. */
  reviews: ReviewSummary[];
  candidates: ReviewCandidate[];
  canSubmit: boolean;
}

/** GET /api/review/lists/:kind. */
export interface ReviewListAnswer<T> {
  agencyId: number;
  agencyName: string;
  current: { id: number | null; version: number; entries: T[]; reason: string; createdAt: string | null };
  versions: { id: number; version: number; reason: string; createdAt: string; createdByName: string; count: number }[];
}

/** What the reviewer reads: the case as it stood when submitted. */
export interface ReviewPackage {
  case: {
    caseNo: string;
    title: string;
    procedure: ProcedureId;
    procedureLabel: string;
    party: Party;
    facts: string;
    violatedProvision: string;
    penaltyBasis: string;
    filedOn: string | null;
  };
  proposedPenalty: Penalty | null;
  proposedPenaltyText: string;
  hearingHeld: boolean;
  major: { catalogVersion: number; matches: MajorMatch[] };
  discretion: {
    code: string;
    violation: string;
    tier: DiscretionTier;
    tierLabel: string;
    reason: string;
    flag: string | null;
  } | null;
  /** The discretion item's flag, also when no tier was chosen (then `discretion` is null). */
  discretionFlag?: string | null;
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
  instruments: {
    id: number;
    type: InstrumentType;
    typeLabel: string;
    number: string;
    version: number;
    issuedOn: string;
  }[];
}

export interface ReviewFindingRow {
  item: ReviewCheckItem;
  finding: ReviewFinding;
  note: string;
}

export interface Coordination {
  reason: string;
  requestedByName: string;
  requestedOn: string;
  outcome?: CoordinationOutcome;
  outcomeLabel?: string;
  note?: string;
  headName?: string;
  decidedOn?: string;
}

/** One human-readable difference from the previous round. */
export interface ReviewChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

/** GET /api/reviews/:id. */
export interface ReviewDetail extends ReviewSummary {
  package: ReviewPackage;
  previousPackage: ReviewPackage | null;
  changes: ReviewChange[];
  findings: ReviewFindingRow[] | null;
  opinionNote: string;
  coordination: Coordination | null;
  opinionInstrument: { id: number; number: string } | null;
  canDecide: boolean;
  canDispute: boolean;
  canCoordinate: boolean;
  /** A head may give a pending review to another reviewer. */
  canAssign?: boolean;
}

/** GET /api/reviews. */
export interface ReviewQueue {
  items: ReviewSummary[];
}
