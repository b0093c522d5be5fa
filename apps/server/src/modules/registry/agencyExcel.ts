import {
  AGENCY_KIND_LABELS,
  AGENCY_ROLE_LABELS,
  type AgencyKind,
  type AgencyRole,
  codeForLabel,
  FIELD_LABELS,
  type Field,
} from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { agencies, units } from '../../db/schema.js';
import { DomainError, type ErrorItem, fromDatabaseError } from '../../http/errors.js';
import { type Principal, scopeContains } from '../identity/principal.js';
import { allAgencies, createAgency, updateAgency } from './agencyService.js';
import { buildWorkbook, type Column, importFailed, readSheet } from './excelWorkbook.js';
import { agencyCreateSchema } from './registrySchemas.js';

type Row = Awaited<ReturnType<typeof allAgencies>>[number];
type Key = keyof z.input<typeof agencyCreateSchema> | 'parentName';

/** The agency sheet: one definition for export, template and import. */
export const AGENCY_COLUMNS: (Column<Row> & { key: Key })[] = [
  {
    key: 'name',
    header: '名称',
    required: true,
    width: 28,
    value: (r) => r.name,
    note: '已存在的名称按更新处理，否则新增',
  },
  {
    key: 'kind',
    header: '主体类别',
    required: true,
    width: 18,
    options: Object.values(AGENCY_KIND_LABELS),
    value: (r) => AGENCY_KIND_LABELS[r.kind as AgencyKind],
  },
  {
    key: 'role',
    header: '机构性质',
    width: 26,
    options: Object.values(AGENCY_ROLE_LABELS),
    value: (r) => AGENCY_ROLE_LABELS[r.role as AgencyRole],
    note: '留空为执法主体',
  },
  {
    key: 'regionCode',
    header: '行政区划代码',
    required: true,
    width: 12,
    value: (r) => r.regionCode,
    note: 'GB/T 2260 六位代码',
  },
  {
    key: 'field',
    header: '执法领域',
    required: true,
    width: 14,
    options: Object.values(FIELD_LABELS),
    value: (r) => FIELD_LABELS[r.field as Field],
  },
  { key: 'address', header: '地址', width: 30, value: (r) => r.address },
  { key: 'officePhone', header: '办公电话', width: 16, value: (r) => r.officePhone },
  { key: 'complaintPhone', header: '投诉电话', width: 16, value: (r) => r.complaintPhone },
  { key: 'uscc', header: '统一社会信用代码', width: 22, value: (r) => r.uscc, note: 'GB 32100，18位，含校验位' },
  { key: 'parentName', header: '上级监督机关', width: 20, value: (r) => r.parentName, note: '司法行政机关名称' },
  {
    key: 'units',
    header: '科室',
    width: 30,
    value: (r) => r.units.map((u) => u.name).join('、'),
    note: '多个科室用顿号分隔；只新增，不删除',
  },
];

const headerOf = (key: string) => AGENCY_COLUMNS.find((c) => c.key === key)?.header ?? key;

export async function exportAgencies(db: Db, p: Principal): Promise<Buffer> {
  return buildWorkbook('执法主体', AGENCY_COLUMNS, await allAgencies(db, p));
}

export async function agencyTemplate(): Promise<Buffer> {
  return buildWorkbook('执法主体', AGENCY_COLUMNS, []);
}

/** Same contract as the officer import: all rows valid, or nothing saved and every error listed. */
export async function importAgencies(
  db: Db,
  p: Principal,
  buffer: Buffer,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const rows = await readSheet(buffer, AGENCY_COLUMNS);
  const all = await db.select().from(agencies);
  const byName = new Map(all.map((a) => [a.name, a]));
  const errors: ErrorItem[] = [];
  const seen = new Map<string, number>();
  const parsed: { row: number; input: z.output<typeof agencyCreateSchema> }[] = [];

  for (const { row, values } of rows) {
    const err = (key: string, message: string) => errors.push({ row, field: headerOf(key), message });
    const v = (key: Key) => values[headerOf(key)] ?? '';
    const kind = codeForLabel(AGENCY_KIND_LABELS, v('kind'));
    if (!kind) err('kind', '应为行政机关、法律法规授权组织或受委托组织');
    const role = v('role') ? codeForLabel(AGENCY_ROLE_LABELS, v('role')) : 'agency';
    if (!role) err('role', '应为执法主体或执法监督机关（司法行政机关）');
    const field = codeForLabel(FIELD_LABELS, v('field'));
    if (!field) err('field', v('field') ? `未知的执法领域“${v('field')}”` : '必填');
    let parentId: number | null = null;
    if (v('parentName')) {
      const parent = byName.get(v('parentName'));
      if (parent?.role !== 'supervisor') err('parentName', `司法行政机关“${v('parentName')}”不存在`);
      else parentId = parent.id;
    }
    if (!kind || !role || !field) continue;
    const result = agencyCreateSchema.safeParse({
      name: v('name'),
      kind,
      role,
      regionCode: v('regionCode'),
      field,
      address: v('address'),
      officePhone: v('officePhone'),
      complaintPhone: v('complaintPhone'),
      uscc: v('uscc') || null,
      parentId,
      units: v('units')
        .split(/[、,，;；]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
    if (!result.success) {
      for (const issue of result.error.issues) err(String(issue.path[0] ?? ''), issue.message);
      continue;
    }
    const first = seen.get(result.data.name);
    if (first) err('name', `与第${first}行的名称重复`);
    else seen.set(result.data.name, row);
    const existing = byName.get(result.data.name);
    if (existing && !scopeContains(p.scope, existing)) err('name', '同名执法主体已存在且不在您的管辖范围内');
    parsed.push({ row, input: result.data });
  }
  if (errors.length) throw importFailed(errors);

  let created = 0;
  let updated = 0;
  let unchanged = 0;
  await db.transaction(async (tx) => {
    for (const { row, input } of parsed) {
      try {
        const existing = byName.get(input.name);
        if (existing) {
          const { units: unitNames, ...patch } = input;
          let changed = await updateAgency(tx, p, existing.id, patch);
          const have = new Set(
            (await tx.select().from(units).where(eq(units.agencyId, existing.id))).map((u) => u.name),
          );
          for (const name of unitNames ?? []) {
            if (have.has(name)) continue;
            await tx.insert(units).values({ agencyId: existing.id, name });
            changed = true;
          }
          if (changed) updated++;
          else unchanged++;
        } else {
          await createAgency(tx, p, input);
          created++;
        }
      } catch (err) {
        const known = err instanceof DomainError ? err : fromDatabaseError(err);
        if (!known) throw err;
        throw importFailed([{ row, field: known.field ? headerOf(known.field) : undefined, message: known.message }]);
      }
    }
  });
  return { created, updated, unchanged };
}
