/**
 * The block model every instrument (文书) is laid out in. A layout is pure data: the catalog's layout
 * functions build it from an `InstrumentContext`, and the server's DOCX and PDF renderers draw the same
 * layout, so both renderings of one instrument say the same thing in the same order.
 *
 * Sizes are in points. The model speaks of the forms' own units: 三号 16pt, 四号 14pt, 小四 12pt.
 */

export type TextAlign = 'left' | 'center' | 'right' | 'justify';

/** A stretch of text inside a paragraph. */
export interface TextRun {
  text: string;
  bold?: boolean;
  underline?: boolean;
}

export interface HeadingBlock {
  kind: 'heading';
  text: string;
  /** Default `left` (一、二、 section headings); `center` for headings such as 查封扣押财物清单. */
  align?: TextAlign;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string | TextRun[];
  /** 首行缩进二字. Default true for body text. */
  indent?: boolean;
  align?: TextAlign;
  bold?: boolean;
  /** Point size; the layout's body size when absent. */
  size?: number;
}

/** `label：value` pairs on one line, values underlined as on a printed form (当事人：____  联系电话：____). */
export interface LabeledBlock {
  kind: 'labeled';
  items: {
    label: string;
    value: string /** Minimum width of the underlined value in characters. */;
    minChars?: number;
  }[];
}

/** One cell of a bordered form grid. */
export interface FieldCell {
  text: string;
  /** A label cell: bold, centred, shaded lightly. */
  label?: boolean;
  /** Grid columns the cell spans (default 1). */
  span?: number;
  /** Minimum height in body lines (free-text cells such as 审批意见). */
  minLines?: number;
  align?: TextAlign;
  /** Right-aligned line(s) at the bottom of the cell, e.g. `签名：　　　　　年　月　日`. */
  footer?: string;
}

/** A bordered label/value grid (审批表, 笔录 headers, 送达回证). Each row's spans add up to `columns`. */
export interface FieldTableBlock {
  kind: 'fieldTable';
  /** Relative widths of the grid columns. */
  columns: number[];
  rows: FieldCell[][];
}

/** A bordered list table with a header row (卷内目录, 证据清单, 财物清单). */
export interface TableBlock {
  kind: 'table';
  columns: { header: string /** Relative width. */; width: number; align?: TextAlign }[];
  rows: string[][];
  /** Pad with empty rows up to this many (printed forms leave rows to fill in). */
  minRows?: number;
}

export interface SignatureItem {
  label: string;
  /** Printed value (e.g. an officer's credential number); an underlined blank when empty. */
  value?: string;
  /** Width of the blank / value in characters. */
  chars?: number;
}

/** Rows of signature lines: `执法人员签名：______  执法证号：12345678`. */
export interface SignaturesBlock {
  kind: 'signatures';
  rows: SignatureItem[][];
}

/** The 落款 at the bottom right: agency name, （印章）, date in Chinese numerals, each line centred on the block. */
export interface SealBlock {
  kind: 'seal';
  agencyName: string;
  /** Already written out, e.g. 二〇二六年十一月二十三日. */
  date: string;
  /** Default true: print （印章） between name and date. */
  sealMark?: boolean;
}

export interface SpacerBlock {
  kind: 'spacer';
  /** Body lines of vertical space. */
  lines: number;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type LayoutBlock =
  | HeadingBlock
  | ParagraphBlock
  | LabeledBlock
  | FieldTableBlock
  | TableBlock
  | SignaturesBlock
  | SealBlock
  | SpacerBlock
  | PageBreakBlock;

/**
 * `document`: a served decision or notice, 公文-style margins and 三号 body;
 * `form`: 审批表, 笔录 and archive forms, lighter margins and 四号 body;
 * `compact`: a one-page form filled on the spot (当场行政处罚决定书), 小四 body.
 */
export type LayoutStyle = 'document' | 'form' | 'compact';

export interface InstrumentLayout {
  /** 文书名称, e.g. 行政处罚决定书. */
  title: string;
  agencyName: string;
  /** 文书号; null while not issued (a blank 〔　　〕　号 is printed). */
  number: string | null;
  /** Print the number line at all (false for 封面). Default true. */
  showNumber?: boolean;
  /** Issue / draft date `YYYY-MM-DD`: the renderings' metadata date, so a rendering is reproducible. */
  date: string;
  style: LayoutStyle;
  blocks: LayoutBlock[];
  /** Printed at the bottom of every page (笔录: 被询问人签名：　　　　年　月　日). */
  footer?: string;
  /** 第 X 页 共 Y 页 at the bottom of every page. */
  pageNumbers?: boolean;
}

/** Body point size per style: 三号 for served documents, 四号 for forms, 小四 for on-the-spot forms. */
export const BODY_SIZE: Record<LayoutStyle, number> = { document: 16, form: 14, compact: 12 };
/** Title 二号, agency name 小二. */
export const TITLE_SIZE = 22;
export const AGENCY_SIZE = 18;
/** Cells of form tables: 小四. */
export const TABLE_SIZE = 12;
/** Footer and page numbers: 五号. */
export const FOOTER_SIZE = 10.5;
/** Line pitch in points (公文: 22 lines of 三号 a page, 28pt apart). */
export const LINE_HEIGHT: Record<LayoutStyle, number> = { document: 28, form: 24, compact: 20 };
export const TABLE_LINE_HEIGHT = 18;
/** Page margins in cm: 公文 (GB/T 9704) for served documents, lighter for forms. A4 paper throughout. */
export const PAGE_MARGINS_CM: Record<LayoutStyle, { top: number; bottom: number; left: number; right: number }> = {
  document: { top: 3.7, bottom: 3.5, left: 2.8, right: 2.6 },
  form: { top: 2.5, bottom: 2.5, left: 2.6, right: 2.4 },
  compact: { top: 2.2, bottom: 2, left: 2.4, right: 2.2 },
};
/** Printed for an instrument not yet numbered. */
export const NUMBER_PLACEHOLDER = '〔　　　　〕　　号';

/** Plain text of a paragraph, whatever its runs. */
export function runsOf(text: string | TextRun[]): TextRun[] {
  return typeof text === 'string' ? [{ text }] : text;
}

/** Every string a layout prints, in order: what a search index or a test compares renderings against. */
export function layoutText(layout: InstrumentLayout): string[] {
  const out: string[] = [layout.agencyName, layout.title];
  if (layout.showNumber !== false) out.push(layout.number ?? NUMBER_PLACEHOLDER);
  for (const b of layout.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(b.text);
        break;
      case 'paragraph':
        out.push(
          runsOf(b.text)
            .map((r) => r.text)
            .join(''),
        );
        break;
      case 'labeled':
        for (const i of b.items) out.push(i.label, i.value);
        break;
      case 'fieldTable':
        for (const row of b.rows) for (const c of row) out.push(c.text, ...(c.footer ? [c.footer] : []));
        break;
      case 'table':
        out.push(...b.columns.map((c) => c.header));
        for (const row of b.rows) out.push(...row);
        break;
      case 'signatures':
        for (const row of b.rows) for (const s of row) out.push(s.label, s.value ?? '');
        break;
      case 'seal':
        out.push(b.agencyName, b.date);
        break;
      default:
        break;
    }
  }
  if (layout.footer) out.push(layout.footer);
  return out.filter((s) => s.length > 0);
}
