import {
  type AnnualReportDocument,
  annualReportLayout,
  annualReportTitle,
  noSourceNote,
  REPORT_UNIT_LABELS,
  reportPeriod,
  reportSections,
} from '@sanxiang/domain';
import type ExcelJS from 'exceljs';

/** The 年报 as a spreadsheet in the published table layout (G-4): 项目 | 指标 | 单位 | 数值, one block per section. */
export async function annualReportXlsx(r: AnnualReportDocument): Promise<Buffer> {
  const Excel = (await import('exceljs')).default;
  const wb = new Excel.Workbook();
  wb.creator = '三项 · 行政执法三项制度管理平台';
  wb.created = new Date(`${r.date}T00:00:00+08:00`);
  const ws = wb.addWorksheet(`${r.year}年度`, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 22 }, { width: 40 }, { width: 8 }, { width: 18 }];
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    left: { style: 'thin' },
    bottom: { style: 'thin' },
    right: { style: 'thin' },
  };

  ws.mergeCells('A1:D1');
  const title = ws.getCell('A1');
  title.value = annualReportTitle(r.subjectName, r.year);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  ws.mergeCells('A2:D2');
  ws.getCell('A2').value =
    `填报单位：${r.subjectName}　　${reportPeriod(r.year)}　　${r.published ? '公开' : '生成'}日期：${r.date}`;

  const header = ws.addRow(['项目', '指标', '单位', '数值']);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.border = border;
    c.alignment = { horizontal: 'center' };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];

  for (const s of reportSections(r.heldKinds)) {
    const first = ws.rowCount + 1;
    for (const row of s.rows) {
      const v = r.figures[row.key];
      const value = v === null || v === undefined ? '－' : row.unit === 'fen' ? v / 100 : v;
      const x = ws.addRow([s.title, `${row.level ? '　　' : ''}${row.label}`, REPORT_UNIT_LABELS[row.unit], value]);
      x.eachCell((c) => {
        c.border = border;
      });
      const cell = x.getCell(4);
      cell.alignment = { horizontal: 'right' };
      if (typeof value === 'number')
        cell.numFmt = row.unit === 'fen' ? '#,##0.00' : row.unit === 'percent' ? '0.0' : '0';
    }
    ws.mergeCells(first, 1, ws.rowCount, 1);
    const sectionCell = ws.getCell(first, 1);
    sectionCell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    sectionCell.font = { bold: true };
  }

  ws.addRow([]);
  const notes = [r.notes.trim(), noSourceNote(r.heldKinds)].filter(Boolean).join('\n');
  const n = ws.addRow(['说明', notes]);
  ws.mergeCells(n.number, 2, n.number, 4);
  n.getCell(1).font = { bold: true };
  n.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  n.height = Math.max(30, 16 * Math.ceil(notes.length / 36));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The 年报 as an A4 PDF through the instrument renderer (same font, furniture and table drawing). */
export async function annualReportPdf(r: AnnualReportDocument): Promise<Buffer> {
  const { renderPdf } = await import('../instruments/render/pdfRender.js');
  return renderPdf(annualReportLayout(r));
}

/** File name of a download, e.g. 示例县应急管理局2026年度行政执法数据统计表.xlsx. */
export const reportFileName = (r: Pick<AnnualReportDocument, 'subjectName' | 'year'>, ext: 'xlsx' | 'pdf') =>
  encodeURIComponent(`${annualReportTitle(r.subjectName, r.year)}.${ext}`);
