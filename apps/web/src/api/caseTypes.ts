import type {
  CaseSource,
  DisclosurePeriods,
  Field,
  InstrumentFieldSpec,
  InstrumentType,
  Party,
  Penalty,
  ProcedureId,
  Role,
} from '@sanxiang/domain';

/** Shapes of the case-handling answers (apps/server/src/modules/cases), as the console uses them. */

export interface CaseListItem {
  id: number;
  caseNo: string;
  title: string;
  procedure: ProcedureId;
  procedureLabel: string;
  state: string;
  stateLabel: string;
  field: Field;
  partyName: string;
  leadOn: string;
  filedOn: string | null;
  agencyName: string;
  /** The earliest open deadline. */
  nextDue: string | null;
  overdue: boolean;
}

export interface CaseOfficer {
  officerId: number;
  name: string;
  credentialNo: string | null;
  /** 主办 or 协办. */
  role: 'lead' | 'assistant';
  recused: boolean;
  recusalReason: string | null;
}

export interface CaseStep {
  id: number;
  step: string;
  label: string;
  fromState: string;
  toState: string;
  toLabel: string;
  actOn: string;
  /** The step's form besides the instrument fields (penalty, facts, service …). */
  data: { penalty?: Penalty; [key: string]: unknown };
  officerIds: number[];
  instrumentId: number | null;
  actorName: string | null;
  createdAt: string;
}

export interface CaseInstrument {
  id: number;
  type: InstrumentType;
  name: string;
  number: string;
  version: number;
  issuedOn: string;
  supersededById: number | null;
  supersedesId: number | null;
  correctionReason: string;
}

export interface CaseDeadline {
  id: number;
  kind: string;
  ruleId: string;
  label: string;
  startOn: string;
  days: number;
  count: 'working' | 'calendar';
  dueOn: string;
  status: 'open' | 'met' | 'cancelled';
  metOn: string | null;
  overdue: boolean;
  /** A party's period (陈述申辩、要求听证) that has ended: the agency may proceed; not an alert. */
  elapsed: boolean;
}

export interface CaseDetail {
  id: number;
  agencyId: number;
  agencyName: string;
  caseNo: string;
  procedure: ProcedureId;
  procedureLabel: string;
  field: Field;
  title: string;
  source: CaseSource;
  state: string;
  stateLabel: string;
  place: string;
  leadOn: string;
  violationOn: string | null;
  violationContinuing: boolean;
  harmsSafety: boolean;
  filedOn: string | null;
  closedOn: string | null;
  facts: string;
  violatedProvision: string;
  penaltyBasis: string;
  party: Party;
  noticedPenalty: Penalty | null;
  decidedPenalty: Penalty | null;
  flags: Record<string, unknown>;
  version: number;
  officers: CaseOfficer[];
  steps: CaseStep[];
  instruments: CaseInstrument[];
  deadlines: CaseDeadline[];
}

/** GET /api/cases/:id/next: one step the case may take, for the caller, with what blocks it. */
export interface NextStep {
  id: string;
  label: string;
  help: string | null;
  roles: Role[];
  allowed: boolean;
  blockedBy: { ruleId: string | null; message: string }[];
  warnings: { ruleId: string; message: string }[];
  branch: boolean;
  to: string | null;
  toLabel: string | null;
  /** What the step issues, or drafts for a head's approval (`draft`: numbered when the head approves). */
  instruments: { type: InstrumentType; name: string; draft: boolean }[];
  fields: InstrumentFieldSpec[];
  /** Fields the server fills itself (earlier instruments' numbers, the proposer's draft …): shown read-only. */
  derived: Record<string, string>;
  derivedKeys: string[];
  inputs: string[];
  av: 'full' | 'asNeeded' | 'none';
  guards: string[];
}

export interface StepResult {
  case: { id: number; version: number; state: string };
  step: string;
  instruments: { id: number; type: InstrumentType; number: string }[];
  warnings: { ruleId: string; message: string }[];
}

/** GET /api/instruments/:id: the issued instrument with its frozen context. */
export interface InstrumentDetail {
  id: number;
  type: InstrumentType;
  name: string;
  number: string;
  version: number;
  supersededById: number | null;
  context: { fields: Record<string, string> };
}

/** GET /api/tasks. */
export interface MyTasks {
  deadlines: {
    deadlineId: number;
    caseId: number;
    caseNo: string;
    title: string;
    ruleId: string;
    label: string;
    dueOn: string;
    overdue: boolean;
    stateLabel: string;
  }[];
  approvals: { caseId: number; caseNo: string; title: string; stateLabel: string }[];
}

/** GET /api/calendar. */
export interface CalendarInfo {
  coveredYears: number[];
  overrides: { year: number; holidays: string[]; workdays: string[]; note: string; updatedAt: string }[];
  /** This year and next, when either has no holiday data (deadlines in it cannot be computed). */
  missingSoon: number[];
}

/** GET/PUT /api/agencies/:id/instrument-settings. */
export interface InstrumentSettings {
  abbreviation: string;
  numberPattern: string;
  reconsiderationBody: string;
  court: string;
  hearingThresholdPersonFen: number;
  hearingThresholdOrganizationFen: number;
  /** 法制审核期限: working days from submission to the review's due date (1–30, default 5). */
  reviewDays: number;
  /** G-3a 公示期限: years a disclosure stays public, per category and party type. */
  publicYears: DisclosurePeriods;
}
