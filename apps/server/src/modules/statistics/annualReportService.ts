import {
  type ActionKind,
  type AnnualFigures,
  type AnnualReportStatus,
  annualReportDraftYear,
  annualReportDueOn,
  annualReportLate,
  annualReportTitle,
  regionPrefix,
  shanghaiDate,
} from '@sanxiang/domain';
import { and, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, annualReports, regions, users } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { hasRole, type Principal, type Scope, scopeContains } from '../identity/principal.js';
import { actorOf, SYSTEM_ACTOR } from '../ledger/actor.js';
import { type Actor, appendEntry } from '../ledger/ledgerStore.js';
import { agencyFigures, heldActionKinds, regionFigures } from './annualFigures.js';

/**
 * 行政执法统计年报 (G-4): drafted from the data (automatically in January, or on demand), the
 * agency writes its 说明 and submits, its legal reviewer or head reviews and publishes by 31 January.
 * Every change writes its ledger entry in the same transaction.
 */

export type AnnualReportRow = typeof annualReports.$inferSelect;

/** Who prepares (drafts, writes notes, submits) and who reviews and publishes, per kind of report. */
const PREPARERS = { agency: ['admin', 'officer', 'head'], region: ['admin', 'supervisor'] } as const;
const REVIEWERS = { agency: ['reviewer', 'head'], region: ['supervisor', 'head'] } as const;

const kindOfRow = (r: Pick<AnnualReportRow, 'regionCode'>) => (r.regionCode ? 'region' : 'agency');

export function mayPrepare(p: Principal, r: Pick<AnnualReportRow, 'agencyId' | 'regionCode'>): boolean {
  return p.agencyId === r.agencyId && hasRole(p, ...PREPARERS[kindOfRow(r)]);
}
export function mayReview(p: Principal, r: Pick<AnnualReportRow, 'agencyId' | 'regionCode' | 'submittedBy'>): boolean {
  return p.agencyId === r.agencyId && hasRole(p, ...REVIEWERS[kindOfRow(r)]);
}

function assertYear(year: number, today: string) {
  const current = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > current) {
    throw new DomainError('VALIDATION_FAILED', `统计年度应为2000年至${current}年之间的年份`, 400, 'year');
  }
}

interface Subject {
  key: string;
  agencyId: number;
  regionCode: string | null;
  name: string;
}

/** An agency's own report, or (a justice bureau) its region's. */
async function subjectOf(db: Executor, agencyId: number, region: boolean): Promise<Subject> {
  const [a] = await db.select().from(agencies).where(eq(agencies.id, agencyId));
  if (!a) throw notFound('执法主体');
  if (region) {
    if (a.role !== 'supervisor') {
      throw new DomainError('NOT_A_SUPERVISOR', '辖区汇总年报由司法行政机关编制', 400, 'region');
    }
    const [reg] = await db.select().from(regions).where(eq(regions.code, a.regionCode));
    return { key: `region:${a.regionCode}`, agencyId: a.id, regionCode: a.regionCode, name: reg?.name ?? a.regionCode };
  }
  if (a.role !== 'agency') {
    throw new DomainError('NOT_AN_AGENCY', '司法行政机关编制辖区汇总年报，请选择“辖区汇总”', 400, 'region');
  }
  return { key: `agency:${a.id}`, agencyId: a.id, regionCode: null, name: a.name };
}

async function computeFor(
  db: Executor,
  s: Subject,
  year: number,
  today: string,
): Promise<{ figures: AnnualFigures; held: ActionKind[] }> {
  if (s.regionCode) return regionFigures(db, s.regionCode, year, today);
  return { figures: await agencyFigures(db, s.agencyId, year, today), held: await heldActionKinds(db, s.agencyId) };
}

/**
 * Generates the draft of `year` (G-4), or regenerates it (重新生成草稿) while it is still a draft;
 * the figures are frozen in the row until the next regeneration. Returns the row, and whether it changed.
 */
async function draftIn(tx: Tx, actor: Actor, s: Subject, year: number, today: string, userId: number | null) {
  const [existing] = await tx
    .select()
    .from(annualReports)
    .where(and(eq(annualReports.subjectKey, s.key), eq(annualReports.year, year)))
    .for('update');
  if (existing && existing.status !== 'draft') {
    throw new DomainError(
      'REPORT_NOT_DRAFT',
      `${year}年度年报已${existing.status === 'published' ? '公开' : '提交审核'}，不能重新生成；如需修改请先退回`,
      409,
    );
  }
  const { figures, held } = await computeFor(tx, s, year, today);
  const values = {
    subjectKey: s.key,
    agencyId: s.agencyId,
    regionCode: s.regionCode,
    subjectName: s.name,
    year,
    status: 'draft' as const,
    heldKinds: held,
    figures,
    dueOn: annualReportDueOn(year),
    draftedOn: today,
    draftedBy: userId,
  };
  const [row] = existing
    ? await tx
        .update(annualReports)
        .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
        .where(eq(annualReports.id, existing.id))
        .returning()
    : await tx.insert(annualReports).values(values).onConflictDoNothing().returning();
  // Another process drafted it a moment ago (scheduler on several servers): nothing to write.
  if (!row) return null;
  await appendEntry(tx, {
    actor,
    agencyId: s.agencyId,
    subjectType: 'annualReport',
    subjectId: row.id,
    action: existing ? 'annualReport.regenerate' : 'annualReport.draft',
    payload: { ruleId: 'G-4', subject: s.name, year, heldKinds: held, figures, draftedOn: today },
  });
  return row;
}

/** 生成草稿 / 重新生成草稿 on demand, for the caller's agency (or its region, for a justice bureau). */
export async function generateDraft(
  db: Db,
  p: Principal,
  input: { year: number; region?: boolean | undefined },
  today = shanghaiDate(),
): Promise<AnnualReportRow> {
  assertYear(input.year, today);
  return db.transaction(async (tx) => {
    const s = await subjectOf(tx, p.agencyId, input.region ?? p.agencyRole === 'supervisor');
    if (!mayPrepare(p, { agencyId: s.agencyId, regionCode: s.regionCode })) {
      throw forbidden(
        s.regionCode
          ? '辖区汇总年报由司法行政机关的管理员或监督人员编制'
          : '年报由本单位的管理员、执法人员或负责人编制',
      );
    }
    const row = await draftIn(tx, actorOf(p), s, input.year, today, p.userId);
    if (!row) throw new DomainError('CONFLICT', '年报正在由其他操作生成，请刷新后重试', 409);
    return row;
  });
}

/**
 * The January job (G-4): last year's draft for every agency and every justice bureau's region that
 * has none yet. Safe to run on several servers at once (the unique key decides who drafts).
 */
export async function draftDueReports(db: Db, today = shanghaiDate()): Promise<number> {
  const year = annualReportDraftYear(today);
  if (year === null) return 0;
  const all = await db.select().from(agencies);
  let drafted = 0;
  for (const a of all) {
    const key = a.role === 'supervisor' ? `region:${a.regionCode}` : `agency:${a.id}`;
    const [exists] = await db
      .select({ id: annualReports.id })
      .from(annualReports)
      .where(and(eq(annualReports.subjectKey, key), eq(annualReports.year, year)));
    if (exists) continue;
    const row = await db.transaction(async (tx) => {
      const s = await subjectOf(tx, a.id, a.role === 'supervisor');
      const [again] = await tx
        .select({ id: annualReports.id })
        .from(annualReports)
        .where(and(eq(annualReports.subjectKey, s.key), eq(annualReports.year, year)));
      return again ? null : draftIn(tx, SYSTEM_ACTOR, s, year, today, null);
    });
    if (row) drafted++;
  }
  return drafted;
}

/** A draft written by the system (demo data, scripts): the agency's report, or its region's for a justice bureau. */
export async function systemDraft(db: Db, agencyId: number, year: number, today = shanghaiDate()) {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(agencies).where(eq(agencies.id, agencyId));
    if (!a) throw notFound('执法主体');
    return draftIn(tx, SYSTEM_ACTOR, await subjectOf(tx, a.id, a.role === 'supervisor'), year, today, null);
  });
}

/** Starts the daily check that drafts January's reports; returns the stop function (main.ts). */
export function scheduleAnnualReports(db: Db, onError: (err: unknown) => void): () => void {
  const run = () => {
    draftDueReports(db).catch(onError);
  };
  run();
  const timer = setInterval(run, 6 * 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** A report the caller may see, or 404. */
export async function reportInScope(db: Executor, p: Principal, id: number, lock = false): Promise<AnnualReportRow> {
  const q = db.select().from(annualReports).where(eq(annualReports.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('年报');
  const [owner] = await db.select().from(agencies).where(eq(agencies.id, row.agencyId));
  if (!owner || !scopeContains(p.scope, owner)) throw notFound('年报');
  return row;
}

function checkVersion(row: AnnualReportRow, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new DomainError('VERSION_CONFLICT', '年报已被他人修改，请刷新后再操作', 409);
  }
}

async function change(
  db: Db,
  p: Principal,
  id: number,
  expectedVersion: number | undefined,
  body: (row: AnnualReportRow) => { set: Partial<typeof annualReports.$inferInsert>; action: string; payload: object },
) {
  return db.transaction(async (tx) => {
    const row = await reportInScope(tx, p, id, true);
    checkVersion(row, expectedVersion);
    const { set, action, payload } = body(row);
    const [updated] = await tx
      .update(annualReports)
      .set({ ...set, version: row.version + 1, updatedAt: new Date() })
      .where(eq(annualReports.id, row.id))
      .returning();
    if (!updated) throw new Error('report update returned nothing');
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'annualReport',
      subjectId: row.id,
      action,
      payload: { ruleId: 'G-4', year: row.year, subject: row.subjectName, ...payload },
    });
    return updated;
  });
}

const requireStatus = (row: AnnualReportRow, status: AnnualReportStatus, message: string) => {
  if (row.status !== status) throw new DomainError('REPORT_STATUS', message, 409);
};

export async function regenerateDraft(
  db: Db,
  p: Principal,
  id: number,
  expectedVersion?: number,
  today = shanghaiDate(),
) {
  return db.transaction(async (tx) => {
    const row = await reportInScope(tx, p, id, true);
    checkVersion(row, expectedVersion);
    if (!mayPrepare(p, row)) throw forbidden('只有编制单位的管理员、执法人员或负责人可以重新生成草稿');
    const s: Subject = {
      key: row.subjectKey,
      agencyId: row.agencyId,
      regionCode: row.regionCode,
      name: row.subjectName,
    };
    const updated = await draftIn(tx, actorOf(p), s, row.year, today, p.userId);
    if (!updated) throw new Error('regeneration returned nothing');
    return updated;
  });
}

export function saveNotes(db: Db, p: Principal, id: number, notes: string, expectedVersion?: number) {
  return change(db, p, id, expectedVersion, (row) => {
    if (!mayPrepare(p, row)) throw forbidden('只有编制单位的管理员、执法人员或负责人可以填写说明');
    requireStatus(row, 'draft', '只有草稿可以修改说明；已提交的年报请先由审核人退回');
    return { set: { notes }, action: 'annualReport.notes', payload: { notes } };
  });
}

export function submitReport(db: Db, p: Principal, id: number, expectedVersion?: number) {
  return change(db, p, id, expectedVersion, (row) => {
    if (!mayPrepare(p, row)) throw forbidden('只有编制单位的管理员、执法人员或负责人可以提交审核');
    requireStatus(row, 'draft', '只有草稿可以提交审核');
    return {
      set: { status: 'submitted', submittedAt: new Date(), submittedBy: p.userId, reviewNote: '' },
      action: 'annualReport.submit',
      payload: {},
    };
  });
}

export function returnReport(db: Db, p: Principal, id: number, note: string, expectedVersion?: number) {
  return change(db, p, id, expectedVersion, (row) => {
    if (!mayReview(p, row)) throw forbidden('年报由本单位的法制审核人员或负责人审核');
    requireStatus(row, 'submitted', '只有待审核的年报可以退回');
    if (!note.trim()) throw new DomainError('VALIDATION_FAILED', '退回时请写明需要修改的内容', 400, 'note');
    return {
      set: { status: 'draft', reviewedBy: p.userId, reviewNote: note },
      action: 'annualReport.return',
      payload: { note },
    };
  });
}

/** G-4: published after review; a report published after 31 January stays marked as late. */
export function publishReport(
  db: Db,
  p: Principal,
  id: number,
  note: string,
  expectedVersion?: number,
  today = shanghaiDate(),
) {
  return change(db, p, id, expectedVersion, (row) => {
    if (!mayReview(p, row)) throw forbidden('年报由本单位的法制审核人员或负责人审核公开');
    requireStatus(row, 'submitted', '年报须先提交审核，审核通过后才能公开');
    // Four eyes: whoever submitted it does not approve it.
    if (row.submittedBy === p.userId) throw forbidden('提交人不能审核公开自己提交的年报');
    return {
      set: { status: 'published', reviewedBy: p.userId, reviewNote: note, publishedOn: today },
      action: 'annualReport.publish',
      payload: { note, publishedOn: today, late: today > row.dueOn },
    };
  });
}

/** What the console lists and shows: the row with its late flag (G-4) and the people's names. */
export async function reportView(db: Executor, row: AnnualReportRow, p: Principal | null, today = shanghaiDate()) {
  const ids = [row.draftedBy, row.submittedBy, row.reviewedBy].filter((x): x is number => x !== null);
  const people = ids.length
    ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
    : [];
  const name = (id: number | null) => (id === null ? null : (people.find((u) => u.id === id)?.name ?? null));
  return {
    id: row.id,
    kind: kindOfRow(row),
    agencyId: row.agencyId,
    regionCode: row.regionCode,
    subjectName: row.subjectName,
    title: annualReportTitle(row.subjectName, row.year),
    year: row.year,
    status: row.status as AnnualReportStatus,
    heldKinds: row.heldKinds as ActionKind[],
    figures: row.figures as AnnualFigures,
    notes: row.notes,
    dueOn: row.dueOn,
    draftedOn: row.draftedOn,
    draftedByName: row.draftedBy === null ? '系统' : name(row.draftedBy),
    submittedAt: row.submittedAt,
    submittedByName: name(row.submittedBy),
    reviewedByName: name(row.reviewedBy),
    reviewNote: row.reviewNote,
    publishedOn: row.publishedOn,
    late: annualReportLate(row.year, row.status as AnnualReportStatus, today),
    publishedLate: row.publishedOn !== null && row.publishedOn > row.dueOn,
    version: row.version,
    mayPrepare: p ? mayPrepare(p, row) : false,
    mayReview: p ? mayReview(p, row) && row.submittedBy !== p.userId : false,
  };
}

/** Reports in the caller's scope, newest year first. */
export async function listReports(db: Executor, p: Principal, filter: { year?: number | undefined }) {
  const owners = await db.select().from(agencies);
  const visible = owners.filter((a) => scopeContains(p.scope, a)).map((a) => a.id);
  if (visible.length === 0) return [];
  const rows = await db
    .select()
    .from(annualReports)
    .where(
      and(
        inArray(annualReports.agencyId, visible),
        filter.year === undefined ? undefined : eq(annualReports.year, filter.year),
      ),
    )
    .orderBy(desc(annualReports.year), annualReports.subjectKey);
  return Promise.all(rows.map((r) => reportView(db, r, p)));
}

/**
 * G-4 late alert: last year's report not published after 31 January, for every agency (and justice
 * bureau's region) in scope that was registered in the system before that year ended, plus any
 * older report still unpublished.
 */
export async function lateAnnualReports(db: Executor, scope: Scope, today = shanghaiDate()): Promise<number> {
  const year = Number(today.slice(0, 4)) - 1;
  const all = await db.select().from(agencies);
  const inScope = all.filter((a) => scopeContains(scope, a));
  if (inScope.length === 0) return 0;
  const rows = await db
    .select({ subjectKey: annualReports.subjectKey, year: annualReports.year, status: annualReports.status })
    .from(annualReports)
    .where(
      inArray(
        annualReports.agencyId,
        inScope.map((a) => a.id),
      ),
    );
  const late = new Set<string>();
  for (const r of rows) {
    if (annualReportLate(r.year, r.status as AnnualReportStatus, today)) late.add(`${r.subjectKey}@${r.year}`);
  }
  if (today > annualReportDueOn(year)) {
    const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    for (const a of inScope) {
      if (a.createdAt >= yearEnd) continue;
      const key = a.role === 'supervisor' ? `region:${a.regionCode}` : `agency:${a.id}`;
      const published = rows.some((r) => r.subjectKey === key && r.year === year && r.status === 'published');
      if (!published) late.add(`${key}@${year}`);
    }
  }
  return late.size;
}

/** Published reports for the public: of an agency, or of every agency and region under a region code. */
export async function publishedReports(
  db: Executor,
  filter: { regionCode?: string | undefined; agencyId?: number | undefined },
) {
  const conditions: (SQL | undefined)[] = [eq(annualReports.status, 'published')];
  if (filter.agencyId !== undefined) conditions.push(eq(annualReports.agencyId, filter.agencyId));
  if (filter.regionCode) {
    const owners = await regionAgenciesAndBureaus(db, filter.regionCode);
    conditions.push(inArray(annualReports.agencyId, owners.length ? owners : [-1]));
  }
  return db
    .select()
    .from(annualReports)
    .where(and(...conditions))
    .orderBy(desc(annualReports.year), annualReports.subjectKey);
}

async function regionAgenciesAndBureaus(db: Executor, regionCode: string): Promise<number[]> {
  const rows = await db
    .select({ id: agencies.id })
    .from(agencies)
    .where(like(agencies.regionCode, `${regionPrefix(regionCode)}%`));
  return rows.map((r) => r.id);
}
