import {
  type InstrumentFieldSpec,
  type Penalty,
  type SanctionKind,
  type ServiceMethod,
  shanghaiDate,
} from '@sanxiang/domain';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseDetail, NextStep } from '../../api/caseTypes';
import { fenToYuan, yuanToFen } from './caseText';
import type { TRANSCRIPT_SIGNED_LABELS } from './stepInputs';

/** The step form's values as the widgets hold them. */
export interface StepValues {
  actOn: Dayjs;
  officerIds?: number[];
  fields?: Record<string, unknown>;
  avFileIds?: number[];
  penalty?: { kinds?: SanctionKind[]; fineYuan?: number | null; confiscationYuan?: number | null; detail?: string };
  facts?: { facts?: string; violatedProvision?: string; penaltyBasis?: string };
  partyPresent?: boolean;
  service?: { method?: ServiceMethod; receivedOn?: Dayjs | null; consentFileId?: number };
  payment?: { paidOn?: Dayjs | null; paidYuan?: number | null };
  waiver?: boolean;
  hearingRequest?: { requestedOn?: Dayjs | null; hearingOn?: Dayjs | null };
  deliberationRequired?: boolean;
  emergency?: { reason?: string };
  coercionChecklist?: {
    credentialsShown?: boolean;
    partyNotified?: boolean;
    reasonsExplained?: boolean;
    statementHeard?: boolean;
    transcriptSigned?: keyof typeof TRANSCRIPT_SIGNED_LABELS;
  };
  rectificationDays?: number | null;
  outcome?: string;
  singleOfficerBasis?: string;
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const text = (s: string | undefined) => s?.trim() ?? '';

/** An instrument field's widget value as the API's string (InstrumentFieldSpec: dates, `YYYY-MM-DDTHH:mm`, yuan). */
export function fieldString(spec: InstrumentFieldSpec, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (dayjs.isDayjs(v)) return spec.kind === 'datetime' ? v.format('YYYY-MM-DDTHH:mm') : v.format('YYYY-MM-DD');
  if (typeof v === 'number') return spec.kind === 'yuan' ? String(Math.round(v * 100) / 100) : String(Math.trunc(v));
  return String(v).trim();
}

/** The other way: a stored field string as its widget wants it (a correction starts from the issued values). */
export function fieldWidgetValue(spec: InstrumentFieldSpec, s: string | undefined): unknown {
  if (s === undefined || s === '') return undefined;
  if (spec.kind === 'date' || spec.kind === 'datetime') {
    const d = dayjs(s);
    return d.isValid() ? d : undefined;
  }
  if (spec.kind === 'number' || spec.kind === 'yuan') {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return s;
}

/**
 * The body of POST /api/cases/:id/steps/:step (without expectedVersion): only the inputs the step asks for, and
 * for a draft preview only the parts already complete (the server checks whole objects).
 */
export function stepBody(step: NextStep, v: StepValues): Record<string, unknown> {
  const inputs = new Set(step.inputs);
  const fields: Record<string, string> = {};
  for (const spec of step.fields) {
    if (spec.key in step.derived) continue; // the server's value wins anyway
    const s = fieldString(spec, v.fields?.[spec.key]);
    if (s) fields[spec.key] = s;
  }
  const body: Record<string, unknown> = {
    actOn: day(v.actOn) ?? shanghaiDate(),
    fields,
    avFileIds: v.avFileIds ?? [],
    note: text(v.note),
  };
  if (inputs.has('officers') && v.officerIds) body.officerIds = v.officerIds;
  if (inputs.has('penalty') && v.penalty?.kinds) {
    const kinds = v.penalty.kinds;
    const penalty: Penalty = {
      kinds,
      fineFen: kinds.includes('fine') ? yuanToFen(v.penalty.fineYuan) : 0,
      confiscationFen:
        kinds.includes('confiscateIllegalGains') || kinds.includes('confiscateIllegalProperty')
          ? yuanToFen(v.penalty.confiscationYuan)
          : 0,
      detail: text(v.penalty.detail),
    };
    body.penalty = penalty;
  }
  const facts = {
    facts: text(v.facts?.facts),
    violatedProvision: text(v.facts?.violatedProvision),
    penaltyBasis: text(v.facts?.penaltyBasis),
  };
  if (inputs.has('facts') && facts.facts && facts.violatedProvision && facts.penaltyBasis) body.facts = facts;
  if (inputs.has('partyPresent')) body.partyPresent = v.partyPresent ?? true;
  if (inputs.has('service') && v.service?.method && v.service.receivedOn) {
    body.service = {
      method: v.service.method,
      receivedOn: day(v.service.receivedOn),
      ...(v.service.method === 'electronic' && v.service.consentFileId
        ? { consentFileId: v.service.consentFileId }
        : {}),
    };
  }
  if (inputs.has('payment') && v.payment?.paidOn && v.payment.paidYuan !== undefined && v.payment.paidYuan !== null) {
    body.payment = { paidOn: day(v.payment.paidOn), paidFen: yuanToFen(v.payment.paidYuan) };
  }
  if (inputs.has('waiver')) body.waiver = v.waiver ?? false;
  if (inputs.has('hearingRequest') && v.hearingRequest?.requestedOn && v.hearingRequest.hearingOn) {
    body.hearingRequest = {
      requestedOn: day(v.hearingRequest.requestedOn),
      hearingOn: day(v.hearingRequest.hearingOn),
    };
  }
  if (inputs.has('deliberationRequired')) body.deliberationRequired = v.deliberationRequired ?? false;
  if (inputs.has('emergency') && text(v.emergency?.reason).length >= 2)
    body.emergency = { reason: text(v.emergency?.reason) };
  if (inputs.has('coercionChecklist')) {
    const c = v.coercionChecklist ?? {};
    body.coercionChecklist = {
      credentialsShown: c.credentialsShown ?? false,
      partyNotified: c.partyNotified ?? false,
      reasonsExplained: c.reasonsExplained ?? false,
      statementHeard: c.statementHeard ?? false,
      transcriptSigned: c.transcriptSigned ?? 'none',
    };
  }
  if (inputs.has('rectificationDays') && v.rectificationDays) body.rectificationDays = v.rectificationDays;
  if (showsOutcome(step) && text(v.outcome)) body.outcome = text(v.outcome);
  if (text(v.singleOfficerBasis)) body.singleOfficerBasis = text(v.singleOfficerBasis);
  return body;
}

/**
 * P-27's guard reads `outcome` on 涉嫌犯罪移送 too (the suspected crime), though the definition does not list it
 * among the step's inputs; without the box the step could never pass.
 */
export function showsOutcome(step: NextStep): boolean {
  return step.inputs.includes('outcome') || step.guards.includes('P-27');
}

/** The penalty the case already carries: decided, else noticed, else the one proposed at 调查终结. */
export function currentPenalty(c: CaseDetail): Penalty | null {
  if (c.decidedPenalty) return c.decidedPenalty;
  if (c.noticedPenalty) return c.noticedPenalty;
  const proposed = [...c.steps].reverse().find((s) => s.data?.penalty);
  return proposed?.data.penalty ?? null;
}

/**
 * Starting values: today, the officers who have not withdrawn, the case's facts and penalty, and the person who
 * states (the party, or its legal representative). Fields the server knows itself come as NextStep.derived.
 */
export function initialValues(step: NextStep, c: CaseDetail): StepValues {
  const today = dayjs(shanghaiDate());
  const penalty = currentPenalty(c);
  const fine = penalty?.fineFen ?? 0;
  const fields: Record<string, unknown> = {};
  const keys = new Set(step.fields.map((f) => f.key));
  if (keys.has('stater')) {
    fields.stater =
      c.party.type === 'organization' && c.party.legalRepresentative ? c.party.legalRepresentative : c.party.name;
  }
  if (keys.has('staterRole')) fields.staterRole = c.party.type === 'organization' ? '法定代表人' : '当事人';
  return {
    actOn: today,
    officerIds: c.officers.filter((o) => !o.recused).map((o) => o.officerId),
    fields,
    avFileIds: [],
    penalty: penalty
      ? {
          kinds: penalty.kinds,
          fineYuan: penalty.fineFen ? fenToYuan(penalty.fineFen) : null,
          confiscationYuan: penalty.confiscationFen ? fenToYuan(penalty.confiscationFen) : null,
          detail: penalty.detail,
        }
      : { kinds: [] },
    facts: { facts: c.facts, violatedProvision: c.violatedProvision, penaltyBasis: c.penaltyBasis },
    partyPresent: true,
    service: { method: 'direct', receivedOn: today },
    payment: { paidOn: today, paidYuan: fine ? fenToYuan(fine) : null },
    waiver: false,
    deliberationRequired: Boolean(c.flags.deliberationRequired),
    coercionChecklist: {
      credentialsShown: false,
      partyNotified: false,
      reasonsExplained: false,
      statementHeard: false,
    },
    rectificationDays: 15,
  };
}

/** Defaults that follow the act date until the person changes them. */
export const FOLLOWS_ACT_ON: (string | number)[][] = [
  ['service', 'receivedOn'],
  ['payment', 'paidOn'],
];
