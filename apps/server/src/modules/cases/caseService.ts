import {
  type DeadlineRuleKey,
  INSTRUMENT_CATALOG,
  type InstrumentType,
  PARTY_PERIOD_KINDS,
  PROCEDURE_LABELS,
  shanghaiDate,
  stateLabel,
  WORKFLOWS,
} from '@sanxiang/domain';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import { agencies, caseOfficers, caseSteps, cases, deadlines, instruments, officers, users } from '../../db/schema.js';
import { DomainError, forbidden } from '../../http/errors.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { type CaseView, caseInScope, caseScopeCondition, officersOfCase } from './caseRecords.js';
import type { CaseCreateInput } from './caseSchemas.js';
import { nextSequence } from './instrumentNumbers.js';
import { instrumentSettingsOf } from './instrumentSettings.js';

/** Opens a case (线索登记): its own number, its officers, and the ledger entry, in one transaction. */
export async function createCase(db: Db, p: Principal, input: CaseCreateInput) {
  if (p.scope.kind !== 'agency') throw forbidden('司法行政机关的执法监督人员不办理案件');
  if (!hasRole(p, 'officer', 'head')) throw forbidden('只有执法人员或负责人可以登记案件');
  const ids = [...new Set(input.officerIds)];
  if (input.procedure !== 'penalty.summary' && ids.length < 2) {
    throw new DomainError('VALIDATION_FAILED', '承办人员不得少于两人（P-42）', 400, 'officerIds');
  }
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: officers.id })
      .from(officers)
      .where(and(inArray(officers.id, ids), eq(officers.agencyId, p.agencyId)));
    if (found.length !== ids.length) {
      throw new DomainError('VALIDATION_FAILED', '承办人员须为本单位的执法人员', 400, 'officerIds');
    }
    const settings = await instrumentSettingsOf(tx, p.agencyId);
    const year = Number(input.leadOn.slice(0, 4));
    const seq = await nextSequence(tx, p.agencyId, 'case', year);
    const caseNo = `${settings.abbreviation}案〔${year}〕${seq}号`;
    const [row] = await tx
      .insert(cases)
      .values({
        agencyId: p.agencyId,
        caseNo,
        procedure: input.procedure,
        field: input.field,
        title: input.title,
        source: input.source,
        state: WORKFLOWS[input.procedure].initial,
        place: input.place,
        leadOn: input.leadOn,
        violationOn: input.violationOn ?? null,
        violationContinuing: input.violationContinuing,
        harmsSafety: input.harmsSafety,
        facts: input.facts,
        party: input.party,
        createdBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('case insert returned nothing');
    await tx
      .insert(caseOfficers)
      .values(ids.map((officerId, i) => ({ caseId: row.id, officerId, role: i === 0 ? 'lead' : 'assistant' })));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: p.agencyId,
      subjectType: 'case',
      subjectId: row.id,
      action: 'case.create',
      payload: { ...input, caseNo, officerIds: ids },
    });
    return row;
  });
}

export interface CaseFilter {
  q?: string | undefined;
  procedure?: string | undefined;
  state?: string | undefined;
  mine?: boolean | undefined;
  open?: boolean | undefined;
}

export async function listCases(
  db: Executor,
  p: Principal,
  filter: CaseFilter,
  paging: { page: number; pageSize: number },
) {
  const conditions: SQL[] = [caseScopeCondition(p.scope)];
  if (filter.q) {
    const q = `%${filter.q}%`;
    const c = or(ilike(cases.title, q), ilike(cases.caseNo, q), sql`${cases.party}->>'name' ilike ${q}`);
    if (c) conditions.push(c);
  }
  if (filter.procedure) conditions.push(eq(cases.procedure, filter.procedure));
  if (filter.state) conditions.push(eq(cases.state, filter.state));
  if (filter.open) conditions.push(sql`${cases.state} not in ('archived', 'notFiled')`);
  if (filter.mine && p.officerId) {
    conditions.push(
      inArray(
        cases.id,
        db.select({ id: caseOfficers.caseId }).from(caseOfficers).where(eq(caseOfficers.officerId, p.officerId)),
      ),
    );
  }
  const where = and(...conditions);
  const today = shanghaiDate();
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: cases.id,
        caseNo: cases.caseNo,
        title: cases.title,
        procedure: cases.procedure,
        state: cases.state,
        field: cases.field,
        party: cases.party,
        leadOn: cases.leadOn,
        filedOn: cases.filedOn,
        agencyName: agencies.name,
        updatedAt: cases.updatedAt,
        nextDue: sql<
          string | null
        >`(select min(${deadlines.dueOn})::text from ${deadlines} where ${deadlines.caseId} = ${cases.id} and ${deadlines.status} = 'open')`,
      })
      .from(cases)
      .innerJoin(agencies, eq(agencies.id, cases.agencyId))
      .where(where)
      .orderBy(desc(cases.updatedAt), desc(cases.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    db.select({ n: count() }).from(cases).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      partyName: (r.party as { name: string }).name,
      party: undefined,
      procedureLabel: PROCEDURE_LABELS[r.procedure as keyof typeof PROCEDURE_LABELS],
      stateLabel: stateLabel(r.procedure as keyof typeof PROCEDURE_LABELS, r.state),
      overdue: r.nextDue !== null && r.nextDue < today,
    })),
    total: total?.n ?? 0,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

/** The case page: the case, its officers, steps, instruments and deadlines. */
export async function caseDetail(db: Executor, p: Principal, caseId: number) {
  const c = await caseInScope(db, p, caseId);
  const today = shanghaiDate();
  const [officerRows, stepRows, instrumentRows, deadlineRows, [agency]] = await Promise.all([
    officersOfCase(db, c.id),
    db
      .select({
        id: caseSteps.id,
        step: caseSteps.step,
        fromState: caseSteps.fromState,
        toState: caseSteps.toState,
        actOn: caseSteps.actOn,
        data: caseSteps.data,
        officerIds: caseSteps.officerIds,
        instrumentId: caseSteps.instrumentId,
        actorName: users.displayName,
        createdAt: caseSteps.createdAt,
      })
      .from(caseSteps)
      .leftJoin(users, eq(users.id, caseSteps.actorUserId))
      .where(eq(caseSteps.caseId, c.id))
      .orderBy(asc(caseSteps.id)),
    db
      .select({
        id: instruments.id,
        type: instruments.type,
        number: instruments.number,
        version: instruments.version,
        issuedOn: instruments.issuedOn,
        supersededById: instruments.supersededById,
        supersedesId: instruments.supersedesId,
        correctionReason: instruments.correctionReason,
        contextDigest: instruments.contextDigest,
      })
      .from(instruments)
      .where(eq(instruments.caseId, c.id))
      .orderBy(asc(instruments.id)),
    db.select().from(deadlines).where(eq(deadlines.caseId, c.id)).orderBy(asc(deadlines.id)),
    db.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, c.agencyId)),
  ]);
  const definition = WORKFLOWS[c.procedure];
  return {
    ...c,
    party: maskPartyFor(p, c),
    agencyName: agency?.name ?? '',
    procedureLabel: definition.name,
    stateLabel: stateLabel(c.procedure, c.state),
    officers: officerRows.map((o) => ({
      officerId: o.officerId,
      name: o.name,
      credentialNo: o.credentialNo,
      role: o.role,
      recused: o.recused,
      recusalReason: o.recusalReason,
    })),
    steps: stepRows.map((s) => ({
      ...s,
      label: definition.steps.find((d) => d.id === s.step)?.label ?? s.step,
      toLabel: stateLabel(c.procedure, s.toState),
    })),
    instruments: instrumentRows.map((i) => ({
      ...i,
      name: INSTRUMENT_CATALOG[i.type as InstrumentType]?.name ?? i.type,
    })),
    deadlines: deadlineRows.map((d) => {
      const ended = d.status === 'open' && d.dueOn < today;
      const party = PARTY_PERIOD_KINDS.includes(d.kind as DeadlineRuleKey);
      return { ...d, overdue: ended && !party, elapsed: ended && party };
    }),
  };
}

/** Supervisors see case data but not the party's full resident ID (S-5: opening it is an access). */
export function maskPartyFor(p: Principal, c: CaseView) {
  if (c.party.type !== 'person' || p.scope.kind === 'agency') return c.party;
  const id = c.party.idNumber;
  return { ...c.party, idNumber: id ? `${id.slice(0, 6)}********${id.slice(-4)}` : '' };
}

/** P-43: an officer withdraws (回避) from a case; decided by a head, recorded with the reason. */
export async function recuseOfficer(db: Db, p: Principal, caseId: number, officerId: number, reason: string) {
  if (!hasRole(p, 'head')) throw forbidden('回避由负责人决定');
  return db.transaction(async (tx) => {
    const c = await caseInScope(tx, p, caseId, true);
    const rows = await tx
      .update(caseOfficers)
      .set({ recused: true, recusalReason: reason })
      .where(and(eq(caseOfficers.caseId, c.id), eq(caseOfficers.officerId, officerId)))
      .returning();
    if (rows.length === 0) throw new DomainError('NOT_FOUND', '该人员不是本案承办人员', 404);
    await tx
      .update(cases)
      .set({ version: c.version + 1, updatedAt: new Date() })
      .where(eq(cases.id, c.id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: c.agencyId,
      subjectType: 'case',
      subjectId: c.id,
      action: 'case.recusal',
      payload: { officerId, reason },
    });
    return { ok: true };
  });
}

/** An open deadline still worth watching: not a party's period that has already ended (PARTY_PERIOD_KINDS). */
export function agencyDeadlinePending(today: string): SQL {
  return sql`not (${deadlines.kind} in (${sql.join(
    PARTY_PERIOD_KINDS.map((k) => sql`${k}`),
    sql`, `,
  )}) and ${deadlines.dueOn} < ${today})`;
}

/** (procedure, state) pairs where a step only a head may take waits: the heads' approval queue. */
const HEAD_STATES: SQL[] = Object.values(WORKFLOWS).flatMap((w) =>
  w.states
    .filter((st) =>
      w.steps.some((step) => step.from.includes(st.id) && step.roles.every((r) => r === 'head') && !step.branch),
    )
    .map((st) => and(eq(cases.procedure, w.id), eq(cases.state, st.id)) as SQL),
);

/** My tasks: open deadlines of the cases in my scope (mine only for officers), overdue first. */
export async function myTasks(db: Executor, p: Principal) {
  const today = shanghaiDate();
  const conditions: SQL[] = [caseScopeCondition(p.scope), eq(deadlines.status, 'open'), agencyDeadlinePending(today)];
  if (!hasRole(p, 'head', 'supervisor', 'admin') && p.officerId) {
    conditions.push(
      inArray(
        cases.id,
        db.select({ id: caseOfficers.caseId }).from(caseOfficers).where(eq(caseOfficers.officerId, p.officerId)),
      ),
    );
  }
  const rows = await db
    .select({
      deadlineId: deadlines.id,
      caseId: cases.id,
      caseNo: cases.caseNo,
      title: cases.title,
      procedure: cases.procedure,
      state: cases.state,
      ruleId: deadlines.ruleId,
      label: deadlines.label,
      dueOn: deadlines.dueOn,
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(and(...conditions))
    .orderBy(asc(deadlines.dueOn))
    .limit(200);
  const approvals = hasRole(p, 'head')
    ? await db
        .select({
          caseId: cases.id,
          caseNo: cases.caseNo,
          title: cases.title,
          procedure: cases.procedure,
          state: cases.state,
        })
        .from(cases)
        .where(
          and(
            caseScopeCondition(p.scope),
            or(...HEAD_STATES),
            // P-44: a notice whose statement period still runs is not yet the head's to decide.
            sql`not exists (select 1 from ${deadlines} where ${deadlines.caseId} = ${cases.id} and ${deadlines.kind} = 'statementPeriod' and ${deadlines.status} = 'open' and ${deadlines.dueOn} >= ${today})`,
          ),
        )
        .orderBy(asc(cases.updatedAt))
        .limit(100)
    : [];
  return {
    deadlines: rows.map((r) => ({
      ...r,
      stateLabel: stateLabel(r.procedure as keyof typeof PROCEDURE_LABELS, r.state),
      overdue: r.dueOn < today,
    })),
    approvals: approvals.map((r) => ({
      ...r,
      stateLabel: stateLabel(r.procedure as keyof typeof PROCEDURE_LABELS, r.state),
    })),
  };
}
