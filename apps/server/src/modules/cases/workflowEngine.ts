import {
  CalendarDataMissingError,
  calendarDaysBetween,
  computeDeadline,
  DEADLINE_RULES,
  type DeadlineKind,
  type DeadlineRule,
  hearingRightApplies,
  INSTRUMENT_CATALOG,
  type InstrumentFieldSpec,
  type InstrumentType,
  isTerminal,
  latePaymentPenaltyFen,
  ROLE_LABELS,
  type StepDefinition,
  shanghaiDate,
  stateLabel,
  stepOf,
  stepsFrom,
  validateInstrumentFields,
  WORKFLOWS,
} from '@sanxiang/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { caseSteps, cases, deadlines } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import { openDisclosureTask } from '../disclosure/disclosureService.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { pinReviewLists } from '../review/majorDecision.js';
import { loadCalendar, withCalendar } from './calendarService.js';
import {
  actingOfficerIds,
  avLevel,
  avListOf,
  type GuardContext,
  type GuardFinding,
  hearingThreshold,
  runGuards,
} from './caseGuards.js';
import { type CaseFlags, type CaseView, caseInScope, officersOfCase } from './caseRecords.js';
import type { StepBody } from './caseSchemas.js';
import { APPROVER_KEYS, DERIVED_KEYS, derivedFields } from './derivedFields.js';
import { instrumentContext, issueInstrument, loadContextSources } from './instrumentService.js';
import { reviewDerivedFields } from './legalReviewGate.js';

/** What the console shows for one possible next step. */
export interface NextStep {
  id: string;
  label: string;
  help: string | null;
  roles: string[];
  /** The caller holds one of the roles and no guard blocks. */
  allowed: boolean;
  /** Why not, each naming its rule (or the role needed). */
  blockedBy: { ruleId: string | null; message: string }[];
  warnings: { ruleId: string; message: string }[];
  branch: boolean;
  to: string | null;
  toLabel: string | null;
  /** What the step issues, or drafts for a head's approval (`draft`). */
  instruments: { type: InstrumentType; name: string; draft: boolean }[];
  /** The form: the instruments' fields (each key once) and the step's own inputs. */
  fields: InstrumentFieldSpec[];
  /** Fields the server fills itself (derivedFields.ts): shown read-only. */
  derived: Record<string, string>;
  /** Every field the server fills on submit (some from the form's other inputs), shown read-only. */
  derivedKeys: string[];
  inputs: string[];
  av: 'full' | 'asNeeded' | 'none';
  guards: string[];
}

/** Everything the guards and the instruments read about a case, loaded once per request. */
async function caseFacts(db: Executor, c: CaseView) {
  // Sequential on purpose: inside a transaction the queries share one connection.
  const officers = await officersOfCase(db, c.id);
  const steps = await db.select().from(caseSteps).where(eq(caseSteps.caseId, c.id)).orderBy(asc(caseSteps.id));
  const deadlineRows = await db.select().from(deadlines).where(eq(deadlines.caseId, c.id)).orderBy(asc(deadlines.id));
  const calendar = await loadCalendar(db);
  const sources = await loadContextSources(db, c, officers);
  const avList = await avListOf(db, c.agencyId, c.procedure);
  return { officers, steps, deadlines: deadlineRows, calendar, sources, avList };
}
type CaseFacts = Awaited<ReturnType<typeof caseFacts>>;

function guardContext(
  db: Executor,
  p: Principal,
  c: CaseView,
  step: StepDefinition,
  input: StepBody | null,
  facts: CaseFacts,
): GuardContext {
  return {
    db,
    principal: p,
    case: c,
    step,
    input,
    actOn: input?.actOn ?? shanghaiDate(),
    now: new Date(),
    officers: facts.officers,
    calendar: facts.calendar,
    settings: facts.sources.settings,
    steps: facts.steps,
    instruments: facts.sources.instruments,
    files: facts.sources.files,
    deadlines: facts.deadlines,
    sources: facts.sources,
    avList: facts.avList,
  };
}

function roleProblem(p: Principal, step: StepDefinition): string | null {
  if (step.roles.some((r) => hasRole(p, r))) return null;
  return `“${step.label}”须由${step.roles.map((r) => ROLE_LABELS[r]).join('或')}办理`;
}

export function stepFields(step: StepDefinition): InstrumentFieldSpec[] {
  // A proposer drafts an approval form without the approvers' own opinions.
  const seen = new Set<string>(step.drafts ? APPROVER_KEYS : []);
  const fields: InstrumentFieldSpec[] = [];
  for (const type of [...(step.drafts ?? []), ...(step.instruments ?? [])]) {
    for (const f of INSTRUMENT_CATALOG[type].fields) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      fields.push(f);
    }
  }
  return fields;
}

/** The steps the case may take next, for the caller, each with what blocks it (the console asks this). */
export async function nextSteps(db: Executor, p: Principal, caseId: number): Promise<NextStep[]> {
  const c = await caseInScope(db, p, caseId);
  const facts = await caseFacts(db, c);
  const result: NextStep[] = [];
  for (const step of stepsFrom(c.procedure, c.state)) {
    const g = guardContext(db, p, c, step, null, facts);
    let findings: GuardFinding[];
    let derived: Record<string, string> = {};
    try {
      findings = await runGuards(g);
      derived = { ...derivedFields(g, null), ...(await reviewDerivedFields(g)) };
    } catch (err) {
      // CAL: a step whose deadline needs a year without holiday data is blocked, visibly; the others stay usable.
      if (!(err instanceof CalendarDataMissingError)) throw err;
      findings = [{ ruleId: 'CAL', message: err.message, level: 'block' }];
    }
    const role = roleProblem(p, step);
    const blockedBy = [
      ...(role ? [{ ruleId: null, message: role }] : []),
      ...findings.filter((f) => f.level === 'block').map((f) => ({ ruleId: f.ruleId, message: f.message })),
    ];
    result.push({
      id: step.id,
      label: step.label,
      help: step.help ?? null,
      roles: step.roles,
      allowed: blockedBy.length === 0,
      blockedBy,
      warnings: findings.filter((f) => f.level === 'warn').map((f) => ({ ruleId: f.ruleId, message: f.message })),
      branch: step.branch === true,
      to: step.to ?? null,
      toLabel: step.to ? stateLabel(c.procedure, step.to) : null,
      instruments: [
        ...(step.drafts ?? []).map((type) => ({ type, name: INSTRUMENT_CATALOG[type].name, draft: true })),
        ...(step.instruments ?? []).map((type) => ({ type, name: INSTRUMENT_CATALOG[type].name, draft: false })),
      ],
      fields: stepFields(step),
      derived,
      derivedKeys: step.completes
        ? stepFields(step)
            .map((f) => f.key)
            .filter((k) => !APPROVER_KEYS.includes(k))
        : (DERIVED_KEYS[step.id] ?? []),
      inputs: step.inputs ?? [],
      av: avLevel(facts.avList, step),
      guards: step.guards,
    });
  }
  return result;
}

function refuse(step: StepDefinition, findings: { ruleId: string | null; message: string }[]): DomainError {
  const first = findings[0];
  const rule = first?.ruleId ? `（${first.ruleId}）` : '';
  return new DomainError(
    first?.ruleId ? 'STEP_BLOCKED' : 'FORBIDDEN',
    `不能${step.label}：${first?.message ?? ''}${rule}`,
    first?.ruleId ? 422 : 403,
    undefined,
    findings.map((f) => ({
      field: f.ruleId ?? undefined,
      message: f.ruleId ? `${f.message}（${f.ruleId}）` : f.message,
    })),
  );
}

/**
 * Takes a step: checks the state, the role and every guard of the definition, then in one
 * transaction updates the case, issues the step's instruments, opens/meets deadlines, records the
 * step and writes its ledger entry (DESIGN.md principle 2). Any refusal changes nothing.
 */
export async function takeStep(db: Db, p: Principal, caseId: number, stepId: string, input: StepBody) {
  return db.transaction(async (tx) => {
    const c = await caseInScope(tx, p, caseId, true);
    const step = stepOf(c.procedure, stepId);
    if (!step) throw notFound('办案环节');
    if (c.version !== input.expectedVersion) {
      throw new DomainError('VERSION_CONFLICT', '案件已被他人更新，请刷新后重试', 409);
    }
    if (!step.from.includes(c.state)) {
      throw new DomainError(
        'STEP_NOT_AVAILABLE',
        `案件当前处于“${stateLabel(c.procedure, c.state)}”，不能${step.label}`,
        409,
      );
    }
    const role = roleProblem(p, step);
    if (role) throw refuse(step, [{ ruleId: null, message: role }]);

    const g = guardContext(tx, p, c, step, input, await caseFacts(tx, c));
    const today = shanghaiDate();
    const lastOn = g.steps.at(-1)?.actOn ?? c.leadOn;
    if (g.actOn > today) throw new DomainError('VALIDATION_FAILED', '办理日期不能晚于今天', 400, 'actOn');
    if (g.actOn < lastOn) {
      throw new DomainError('VALIDATION_FAILED', `办理日期不能早于上一环节的日期（${lastOn}）`, 400, 'actOn');
    }
    const findings = await withCalendar(() => runGuards(g));
    const blocking = findings.filter((f) => f.level === 'block');
    if (blocking.length > 0) throw refuse(step, blocking);
    const fields = { ...input.fields, ...derivedFields(g, input), ...(await reviewDerivedFields(g)) };
    const fieldProblems = [...(step.drafts ?? []), ...(step.instruments ?? [])].flatMap((type) =>
      validateInstrumentFields(type, fields).map((x) => ({ field: x.key, message: x.message })),
    );
    const unique = [...new Map(fieldProblems.map((x) => [x.field, x])).values()];
    if (unique.length > 0) {
      throw new DomainError('VALIDATION_FAILED', unique[0]?.message ?? '表单不完整', 400, unique[0]?.field, unique);
    }

    const changes = applyInputs(g, input);
    const next = { ...c, ...changes.case, flags: { ...c.flags, ...changes.flags } } as CaseView;
    if (hasRole(p, 'head') && step.roles.includes('head')) next.flags.headName = p.displayName;

    const acting = step.inputs?.includes('officers') ? actingOfficerIds(g) : undefined;
    const drafts = (step.instruments ?? []).map((type) =>
      instrumentContext(g.sources, next, { type, number: null, date: g.actOn, version: 1, fields }, acting),
    );
    const deadlineChanges = await withCalendar(() => applyDeadlines(tx, g, input));
    // S-6: a decision pins the catalog and benchmark versions it was judged by.
    if (step.guards.includes('P-58')) await pinReviewLists(tx, c);
    // Numbers last: each type's number row stays locked until commit.
    const issued = [];
    for (const draft of drafts) issued.push(await issueInstrument(tx, g.settings, draft, c.id, c.agencyId, p.userId));
    // G-1: a decision to be disclosed opens its disclosure task, due in 7 or 20 working days.
    const disclosure = await openDisclosureTask(tx, next, step, g.actOn, g.calendar, issued);
    const to = step.to ?? c.state;
    const [row] = await tx
      .insert(caseSteps)
      .values({
        caseId: c.id,
        step: step.id,
        fromState: c.state,
        toState: to,
        actOn: g.actOn,
        // A draft's fields stay with the step until the approving step issues the form.
        data: step.drafts ? { ...stepRecord(input), fields } : stepRecord(input),
        officerIds: acting ?? [],
        instrumentId: issued[0]?.id ?? null,
        actorUserId: p.userId,
      })
      .returning({ id: caseSteps.id });
    const [updated] = await tx
      .update(cases)
      .set({
        ...changes.case,
        flags: next.flags,
        state: to,
        version: c.version + 1,
        updatedAt: new Date(),
        ...(to === 'archived' || (to === 'closed' && !c.closedOn) ? { closedOn: g.actOn } : {}),
      })
      .where(eq(cases.id, c.id))
      .returning();
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: c.agencyId,
      subjectType: 'case',
      subjectId: c.id,
      action: 'case.step',
      payload: {
        stepId: row?.id,
        step: step.id,
        from: c.state,
        to,
        actOn: g.actOn,
        officerIds: acting ?? [],
        input: stepRecord(input),
        caseChanges: changes.case,
        flags: changes.flags,
        warnings: findings.filter((f) => f.level === 'warn').map((f) => `${f.ruleId} ${f.message}`),
        instruments: issued.map((i) => ({ id: i.id, type: i.type, number: i.number, contextDigest: i.contextDigest })),
        deadlines: deadlineChanges,
        ...(disclosure ? { disclosure } : {}),
      },
    });
    return {
      case: updated,
      step: step.id,
      instruments: issued.map((i) => ({ id: i.id, type: i.type, number: i.number })),
      warnings: findings.filter((f) => f.level === 'warn'),
    };
  });
}

/** What the step's inputs change on the case. */
function applyInputs(g: GuardContext, input: StepBody): { case: Partial<typeof cases.$inferInsert>; flags: CaseFlags } {
  const step = g.step;
  const changes: Partial<typeof cases.$inferInsert> = {};
  const flags: CaseFlags = {};
  const inputs = new Set(step.inputs ?? []);
  if (inputs.has('facts') && input.facts) {
    changes.facts = input.facts.facts;
    changes.violatedProvision = input.facts.violatedProvision;
    changes.penaltyBasis = input.facts.penaltyBasis;
  }
  if (step.id === 'approveFiling') changes.filedOn = g.actOn;
  if (step.id === 'servePriorNotice' && input.penalty) {
    changes.noticedPenalty = input.penalty;
    flags.statementWaived = false;
    // P-63: whether this notice carries hearing rights decides the statement period (3 or 5 working days).
    flags.hearingRight = hearingRightApplies(input.penalty, hearingThreshold(g));
  }
  if (step.id === 'recordStatement' && input.waiver) flags.statementWaived = true;
  if (step.id === 'holdHearing') flags.statementWaived = true;
  if ((step.id === 'approveDecision' || step.id === 'issueDecision' || step.id === 'decideOnSpot') && input.penalty) {
    changes.decidedPenalty = input.penalty;
  }
  if (step.id === 'issueDecision') flags.partyAbsentAtDecision = input.partyPresent === false;
  if (inputs.has('deliberationRequired') && input.deliberationRequired !== undefined) {
    flags.deliberationRequired = input.deliberationRequired;
  }
  if (step.id === 'emergencySeize') {
    flags.emergencyAt = g.now.toISOString();
    flags.emergencyReason = input.emergency?.reason ?? '';
    flags.emergencyApproved = false;
  }
  if (step.id === 'approveEmergency') flags.emergencyApproved = true;
  if (step.id === 'extendSeizure') flags.seizureExtended = true;
  if (step.id === 'extendTime') flags.decisionExtended = true;
  if (step.id === 'demandPayment') flags.demandServed = true;
  if (step.id === 'recordReferralFeedback') flags.referralFeedback = input.outcome ?? '';
  if (input.payment) {
    const fine = g.case.decidedPenalty?.fineFen ?? 0;
    const due = g.deadlines.find((d) => d.kind === 'finePayment' && d.status === 'open');
    const late = due && input.payment.paidOn > due.dueOn ? calendarDaysBetween(due.dueOn, input.payment.paidOn) : 0;
    flags.paidOn = input.payment.paidOn;
    flags.paidFen = input.payment.paidFen;
    flags.latePenaltyFen = latePaymentPenaltyFen(fine, late);
  }
  if (input.outcome && inputs.has('outcome')) flags.outcome = input.outcome;
  return { case: changes, flags };
}

/** The parts of the form kept with the step (everything but the instrument fields, which the instrument keeps). */
function stepRecord(input: StepBody) {
  const { expectedVersion: _v, fields: _f, ...rest } = input;
  return rest;
}

const deadlineRule = (kind: DeadlineKind, g: GuardContext, input: StepBody): DeadlineRule => {
  if (kind === 'rectification') {
    return {
      ruleId: 'P-28',
      days: input.rectificationDays ?? 15,
      count: 'calendar',
      label: `责令限期整改期限（${input.rectificationDays ?? 15}日）`,
    };
  }
  // P-44/P-63: five working days where the notice carries hearing rights.
  if (kind === 'statementPeriod' && g.input?.penalty && hearingRightApplies(g.input.penalty, hearingThreshold(g))) {
    return DEADLINE_RULES.statementPeriodHearing;
  }
  return DEADLINE_RULES[kind];
};

/** Opens, meets and cancels the step's deadlines; each stored with its rule, start, count and due date. */
async function applyDeadlines(tx: Tx, g: GuardContext, input: StepBody) {
  const step = g.step;
  const changes: { opened: unknown[]; met: string[]; cancelled: string[] } = { opened: [], met: [], cancelled: [] };
  const closeKinds = async (kinds: DeadlineKind[] | undefined, status: 'met' | 'cancelled') => {
    if (!kinds?.length) return;
    const rows = await tx
      .update(deadlines)
      .set({ status, metOn: g.actOn })
      .where(and(eq(deadlines.caseId, g.case.id), eq(deadlines.status, 'open'), inArray(deadlines.kind, kinds)))
      .returning({ kind: deadlines.kind });
    changes[status === 'met' ? 'met' : 'cancelled'].push(...rows.map((r) => r.kind));
  };
  await closeKinds(step.meets, 'met');
  // The party's statement period ends early when it waives its rights (P-44).
  if (step.id === 'recordStatement' && input.waiver) await closeKinds(['statementPeriod'], 'met');
  await closeKinds(step.cancels, 'cancelled');
  if (step.to && isTerminal(g.case.procedure, step.to)) {
    // An archived or unfiled case has no deadlines left to watch.
    const rows = await tx
      .update(deadlines)
      .set({ status: 'cancelled', metOn: g.actOn })
      .where(and(eq(deadlines.caseId, g.case.id), eq(deadlines.status, 'open')))
      .returning({ kind: deadlines.kind });
    changes.cancelled.push(...rows.map((r) => r.kind));
  }
  for (const kind of step.opens ?? []) {
    if (kind === 'service' && input.partyPresent !== false) continue; // P-61: served on the spot.
    if (kind === 'finePayment' && !(g.case.decidedPenalty?.fineFen || input.penalty?.fineFen)) continue;
    // Extensions run from the original due date (P-60, C-25); the fine from the day of receipt (P-67).
    const previous = g.deadlines.find((d) => d.kind === (kind === 'decisionExtension' ? 'decision' : 'seizure'));
    const start =
      (kind === 'decisionExtension' || kind === 'seizureExtension') && previous
        ? previous.dueOn
        : kind === 'finePayment' && input.service
          ? input.service.receivedOn
          : g.actOn;
    const rule = deadlineRule(kind, g, input);
    const d = computeDeadline(g.calendar, rule, start);
    await tx.insert(deadlines).values({
      caseId: g.case.id,
      agencyId: g.case.agencyId,
      kind,
      ruleId: d.ruleId,
      label: d.label,
      startOn: d.start,
      days: d.days,
      count: d.count,
      dueOn: d.due,
    });
    changes.opened.push({ kind, ruleId: d.ruleId, start: d.start, days: d.days, count: d.count, due: d.due });
  }
  return changes;
}

export function workflowSummary() {
  return Object.values(WORKFLOWS);
}

/**
 * A draft of one of the step's instruments from the form as filled so far, before anything is
 * issued: nothing is written, no number is taken.
 */
export async function previewStepInstrument(
  db: Executor,
  p: Principal,
  caseId: number,
  stepId: string,
  type: InstrumentType,
  input: Omit<StepBody, 'expectedVersion'>,
) {
  const c = await caseInScope(db, p, caseId);
  const step = stepOf(c.procedure, stepId);
  if (!step || ![...(step.drafts ?? []), ...(step.instruments ?? [])].includes(type)) throw notFound('文书');
  const full = { expectedVersion: c.version, ...input };
  const g = guardContext(db, p, c, step, full, await caseFacts(db, c));
  const changes = applyInputs(g, full);
  const draft = { ...c, ...changes.case, flags: { ...c.flags, ...changes.flags } } as CaseView;
  const acting = step.inputs?.includes('officers') ? actingOfficerIds(g) : undefined;
  const fields = { ...input.fields, ...derivedFields(g, full), ...(await reviewDerivedFields(g)) };
  return instrumentContext(g.sources, draft, { type, number: null, date: g.actOn, version: 1, fields }, acting);
}
