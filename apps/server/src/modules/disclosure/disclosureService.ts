import {
  containsPersonalData,
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  type DisclosureRecord,
  disclosureCategoryOf,
  INSTRUMENT_CATALOG,
  type InstrumentType,
  maskParty,
  maskText,
  mergePersonalData,
  personalDataOf,
  publicUntil,
  publishDeadline,
  type ReversalKind,
  type StepDefinition,
  searchColumnsOf,
  shanghaiDate,
  type WorkCalendar,
  withdrawDeadline,
} from '@sanxiang/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, cases, disclosures, instruments, officers } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import { actDate } from '../cases/actDate.js';
import { loadCalendar, withCalendar } from '../cases/calendarService.js';
import { type CaseView, caseInScope, caseScopeCondition } from '../cases/caseRecords.js';
import { instrumentSettingsOf } from '../cases/instrumentSettings.js';
import type { Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { penaltyText } from '../review/majorDecision.js';

export type DisclosureRow = typeof disclosures.$inferSelect;

/**
 * G-1: when a step makes a decision that must be disclosed, its disclosure task is opened in the
 * step's transaction with its due date on the working-day calendar. Returns what the step's ledger
 * entry records, or null when the step discloses nothing.
 */
export async function openDisclosureTask(
  tx: Tx,
  c: CaseView,
  step: StepDefinition,
  decidedOn: string,
  calendar: WorkCalendar,
  issued: { id: number; type: string }[],
) {
  const category = disclosureCategoryOf(c.procedure, step.id);
  if (!category) return null;
  const decision = issued.find((i) => DECISION_INSTRUMENTS.includes(i.type as InstrumentType));
  const due = await withCalendar(() => publishDeadline(calendar, category, decidedOn));
  const [row] = await tx
    .insert(disclosures)
    .values({
      agencyId: c.agencyId,
      caseId: c.id,
      instrumentId: decision?.id ?? null,
      category,
      status: 'pending',
      decidedOn,
      dueOn: due.due,
    })
    .returning({ id: disclosures.id });
  return { id: row?.id, category, ruleId: due.ruleId, dueOn: due.due, days: due.days };
}

/** The instruments whose content is disclosed, by category. */
const DECISION_INSTRUMENTS: InstrumentType[] = [
  'penaltyDecision',
  'summaryDecision',
  'seizureDecision',
  'rectificationOrder',
];

/** What the decision concluded, in one line the public reads. */
function conclusionOf(c: CaseView, category: DisclosureCategory, instrumentType: string | null): string {
  if (category === 'penalty') return penaltyText(c.decidedPenalty);
  if (category === 'coercion') return '对涉案财物采取查封、扣押措施';
  return instrumentType === 'rectificationOrder' ? '发现问题，责令限期改正' : '未发现违法违规问题';
}

/**
 * The public record of a disclosure, masked by the server (G-3): the party and every text that can
 * carry its personal data go through the domain's masking, never by hand.
 */
export async function buildRecord(
  db: Executor,
  row: DisclosureRow,
): Promise<{ record: DisclosureRecord; leaks: string[] }> {
  const [c] = await db.select().from(cases).where(eq(cases.id, row.caseId));
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, row.agencyId));
  if (!c || !agency) throw notFound('案件');
  const view = c as unknown as CaseView;
  const [instrument] = row.instrumentId
    ? await db.select().from(instruments).where(eq(instruments.id, row.instrumentId))
    : [];
  const party = view.party;
  const masked = maskParty(party);
  const agencyOfficers = await db
    .select({ name: officers.name })
    .from(officers)
    .where(eq(officers.agencyId, c.agencyId));
  const personal = mergePersonalData(personalDataOf(party), {
    keepNames: [agency.name, ...agencyOfficers.map((o) => o.name)],
  });
  const text = (s: string) => maskText(s, personal);
  const category = row.category as DisclosureCategory;
  const type = (instrument?.type ?? null) as InstrumentType | null;
  const record: DisclosureRecord = {
    agencyId: agency.id,
    agencyName: agency.name,
    regionCode: agency.regionCode,
    category,
    categoryLabel: DISCLOSURE_CATEGORY_LABELS[category],
    partyType: party.type,
    partyName: masked.name,
    partyCode: party.type === 'organization' ? party.idNumber : '',
    legalRepresentative: party.type === 'organization' ? masked.legalRepresentative : '',
    instrumentType: type ?? '',
    instrumentName: type ? INSTRUMENT_CATALOG[type].name : '',
    instrumentNumber: instrument?.number ?? '',
    title: text(c.title),
    facts: text(c.facts),
    violatedProvision: c.violatedProvision,
    legalBasis: c.penaltyBasis,
    conclusion: conclusionOf(view, category, type),
    decidedOn: row.decidedOn,
  };
  const leaks = containsPersonalData(JSON.stringify(record), personalDataOf(party));
  return { record, leaks };
}

const today = () => shanghaiDate();

/** Disclosure tasks and records in the caller's scope: pending ones (overdue first), then the rest, newest first. */
export async function listDisclosures(
  db: Executor,
  p: Principal,
  query: { status?: string | undefined; caseId?: number | undefined },
) {
  const conditions: SQL[] = [caseScopeCondition(p.scope)];
  if (query.status) conditions.push(eq(disclosures.status, query.status));
  if (query.caseId !== undefined) conditions.push(eq(disclosures.caseId, query.caseId));
  const now = today();
  const rows = await db
    .select({
      d: disclosures,
      caseNo: cases.caseNo,
      title: cases.title,
      instrumentNumber: instruments.number,
    })
    .from(disclosures)
    .innerJoin(cases, eq(cases.id, disclosures.caseId))
    .leftJoin(instruments, eq(instruments.id, disclosures.instrumentId))
    .where(and(...conditions))
    .orderBy(
      sql`case when ${disclosures.status} = 'pending' then 0 else 1 end`,
      asc(sql`case when ${disclosures.status} = 'pending' then ${disclosures.dueOn} end`),
      desc(disclosures.id),
    )
    .limit(500);
  return {
    items: rows.map((r) => summaryOf(r.d, r, now)),
  };
}

function summaryOf(
  d: DisclosureRow,
  names: { caseNo: string; title: string; instrumentNumber: string | null },
  now: string,
) {
  return {
    id: d.id,
    caseId: d.caseId,
    caseNo: names.caseNo,
    title: names.title,
    instrumentNumber: names.instrumentNumber ?? '',
    category: d.category,
    categoryLabel: DISCLOSURE_CATEGORY_LABELS[d.category as DisclosureCategory],
    status: d.status,
    version: d.version,
    decidedOn: d.decidedOn,
    dueOn: d.dueOn,
    overdue: d.status === 'pending' && d.dueOn < now,
    publishedOn: d.publishedOn,
    publishedLate: d.publishedOn !== null && d.publishedOn > d.dueOn,
    publicUntil: d.publicUntil,
    reversalKind: d.reversalKind,
    reversedOn: d.reversedOn,
    withdrawDueOn: d.withdrawDueOn,
    withdrawnOn: d.withdrawnOn,
    withdrawnLate: d.withdrawnOn !== null && d.withdrawDueOn !== null && d.withdrawnOn > d.withdrawDueOn,
    withdrawReason: d.withdrawReason,
    correctionReason: d.correctionReason,
  };
}

async function disclosureInScope(db: Executor, p: Principal, id: number, lock = false): Promise<DisclosureRow> {
  const query = db
    .select({ d: disclosures })
    .from(disclosures)
    .innerJoin(cases, eq(cases.id, disclosures.caseId))
    .where(and(eq(disclosures.id, id), caseScopeCondition(p.scope)));
  const [row] = lock ? await query.for('update', { of: disclosures }) : await query;
  if (!row) throw notFound('公开事项');
  return row.d;
}

/** One disclosure: the task, and the masked record (for a pending task, the preview the officer checks). */
export async function disclosureDetail(db: Executor, p: Principal, id: number) {
  const d = await disclosureInScope(db, p, id);
  const c = await caseInScope(db, p, d.caseId);
  const [instrument] = d.instrumentId
    ? await db.select().from(instruments).where(eq(instruments.id, d.instrumentId))
    : [];
  const preview = d.status === 'pending' ? await buildRecord(db, d) : null;
  const versions = await db
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.caseId, d.caseId), inArray(disclosures.category, [d.category])))
    .orderBy(asc(disclosures.version));
  return {
    ...summaryOf(d, { caseNo: c.caseNo, title: c.title, instrumentNumber: instrument?.number ?? null }, today()),
    record: (d.record as DisclosureRecord | null) ?? preview?.record ?? null,
    leaks: preview?.leaks ?? [],
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, publishedOn: v.publishedOn })),
  };
}

async function publishRow(tx: Tx, p: Principal, d: DisclosureRow, publishedOn: string, extra: Record<string, unknown>) {
  const { record, leaks } = await buildRecord(tx, d);
  if (leaks.length > 0) {
    // G-3: never published with personal data in it, whatever the texts contain.
    throw new DomainError(
      'PERSONAL_DATA',
      `公开内容仍含个人信息（${leaks.join('、')}），请修改案件文字后再公开（G-3）`,
      422,
    );
  }
  const { publicYears } = await instrumentSettingsOf(tx, d.agencyId);
  const until = publicUntil(publishedOn, d.category as DisclosureCategory, record.partyType, publicYears);
  await tx
    .update(disclosures)
    .set({
      status: 'published',
      record,
      ...searchColumnsOf(record, publishedOn),
      publishedOn,
      publishedBy: p.userId,
      publicUntil: until,
    })
    .where(eq(disclosures.id, d.id));
  await appendEntry(tx, {
    actor: actorOf(p),
    agencyId: d.agencyId,
    subjectType: 'case',
    subjectId: d.caseId,
    action: 'disclosure.publish',
    payload: {
      disclosureId: d.id,
      version: d.version,
      publishedOn,
      dueOn: d.dueOn,
      publicUntil: until,
      record,
      ...extra,
    },
  });
}

/** A reason shown to the public (withdrawal, correction), masked with the party's personal data (G-3). */
async function maskedReason(tx: Tx, d: DisclosureRow, reason: string): Promise<string> {
  const [c] = await tx.select({ party: cases.party }).from(cases).where(eq(cases.id, d.caseId));
  return maskText(reason.trim(), c ? personalDataOf(c.party as CaseView['party']) : {});
}

/** G-1, G-3: publishes the masked record of a pending task. */
export async function publishDisclosure(db: Db, p: Principal, id: number, body: { actOn?: string | undefined }) {
  await db.transaction(async (tx) => {
    const d = await disclosureInScope(tx, p, id, true);
    if (d.status !== 'pending') throw new DomainError('DISCLOSURE_STATE', '该事项已公开或已撤回', 409);
    await publishRow(tx, p, d, actDate(body.actOn, d.decidedOn, '公开'), {});
  });
  return disclosureDetail(db, p, id);
}

/**
 * G-2, P-48: a published decision that was revoked, changed, confirmed illegal or void, or must be
 * redone, is withdrawn — due within 3 working days of the reversal — and the reason is public.
 */
export async function withdrawDisclosure(
  db: Db,
  p: Principal,
  id: number,
  body: { reversalKind: ReversalKind; reversedOn: string; reason: string; actOn?: string | undefined },
) {
  await db.transaction(async (tx) => {
    const d = await disclosureInScope(tx, p, id, true);
    if (d.status !== 'published') throw new DomainError('DISCLOSURE_STATE', '只能撤回已公开且为最新版本的信息', 409);
    if (body.reversedOn < d.decidedOn) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `决定被撤销、变更等的日期不能早于决定日期（${d.decidedOn}）`,
        400,
        'reversedOn',
      );
    }
    const withdrawnOn = actDate(body.actOn, body.reversedOn, '撤回');
    const calendar = await loadCalendar(tx);
    const due = await withCalendar(() => withdrawDeadline(calendar, body.reversedOn));
    // The reason is public (P-48): masked like the record (G-3); the kind has its own column.
    const reason = await maskedReason(tx, d, body.reason);
    await tx
      .update(disclosures)
      .set({
        status: 'withdrawn',
        reversalKind: body.reversalKind,
        reversedOn: body.reversedOn,
        withdrawDueOn: due.due,
        withdrawnOn,
        withdrawReason: reason,
        searchText: '',
        searchKeys: [],
      })
      .where(eq(disclosures.id, d.id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: d.agencyId,
      subjectType: 'case',
      subjectId: d.caseId,
      action: 'disclosure.withdraw',
      payload: {
        disclosureId: d.id,
        reversalKind: body.reversalKind,
        reversedOn: body.reversedOn,
        withdrawDueOn: due.due,
        withdrawnOn,
        reason,
      },
    });
  });
  return disclosureDetail(db, p, id);
}

/** A correction publishes a new version built from the case as it is now; the old one stays visible as superseded. */
export async function correctDisclosure(
  db: Db,
  p: Principal,
  id: number,
  body: { reason: string; actOn?: string | undefined },
) {
  const newId = await db.transaction(async (tx) => {
    const d = await disclosureInScope(tx, p, id, true);
    if (d.status !== 'published') throw new DomainError('DISCLOSURE_STATE', '只能更正已公开且为最新版本的信息', 409);
    const publishedOn = actDate(body.actOn, d.publishedOn ?? d.decidedOn, '更正');
    await tx
      .update(disclosures)
      .set({ status: 'superseded', searchText: '', searchKeys: [] })
      .where(eq(disclosures.id, d.id));
    const reason = await maskedReason(tx, d, body.reason);
    const [next] = await tx
      .insert(disclosures)
      .values({
        agencyId: d.agencyId,
        caseId: d.caseId,
        instrumentId: d.instrumentId,
        category: d.category,
        status: 'pending',
        version: d.version + 1,
        supersedesId: d.id,
        decidedOn: d.decidedOn,
        dueOn: d.dueOn,
        correctionReason: reason,
      })
      .returning();
    if (!next) throw new Error('disclosure insert returned nothing');
    await publishRow(tx, p, next, publishedOn, { supersedes: d.id, correctionReason: reason });
    return next.id;
  });
  return disclosureDetail(db, p, newId);
}
