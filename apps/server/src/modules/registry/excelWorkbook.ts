import { shanghaiDate } from '@sanxiang/domain';
import type ExcelJS from 'exceljs';
import { DomainError, type ErrorItem } from '../../http/errors.js';

/** One column of an export/import sheet: its Chinese header, how to fill it, and its allowed values. */
export interface Column<T> {
  header: string;
  width?: number;
  required?: boolean;
  value: (row: T) => string | number | null | undefined;
  /** Allowed values, offered as a drop-down in the template. */
  options?: readonly string[];
  note?: string;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

/** exceljs (~17 MB resident) loads with the first spreadsheet, not at start. */
const excel = async () => (await import('exceljs')).default;

/** A workbook with one data sheet (headers frozen, drop-downs for closed lists) and a 填写说明 sheet. */
export async function buildWorkbook<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = '三项 · 行政执法三项制度管理平台';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  for (const r of rows) ws.addRow(columns.map((c) => c.value(r) ?? ''));
  const lastRow = Math.max(rows.length + 1, 1000);
  columns.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    // Text format keeps long numbers (ID numbers, credit codes) from turning into 1.1E+17.
    ws.getColumn(i + 1).numFmt = '@';
    if (c.options && c.options.join(',').length < 250) {
      for (let r = 2; r <= lastRow; r++) {
        ws.getCell(`${letter}${r}`).dataValidation = {
          type: 'list',
          allowBlank: !c.required,
          formulae: [`"${c.options.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '输入值无效',
          error: `请从下拉列表中选择${c.header}`,
        };
      }
    }
  });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 20 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns) {
    const allowed = c.options ? `可选值：${c.options.join('、')}` : '';
    notes.addRow([c.header, c.required ? '必填' : '选填', [c.note, allowed].filter(Boolean).join('；')]);
  }
  notes.addRow([]);
  notes.addRow([
    '',
    '',
    `红色表头为必填列。导入时任何一行有错误，整个文件都不会导入，并逐行列出错误原因。生成日期：${shanghaiDate()}`,
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return shanghaiDate(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

export interface SheetRow {
  /** The row number as Excel shows it. */
  row: number;
  values: Record<string, string>;
}

export const MAX_IMPORT_ROWS = 5000;

/** Reads the first sheet; its header row must hold every required column of `columns`. */
export async function readSheet<T>(buffer: Buffer, columns: Column<T>[]): Promise<SheetRow[]> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new DomainError(
      'IMPORT_UNREADABLE',
      '无法读取文件：请上传 Excel（.xlsx）文件，可先下载导入模板',
      400,
      'file',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('IMPORT_UNREADABLE', '文件中没有工作表', 400, 'file');
  const headerIndex = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headerIndex.set(cellText(cell.value), col));
  const missing = columns.filter((c) => c.required && !headerIndex.has(c.header)).map((c) => c.header);
  if (missing.length) {
    throw new DomainError('IMPORT_INVALID', `表头缺少必填列：${missing.join('、')}。请使用导入模板`, 400, 'file');
  }
  const rows: SheetRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const c of columns) {
      const col = headerIndex.get(c.header);
      const text = col ? cellText(row.getCell(col).value) : '';
      values[c.header] = text;
      if (text) any = true;
    }
    if (any) rows.push({ row: rowNumber, values });
  });
  if (rows.length === 0) throw new DomainError('IMPORT_EMPTY', '文件中没有数据行', 400, 'file');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError('IMPORT_TOO_LARGE', `单个文件最多导入${MAX_IMPORT_ROWS}行，请分批导入`, 400, 'file');
  }
  return rows;
}

export function importFailed(errors: ErrorItem[]): DomainError {
  const rows = new Set(errors.map((e) => e.row)).size;
  return new DomainError(
    'IMPORT_INVALID',
    `导入文件有${rows}行存在${errors.length}处错误，未导入任何数据，请修改后重新导入`,
    400,
    'file',
    errors,
  );
}

export function xlsxFileName(base: string): string {
  return encodeURIComponent(`${base}_${shanghaiDate()}.xlsx`);
}
