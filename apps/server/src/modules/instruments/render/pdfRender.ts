/**
 * Draws an instrument layout as an A4 PDF with pdfkit, in Noto Serif SC (OFL, embedded as a subset of
 * the glyphs used, so a two-page instrument is tens of KB, not the 15 MB font). The same layout renders
 * to the same bytes: the metadata dates come from the layout's date and pdfkit derives the file ID from
 * the metadata, which is what lets the server store digests of issued renderings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  AGENCY_SIZE,
  BODY_SIZE,
  type FieldCell,
  type FieldTableBlock,
  FOOTER_SIZE,
  type InstrumentLayout,
  type LabeledBlock,
  type LayoutBlock,
  LINE_HEIGHT,
  NUMBER_PLACEHOLDER,
  PAGE_MARGINS_CM,
  type ParagraphBlock,
  runsOf,
  type SealBlock,
  type SignaturesBlock,
  TABLE_LINE_HEIGHT,
  TABLE_SIZE,
  type TableBlock,
  type TextAlign,
  TITLE_SIZE,
} from '@sanxiang/domain';
import PDFDocument from 'pdfkit';

const fontDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif-sc/package.json'));
/** Read on first use, then kept (30 MB): pdfkit parses and subsets them for each document. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
export const loadFonts = () => {
  fonts ??= {
    regular: readFileSync(join(fontDir, '400Regular', 'NotoSerifSC_400Regular.ttf')),
    bold: readFileSync(join(fontDir, '700Bold', 'NotoSerifSC_700Bold.ttf')),
  };
  return fonts;
};

const CM = 72 / 2.54;
const A4 = { width: 595.28, height: 841.89 };
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;

/** pdfkit has no CJK justification (it stretches spaces only); left is what justified CJK looks like unstretched. */
function pdfAlign(a: TextAlign | undefined): 'left' | 'center' | 'right' {
  return a === 'center' || a === 'right' ? a : 'left';
}

class PdfWriter {
  readonly left: number;
  readonly width: number;
  readonly body: number;
  readonly line: number;

  constructor(
    readonly doc: Doc,
    readonly layout: InstrumentLayout,
  ) {
    const m = PAGE_MARGINS_CM[layout.style];
    this.left = m.left * CM;
    this.width = A4.width - (m.left + m.right) * CM;
    this.body = BODY_SIZE[layout.style];
    this.line = LINE_HEIGHT[layout.style];
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Sets the face and size; returns the lineGap that makes lines `pitch` apart. */
  font(bold: boolean, size: number, pitch: number): number {
    this.doc.font(bold ? 'bold' : 'regular').fontSize(size);
    return Math.max(0, pitch - this.doc.currentLineHeight(true));
  }

  /** Starts a new page when fewer than `h` points are left on this one. */
  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) this.doc.addPage();
  }

  header(): void {
    const { doc, layout } = this;
    doc.y = doc.page.margins.top;
    let gap = this.font(true, AGENCY_SIZE, AGENCY_SIZE * 1.6);
    doc.text(layout.agencyName, this.left, doc.y, { width: this.width, align: 'center', lineGap: gap });
    gap = this.font(true, TITLE_SIZE, TITLE_SIZE * 1.6);
    doc.text(layout.title, this.left, doc.y, { width: this.width, align: 'center', lineGap: gap });
    if (layout.showNumber !== false) {
      gap = this.font(false, this.body, this.line);
      doc.text(layout.number ?? NUMBER_PLACEHOLDER, this.left, doc.y, {
        width: this.width,
        align: 'right',
        lineGap: gap,
      });
    }
    doc.y += this.line * 0.4;
  }

  paragraph(b: ParagraphBlock): void {
    const size = b.size ?? this.body;
    const pitch = b.size ? b.size * 1.5 : this.line;
    const runs = runsOf(b.text);
    const indent = b.indent === false ? 0 : size * 2;
    this.ensure(pitch);
    this.doc.x = this.left;
    runs.forEach((r, i) => {
      const lineGap = this.font(!!(b.bold || r.bold), size, pitch);
      this.doc.text(r.text, {
        width: this.width,
        align: pdfAlign(b.align),
        indent,
        lineGap,
        underline: !!r.underline,
        continued: i < runs.length - 1,
      });
    });
  }

  heading(text: string, align: TextAlign | undefined): void {
    this.ensure(this.line * 2);
    const lineGap = this.font(true, this.body, this.line);
    this.doc.text(text, this.left, this.doc.y, {
      width: this.width,
      align: pdfAlign(align),
      indent: align === 'center' ? 0 : this.body * 2,
      lineGap,
    });
  }

  /** `label：value` pairs, values underlined and padded to their minimum width. */
  labeled(b: LabeledBlock): void {
    this.ensure(this.line);
    this.doc.x = this.left;
    const lineGap = this.font(false, this.body, this.line);
    const parts: { text: string; underline: boolean }[] = [];
    b.items.forEach((item, i) => {
      parts.push({ text: `${i > 0 ? '　　' : ''}${item.label}：`, underline: false });
      const pad = Math.max(0, (item.minChars ?? 0) - [...item.value].length);
      parts.push({ text: `${item.value}${'　'.repeat(pad)}` || '　', underline: true });
    });
    parts.forEach((p, i) => {
      this.doc.text(p.text, {
        width: this.width,
        lineGap,
        underline: p.underline,
        continued: i < parts.length - 1,
      });
    });
  }

  /** Height of a cell's text at the table size. */
  private textHeight(text: string, width: number, bold: boolean): number {
    if (!text) return 0;
    const lineGap = this.font(bold, TABLE_SIZE, TABLE_LINE_HEIGHT);
    return this.doc.heightOfString(text, { width, lineGap });
  }

  private cellHeight(c: FieldCell, width: number): number {
    const text = Math.max(this.textHeight(c.text, width, !!c.label), (c.minLines ?? 1) * TABLE_LINE_HEIGHT);
    return text + (c.footer ? TABLE_LINE_HEIGHT + 2 : 0) + CELL_PAD * 2;
  }

  private drawCell(c: FieldCell, x: number, y: number, w: number, h: number): void {
    const { doc } = this;
    doc.lineWidth(0.75).rect(x, y, w, h).stroke();
    const inner = w - CELL_PAD * 2;
    const lineGap = this.font(!!c.label, TABLE_SIZE, TABLE_LINE_HEIGHT);
    const th = this.textHeight(c.text, inner, !!c.label);
    const top = c.footer || (c.minLines ?? 1) > 1 ? y + CELL_PAD : y + (h - th) / 2;
    if (c.text) {
      this.font(!!c.label, TABLE_SIZE, TABLE_LINE_HEIGHT);
      doc.text(c.text, x + CELL_PAD, top, {
        width: inner,
        align: c.label ? 'center' : pdfAlign(c.align),
        lineGap,
      });
    }
    if (c.footer) {
      const fg = this.font(false, TABLE_SIZE, TABLE_LINE_HEIGHT);
      doc.text(c.footer, x + CELL_PAD, y + h - CELL_PAD - TABLE_LINE_HEIGHT, {
        width: inner,
        align: 'right',
        lineGap: fg,
      });
    }
  }

  fieldTable(b: FieldTableBlock): void {
    const total = b.columns.reduce((a, n) => a + n, 0);
    const unit = this.width / total;
    for (const row of b.rows) {
      let col = 0;
      const cells = row.map((c) => {
        const span = c.span ?? 1;
        const w = b.columns.slice(col, col + span).reduce((a, n) => a + n, 0) * unit;
        const x = this.left + b.columns.slice(0, col).reduce((a, n) => a + n, 0) * unit;
        col += span;
        return { c, x, w };
      });
      const h = Math.max(...cells.map(({ c, w }) => this.cellHeight(c, w - CELL_PAD * 2)));
      this.ensure(h);
      const y = this.doc.y;
      for (const { c, x, w } of cells) this.drawCell(c, x, y, w, h);
      this.doc.y = y + h;
    }
    this.doc.x = this.left;
    this.doc.y += this.line * 0.3;
  }

  table(b: TableBlock): void {
    const total = b.columns.reduce((a, c) => a + c.width, 0);
    const widths = b.columns.map((c) => (c.width / total) * this.width);
    const rows = [...b.rows];
    while (rows.length < (b.minRows ?? 0)) rows.push(b.columns.map(() => ''));
    const drawRow = (cells: string[], header: boolean) => {
      const h = Math.max(
        TABLE_LINE_HEIGHT + CELL_PAD * 2,
        ...cells.map((t, i) => this.textHeight(t, (widths[i] ?? 0) - CELL_PAD * 2, header) + CELL_PAD * 2),
      );
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        if (!header)
          drawRow(
            b.columns.map((c) => c.header),
            true,
          );
      }
      const y = this.doc.y;
      let x = this.left;
      cells.forEach((text, i) => {
        const w = widths[i] ?? 0;
        const col = b.columns[i];
        this.drawCell({ text, label: header, align: header ? 'center' : col?.align, minLines: 1 }, x, y, w, h);
        x += w;
      });
      this.doc.y = y + h;
    };
    drawRow(
      b.columns.map((c) => c.header),
      true,
    );
    for (const r of rows) drawRow(r, false);
    this.doc.x = this.left;
    this.doc.y += this.line * 0.3;
  }

  /**
   * Rows of `label：______` with the blank as a rule, the value (if any) written on it. A row wider than
   * the page has its blanks and gaps shrunk to fit, never an item dropped.
   */
  signatures(b: SignaturesBlock): void {
    const { doc } = this;
    const pitch = this.line * 1.5;
    const size = this.body;
    if (this.signaturesHeight(b) < this.bottom - this.doc.page.margins.top) this.ensure(this.signaturesHeight(b));
    for (const row of b.rows) {
      this.ensure(pitch);
      const lineGap = this.font(false, size, this.line);
      const labels = row.map((item) => `${item.label}：`);
      const labelW = labels.map((l) => doc.widthOfString(l));
      const valueW = row.map((item) => (item.value ? doc.widthOfString(item.value) + size * 0.5 : 0));
      const blanks = row.map((item, i) => Math.max((item.chars ?? 8) * size, valueW[i] ?? 0));
      let gap = size * 1.5;
      const fixed = labelW.reduce((a, n) => a + n, 0);
      const natural = fixed + blanks.reduce((a, n) => a + n, 0) + gap * (row.length - 1);
      if (natural > this.width) {
        gap = size * 0.75;
        const room = this.width - fixed - gap * (row.length - 1);
        const k = room / blanks.reduce((a, n) => a + n, 0);
        blanks.forEach((w, i) => {
          blanks[i] = Math.max(w * k, valueW[i] ?? 0);
        });
      }
      const y = doc.y + (pitch - this.line);
      let x = this.left;
      row.forEach((item, i) => {
        const blank = blanks[i] ?? 0;
        doc.text(labels[i] ?? '', x, y, { lineBreak: false, lineGap });
        const vx = x + (labelW[i] ?? 0);
        const base = y + size * 1.3;
        doc
          .lineWidth(0.6)
          .moveTo(vx, base)
          .lineTo(vx + blank, base)
          .stroke();
        if (item.value) doc.text(item.value, vx + size * 0.25, y, { lineBreak: false, lineGap });
        x = vx + blank + gap;
      });
      doc.x = this.left;
      doc.y = y + this.line;
    }
    doc.y += this.line * 0.3;
  }

  signaturesHeight(b: SignaturesBlock): number {
    return b.rows.length * this.line * 1.5 + this.line * 0.3;
  }

  sealHeight(b: SealBlock): number {
    return this.line * ((b.sealMark === false ? 2 : 3) + 1.2);
  }

  /** Height a paragraph will take at the current position's width. */
  paragraphHeight(b: ParagraphBlock): number {
    const size = b.size ?? this.body;
    const lineGap = this.font(!!b.bold, size, b.size ? b.size * 1.5 : this.line);
    const text = runsOf(b.text)
      .map((r) => r.text)
      .join('');
    return this.doc.heightOfString(text, { width: this.width, indent: b.indent === false ? 0 : size * 2, lineGap });
  }

  /**
   * The seal never stands alone on a page (GB/T 9704: no 此页无正文): when the block before it fits on this
   * page but the seal does not, that block moves to the next page with the seal.
   */
  keepWithSeal(b: LayoutBlock, seal: SealBlock): void {
    const h = b.kind === 'paragraph' ? this.paragraphHeight(b) : b.kind === 'signatures' ? this.signaturesHeight(b) : 0;
    if (h === 0) return;
    const room = this.bottom - this.doc.y;
    if (h <= room && h + this.sealHeight(seal) > room) this.doc.addPage();
  }

  /** 落款: 右空四字, agency and date centred on each other. */
  seal(b: SealBlock): void {
    const { doc } = this;
    const size = this.body;
    const lines = [b.agencyName, ...(b.sealMark === false ? [] : ['（印章）']), b.date];
    this.ensure(this.sealHeight(b));
    doc.y += this.line * 1.2;
    const blockChars = Math.max(...lines.map((l) => [...l].length));
    const blockW = blockChars * size;
    const x = this.left + this.width - size * 4 - blockW;
    for (const l of lines) {
      const lineGap = this.font(false, size, this.line);
      doc.text(l, x, doc.y, { width: blockW, align: 'center', lineGap });
    }
    doc.x = this.left;
  }

  /** Footer and 第 X 页 共 Y 页 on every page, in the bottom margin. */
  pageFurniture(): void {
    const { doc, layout } = this;
    if (!layout.footer && !layout.pageNumbers) return;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      let y = doc.page.height - bottomMargin + 8;
      if (layout.footer) {
        const lineGap = this.font(false, this.body * 0.9, this.line);
        doc.text(layout.footer, this.left, y, { width: this.width, align: 'right', lineGap, lineBreak: false });
        y += this.line;
      }
      if (layout.pageNumbers) {
        this.font(false, FOOTER_SIZE, FOOTER_SIZE * 1.5);
        doc.text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, this.left, y, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      }
      doc.page.margins.bottom = bottomMargin;
    }
  }

  render(): void {
    this.header();
    const blocks = this.layout.blocks;
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (next?.kind === 'seal') this.keepWithSeal(b, next);
      switch (b.kind) {
        case 'heading':
          this.heading(b.text, b.align);
          break;
        case 'paragraph':
          this.paragraph(b);
          break;
        case 'labeled':
          this.labeled(b);
          break;
        case 'fieldTable':
          this.fieldTable(b);
          break;
        case 'table':
          this.table(b);
          break;
        case 'signatures':
          this.signatures(b);
          break;
        case 'seal':
          this.seal(b);
          break;
        case 'spacer':
          this.doc.y += b.lines * this.line;
          break;
        case 'pageBreak':
          this.doc.addPage();
          break;
      }
    });
    this.pageFurniture();
  }
}

/** The layout's date at 00:00 Asia/Shanghai: the PDF's creation and modification date. */
function layoutInstant(date: string): Date {
  const d = new Date(`${date}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

export function renderPdf(layout: InstrumentLayout): Promise<Buffer> {
  const m = PAGE_MARGINS_CM[layout.style];
  const when = layoutInstant(layout.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: m.top * CM, bottom: m.bottom * CM, left: m.left * CM, right: m.right * CM },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: layout.number ? `${layout.title}（${layout.number}）` : layout.title,
      Author: layout.agencyName,
      Creator: 'sanxiang',
      Producer: 'sanxiang',
      CreationDate: when,
      ModDate: when,
    },
  });
  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  new PdfWriter(doc, layout).render();
  doc.end();
  return done;
}
