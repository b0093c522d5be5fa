import type { DeadlineRuleKey } from '../calendar/deadlines.js';
import type { ProcedureId } from '../cases/caseVocabulary.js';
import type { InstrumentType } from '../instruments/instrumentTypes.js';
import type { Role } from '../registry/vocabulary.js';

/**
 * A procedure as data (DESIGN.md principle 1). The server enforces it, the console asks it what
 * may happen next, the flowchart is drawn from it and docs/workflows.md lists it: one definition.
 */
export interface WorkflowDefinition {
  id: ProcedureId;
  name: string;
  /** The law the procedure follows, shown on the flowchart. */
  basis: string;
  states: StateDefinition[];
  /** The state a new case starts in. */
  initial: string;
  steps: StepDefinition[];
}

/** A deadline a step opens or meets: a rule of DEADLINE_RULES, or a period the officer sets (整改期限). */
export type DeadlineKind = DeadlineRuleKey | 'rectification';

export interface StateDefinition {
  id: string;
  label: string;
  /** Terminal states end the case's handling (archived or closed without action). */
  terminal?: boolean;
}

/** The values a step's form gathers besides its instrument's own fields. */
export type StepInput =
  | 'officers'
  | 'penalty'
  | 'facts'
  | 'partyPresent'
  | 'service'
  | 'payment'
  | 'waiver'
  | 'hearingRequest'
  | 'deliberationRequired'
  | 'emergency'
  | 'rectificationDays'
  | 'outcome'
  | 'coercionChecklist';

export interface StepDefinition {
  id: string;
  label: string;
  /** Who may take the step (any one of these roles). */
  roles: Role[];
  /** States the step may be taken from. */
  from: string[];
  /** State after the step; absent for a step that records something and stays. */
  to?: string;
  /** The instruments the step issues (numbered, frozen), in order; their fields make up the form. */
  instruments?: InstrumentType[];
  /**
   * Approval forms (审批表) the step drafts for a head: their fields are filled and kept with the
   * step, and the approving step (`completes`) issues the form with the head's opinion added.
   */
  drafts?: InstrumentType[];
  /** The proposing step whose draft this step completes and issues. */
  completes?: string;
  /** Rule IDs (RULES.md) the server checks before the step; each has a guard and a test. */
  guards: string[];
  /** Deadlines the step starts, counted from the act date. */
  opens?: DeadlineKind[];
  /** Deadlines the step meets. */
  meets?: DeadlineKind[];
  /** Deadlines the step cancels (e.g. superseded by an extension). */
  cancels?: DeadlineKind[];
  /** Default 音像记录 requirement (G-6); an agency's 音像记录事项清单 may raise it. */
  av?: 'full' | 'asNeeded';
  /** Extra inputs the form asks for. */
  inputs?: StepInput[];
  /** Flowchart: steps not on the main path are drawn as side branches. */
  branch?: boolean;
  /** A one-line explanation shown in the console and on the flowchart. */
  help?: string;
}
