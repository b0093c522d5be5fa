import { regionContains } from '@sanxiang/domain';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, officers, regions, units } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { type Principal, scopeContains } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { type Actor, appendEntry } from '../ledger/ledgerStore.js';
import { reviewerStaffingOf } from '../review/reviewerStaffingService.js';
import type { AgencyCreate, AgencyPatch } from './registrySchemas.js';
import { agencyScopeCondition } from './registryScope.js';

const parent = alias(agencies, 'parent');

const agencyColumns = {
  id: agencies.id,
  name: agencies.name,
  kind: agencies.kind,
  role: agencies.role,
  regionCode: agencies.regionCode,
  regionName: regions.name,
  field: agencies.field,
  address: agencies.address,
  officePhone: agencies.officePhone,
  complaintPhone: agencies.complaintPhone,
  uscc: agencies.uscc,
  parentId: agencies.parentId,
  parentName: parent.name,
  officerCount: sql<number>`(select count(*) from ${officers} where ${officers.agencyId} = ${agencies.id})`.mapWith(
    Number,
  ),
  createdAt: agencies.createdAt,
  updatedAt: agencies.updatedAt,
};

export interface AgencyFilter {
  q?: string | undefined;
  kind?: string | undefined;
  field?: string | undefined;
  role?: string | undefined;
}

function filterConditions(f: AgencyFilter): SQL[] {
  const c: SQL[] = [];
  if (f.q) {
    const q = `%${f.q}%`;
    const match = or(ilike(agencies.name, q), ilike(agencies.uscc, q), ilike(agencies.address, q));
    if (match) c.push(match);
  }
  if (f.kind) c.push(eq(agencies.kind, f.kind));
  if (f.field) c.push(eq(agencies.field, f.field));
  if (f.role) c.push(eq(agencies.role, f.role));
  return c;
}

async function withUnits<T extends { id: number }>(db: Executor, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const unitRows = ids.length
    ? await db.select().from(units).where(inArray(units.agencyId, ids)).orderBy(asc(units.id))
    : [];
  return rows.map((r) => ({
    ...r,
    units: unitRows.filter((u) => u.agencyId === r.id).map((u) => ({ id: u.id, name: u.name })),
  }));
}

function baseQuery(db: Executor) {
  return db
    .select(agencyColumns)
    .from(agencies)
    .leftJoin(regions, eq(regions.code, agencies.regionCode))
    .leftJoin(parent, eq(parent.id, agencies.parentId));
}

/** Agencies in the caller's scope, filtered and paged; `scope` null means the public directory. */
export async function listAgencies(
  db: Db,
  p: Principal | null,
  f: AgencyFilter,
  page: { page: number; pageSize: number },
) {
  const where = and(...(p ? [agencyScopeCondition(p.scope)] : []), ...filterConditions(f));
  const [rows, [total]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(asc(agencies.role), asc(agencies.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(agencies)
      .where(where),
  ]);
  return { items: await withUnits(db, rows), total: total?.n ?? 0 };
}

/** Every agency in scope, unpaged (exports). */
export async function allAgencies(db: Db, p: Principal) {
  const rows = await baseQuery(db).where(agencyScopeCondition(p.scope)).orderBy(asc(agencies.role), asc(agencies.id));
  return withUnits(db, rows);
}

export async function getAgency(db: Executor, p: Principal, id: number) {
  const [row] = await baseQuery(db).where(and(eq(agencies.id, id), agencyScopeCondition(p.scope)));
  if (!row) throw notFound('执法主体');
  const [withU] = await withUnits(db, [row]);
  // G-5, shown on the agency page.
  const [staffing] = row.role === 'agency' ? await reviewerStaffingOf(db, p.scope, id) : [];
  return { ...(withU as NonNullable<typeof withU>), reviewerStaffing: staffing ?? null };
}

async function assertRegionKnown(db: Executor, code: string) {
  const [r] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!r) throw new DomainError('VALIDATION_FAILED', `行政区划代码 ${code} 不存在`, 400, 'regionCode');
}

async function assertParentSupervisor(db: Executor, parentId: number | null | undefined, regionCode: string) {
  if (parentId == null) return;
  const [row] = await db.select().from(agencies).where(eq(agencies.id, parentId));
  if (row?.role !== 'supervisor') {
    throw new DomainError('VALIDATION_FAILED', '上级监督机关须为司法行政机关', 400, 'parentId');
  }
  if (!regionContains(row.regionCode, regionCode)) {
    throw new DomainError('VALIDATION_FAILED', '上级监督机关的辖区不包含该执法主体所在行政区划', 400, 'parentId');
  }
}

/** The ledger entry of a new agency; also written by the CLI and the demo data. */
export async function logAgencyCreated(tx: Tx, actor: Actor, row: typeof agencies.$inferSelect, unitNames: string[]) {
  const { createdAt: _c, updatedAt: _u, ...record } = row;
  await appendEntry(tx, {
    actor,
    agencyId: row.id,
    subjectType: 'agency',
    subjectId: row.id,
    action: 'agency.create',
    payload: { record, units: unitNames },
  });
}

/**
 * Only an administrator of a justice bureau registers agencies, and only inside its region.
 */
export async function createAgency(db: Tx, p: Principal, input: AgencyCreate): Promise<number> {
  if (p.scope.kind !== 'region') throw forbidden('只有司法行政机关的系统管理员可以新增执法主体');
  if (!input.regionCode.startsWith(p.scope.prefix)) {
    throw new DomainError('OUT_OF_SCOPE', '该行政区划不在您的管辖范围内', 403, 'regionCode');
  }
  await assertRegionKnown(db, input.regionCode);
  await assertParentSupervisor(db, input.parentId, input.regionCode);
  const [row] = await db
    .insert(agencies)
    .values({
      name: input.name,
      kind: input.kind,
      role: input.role ?? 'agency',
      regionCode: input.regionCode,
      field: input.field,
      address: input.address ?? '',
      officePhone: input.officePhone ?? '',
      complaintPhone: input.complaintPhone ?? '',
      uscc: input.uscc ?? null,
      parentId: input.parentId ?? null,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  const unitNames = [...new Set(input.units ?? [])];
  for (const name of unitNames) await db.insert(units).values({ agencyId: row.id, name });
  await logAgencyCreated(db, actorOf(p), row, unitNames);
  return row.id;
}

/**
 * An agency's own administrator may edit its contact details; structure (kind, role, region,
 * parent) is the bureau's. Returns false (and writes nothing) when no value changes.
 */
export async function updateAgency(db: Tx, p: Principal, id: number, patch: AgencyPatch): Promise<boolean> {
  const current = await getAgency(db, p, id);
  const changed = (Object.keys(patch) as (keyof AgencyPatch)[]).filter(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
  if (changed.length === 0) return false;
  const structural = (['kind', 'role', 'regionCode', 'parentId'] as const).filter(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
  if (structural.length > 0 && p.scope.kind !== 'region') {
    throw forbidden('主体类别、机构性质、行政区划和上级监督机关只能由司法行政机关的系统管理员修改');
  }
  const regionCode = patch.regionCode ?? current.regionCode;
  if (p.scope.kind === 'region' && !regionCode.startsWith(p.scope.prefix)) {
    throw new DomainError('OUT_OF_SCOPE', '该行政区划不在您的管辖范围内', 403, 'regionCode');
  }
  if (patch.regionCode) await assertRegionKnown(db, patch.regionCode);
  if (patch.parentId !== undefined) await assertParentSupervisor(db, patch.parentId, regionCode);
  await db
    .update(agencies)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(agencies.id, id));
  await appendEntry(db, {
    actor: actorOf(p),
    agencyId: id,
    subjectType: 'agency',
    subjectId: id,
    action: 'agency.update',
    payload: { changes: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: patch[k] }])) },
  });
  return true;
}

export async function addUnit(db: Tx, p: Principal, agencyId: number, name: string) {
  await getAgency(db, p, agencyId);
  const [row] = await db.insert(units).values({ agencyId, name }).returning({ id: units.id, name: units.name });
  if (!row) throw new Error('insert returned no row');
  await appendEntry(db, {
    actor: actorOf(p),
    agencyId,
    subjectType: 'agency',
    subjectId: agencyId,
    action: 'agency.unit.create',
    payload: { unit: row },
  });
  return row;
}

/** Agencies the caller may attach officers and users to (used by forms and imports). */
export async function agencyInScope(db: Executor, p: Principal, id: number) {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  if (!row || !scopeContains(p.scope, row)) throw notFound('执法主体');
  return row;
}
