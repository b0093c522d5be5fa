import { createHash } from 'node:crypto';
import {
  ARCHIVE_ORDER,
  type CaseSource,
  type Field,
  INSTRUMENT_CATALOG,
  type InstrumentContext,
  type InstrumentType,
  shanghaiDate,
  validateInstrumentFields,
} from '@sanxiang/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, caseFiles, cases, instruments } from '../../db/schema.js';
import { DomainError, notFound } from '../../http/errors.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry, canonicalJson } from '../ledger/ledgerStore.js';
import { caseMajorDecision, DECISION_TYPES } from '../review/majorDecision.js';
import { type CaseOfficer, type CaseView, caseInScope, caseScopeCondition } from './caseRecords.js';
import { APPROVER_KEYS } from './derivedFields.js';
import { nextSequence } from './instrumentNumbers.js';
import { formatInstrumentNumber, type InstrumentSettings, instrumentSettingsOf } from './instrumentSettings.js';

export type InstrumentRow = typeof instruments.$inferSelect;

/** What instruments are filled from besides the case itself, read once per step. */
export interface ContextSources {
  agency: typeof agencies.$inferSelect;
  settings: InstrumentSettings;
  officers: CaseOfficer[];
  instruments: InstrumentRow[];
  files: (typeof caseFiles.$inferSelect)[];
}

export async function loadContextSources(db: Executor, c: CaseView, officers: CaseOfficer[]): Promise<ContextSources> {
  // Sequential on purpose: inside a transaction the queries share one connection.
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, c.agencyId));
  if (!agency) throw new Error(`agency ${c.agencyId} missing`);
  const settings = await instrumentSettingsOf(db, c.agencyId);
  const issued = await db.select().from(instruments).where(eq(instruments.caseId, c.id)).orderBy(asc(instruments.id));
  const files = await db.select().from(caseFiles).where(eq(caseFiles.caseId, c.id)).orderBy(asc(caseFiles.id));
  return { agency, settings, officers, instruments: issued, files };
}

/** The data an instrument prints, assembled from the case at the moment it is drafted or issued. */
export function instrumentContext(
  src: ContextSources,
  c: CaseView,
  draft: { type: InstrumentType; number: string | null; date: string; version: number; fields: Record<string, string> },
  actingOfficerIds?: number[],
): InstrumentContext {
  const acting = actingOfficerIds
    ? src.officers.filter((o) => actingOfficerIds.includes(o.officerId))
    : src.officers.filter((o) => !o.recused);
  return {
    agency: {
      name: src.agency.name,
      address: src.agency.address,
      phone: src.agency.officePhone,
      reconsiderationBody: src.settings.reconsiderationBody,
      court: src.settings.court,
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
      penalty: c.decidedPenalty ?? c.noticedPenalty ?? null,
    },
    party: c.party,
    officers: acting.map((o) => ({ name: o.name, credentialNo: o.credentialNo ?? '' })),
    head: c.flags.headName ?? null,
    evidence: src.files.map((f) => ({
      name: f.name,
      kind: f.kind === 'av' ? '音像记录' : '证据材料',
      capturedOn: f.capturedAt ? shanghaiDate(f.capturedAt) : null,
      sm3: f.sm3,
    })),
    documents: src.instruments
      .filter((d) => !d.supersededById)
      .map((d) => ({
        title: INSTRUMENT_CATALOG[d.type as InstrumentType]?.name ?? d.type,
        number: d.number,
        date: d.issuedOn,
      })),
    fields: draft.fields,
  };
}

export const contextDigest = (context: InstrumentContext) =>
  createHash('sha256').update(canonicalJson(context)).digest('hex');

/**
 * Issues a drafted instrument inside the step's transaction: takes the next number of its type
 * (gap-free; the number's row lock is held until commit, so the caller does this last), freezes
 * the context with its number and returns the row. The step's ledger entry carries the digest.
 */
export async function issueInstrument(
  tx: Tx,
  settings: InstrumentSettings,
  draft: InstrumentContext,
  caseId: number,
  agencyId: number,
  issuedBy: number,
): Promise<InstrumentRow> {
  const type = draft.instrument.type as InstrumentType;
  const year = Number(draft.instrument.date.slice(0, 4));
  const seq = await nextSequence(tx, agencyId, type, year);
  const number = formatInstrumentNumber(settings.numberPattern, {
    abbr: settings.abbreviation,
    word: INSTRUMENT_CATALOG[type].numberWord,
    year,
    seq,
  });
  const context: InstrumentContext = { ...draft, instrument: { ...draft.instrument, number } };
  const [row] = await tx
    .insert(instruments)
    .values({
      caseId,
      agencyId,
      type,
      year,
      seq,
      number,
      context,
      contextDigest: contextDigest(context),
      issuedOn: draft.instrument.date,
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

export async function renderInstrument(context: InstrumentContext, format: 'pdf' | 'docx'): Promise<Buffer> {
  const definition = INSTRUMENT_CATALOG[context.instrument.type as InstrumentType];
  if (!definition) throw new DomainError('INSTRUMENT_TYPE_UNKNOWN', `未知的文书种类：${context.instrument.type}`, 400);
  const layout = definition.layout(context);
  // The renderers (pdfkit, docx and the fonts, ~60 MB) load on the first document, not at start.
  if (format === 'pdf') return (await import('../instruments/render/pdfRender.js')).renderPdf(layout);
  return (await import('../instruments/render/docxRender.js')).renderDocx(layout);
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
    if (DECISION_TYPES.includes(type)) {
      // P-58: a correction re-issues the decision, so it passes the same gate.
      const { gate } = await caseMajorDecision(tx, await caseInScope(tx, p, old.caseId, true));
      if (!gate.passed) {
        throw new DomainError(
          'STEP_BLOCKED',
          `不能更正${INSTRUMENT_CATALOG[type].name}：${gate.message}（P-58）`,
          422,
          undefined,
          [{ field: 'P-58', message: `${gate.message}（P-58）` }],
        );
      }
    }
    const previousFields = (old.context as InstrumentContext).fields;
    const approverChange = APPROVER_KEYS.some((k) => (previousFields[k] ?? '') !== (input.fields[k] ?? ''));
    if (approverChange && !hasRole(p, 'head')) {
      throw new DomainError('FORBIDDEN', '审批表中的负责人和承办机构意见只能由负责人更正', 403);
    }
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

/**
 * The case's instruments in force, rendered as PDF from their frozen contexts, named and ordered
 * as the archive rules order a case file (ARCHIVE_ORDER), for the exported 电子案卷.
 */
export async function caseDocuments(db: Executor, caseId: number): Promise<Record<string, Uint8Array>> {
  const rows = await db.select().from(instruments).where(eq(instruments.caseId, caseId)).orderBy(asc(instruments.id));
  const current = rows
    .filter((r) => !r.supersededById)
    .sort(
      (a, b) =>
        ARCHIVE_ORDER.indexOf(a.type as InstrumentType) - ARCHIVE_ORDER.indexOf(b.type as InstrumentType) ||
        a.id - b.id,
    );
  const out: Record<string, Uint8Array> = {};
  for (const [i, r] of current.entries()) {
    const context = r.context as InstrumentContext;
    const name = INSTRUMENT_CATALOG[r.type as InstrumentType]?.name ?? r.type;
    out[`文书/${String(i + 1).padStart(2, '0')}_${name}_${r.number}.pdf`] = await renderInstrument(context, 'pdf');
  }
  return out;
}
