import {
  type AvListEntry,
  avStepOf,
  LIST_VERSION_STATUS_LABELS,
  type ListVersionStatus,
  listProblems,
  normalizeEntry,
  PUBLIC_LIST_KINDS,
  PUBLIC_LIST_LABELS,
  type PublicListEntries,
  type PublicListKind,
} from '@sanxiang/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, avRequirements, publicListVersions, users } from '../../db/schema.js';
import { DomainError, type ErrorItem, forbidden, notFound } from '../../http/errors.js';
import { hasRole, type Principal, scopeContains } from '../identity/principal.js';
import { type Actor, appendEntry } from '../ledger/ledgerStore.js';

/**
 * 事前公开 lists an agency keeps (权责清单, 随机抽查事项清单, 服务指南), versioned per agency and kind in
 * `public_list_versions` (S-6: a change is a new version with its reason; the old ones stay). A version
 * is written as a draft, submitted, and published only when the agency's 法制机构 (its legal reviewers)
 * approves it; the version it replaces stays visible as history. Only published versions are public.
 */

export type VersionRow = typeof publicListVersions.$inferSelect;

/** Versions still being worked on: at most one per agency and kind. */
const OPEN: ListVersionStatus[] = ['draft', 'submitted', 'returned'];
/** Versions that were public (the current one, and history). */
const PUBLISHED: ListVersionStatus[] = ['published', 'superseded'];

/** Roles that write and submit an agency's lists (its own staff; the bureau's administrator for its region). */
export const LIST_EDITORS = ['admin', 'head', 'officer'] as const;

export function kindOf(kind: string): PublicListKind {
  if ((PUBLIC_LIST_KINDS as readonly string[]).includes(kind)) return kind as PublicListKind;
  throw new DomainError(
    'NOT_FOUND',
    `没有这种清单：可选 ${PUBLIC_LIST_KINDS.map((k) => `${PUBLIC_LIST_LABELS[k]}（${k}）`).join('、')}`,
    404,
  );
}

/** The agency whose lists the caller reads: their own, or (justice bureau) one of their region. */
export async function listAgencyOf(db: Executor, p: Principal, agencyId: number | undefined) {
  const id = agencyId ?? p.agencyId;
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!agency || !scopeContains(p.scope, agency)) throw notFound('执法主体');
  if (agency.role !== 'agency') {
    throw new DomainError('NOT_AN_AGENCY', '司法行政机关不是执法主体，没有事前公开清单；请选择一个执法主体', 400);
  }
  return agency;
}

/** Whether the caller may write and submit this agency's lists. */
export function mayEdit(p: Principal, agencyId: number): boolean {
  return hasRole(p, ...LIST_EDITORS) && (agencyId === p.agencyId || (hasRole(p, 'admin') && p.scope.kind === 'region'));
}

/** listReview (S-6, 公示前法制机构审核): only the agency's own legal reviewers approve or return its lists. */
export function mayReview(p: Principal, agencyId: number): boolean {
  return hasRole(p, 'reviewer') && p.agencyId === agencyId;
}

const actorOf = (p: Principal): Actor => ({ userId: p.userId, name: p.displayName });

function entriesOrRefuse<K extends PublicListKind>(kind: K, raw: unknown): PublicListEntries[K][] {
  const label = PUBLIC_LIST_LABELS[kind];
  if (!Array.isArray(raw)) throw new DomainError('VALIDATION_FAILED', `请提交${label}的条目列表`, 400, 'entries');
  const entries: PublicListEntries[K][] = [];
  const errors: ErrorItem[] = [];
  raw.forEach((item, i) => {
    const { entry, problems } = normalizeEntry(kind, item);
    entries.push(entry);
    // Shape problems here; the whole list (incl. each entry's own problems) is checked below.
    for (const p of problems.filter((x) => x === '应为一个条目（对象）' || x.endsWith('应为文字'))) {
      errors.push({ field: `entries.${i}`, message: `第${i + 1}条：${p}` });
    }
  });
  if (errors.length === 0) {
    for (const message of listProblems(kind, entries)) errors.push({ field: 'entries', message });
  }
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', errors[0]?.message ?? `${label}不完整`, 400, 'entries', errors);
  }
  return entries;
}

export function requireReason(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  // S-6: every version says why it changed.
  if (!r)
    throw new DomainError(
      'VALIDATION_FAILED',
      '请写明调整原因（S-6，如法律法规规章立改废、机构职能调整）',
      400,
      'reason',
    );
  if (r.length > 500) throw new DomainError('VALIDATION_FAILED', '调整原因不能超过500个字', 400, 'reason');
  return r;
}

async function lockAgencyLists(tx: Tx, agencyId: number, kind: PublicListKind): Promise<VersionRow[]> {
  // The agency row is the lock: two saves of one agency's lists run one after the other.
  await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).for('update');
  return tx
    .select()
    .from(publicListVersions)
    .where(and(eq(publicListVersions.agencyId, agencyId), eq(publicListVersions.kind, kind)))
    .orderBy(desc(publicListVersions.version));
}

const ledgerPayload = (row: VersionRow, extra: Record<string, unknown> = {}) => ({
  list: PUBLIC_LIST_LABELS[row.kind as PublicListKind],
  kind: row.kind,
  id: row.id,
  version: row.version,
  status: row.status,
  reason: row.reason,
  ...extra,
});

/**
 * Saves the agency's open version of a list (S-6): the whole list with its reason. A draft or returned
 * version is overwritten (a returned one becomes a draft again); without one a new version number is
 * taken. A submitted version waits for the 法制机构 and cannot change.
 */
export async function saveDraft<K extends PublicListKind>(
  db: Db,
  p: Principal,
  kind: K,
  agencyId: number,
  rawEntries: unknown,
  rawReason: string,
  actor: Actor = actorOf(p),
): Promise<VersionRow> {
  const reason = requireReason(rawReason);
  const entries = entriesOrRefuse(kind, rawEntries);
  return db.transaction(async (tx) => {
    const rows = await lockAgencyLists(tx, agencyId, kind);
    const open = rows.find((r) => OPEN.includes(r.status as ListVersionStatus));
    if (open?.status === 'submitted') {
      throw new DomainError(
        'LIST_SUBMITTED',
        `第${open.version}版已提交法制机构审核，审核完成前不能修改；如需修改，请联系法制审核人员退回`,
        409,
      );
    }
    let row: VersionRow | undefined;
    if (open) {
      [row] = await tx
        .update(publicListVersions)
        .set({ entries, reason, status: 'draft', updatedAt: new Date(), createdBy: p.userId })
        .where(eq(publicListVersions.id, open.id))
        .returning();
    } else {
      [row] = await tx
        .insert(publicListVersions)
        .values({
          agencyId,
          kind,
          version: (rows[0]?.version ?? 0) + 1,
          entries,
          reason,
          status: 'draft',
          createdBy: p.userId,
        })
        .returning();
    }
    if (!row) throw new Error('public list save returned nothing');
    await appendEntry(tx, {
      actor,
      agencyId,
      subjectType: 'agency',
      subjectId: agencyId,
      action: 'publicList.draft',
      payload: ledgerPayload(row, { entries }),
    });
    return row;
  });
}

/** Sends the open draft (or a returned version, resubmitted) to the agency's 法制机构. */
export async function submitDraft(db: Db, p: Principal, kind: PublicListKind, agencyId: number): Promise<VersionRow> {
  return db.transaction(async (tx) => {
    const rows = await lockAgencyLists(tx, agencyId, kind);
    const open = rows.find((r) => OPEN.includes(r.status as ListVersionStatus));
    if (!open)
      throw new DomainError('LIST_NO_DRAFT', `${PUBLIC_LIST_LABELS[kind]}没有待提交的草稿，请先编辑或导入`, 409);
    if (open.status === 'submitted') {
      throw new DomainError('LIST_SUBMITTED', `第${open.version}版已提交法制机构审核，请等待审核结果`, 409);
    }
    requireReason(open.reason);
    const [row] = await tx
      .update(publicListVersions)
      .set({ status: 'submitted', submittedBy: p.userId, submittedAt: new Date(), updatedAt: new Date() })
      .where(eq(publicListVersions.id, open.id))
      .returning();
    if (!row) throw new Error('public list submit returned nothing');
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId,
      subjectType: 'agency',
      subjectId: agencyId,
      action: 'publicList.submit',
      payload: ledgerPayload(row),
    });
    return row;
  });
}

async function submittedVersion(tx: Tx, p: Principal, id: number): Promise<VersionRow> {
  const [found] = await tx.select().from(publicListVersions).where(eq(publicListVersions.id, id));
  const [agency] = found ? await tx.select().from(agencies).where(eq(agencies.id, found.agencyId)) : [];
  if (!found || !agency || !scopeContains(p.scope, agency)) throw notFound('清单版本');
  // listReview (S-6, 公示前法制机构审核): the agency's own legal reviewers, and they alone, decide.
  if (!mayReview(p, found.agencyId)) {
    throw forbidden('清单公示前须经本单位法制机构审核（S-6）：只有本单位的法制审核人员可以审核通过或退回');
  }
  await lockAgencyLists(tx, found.agencyId, found.kind as PublicListKind);
  const [row] = await tx.select().from(publicListVersions).where(eq(publicListVersions.id, id));
  if (row?.status !== 'submitted') {
    throw new DomainError(
      'LIST_NOT_SUBMITTED',
      `该版本${row ? `为“${LIST_VERSION_STATUS_LABELS[row.status as ListVersionStatus] ?? row.status}”` : ''}，不在待审核状态`,
      409,
    );
  }
  if (row.submittedBy === p.userId) {
    throw forbidden('清单公示前须经本单位法制机构审核（S-6）：不能审核本人提交的清单');
  }
  return row;
}

/** listReview: the 法制机构 approves a submitted version; it becomes the public one, the old one history. */
export async function approveVersion(db: Db, p: Principal, id: number, opinion: string | undefined) {
  return db.transaction(async (tx) => {
    const row = await submittedVersion(tx, p, id);
    const now = new Date();
    const superseded = await tx
      .update(publicListVersions)
      .set({ status: 'superseded', updatedAt: now })
      .where(
        and(
          eq(publicListVersions.agencyId, row.agencyId),
          eq(publicListVersions.kind, row.kind),
          eq(publicListVersions.status, 'published'),
        ),
      )
      .returning({ version: publicListVersions.version });
    const [published] = await tx
      .update(publicListVersions)
      .set({
        status: 'published',
        reviewedBy: p.userId,
        reviewedAt: now,
        reviewOpinion: opinion?.trim() || '同意公示',
        publishedAt: now,
        updatedAt: now,
      })
      .where(eq(publicListVersions.id, id))
      .returning();
    if (!published) throw new Error('public list approve returned nothing');
    if (published.kind === 'avList') await applyAvList(tx, published.agencyId, published.entries as AvListEntry[]);
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'agency',
      subjectId: row.agencyId,
      action: 'publicList.publish',
      payload: ledgerPayload(published, {
        opinion: published.reviewOpinion,
        supersedes: superseded.map((s) => s.version),
      }),
    });
    return published;
  });
}

/**
 * G-6: the published 音像记录事项清单 is what the case guards enforce (caseGuards.ts avLevel): the
 * agency's `av_requirements` rows become its entries, in the publication's own transaction.
 */
export async function applyAvList(tx: Tx, agencyId: number, entries: AvListEntry[]) {
  await tx.delete(avRequirements).where(eq(avRequirements.agencyId, agencyId));
  const rows = entries.flatMap((e) => {
    const step = avStepOf(e.code);
    return step ? [{ agencyId, procedure: step.procedure, step: step.step, level: e.level }] : [];
  });
  if (rows.length > 0) await tx.insert(avRequirements).values(rows);
}

/** listReview: the 法制机构 returns a submitted version with its opinion; the editors revise and resubmit. */
export async function returnVersion(db: Db, p: Principal, id: number, opinion: string) {
  const text = opinion.trim();
  if (!text) throw new DomainError('VALIDATION_FAILED', '退回时须写明审核意见（需要修改的内容）', 400, 'opinion');
  return db.transaction(async (tx) => {
    const row = await submittedVersion(tx, p, id);
    const now = new Date();
    const [returned] = await tx
      .update(publicListVersions)
      .set({ status: 'returned', reviewedBy: p.userId, reviewedAt: now, reviewOpinion: text, updatedAt: now })
      .where(eq(publicListVersions.id, row.id))
      .returning();
    if (!returned) throw new Error('public list return returned nothing');
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: row.agencyId,
      subjectType: 'agency',
      subjectId: row.agencyId,
      action: 'publicList.return',
      payload: ledgerPayload(returned, { opinion: text }),
    });
    return returned;
  });
}

/** The published version of an agency's list, or undefined. */
export async function publishedVersion(db: Executor, agencyId: number, kind: PublicListKind) {
  const [row] = await db
    .select()
    .from(publicListVersions)
    .where(
      and(
        eq(publicListVersions.agencyId, agencyId),
        eq(publicListVersions.kind, kind),
        eq(publicListVersions.status, 'published'),
      ),
    )
    .limit(1);
  return row;
}

/**
 * The entries of the agency's current published list, or null when it has none published (the
 * annual report reads `matters` to know which action kinds an agency holds).
 */
export async function publishedEntries<K extends PublicListKind>(
  db: Executor,
  agencyId: number,
  kind: K,
): Promise<PublicListEntries[K][] | null> {
  const row = await publishedVersion(db, agencyId, kind);
  return row ? (row.entries as PublicListEntries[K][]) : null;
}

/** Every published version (current and history) of an agency's list, newest first, without entries. */
export async function publishedHistory(db: Executor, agencyId: number, kind: PublicListKind) {
  return db
    .select({
      version: publicListVersions.version,
      reason: publicListVersions.reason,
      status: publicListVersions.status,
      publishedAt: publicListVersions.publishedAt,
    })
    .from(publicListVersions)
    .where(
      and(
        eq(publicListVersions.agencyId, agencyId),
        eq(publicListVersions.kind, kind),
        inArray(publicListVersions.status, PUBLISHED),
      ),
    )
    .orderBy(desc(publicListVersions.version));
}

/** A published (current or earlier) version by its number; never a draft. */
export async function publishedVersionByNumber(db: Executor, agencyId: number, kind: PublicListKind, version: number) {
  const [row] = await db
    .select()
    .from(publicListVersions)
    .where(
      and(
        eq(publicListVersions.agencyId, agencyId),
        eq(publicListVersions.kind, kind),
        eq(publicListVersions.version, version),
        inArray(publicListVersions.status, PUBLISHED),
      ),
    );
  return row;
}

const creator = alias(users, 'creator');
const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');

/** Every version of the agency's list, newest first, with who wrote, submitted and reviewed it. */
export async function versionsOf(db: Executor, agencyId: number, kind: PublicListKind) {
  const rows = await db
    .select({
      id: publicListVersions.id,
      version: publicListVersions.version,
      status: publicListVersions.status,
      reason: publicListVersions.reason,
      count: sql<number>`jsonb_array_length(${publicListVersions.entries})`.mapWith(Number),
      createdAt: publicListVersions.createdAt,
      updatedAt: publicListVersions.updatedAt,
      createdByName: creator.displayName,
      submittedAt: publicListVersions.submittedAt,
      submittedByName: submitter.displayName,
      reviewedAt: publicListVersions.reviewedAt,
      reviewedByName: reviewer.displayName,
      reviewOpinion: publicListVersions.reviewOpinion,
      publishedAt: publicListVersions.publishedAt,
    })
    .from(publicListVersions)
    .leftJoin(creator, eq(creator.id, publicListVersions.createdBy))
    .leftJoin(submitter, eq(submitter.id, publicListVersions.submittedBy))
    .leftJoin(reviewer, eq(reviewer.id, publicListVersions.reviewedBy))
    .where(and(eq(publicListVersions.agencyId, agencyId), eq(publicListVersions.kind, kind)))
    .orderBy(desc(publicListVersions.version));
  return rows;
}

/** One version (any status) the caller may read: in their scope. */
export async function versionForStaff(db: Executor, p: Principal, id: number): Promise<VersionRow> {
  const [row] = await db.select().from(publicListVersions).where(eq(publicListVersions.id, id));
  const [agency] = row ? await db.select().from(agencies).where(eq(agencies.id, row.agencyId)) : [];
  if (!row || !agency || !scopeContains(p.scope, agency)) throw notFound('清单版本');
  return row;
}

/** Per kind: the published version and the open one, for an agency (console overview, review queue). */
export async function listsOverview(db: Executor, agencyId: number) {
  const rows = await db
    .select({
      id: publicListVersions.id,
      kind: publicListVersions.kind,
      version: publicListVersions.version,
      status: publicListVersions.status,
      count: sql<number>`jsonb_array_length(${publicListVersions.entries})`.mapWith(Number),
      publishedAt: publicListVersions.publishedAt,
      submittedAt: publicListVersions.submittedAt,
      updatedAt: publicListVersions.updatedAt,
    })
    .from(publicListVersions)
    .where(and(eq(publicListVersions.agencyId, agencyId), inArray(publicListVersions.status, ['published', ...OPEN])));
  return PUBLIC_LIST_KINDS.map((kind) => ({
    kind,
    label: PUBLIC_LIST_LABELS[kind],
    published: rows.find((r) => r.kind === kind && r.status === 'published') ?? null,
    open: rows.find((r) => r.kind === kind && OPEN.includes(r.status as ListVersionStatus)) ?? null,
  }));
}
