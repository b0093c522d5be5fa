/**
 * Writes an instrument layout as a Word document (DOCX): A4, 公文 margins for served documents,
 * 仿宋 body and 宋体 titles as Chinese agencies' templates have them. Computers without those fonts
 * (macOS, Linux) are pointed at Noto Serif SC, the face the PDF rendering embeds, through the font
 * table's alternate names. The package's dates are the layout's date, so a layout renders to the same
 * bytes each time.
 */

import {
  AGENCY_SIZE,
  BODY_SIZE,
  type FieldCell,
  type FieldTableBlock,
  FOOTER_SIZE,
  type InstrumentLayout,
  type LabeledBlock,
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
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** 仿宋 for text, 宋体 (for 小标宋) for titles; Latin letters and digits in Times New Roman. */
const BODY_FONT = { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' };
const TITLE_FONT = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman', cs: 'Times New Roman' };
/** Font table entries: GB2312 charset, panose of the Windows faces, and Noto Serif SC as the alternate name. */
const FONT_TABLE_ENTRIES = [
  { name: '仿宋', panose: '02010609060101010101', family: 'modern', pitch: 'fixed' },
  { name: '宋体', panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
];

const TWIPS_PER_PT = 20;
const TWIPS_PER_CM = 567;
const A4 = { width: 11906, height: 16838 };
const CELL_MARGINS = { top: 60, bottom: 60, left: 80, right: 80 };
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
} as const;

/** Half-points, as w:sz wants them. */
const hp = (pt: number) => Math.round(pt * 2);
const exact = (pt: number) => ({ line: Math.round(pt * TWIPS_PER_PT), lineRule: LineRuleType.EXACT });

/** Width of a string in em: CJK and full-width characters 1, the rest about half. */
function ems(s: string): number {
  let n = 0;
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.55;
  return n;
}

class DocxWriter {
  readonly width: number;
  readonly body: number;
  readonly line: number;

  constructor(readonly layout: InstrumentLayout) {
    const m = PAGE_MARGINS_CM[layout.style];
    this.width = A4.width - Math.round((m.left + m.right) * TWIPS_PER_CM);
    this.body = BODY_SIZE[layout.style];
    this.line = LINE_HEIGHT[layout.style];
  }

  run(text: string, o: { bold?: boolean; size?: number; underline?: boolean; title?: boolean } = {}): TextRun {
    return new TextRun({
      text,
      bold: o.bold,
      size: hp(o.size ?? this.body),
      font: o.title ? TITLE_FONT : BODY_FONT,
      underline: o.underline ? { type: 'single' } : undefined,
    });
  }

  header(): Paragraph[] {
    const { layout } = this;
    const out = [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(AGENCY_SIZE * 1.6),
        children: [this.run(layout.agencyName, { bold: true, size: AGENCY_SIZE, title: true })],
      }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(TITLE_SIZE * 1.6),
        children: [this.run(layout.title, { bold: true, size: TITLE_SIZE, title: true })],
      }),
    ];
    if (layout.showNumber !== false) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: { ...exact(this.line), after: Math.round(this.line * 0.4 * TWIPS_PER_PT) },
          children: [this.run(layout.number ?? NUMBER_PLACEHOLDER)],
        }),
      );
    }
    return out;
  }

  paragraph(b: ParagraphBlock, keepNext = false): Paragraph {
    const size = b.size ?? this.body;
    return new Paragraph({
      keepNext,
      keepLines: keepNext,
      alignment: ALIGN[b.align ?? 'justify'],
      spacing: exact(b.size ? b.size * 1.5 : this.line),
      indent: b.indent === false ? undefined : { firstLine: Math.round(size * 2 * TWIPS_PER_PT) },
      children: runsOf(b.text).map((r) => this.run(r.text, { bold: b.bold || r.bold, size, underline: r.underline })),
    });
  }

  heading(text: string, align: TextAlign | undefined): Paragraph {
    return new Paragraph({
      alignment: ALIGN[align ?? 'left'],
      spacing: exact(this.line),
      keepNext: true,
      indent: align === 'center' ? undefined : { firstLine: Math.round(this.body * 2 * TWIPS_PER_PT) },
      children: [this.run(text, { bold: true })],
    });
  }

  labeled(b: LabeledBlock): Paragraph {
    const children: ParagraphChild[] = [];
    b.items.forEach((item, i) => {
      children.push(this.run(`${i > 0 ? '　　' : ''}${item.label}：`));
      const pad = Math.max(0, (item.minChars ?? 0) - [...item.value].length);
      children.push(this.run(`${item.value}${'　'.repeat(pad)}` || '　', { underline: true }));
    });
    return new Paragraph({ spacing: exact(this.line), children });
  }

  /** A cell's paragraphs at the table size, padded with empty lines to `minLines`, the footer last. */
  cellChildren(c: FieldCell, widthTwips: number): Paragraph[] {
    const align = c.label ? AlignmentType.CENTER : ALIGN[c.align ?? 'left'];
    const perLine = Math.max(1, (widthTwips - CELL_MARGINS.left - CELL_MARGINS.right) / (TABLE_SIZE * TWIPS_PER_PT));
    const lines = c.text.split('\n');
    const out = lines.map(
      (l) =>
        new Paragraph({
          alignment: align,
          spacing: exact(TABLE_LINE_HEIGHT),
          children: l ? [this.run(l, { bold: c.label, size: TABLE_SIZE })] : [],
        }),
    );
    const used = lines.reduce((n, l) => n + Math.max(1, Math.ceil(ems(l) / perLine)), 0);
    for (let i = used; i < (c.minLines ?? 1); i++) out.push(new Paragraph({ spacing: exact(TABLE_LINE_HEIGHT) }));
    if (c.footer) {
      out.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: exact(TABLE_LINE_HEIGHT),
          children: [this.run(c.footer, { size: TABLE_SIZE })],
        }),
      );
    }
    return out;
  }

  cell(c: FieldCell, widthTwips: number, shade = false): TableCell {
    return new TableCell({
      columnSpan: c.span && c.span > 1 ? c.span : undefined,
      width: { size: widthTwips, type: WidthType.DXA },
      verticalAlign:
        c.label || (!c.footer && (c.minLines ?? 1) <= 1) ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
      margins: CELL_MARGINS,
      shading: shade ? { fill: 'F2F2F2', type: 'clear', color: 'auto' } : undefined,
      children: this.cellChildren(c, widthTwips),
    });
  }

  grid(relative: number[]): number[] {
    const total = relative.reduce((a, n) => a + n, 0);
    const cols = relative.map((n) => Math.floor((n / total) * this.width));
    const last = cols.length - 1;
    cols[last] = (cols[last] ?? 0) + this.width - cols.reduce((a, n) => a + n, 0);
    return cols;
  }

  fieldTable(b: FieldTableBlock): Table {
    const cols = this.grid(b.columns);
    return new Table({
      width: { size: this.width, type: WidthType.DXA },
      columnWidths: cols,
      layout: TableLayoutType.FIXED,
      borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
      rows: b.rows.map((row) => {
        let col = 0;
        return new TableRow({
          cantSplit: true,
          height: { value: Math.round((TABLE_LINE_HEIGHT + 8) * TWIPS_PER_PT), rule: HeightRule.ATLEAST },
          children: row.map((c) => {
            const span = c.span ?? 1;
            const w = cols.slice(col, col + span).reduce((a, n) => a + n, 0);
            col += span;
            return this.cell(c, w);
          }),
        });
      }),
    });
  }

  table(b: TableBlock): Table {
    const cols = this.grid(b.columns.map((c) => c.width));
    const rows = [...b.rows];
    while (rows.length < (b.minRows ?? 0)) rows.push(b.columns.map(() => ''));
    const rowOf = (cells: string[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        height: { value: Math.round((TABLE_LINE_HEIGHT + 8) * TWIPS_PER_PT), rule: HeightRule.ATLEAST },
        children: cells.map((text, i) =>
          this.cell({ text, label: header, align: header ? 'center' : b.columns[i]?.align }, cols[i] ?? 0),
        ),
      });
    return new Table({
      width: { size: this.width, type: WidthType.DXA },
      columnWidths: cols,
      layout: TableLayoutType.FIXED,
      borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
      rows: [
        rowOf(
          b.columns.map((c) => c.header),
          true,
        ),
        ...rows.map((r) => rowOf(r, false)),
      ],
    });
  }

  /**
   * Each row one paragraph of `label：value____` items: the blank is an underlined tab running to a tab
   * stop, as printed forms are set in Word. A row wider than the page has its blanks and gaps shrunk to
   * fit, as the PDF does.
   */
  signatures(b: SignaturesBlock, keepNext = false): Paragraph[] {
    const em = this.body * TWIPS_PER_PT;
    return b.rows.map((row, r) => {
      const labels = row.map((item) => `${item.label}：`);
      const labelW = labels.map((l) => Math.ceil((ems(l) + 0.3) * em));
      const valueW = row.map((item) => (item.value ? Math.ceil((ems(item.value) + 0.5) * em) : 0));
      const blanks = row.map((item, i) => Math.max(Math.round((item.chars ?? 8) * em), valueW[i] ?? 0));
      let gap = Math.round(em * 1.5);
      const fixed = labelW.reduce((a, n) => a + n, 0);
      if (fixed + blanks.reduce((a, n) => a + n, 0) + gap * (row.length - 1) > this.width) {
        gap = Math.round(em * 0.75);
        const k = (this.width - fixed - gap * (row.length - 1)) / blanks.reduce((a, n) => a + n, 0);
        blanks.forEach((w, i) => {
          blanks[i] = Math.max(Math.floor(w * k), valueW[i] ?? 0);
        });
      }
      const stops: number[] = [];
      const children: ParagraphChild[] = [];
      let x = 0;
      row.forEach((item, i) => {
        x += (labelW[i] ?? 0) + (blanks[i] ?? 0);
        stops.push(x);
        children.push(
          this.run(labels[i] ?? ''),
          new TextRun({
            size: hp(this.body),
            font: BODY_FONT,
            underline: { type: 'single' },
            children: [...(item.value ? [`\u00a0${item.value}`] : []), new Tab()],
          }),
        );
        if (i < row.length - 1) {
          x += gap;
          stops.push(x);
          children.push(new TextRun({ children: [new Tab()] }));
        }
      });
      return new Paragraph({
        keepNext: keepNext || r < b.rows.length - 1,
        spacing: { ...exact(this.line), before: Math.round(this.line * 0.5 * TWIPS_PER_PT) },
        tabStops: stops.map((position) => ({ type: TabStopType.LEFT, position })),
        children,
      });
    });
  }

  /** 落款: the block 右空四字, its lines centred on each other. */
  seal(b: SealBlock): Paragraph[] {
    const size = this.body;
    const lines = [b.agencyName, ...(b.sealMark === false ? [] : ['（印章）']), b.date];
    const blockW = Math.max(...lines.map((l) => ems(l))) * size * TWIPS_PER_PT;
    const right = Math.round(size * 4 * TWIPS_PER_PT);
    const left = Math.max(0, Math.round(this.width - right - blockW));
    return lines.map(
      (l, i) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          indent: { left, right },
          keepNext: i < lines.length - 1,
          keepLines: true,
          spacing: { ...exact(this.line), before: i === 0 ? Math.round(this.line * 1.2 * TWIPS_PER_PT) : 0 },
          children: [this.run(l)],
        }),
    );
  }

  spacer(lines: number): Paragraph {
    return new Paragraph({ spacing: exact(Math.max(1, lines * this.line)) });
  }

  footer(): Footer | undefined {
    const { layout } = this;
    if (!layout.footer && !layout.pageNumbers) return undefined;
    const children: Paragraph[] = [];
    if (layout.footer) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: exact(this.line),
          children: [this.run(layout.footer, { size: this.body * 0.9 })],
        }),
      );
    }
    if (layout.pageNumbers) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({
              children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
              size: hp(FOOTER_SIZE),
              font: BODY_FONT,
            }),
          ],
        }),
      );
    }
    return new Footer({ children });
  }

  document(): Document {
    const { layout } = this;
    const m = PAGE_MARGINS_CM[layout.style];
    const children: (Paragraph | Table)[] = this.header();
    layout.blocks.forEach((b, i) => {
      // Keep the block before the seal with it, so the seal never stands alone on a page.
      const keep = layout.blocks[i + 1]?.kind === 'seal';
      switch (b.kind) {
        case 'heading':
          children.push(this.heading(b.text, b.align));
          break;
        case 'paragraph':
          children.push(this.paragraph(b, keep));
          break;
        case 'labeled':
          children.push(this.labeled(b));
          break;
        case 'fieldTable':
          children.push(this.fieldTable(b), this.spacer(0.3));
          break;
        case 'table':
          children.push(this.table(b), this.spacer(0.3));
          break;
        case 'signatures':
          children.push(...this.signatures(b, true), ...(keep ? [] : [this.spacer(0.3)]));
          break;
        case 'seal':
          children.push(...this.seal(b));
          break;
        case 'spacer':
          children.push(this.spacer(b.lines));
          break;
        case 'pageBreak':
          children.push(new Paragraph({ pageBreakBefore: true }));
          break;
      }
    });
    const footer = this.footer();
    return new Document({
      creator: layout.agencyName,
      title: layout.number ? `${layout.title}（${layout.number}）` : layout.title,
      lastModifiedBy: layout.agencyName,
      styles: {
        default: {
          document: {
            run: { font: BODY_FONT, size: hp(this.body), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          },
        },
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: A4.width, height: A4.height },
              margin: {
                top: Math.round(m.top * TWIPS_PER_CM),
                bottom: Math.round(m.bottom * TWIPS_PER_CM),
                left: Math.round(m.left * TWIPS_PER_CM),
                right: Math.round(m.right * TWIPS_PER_CM),
                footer: Math.round(m.bottom * TWIPS_PER_CM * 0.45),
              },
            },
          },
          footers: footer ? { default: footer } : undefined,
          children,
        },
      ],
    });
  }
}

/** Font table entries for 仿宋 and 宋体 with Noto Serif SC as their alternate name. */
function fontTableEntries(): string {
  return FONT_TABLE_ENTRIES.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="Noto Serif SC"/><w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
}

/** The package with the font table entries added and every date set to the layout's date. */
function finish(packed: Uint8Array, date: string): Uint8Array {
  const files = unzipSync(packed);
  const when = new Date(`${date}T00:00:00+08:00`);
  const stamp = Number.isNaN(when.getTime()) ? '1980-01-01T00:00:00Z' : `${when.toISOString().slice(0, 19)}Z`;
  const fontTable = files['word/fontTable.xml'];
  if (fontTable) {
    const xml = strFromU8(fontTable);
    const entries = fontTableEntries();
    files['word/fontTable.xml'] = strToU8(
      xml.includes('</w:fonts>')
        ? xml.replace('</w:fonts>', `${entries}</w:fonts>`)
        : xml.replace(/\/>\s*$/, `>${entries}</w:fonts>`),
    );
  }
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
        `$1${stamp}$2`,
      ),
    );
  }
  const mtime = Number.isNaN(when.getTime()) ? new Date('1980-01-01T00:00:00Z') : when;
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { level: 6, mtime }]])));
}

export async function renderDocx(layout: InstrumentLayout): Promise<Buffer> {
  const packed = await Packer.toBuffer(new DocxWriter(layout).document());
  return Buffer.from(finish(packed, layout.date));
}
