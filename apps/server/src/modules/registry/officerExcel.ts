import {
  CREDENTIAL_KIND_LABELS,
  type CredentialKind,
  codeForLabel,
  FIELD_LABELS,
  FIELDS,
  type Field,
  GENDER_LABELS,
  OFFICER_STATUS_LABELS,
} from '@sanxiang/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { agencies, officers, units } from '../../db/schema.js';
import { DomainError, type ErrorItem, fromDatabaseError } from '../../http/errors.js';
import { type Principal, scopeContains } from '../identity/principal.js';
import { buildWorkbook, type Column, importFailed, readSheet } from './excelWorkbook.js';
import { allOfficers, createOfficer, updateOfficer } from './officerService.js';
import { officerCreateSchema } from './registrySchemas.js';

type Row = Awaited<ReturnType<typeof allOfficers>>[number];
type Key = keyof z.input<typeof officerCreateSchema> | 'agencyName' | 'unitName';

const labels = (r: Record<string, string>) => Object.values(r);

/** The officer sheet: one definition for export, template and import. */
export const OFFICER_COLUMNS: (Column<Row> & { key: Key })[] = [
  { key: 'name', header: '姓名', required: true, width: 10, value: (r) => r.officer.name },
  {
    key: 'gender',
    header: '性别',
    required: true,
    width: 6,
    options: labels(GENDER_LABELS),
    value: (r) => GENDER_LABELS[r.officer.gender as 'male'],
  },
  {
    key: 'agencyName',
    header: '执法主体',
    required: true,
    width: 26,
    value: (r) => r.agencyName,
    note: '须与系统中执法主体名称完全一致',
  },
  { key: 'unitName', header: '科室', width: 16, value: (r) => r.unitName, note: '本主体尚无该科室时自动新增' },
  { key: 'post', header: '职务', width: 12, value: (r) => r.officer.post },
  {
    key: 'credentialNo',
    header: '执法证号',
    width: 16,
    value: (r) => r.officer.credentialNo,
    note: '已登记的执法证号按更新处理，否则新增',
  },
  {
    key: 'credentialKind',
    header: '证件类型',
    width: 14,
    options: labels(CREDENTIAL_KIND_LABELS),
    value: (r) => CREDENTIAL_KIND_LABELS[r.officer.credentialKind as CredentialKind],
  },
  {
    key: 'fields',
    header: '执法类别',
    width: 20,
    value: (r) => (r.officer.fields as Field[]).map((f) => FIELD_LABELS[f]).join('、'),
    note: `多个类别用顿号或逗号分隔。可选：${FIELDS.map((f) => FIELD_LABELS[f]).join('、')}`,
  },
  {
    key: 'regionCode',
    header: '行政区划代码',
    width: 12,
    value: (r) => r.officer.regionCode,
    note: '留空时取执法主体所在区划',
  },
  { key: 'validFrom', header: '有效期起', width: 12, value: (r) => r.officer.validFrom, note: '格式 2026-01-01' },
  { key: 'validTo', header: '有效期止', width: 12, value: (r) => r.officer.validTo, note: '格式 2028-12-31' },
  {
    key: 'status',
    header: '状态',
    width: 8,
    options: labels(OFFICER_STATUS_LABELS),
    value: (r) => OFFICER_STATUS_LABELS[r.officer.status as 'active'],
    note: '留空为在岗',
  },
  {
    key: 'legalQualification',
    header: '法律职业资格',
    width: 12,
    options: ['是', '否'],
    value: (r) => (r.officer.legalQualification ? '是' : '否'),
  },
  {
    key: 'legalQualificationNo',
    header: '法律职业资格证书编号',
    width: 20,
    value: (r) => r.officer.legalQualificationNo,
  },
  {
    key: 'residentId',
    header: '公民身份号码',
    required: true,
    width: 22,
    value: () => '',
    note: '新增人员必填（GB 11643，含校验位）；按执法证号更新已登记人员时可留空。导出文件不含此列内容',
  },
];

const headerOf = (key: string) => OFFICER_COLUMNS.find((c) => c.key === key)?.header ?? key;

export async function exportOfficers(db: Db, p: Principal): Promise<Buffer> {
  return buildWorkbook('执法人员', OFFICER_COLUMNS, await allOfficers(db, p));
}

export async function officerTemplate(): Promise<Buffer> {
  return buildWorkbook('执法人员', OFFICER_COLUMNS, []);
}

function splitList(s: string): string[] {
  return s
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * Imports officers from a workbook: every row is checked first (same schema as the API); if any
 * row is wrong nothing is saved and every error is reported with its row number. Otherwise all
 * rows are saved in one transaction; a row whose 执法证号 is already registered updates it.
 */
export async function importOfficers(
  db: Db,
  p: Principal,
  buffer: Buffer,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const rows = await readSheet(buffer, OFFICER_COLUMNS);
  const errors: ErrorItem[] = [];
  const scoped = (await db.select().from(agencies)).filter((a) => scopeContains(p.scope, a));
  const agencyByName = new Map(scoped.map((a) => [a.name, a]));
  const seenCredential = new Map<string, number>();
  const seenResident = new Map<string, number>();
  const parsed: { row: number; input: z.output<typeof officerCreateSchema>; unitName: string }[] = [];

  // Officers already registered under a credential number of the file: in scope → update
  // (the resident ID may then be left blank, as the export leaves it); elsewhere → refuse.
  const credentialNos = rows.map((r) => r.values[headerOf('credentialNo')] ?? '').filter(Boolean);
  const existing = credentialNos.length
    ? await db
        .select({
          id: officers.id,
          credentialNo: officers.credentialNo,
          residentId: officers.residentId,
          agencyId: agencies.id,
          regionCode: agencies.regionCode,
        })
        .from(officers)
        .innerJoin(agencies, eq(agencies.id, officers.agencyId))
        .where(inArray(officers.credentialNo, credentialNos))
    : [];
  const existingByNo = new Map(existing.map((e) => [e.credentialNo, e]));

  for (const { row, values } of rows) {
    const err = (key: string, message: string) => errors.push({ row, field: headerOf(key), message });
    const v = (key: Key) => values[headerOf(key)] ?? '';
    // Duplicates within the file are reported whatever else is wrong with the row.
    const duplicateOf = (seen: Map<string, number>, key: Key, what: string) => {
      const value = v(key).toUpperCase();
      if (!value) return;
      const first = seen.get(value);
      if (first) err(key, `与第${first}行的${what}重复`);
      else seen.set(value, row);
    };
    duplicateOf(seenCredential, 'credentialNo', '执法证号');
    duplicateOf(seenResident, 'residentId', '公民身份号码');
    const agency = agencyByName.get(v('agencyName'));
    if (!agency) err('agencyName', v('agencyName') ? `执法主体“${v('agencyName')}”不存在或不在您的管辖范围内` : '必填');
    const gender = codeForLabel(GENDER_LABELS, v('gender'));
    if (!gender) err('gender', '应为“男”或“女”');
    const fieldCodes = splitList(v('fields')).map((s) => ({ s, code: codeForLabel(FIELD_LABELS, s) }));
    for (const f of fieldCodes) if (!f.code) err('fields', `未知的执法类别“${f.s}”`);
    const status = v('status') ? codeForLabel(OFFICER_STATUS_LABELS, v('status')) : 'active';
    if (!status) err('status', '应为在岗、暂扣或注销');
    const credentialKind = v('credentialKind')
      ? codeForLabel(CREDENTIAL_KIND_LABELS, v('credentialKind'))
      : 'enforcement';
    if (!credentialKind) err('credentialKind', '应为行政执法证或行政执法监督证');
    const lq = v('legalQualification');
    if (lq && lq !== '是' && lq !== '否') err('legalQualification', '应为“是”或“否”');
    const known = existingByNo.get(v('credentialNo'));
    if (known && !scopeContains(p.scope, { id: known.agencyId, regionCode: known.regionCode })) {
      err('credentialNo', '该执法证号已由其他执法主体登记');
      continue;
    }
    if (!agency || !gender || !status || !credentialKind || fieldCodes.some((f) => !f.code)) continue;

    const result = officerCreateSchema.safeParse({
      name: v('name'),
      gender,
      agencyId: agency.id,
      post: v('post'),
      credentialNo: v('credentialNo') || null,
      credentialKind,
      fields: fieldCodes.map((f) => f.code),
      regionCode: v('regionCode') || agency.regionCode,
      validFrom: v('validFrom') || null,
      validTo: v('validTo') || null,
      status,
      legalQualification: lq === '是',
      legalQualificationNo: v('legalQualificationNo'),
      residentId: v('residentId') || known?.residentId || '',
    });
    if (!result.success) {
      for (const issue of result.error.issues) err(String(issue.path[0] ?? ''), issue.message);
      continue;
    }
    parsed.push({ row, input: result.data, unitName: v('unitName') });
  }
  if (errors.length) throw importFailed(errors);

  let created = 0;
  let updated = 0;
  let unchanged = 0;
  await db.transaction(async (tx) => {
    for (const x of parsed) {
      try {
        let unitId: number | null = null;
        if (x.unitName) {
          const [u] = await tx
            .select({ id: units.id })
            .from(units)
            .where(and(eq(units.agencyId, x.input.agencyId), eq(units.name, x.unitName)));
          unitId =
            u?.id ??
            (
              await tx
                .insert(units)
                .values({ agencyId: x.input.agencyId, name: x.unitName })
                .returning({ id: units.id })
            )[0]?.id ??
            null;
        }
        const e = x.input.credentialNo ? existingByNo.get(x.input.credentialNo) : undefined;
        if (e) {
          if (await updateOfficer(tx, p, e.id, { ...x.input, unitId, reason: 'Excel 批量导入更新' })) updated++;
          else unchanged++;
        } else {
          await createOfficer(tx, p, { ...x.input, unitId });
          created++;
        }
      } catch (err) {
        const known = err instanceof DomainError ? err : fromDatabaseError(err);
        if (!known) throw err;
        throw importFailed([
          { row: x.row, field: known.field ? headerOf(known.field) : undefined, message: known.message },
        ]);
      }
    }
  });
  return { created, updated, unchanged };
}
