import {
  type BenchmarkItem,
  benchmarkItemProblems,
  DEFAULT_BENCHMARKS,
  DEFAULT_MAJOR_CATALOG,
  type MajorRule,
  majorRuleProblems,
} from '@sanxiang/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, discretionBenchmarks, majorCatalogs, users } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { type Principal, scopeContains } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';

/**
 * The two versioned lists legal review works from, per agency (S-6: a change is a new version with
 * its reason; old versions stay, and a case pins the one it used):
 * - `catalog`: 重大执法决定法制审核目录清单 (S-2), entries are MajorRule;
 * - `benchmarks`: 行政处罚裁量基准, entries are BenchmarkItem.
 * Until an agency saves its own, the built-in default applies; it becomes version 1 the first time
 * a case pins it.
 */
export const REVIEW_LISTS = {
  catalog: {
    table: majorCatalogs,
    label: '重大执法决定法制审核目录清单',
    defaults: DEFAULT_MAJOR_CATALOG as readonly unknown[],
    problems: (e: unknown) => majorRuleProblems(e as MajorRule),
    key: (e: unknown) => (e as MajorRule).code,
  },
  benchmarks: {
    table: discretionBenchmarks,
    label: '行政处罚裁量基准',
    defaults: DEFAULT_BENCHMARKS as readonly unknown[],
    problems: (e: unknown) => benchmarkItemProblems(e as BenchmarkItem),
    key: (e: unknown) => (e as BenchmarkItem).code,
  },
} as const;
export type ReviewListKind = keyof typeof REVIEW_LISTS;

export interface ListVersion<T> {
  /** null: the built-in default, not yet saved for this agency. */
  id: number | null;
  version: number;
  entries: T[];
  reason: string;
  createdAt: Date | null;
}

export async function currentVersion<T>(db: Executor, kind: ReviewListKind, agencyId: number): Promise<ListVersion<T>> {
  const { table, defaults } = REVIEW_LISTS[kind];
  const [row] = await db.select().from(table).where(eq(table.agencyId, agencyId)).orderBy(desc(table.version)).limit(1);
  if (row) return { ...row, entries: row.entries as T[] };
  return { id: null, version: 0, entries: [...defaults] as T[], reason: '系统默认', createdAt: null };
}

export async function versionById<T>(db: Executor, kind: ReviewListKind, id: number): Promise<ListVersion<T>> {
  const { table } = REVIEW_LISTS[kind];
  const [row] = await db.select().from(table).where(eq(table.id, id));
  if (!row) throw notFound(REVIEW_LISTS[kind].label);
  return { ...row, entries: row.entries as T[] };
}

/** The version a case pins: the current saved one, or the default saved now as version 1. */
export async function pinnableVersion<T>(
  tx: Tx,
  kind: ReviewListKind,
  agencyId: number,
): Promise<ListVersion<T> & { id: number }> {
  const current = await currentVersion<T>(tx, kind, agencyId);
  if (current.id !== null) return current as ListVersion<T> & { id: number };
  return insertVersion<T>(tx, kind, agencyId, current.entries, '启用系统默认版本', null);
}

async function insertVersion<T>(
  tx: Tx,
  kind: ReviewListKind,
  agencyId: number,
  entries: readonly T[],
  reason: string,
  p: Principal | null,
): Promise<ListVersion<T> & { id: number }> {
  const { table, label } = REVIEW_LISTS[kind];
  const [last] = await tx
    .select({ version: table.version })
    .from(table)
    .where(eq(table.agencyId, agencyId))
    .orderBy(desc(table.version))
    .limit(1)
    .for('update');
  const version = (last?.version ?? 0) + 1;
  const [row] = await tx
    .insert(table)
    .values({ agencyId, version, entries: [...entries], reason, createdBy: p?.userId ?? null })
    .returning();
  if (!row) throw new Error('list insert returned nothing');
  await appendEntry(tx, {
    actor: p ? actorOf(p) : { userId: null, name: '系统' },
    agencyId,
    subjectType: 'agency',
    subjectId: agencyId,
    action: `review.${kind}.version`,
    payload: { list: label, id: row.id, version, reason, entries },
  });
  return { ...row, entries: row.entries as T[] };
}

/** The agency whose lists the caller edits: their own, or (justice bureau, admin) one in their region. */
export async function listAgency(db: Executor, p: Principal, agencyId: number | undefined) {
  const id = agencyId ?? p.agencyId;
  const [agency] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!agency || !scopeContains(p.scope, agency)) throw notFound('执法主体');
  if (agency.role !== 'agency') throw new DomainError('NOT_AN_AGENCY', '只有执法主体有法制审核目录清单和裁量基准', 400);
  return agency;
}

/** Saves a new version of the agency's list (S-6): whole list, with its reason; the old ones stay. */
export async function saveVersion<T>(
  db: Db,
  p: Principal,
  kind: ReviewListKind,
  agencyId: number | undefined,
  entries: T[],
  reason: string,
): Promise<ListVersion<T>> {
  const def = REVIEW_LISTS[kind];
  if (!reason.trim())
    throw new DomainError('VALIDATION_FAILED', '请写明调整原因（如法律法规规章立改废）', 400, 'reason');
  const problems = entries.flatMap((e) => def.problems(e));
  const keys = entries.map((e) => def.key(e));
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) problems.push(`编号“${dup}”重复`);
  if (entries.length === 0) problems.push(`${def.label}不能为空`);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      problems[0] ?? `${def.label}不完整`,
      400,
      'entries',
      problems.map((message) => ({ field: 'entries', message })),
    );
  }
  return db.transaction(async (tx) => {
    const agency = await listAgency(tx, p, agencyId);
    if (p.agencyId !== agency.id && p.scope.kind === 'agency') throw forbidden();
    return insertVersion(tx, kind, agency.id, entries, reason.trim(), p);
  });
}

/** Every version of the agency's list, newest first, with who saved it. */
export async function listVersions(db: Executor, kind: ReviewListKind, agencyId: number) {
  const { table } = REVIEW_LISTS[kind];
  return db
    .select({
      id: table.id,
      version: table.version,
      reason: table.reason,
      createdAt: table.createdAt,
      createdByName: users.displayName,
      count: table.entries,
    })
    .from(table)
    .leftJoin(users, eq(users.id, table.createdBy))
    .where(and(eq(table.agencyId, agencyId)))
    .orderBy(desc(table.version))
    .then((rows) => rows.map((r) => ({ ...r, count: (r.count as unknown[]).length })));
}
