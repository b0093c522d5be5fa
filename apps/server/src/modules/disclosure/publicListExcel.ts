import {
  fieldText,
  LIST_VERSION_STATUS_LABELS,
  type ListVersionStatus,
  normalizeEntry,
  PUBLIC_LIST_FIELDS,
  PUBLIC_LIST_LABELS,
  type PublicListEntries,
  type PublicListKind,
  shanghaiDate,
} from '@sanxiang/domain';
import { DomainError, type ErrorItem } from '../../http/errors.js';
import { buildWorkbook, type Column, importFailed, readSheet } from '../registry/excelWorkbook.js';
import type { VersionRow } from './publicLists.js';

/*
 * The three lists as workbooks: one column per field of PUBLIC_LIST_FIELDS (the same Chinese labels
 * the console and the portal show), a 填写说明 sheet, and an import that checks every row with the
 * domain's validation and refuses the whole file naming each wrong row (第3行：…).
 */

function columnsOf<K extends PublicListKind>(kind: K): Column<PublicListEntries[K]>[] {
  return PUBLIC_LIST_FIELDS[kind].map((f) => ({
    header: f.label,
    required: f.required,
    width: f.width,
    options: f.options ? Object.values(f.options) : undefined,
    note: [f.note, `不超过${f.max}个字`, f.long ? '可换行（Alt+Enter）' : ''].filter(Boolean).join('；'),
    value: (e: PublicListEntries[K]) => fieldText(f, (e as unknown as Record<string, string>)[f.key]),
  }));
}

async function withNotes(buffer: Buffer, lines: string[]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const notes = wb.getWorksheet('填写说明');
  if (notes) for (const line of lines) notes.addRow(['', '', line]);
  // Long texts wrap in their cells.
  const sheet = wb.worksheets[0];
  sheet?.eachRow((row, n) => {
    if (n > 1) row.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const IMPORT_NOTE =
  '导入时整份文件保存为本清单的草稿（已有草稿的将被替换），须填写调整原因；草稿提交本单位法制机构审核通过后才公开。任何一行有错误，整个文件都不会导入。';

/** An empty workbook to fill in: the import template. */
export async function listTemplate(kind: PublicListKind, agencyName: string): Promise<Buffer> {
  const buffer = await buildWorkbook(PUBLIC_LIST_LABELS[kind], columnsOf(kind), []);
  return withNotes(buffer, [
    `本文件为${agencyName}${PUBLIC_LIST_LABELS[kind]}导入模板。每一行是清单中的一项。`,
    IMPORT_NOTE,
  ]);
}

/** Any version of a list as a workbook (the same layout imports back). */
export async function exportVersion(agencyName: string, row: VersionRow): Promise<Buffer> {
  const kind = row.kind as PublicListKind;
  const buffer = await buildWorkbook(PUBLIC_LIST_LABELS[kind], columnsOf(kind), row.entries as never[]);
  const status = LIST_VERSION_STATUS_LABELS[row.status as ListVersionStatus] ?? row.status;
  const when = row.publishedAt ? `，公示于 ${shanghaiDate(row.publishedAt)}` : '';
  return withNotes(buffer, [
    `本文件为${agencyName}${PUBLIC_LIST_LABELS[kind]}第${row.version}版（${status}${when}；调整原因：${row.reason}）。`,
    IMPORT_NOTE,
  ]);
}

/** The field label a problem message is about (for the error's column), if any. */
function fieldOf(kind: PublicListKind, message: string): string | undefined {
  return PUBLIC_LIST_FIELDS[kind].find((f) => message.includes(f.label))?.label;
}

/** Reads an uploaded workbook into a list's entries; any wrong row refuses the whole file. */
export async function readListWorkbook<K extends PublicListKind>(
  kind: K,
  buffer: Buffer,
): Promise<PublicListEntries[K][]> {
  const fields = PUBLIC_LIST_FIELDS[kind];
  const rows = await readSheet(buffer, columnsOf(kind));
  const errors: ErrorItem[] = [];
  const entries: PublicListEntries[K][] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const raw: Record<string, string> = {};
    for (const f of fields) raw[f.key] = values[f.label] ?? '';
    const { entry, problems } = normalizeEntry(kind, raw);
    for (const p of problems) {
      const message = p.replace(/^“[^”]*”的/, '');
      errors.push({ row, field: fieldOf(kind, message), message: `第${row}行：${message}` });
    }
    const first = seen.get(entry.code);
    if (entry.code && first !== undefined) {
      errors.push({ row, field: '编号', message: `第${row}行：编号“${entry.code}”与第${first}行重复` });
    } else if (entry.code) seen.set(entry.code, row);
    entries.push(entry);
  }
  if (errors.length > 0) {
    const base = importFailed(errors);
    throw new DomainError(
      base.code,
      `${base.message}。${errors[0]?.message ?? ''}${errors.length > 1 ? ' 等' : ''}`,
      base.status,
      base.field,
      errors,
    );
  }
  return entries;
}
