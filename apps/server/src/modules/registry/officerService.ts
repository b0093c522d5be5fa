import {
  CREDENTIAL_KIND_LABELS,
  type CredentialKind,
  FIELD_LABELS,
  type Field,
  GENDER_LABELS,
  type Gender,
  maskResidentId,
  mayAct,
  OFFICER_FIELD_LABELS,
  OFFICER_RECORD_FIELDS,
  OFFICER_STATUS_LABELS,
  type OfficerStatus,
  shanghaiDate,
} from '@sanxiang/domain';
import { and, arrayContains, asc, eq, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/connection.js';
import { agencies, officers, officerVersions, regions, units, users } from '../../db/schema.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { type Actor, appendEntry } from '../ledger/ledgerStore.js';
import { agencyInScope } from './agencyService.js';
import type { OfficerCreate, OfficerPatch } from './registrySchemas.js';
import { agencyScopeCondition } from './registryScope.js';

type OfficerRow = typeof officers.$inferSelect;

const officerColumns = {
  officer: officers,
  agencyName: agencies.name,
  unitName: units.name,
};

/** What staff see of an officer. The resident ID is masked; the full number has its own route. */
export function toOfficerDto(
  r: { officer: OfficerRow; agencyName: string; unitName: string | null },
  today = shanghaiDate(),
) {
  const o = r.officer;
  return {
    id: o.id,
    name: o.name,
    gender: o.gender,
    agencyId: o.agencyId,
    agencyName: r.agencyName,
    unitId: o.unitId,
    unitName: r.unitName,
    post: o.post,
    credentialNo: o.credentialNo,
    credentialKind: o.credentialKind,
    fields: o.fields as Field[],
    regionCode: o.regionCode,
    validFrom: o.validFrom,
    validTo: o.validTo,
    status: o.status,
    legalQualification: o.legalQualification,
    legalQualificationNo: o.legalQualificationNo,
    residentIdMasked: maskResidentId(o.residentId),
    credentialValidToday: credentialValidOn(o, today),
    version: o.version,
    updatedAt: o.updatedAt,
  };
}
export type OfficerDto = ReturnType<typeof toOfficerDto>;

function credentialValidOn(o: OfficerRow, date: string): boolean {
  return (
    o.credentialNo !== null &&
    o.status === 'active' &&
    !!o.validFrom &&
    !!o.validTo &&
    o.validFrom <= date &&
    date <= o.validTo
  );
}

export interface OfficerFilter {
  q?: string | undefined;
  agencyId?: number | undefined;
  status?: string | undefined;
  field?: string | undefined;
  credential?: 'valid' | 'expired' | 'expiring' | undefined;
  legalQualification?: boolean | undefined;
}

export const EXPIRING_DAYS = 90;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function filterConditions(f: OfficerFilter, today: string): SQL[] {
  const c: SQL[] = [];
  if (f.q) {
    const q = `%${f.q}%`;
    const match = or(ilike(officers.name, q), ilike(officers.credentialNo, q));
    if (match) c.push(match);
  }
  if (f.agencyId) c.push(eq(officers.agencyId, f.agencyId));
  if (f.status) c.push(eq(officers.status, f.status));
  if (f.field) c.push(arrayContains(officers.fields, [f.field]));
  if (f.legalQualification !== undefined) c.push(eq(officers.legalQualification, f.legalQualification));
  if (f.credential === 'valid') {
    c.push(eq(officers.status, 'active'), lte(officers.validFrom, today), gte(officers.validTo, today));
  } else if (f.credential === 'expired') {
    c.push(lt(officers.validTo, today));
  } else if (f.credential === 'expiring') {
    c.push(gte(officers.validTo, today), lte(officers.validTo, addDays(today, EXPIRING_DAYS)));
  }
  return c;
}

function baseQuery(db: Executor) {
  return db
    .select(officerColumns)
    .from(officers)
    .innerJoin(agencies, eq(agencies.id, officers.agencyId))
    .leftJoin(units, eq(units.id, officers.unitId));
}

export async function listOfficers(db: Db, p: Principal, f: OfficerFilter, page: { page: number; pageSize: number }) {
  const today = shanghaiDate();
  const where = and(agencyScopeCondition(p.scope), ...filterConditions(f, today));
  const [rows, [total]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(asc(officers.agencyId), asc(officers.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(officers)
      .innerJoin(agencies, eq(agencies.id, officers.agencyId))
      .where(where),
  ]);
  return { items: rows.map((r) => toOfficerDto(r, today)), total: total?.n ?? 0 };
}

export async function allOfficers(db: Db, p: Principal) {
  return baseQuery(db).where(agencyScopeCondition(p.scope)).orderBy(asc(officers.agencyId), asc(officers.id));
}

async function officerRow(db: Executor, p: Principal, id: number) {
  const [row] = await baseQuery(db).where(and(eq(officers.id, id), agencyScopeCondition(p.scope)));
  if (!row) throw notFound('执法人员');
  return row;
}

export async function getOfficer(db: Executor, p: Principal, id: number): Promise<OfficerDto> {
  return toOfficerDto(await officerRow(db, p, id));
}

async function assertUnitOfAgency(db: Executor, unitId: number | null | undefined, agencyId: number) {
  if (unitId == null) return;
  const [u] = await db.select().from(units).where(eq(units.id, unitId));
  if (!u || u.agencyId !== agencyId)
    throw new DomainError('VALIDATION_FAILED', '科室不属于所选执法主体', 400, 'unitId');
}

/**
 * The record as the ledger keeps it: the resident ID masked, because ledger entries can never be
 * erased and are exported in case files; the full number stays in the officers table only.
 */
function ledgerRecord(o: OfficerRow): Record<string, unknown> {
  return { ...snapshotOf(o), residentId: maskResidentId(o.residentId) };
}

/** Version 1 of a new officer and its ledger entry; also written by the demo data. */
export async function logOfficerCreated(tx: Tx, actor: Actor, row: OfficerRow, reason: string) {
  await tx
    .insert(officerVersions)
    .values({ officerId: row.id, version: 1, snapshot: snapshotOf(row), reason, changedBy: actor.userId });
  await appendEntry(tx, {
    actor,
    agencyId: row.agencyId,
    subjectType: 'officer',
    subjectId: row.id,
    action: 'officer.create',
    payload: { version: 1, reason, record: ledgerRecord(row) },
  });
}

/** The record as stored in each version: everything but bookkeeping. */
export function snapshotOf(o: OfficerRow) {
  const { createdAt: _c, updatedAt: _u, version: _v, id: _i, ...rest } = o;
  return rest;
}

export async function createOfficer(db: Tx, p: Principal, input: OfficerCreate): Promise<number> {
  const agency = await agencyInScope(db, p, input.agencyId);
  await assertUnitOfAgency(db, input.unitId, input.agencyId);
  const [row] = await db
    .insert(officers)
    .values({
      agencyId: input.agencyId,
      unitId: input.unitId ?? null,
      name: input.name,
      gender: input.gender,
      post: input.post ?? '',
      credentialNo: input.credentialNo,
      credentialKind: input.credentialKind ?? 'enforcement',
      fields: input.fields,
      regionCode: input.regionCode ?? agency.regionCode,
      validFrom: input.validFrom,
      validTo: input.validTo,
      status: input.status ?? 'active',
      legalQualification: input.legalQualification ?? false,
      legalQualificationNo: input.legalQualificationNo ?? '',
      residentId: input.residentId,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await logOfficerCreated(db, actorOf(p), row, '新增');
  return row.id;
}

/**
 * Changes keep their history: each update writes the new version with its reason and author.
 * Returns false (and writes nothing) when the patch changes no value.
 */
export async function updateOfficer(db: Tx, p: Principal, id: number, patch: OfficerPatch): Promise<boolean> {
  const { reason, expectedVersion, ...changes } = patch;
  const current = (await officerRow(db, p, id)).officer;
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new DomainError('VERSION_CONFLICT', '该人员信息已被他人修改，请刷新后重新编辑', 409);
  }
  const agencyId = changes.agencyId ?? current.agencyId;
  if (changes.agencyId !== undefined) await agencyInScope(db, p, changes.agencyId);
  if (changes.unitId !== undefined || changes.agencyId !== undefined) {
    await assertUnitOfAgency(db, changes.unitId === undefined ? current.unitId : changes.unitId, agencyId);
  }
  const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter(
    (k) => changes[k] !== undefined && JSON.stringify(changes[k]) !== JSON.stringify(current[k]),
  );
  if (changed.length === 0) return false;
  const merged = { ...current, ...changes };
  if (merged.validFrom && merged.validTo && merged.validFrom > merged.validTo) {
    throw new DomainError('VALIDATION_FAILED', '有效期止不能早于有效期起', 400, 'validTo');
  }
  const [row] = await db
    .update(officers)
    .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(officers.id, id), eq(officers.version, current.version)))
    .returning();
  if (!row) throw new DomainError('VERSION_CONFLICT', '该人员信息已被他人修改，请刷新后重新编辑', 409);
  await db
    .insert(officerVersions)
    .values({ officerId: id, version: row.version, snapshot: snapshotOf(row), reason, changedBy: p.userId });
  const before = ledgerRecord(current);
  const after = ledgerRecord(row);
  await appendEntry(db, {
    actor: actorOf(p),
    agencyId: row.agencyId,
    subjectType: 'officer',
    subjectId: id,
    action: 'officer.update',
    payload: {
      version: row.version,
      reason,
      changes: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
    },
  });
  return true;
}

type HistoryField = (typeof OFFICER_RECORD_FIELDS)[number];

interface Names {
  agencies: Map<number, string>;
  units: Map<number, string>;
  regions: Map<string, string>;
}

function display(field: HistoryField, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return '（空）';
  switch (field) {
    case 'fields':
      return Array.isArray(value) ? value.map((f) => FIELD_LABELS[f as Field] ?? f).join('、') : String(value);
    case 'status':
      return OFFICER_STATUS_LABELS[value as OfficerStatus] ?? String(value);
    case 'gender':
      return GENDER_LABELS[value as Gender] ?? String(value);
    case 'credentialKind':
      return CREDENTIAL_KIND_LABELS[value as CredentialKind] ?? String(value);
    case 'legalQualification':
      return value ? '有' : '无';
    case 'residentId':
      return maskResidentId(String(value));
    case 'agencyId':
      return names.agencies.get(Number(value)) ?? `（已删除的主体 ${value}）`;
    case 'unitId':
      return names.units.get(Number(value)) ?? `（已删除的科室 ${value}）`;
    case 'regionCode': {
      const name = names.regions.get(String(value));
      return name ? `${name}（${value}）` : String(value);
    }
    default:
      return String(value);
  }
}

/** The officer's versions, newest first, each with what changed from the version before. */
export async function officerHistory(db: Db, p: Principal, id: number) {
  await officerRow(db, p, id);
  const rows = await db
    .select({ v: officerVersions, changedBy: users.displayName })
    .from(officerVersions)
    .leftJoin(users, eq(users.id, officerVersions.changedBy))
    .where(eq(officerVersions.officerId, id))
    .orderBy(asc(officerVersions.version));
  const snapshots = rows.map((r) => r.v.snapshot as Record<string, unknown>);
  const ids = (key: string) => [...new Set(snapshots.map((s) => Number(s[key])).filter((n) => n > 0))];
  const codes = [...new Set(snapshots.map((s) => String(s.regionCode ?? '')).filter(Boolean))];
  const [agencyRows, unitRows, regionRows] = await Promise.all([
    ids('agencyId').length
      ? db
          .select()
          .from(agencies)
          .where(inArray(agencies.id, ids('agencyId')))
      : [],
    ids('unitId').length
      ? db
          .select()
          .from(units)
          .where(inArray(units.id, ids('unitId')))
      : [],
    codes.length ? db.select().from(regions).where(inArray(regions.code, codes)) : [],
  ]);
  const names: Names = {
    agencies: new Map(agencyRows.map((a) => [a.id, a.name])),
    units: new Map(unitRows.map((u) => [u.id, u.name])),
    regions: new Map(regionRows.map((r) => [r.code, r.name])),
  };
  const out = rows.map((r, i) => {
    const before = i > 0 ? (snapshots[i - 1] ?? {}) : {};
    const after = snapshots[i] ?? {};
    const changes = OFFICER_RECORD_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map(
      (f) => ({
        field: f,
        label: OFFICER_FIELD_LABELS[f],
        from: i === 0 ? null : display(f, before[f], names),
        to: display(f, after[f], names),
      }),
    );
    return {
      version: r.v.version,
      changedAt: r.v.changedAt,
      changedBy: r.changedBy ?? '系统',
      reason: r.v.reason,
      changes,
    };
  });
  return out.reverse();
}

/**
 * The full resident ID, for administrators only, with a stated reason (调阅, S-5): the access is
 * written to the ledger in the same transaction as the read, so no one sees it unrecorded.
 */
export async function officerResidentId(db: Db, p: Principal, id: number, reason: string): Promise<string> {
  if (!hasRole(p, 'admin')) throw forbidden('只有系统管理员可以查看完整的公民身份号码');
  return db.transaction(async (tx) => {
    const { officer } = await officerRow(tx, p, id);
    await appendEntry(tx, {
      actor: actorOf(p),
      agencyId: officer.agencyId,
      subjectType: 'officer',
      subjectId: id,
      action: 'officer.residentId.view',
      payload: { reason, record: 'residentId' },
    });
    return officer.residentId;
  });
}

/** P-42 lookup for a given matter field and date, used by later case rules and shown in the UI. */
export async function officerMayAct(db: Db, p: Principal, id: number, field: Field, date: string) {
  const o = (await officerRow(db, p, id)).officer;
  return mayAct({ ...o, status: o.status as OfficerStatus, fields: o.fields as Field[] }, { field, date });
}
