import type { ProcedureId } from '../cases/caseVocabulary.js';
import { coercionSeizure } from './coercionSeizure.js';
import { inspection } from './inspection.js';
import { penaltyGeneral } from './penaltyGeneral.js';
import { penaltySummary } from './penaltySummary.js';
import type { StepDefinition, WorkflowDefinition } from './workflowTypes.js';

export const WORKFLOWS: Record<ProcedureId, WorkflowDefinition> = {
  'penalty.general': penaltyGeneral,
  'penalty.summary': penaltySummary,
  'coercion.seizure': coercionSeizure,
  inspection,
};

export function stepOf(procedure: ProcedureId, stepId: string): StepDefinition | undefined {
  return WORKFLOWS[procedure].steps.find((s) => s.id === stepId);
}

/** Steps whose `from` includes the state: what may happen next, before roles and guards. */
export function stepsFrom(procedure: ProcedureId, state: string): StepDefinition[] {
  return WORKFLOWS[procedure].steps.filter((s) => s.from.includes(state));
}

export function stateLabel(procedure: ProcedureId, state: string): string {
  return WORKFLOWS[procedure].states.find((s) => s.id === state)?.label ?? state;
}

export function isTerminal(procedure: ProcedureId, state: string): boolean {
  return WORKFLOWS[procedure].states.find((s) => s.id === state)?.terminal === true;
}
