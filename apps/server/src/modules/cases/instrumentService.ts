import { createHash } from 'node:crypto';
import {
  type CaseSource,
  type Field,
  INSTRUMENT_CATALOG,
  type InstrumentContext,
  type InstrumentType,
  validateInstrumentFields,
} from '@sanxiang/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, caseFiles, cases, instruments } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import { renderDocx } from '../instruments/render/docxRender.js';
import { renderPdf } from '../instruments/render/pdfRender.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry, canonicalJson } from '../ledger/ledgerStore.js';
import { type CaseOfficer, type CaseView, caseScopeCondition } from './caseRecords.js';
import { nextSequence } from './instrumentNumbers.js';
import { formatInstrumentNumber, instrumentSettingsOf } from './instrumentSettings.js';

export type InstrumentRow = typeof instruments.$inferSelect;

/** The data an instrument prints, assembled from the case at the moment it is drafted or issued. */
export async function instrumentContext(
  db: Executor,
  c: CaseView,
  caseOfficers: CaseOfficer[],
  draft: { type: InstrumentType; number: string | null; date: string; version: number; fields: Record<string, string> },
  actingOfficerIds?: number[],
): Promise<InstrumentContext> {
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, c.agencyId));
  if (!agency) throw new Error(`agency ${c.agencyId} missing`);
  const settings = await instrumentSettingsOf(db, c.agencyId);
  const issued = await db
    .select({ type: instruments.type, number: instruments.number, date: instruments.issuedOn })
    .from(instruments)
    .where(eq(instruments.caseId, c.id))
    .orderBy(asc(instruments.id));
  const files = await db
    .select({ name: caseFiles.name, kind: caseFiles.kind, capturedAt: caseFiles.capturedAt, sm3: caseFiles.sm3 })
    .from(caseFiles)
    .where(eq(caseFiles.caseId, c.id))
    .orderBy(asc(caseFiles.id));
  const acting = actingOfficerIds
    ? caseOfficers.filter((o) => actingOfficerIds.includes(o.officerId))
    : caseOfficers.filter((o) => !o.recused);
  const penalty = c.decidedPenalty ?? c.noticedPenalty ?? null;
  return {
    agency: {
      name: agency.name,
      address: agency.address,
      phone: agency.officePhone,
      reconsiderationBody: settings.reconsiderationBody,
      court: settings.court,
    },
    instrument: { type: draft.type, number: draft.number, date: draft.date, version: draft.version },
    case: {
      caseNo: c.caseNo,
      title: c.title,
      procedure: c.procedure,
      field: c.field as Field,
      source: c.source as CaseSource,
      place: c.place,
      leadOn: c.leadOn,
      violationOn: c.violationOn,
      filedOn: c.filedOn,
      facts: c.facts,
      violatedProvision: c.violatedProvision,
      penaltyBasis: c.penaltyBasis,
      penalty,
    },
    party: c.party,
    officers: acting.map((o) => ({ name: o.name, credentialNo: o.credentialNo ?? '' })),
    head: c.flags.headName ?? null,
    evidence: files.map((f) => ({
      name: f.name,
      kind: f.kind === 'av' ? '音像记录' : '证据材料',
      capturedOn: f.capturedAt ? f.capturedAt.toISOString().slice(0, 10) : null,
      sm3: f.sm3,
    })),
    documents: issued.map((d) => ({
      title: INSTRUMENT_CATALOG[d.type as InstrumentType]?.name ?? d.type,
      number: d.number,
      date: d.date,
    })),
    fields: draft.fields,
  };
}

export const contextDigest = (context: InstrumentContext) =>
  createHash('sha256').update(canonicalJson(context)).digest('hex');

/**
 * Issues an instrument inside the step's transaction: takes the next number of its type
 * (gap-free), freezes its context and returns the row. The step's ledger entry carries the digest.
 */
export async function issueInstrument(
  tx: Tx,
  c: CaseView,
  caseOfficers: CaseOfficer[],
  draft: { type: InstrumentType; date: string; fields: Record<string, string> },
  issuedBy: number,
  actingOfficerIds?: number[],
): Promise<InstrumentRow> {
  const settings = await instrumentSettingsOf(tx, c.agencyId);
  const year = Number(draft.date.slice(0, 4));
  const seq = await nextSequence(tx, c.agencyId, draft.type, year);
  const number = formatInstrumentNumber(settings.numberPattern, {
    abbr: settings.abbreviation,
    word: INSTRUMENT_CATALOG[draft.type].numberWord,
    year,
    seq,
  });
  const context = await instrumentContext(tx, c, caseOfficers, { ...draft, number, version: 1 }, actingOfficerIds);
  const [row] = await tx
    .insert(instruments)
    .values({
      caseId: c.id,
      agencyId: c.agencyId,
      type: draft.type,
      year,
      seq,
      number,
      context,
      contextDigest: contextDigest(context),
      issuedOn: draft.date,
      issuedBy,
    })
    .returning();
  if (!row) throw new Error('instrument insert returned nothing');
  return row;
}

export async function instrumentInScope(db: Executor, p: Principal, id: number): Promise<InstrumentRow> {
  const [row] = await db
    .select({ instrument: instruments })
    .from(instruments)
    .innerJoin(cases, eq(cases.id, instruments.caseId))
    .where(and(eq(instruments.id, id), caseScopeCondition(p.scope)));
  if (!row) throw notFound('文书');
  return row.instrument;
}

export function renderInstrument(context: InstrumentContext, format: 'pdf' | 'docx'): Promise<Buffer> {
  const definition = INSTRUMENT_CATALOG[context.instrument.type as InstrumentType];
  if (!definition) throw new DomainError('INSTRUMENT_TYPE_UNKNOWN', `未知的文书种类：${context.instrument.type}`, 400);
  const layout = definition.layout(context);
  return format === 'pdf' ? renderPdf(layout) : renderDocx(layout);
}

/**
 * A correction (更正): a new version under the same number with the corrected fields, superseding
 * the old one, which stays as it was. An issued instrument is never edited (frozen).
 */
export async function correctInstrument(
  db: Db,
  p: Principal,
  id: number,
  input: { reason: string; fields: Record<string, string> },
): Promise<InstrumentRow> {
  return db.transaction(async (tx) => {
    const old = await instrumentInScope(tx, p, id);
    if (old.supersededById) {
      throw new DomainError('INSTRUMENT_SUPERSEDED', '该文书已有更正后的新版本，请在最新版本上更正', 409);
    }
    const type = old.type as InstrumentType;
    const problems = validateInstrumentFields(type, input.fields);
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        problems[0]?.message ?? '文书内容不完整',
        400,
        problems[0]?.key,
        problems.map((x) => ({ field: x.key, message: x.message })),
      );
    }
    const previous = old.context as InstrumentContext;
    const context: InstrumentContext = {
      ...previous,
      instrument: { ...previous.instrument, version: old.version + 1 },
      fields: input.fields,
    };
    const [row] = await tx
      .insert(instruments)
      .values({
        caseId: old.caseId,
        agencyId: old.agencyId,
        type: old.type,
        version: old.version + 1,
        year: old.year,
        seq: old.seq,
        number: old.number,
        context,
        contextDigest: contextDigest(context),
        supersedesId: old.id,
        correctionReason: input.reason,
        issuedOn: old.issuedOn,
        issuedBy: p.userId,
      })
      .returning();
    if (!row) throw new Error('instrument insert returned nothing');
    await tx.update(instruments).set({ supersededById: row.id }).where(eq(instruments.id, old.id));
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: old.agencyId,
      subjectType: 'case',
      subjectId: old.caseId,
      action: 'instrument.correct',
      payload: {
        instrumentId: row.id,
        supersedes: old.id,
        type: old.type,
        number: old.number,
        version: row.version,
        reason: input.reason,
        contextDigest: row.contextDigest,
      },
    });
    return row;
  });
}
