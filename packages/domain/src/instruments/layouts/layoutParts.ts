/**
 * Pieces every instrument layout shares: the frame (agency, title, number), the party block, the
 * addressee line, the relief clause, signature rows, the seal, approval-table rows, transcripts, and
 * the date and money wording of Chinese instruments.
 */

import { isCalendarDate } from '../../calendarDate.js';
import { formatYuan, type Party, type Penalty, SANCTION_KIND_LABELS } from '../../cases/caseVocabulary.js';
import type { InstrumentFieldSpec } from '../instrumentCatalog.js';
import type { InstrumentContext } from '../instrumentContext.js';
import type {
  FieldCell,
  FieldTableBlock,
  InstrumentLayout,
  LabeledBlock,
  LayoutBlock,
  LayoutStyle,
  ParagraphBlock,
  SealBlock,
  SignatureItem,
  SignaturesBlock,
  TableBlock,
  TextRun,
} from '../instrumentLayout.js';

/** What a layout file declares for one instrument type: the officer's form and the layout. */
export interface InstrumentForm {
  fields: InstrumentFieldSpec[];
  layout: (ctx: InstrumentContext, title: string) => InstrumentLayout;
  /** Checks beyond required / well-formed (e.g. 查封扣押期限不超过三十日). */
  check?: (fields: Record<string, string>) => { key: string; message: string }[];
}

/** A datetime range check shared by transcripts: the end is not before the start. */
export function endNotBeforeStart(
  fields: Record<string, string>,
  startKey: string,
  endKey: string,
  label: string,
): { key: string; message: string }[] {
  const a = fields[startKey]?.trim();
  const b = fields[endKey]?.trim();
  if (a && b && b.replace(' ', 'T') < a.replace(' ', 'T'))
    return [{ key: endKey, message: `“${label}”不得早于开始时间` }];
  return [];
}

// ---------------------------------------------------------------------------------------------
// Dates and money

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 as 公文 writes it: 十, 十一, 二十, 二十三. */
function smallNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${ones === 0 ? '' : (DIGITS[ones] ?? '')}`;
}

/** `2026-11-23` → 二〇二六年十一月二十三日 (落款 and 印章 dates). */
export function chineseNumeralDate(iso: string): string {
  if (!isCalendarDate(iso)) return '　　年　　月　　日';
  const [y, m, d] = iso.split('-');
  const year = [...(y ?? '')].map((c) => DIGITS[Number(c)] ?? '').join('');
  return `${year}年${smallNumeral(Number(m))}月${smallNumeral(Number(d))}日`;
}

/** `2026-11-23` → 20261123, the 8-digit date of archive indexes (DA/T 22). */
export function archiveDate(iso: string): string {
  return isCalendarDate(iso) ? iso.replaceAll('-', '') : '';
}

/** `2026-11-23` → 2026年11月23日 (dates inside body text). A blank form date when absent or malformed. */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso || !isCalendarDate(iso.slice(0, 10))) return '　　年　　月　　日';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** `YYYY-MM-DDTHH:mm` (or with a space) → 2026年11月23日9时30分. */
export function chineseDateTime(value: string | null | undefined): string {
  if (!value) return '　　年　　月　　日　　时　　分';
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(value);
  if (!m) return chineseDate(value);
  return `${chineseDate(m[1])}${Number(m[2])}时${Number(m[3])}分`;
}

/** 时间：9时30分至10时45分 for a time range on one day, else the two full datetimes. */
export function chineseTimeRange(from: string | undefined, to: string | undefined): string {
  const a = chineseDateTime(from);
  if (!to) return `${a}至　　时　　分`;
  if (from && to.slice(0, 10) === from.slice(0, 10)) {
    const m = /[T ](\d{2}):(\d{2})/.exec(to);
    if (m) return `${a}至${Number(m[1])}时${Number(m[2])}分`;
  }
  return `${a}至${chineseDateTime(to)}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A yuan amount as typed in a `yuan` field (`50000`, `1234.5`) to integer fen; null when malformed. */
export function yuanToFen(value: string | undefined): number | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,2}))?\s*$/.exec(value ?? '');
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CAPITAL_UNITS = ['', '拾', '佰', '仟'];
const CAPITAL_SECTIONS = ['', '万', '亿', '万亿'];

/** 大写金额 as written on decisions and receipts: 50000000 fen → 伍拾万元整; 123456 → 壹仟贰佰叁拾肆元伍角陆分. */
export function capitalYuan(fen: number): string {
  const total = Math.round(Math.abs(fen));
  const yuan = Math.floor(total / 100);
  const jiao = Math.floor(total / 10) % 10;
  const fenDigit = total % 10;
  let out = yuan === 0 ? '零' : '';
  const digits = String(yuan);
  let zero = false;
  for (let i = 0; yuan > 0 && i < digits.length; i++) {
    const d = Number(digits.charAt(i));
    const pos = digits.length - 1 - i;
    if (d === 0) {
      zero = true;
    } else {
      out += `${zero ? '零' : ''}${CAPITAL_DIGITS[d] ?? ''}${CAPITAL_UNITS[pos % 4] ?? ''}`;
      zero = false;
    }
    // 万 / 亿 after a section that has a digit; a zero run still pending carries into the next section.
    if (pos > 0 && pos % 4 === 0 && /[1-9]/.test(digits.slice(Math.max(0, i - 3), i + 1))) {
      out += CAPITAL_SECTIONS[pos / 4] ?? '';
    }
  }
  out += '元';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao !== 0) out += `${CAPITAL_DIGITS[jiao]}角`;
  else if (yuan !== 0) out += '零';
  if (fenDigit !== 0) out += `${CAPITAL_DIGITS[fenDigit]}分`;
  return out;
}

/** 人民币50,000元（大写：伍万元整）. */
export function moneyText(fen: number): string {
  return `人民币${formatYuan(fen)}（大写：${capitalYuan(fen)}）`;
}

/** The penalty in words: 警告，并处罚款人民币50,000元（大写：伍万元整）. */
export function penaltyText(p: Penalty | null): string {
  if (!p || p.kinds.length === 0) return '（待定）';
  const parts = p.kinds.map((k) => {
    if (k === 'fine') return `罚款${moneyText(p.fineFen)}`;
    if (k === 'confiscateIllegalGains' && p.confiscationFen > 0) return `没收违法所得${moneyText(p.confiscationFen)}`;
    return SANCTION_KIND_LABELS[k];
  });
  const head = parts.slice(0, 1);
  const rest = parts.slice(1);
  const text = rest.length ? `${head.join('')}，并处${rest.join('，')}` : head.join('');
  return p.detail ? `${text}（${p.detail}）` : text;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** The step form's field, trimmed; '' when absent. */
export function field(ctx: InstrumentContext, key: string): string {
  return (ctx.fields[key] ?? '').trim();
}

/** Non-empty lines of a textarea. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** A textarea as body paragraphs, each indented two characters. */
export function paragraphs(text: string, opts: Partial<ParagraphBlock> = {}): ParagraphBlock[] {
  return linesOf(text).map((t) => ({ kind: 'paragraph', text: t, indent: true, ...opts }));
}

/** 你单位 for an organisation, 你 for a person (how instruments address the party). */
export function you(party: Party): string {
  return party.type === 'organization' ? '你单位' : '你';
}

/** Lines `名称|规格|数量|备注` (or tab separated) as table rows of `width` cells, numbered. */
export function itemRows(text: string, width: number): string[][] {
  return linesOf(text).map((line, i) => {
    const cells = line.split(/[|｜\t]/).map((c) => c.trim());
    const row = [String(i + 1), ...cells].slice(0, width);
    while (row.length < width) row.push('');
    return row;
  });
}

/** The 查封扣押 / 先行登记保存 goods list. */
export function itemsTable(text: string, minRows = 3): TableBlock {
  return {
    kind: 'table',
    columns: [
      { header: '序号', width: 1, align: 'center' },
      { header: '名称', width: 4 },
      { header: '规格（型号）', width: 3 },
      { header: '数量', width: 2, align: 'center' },
      { header: '备注', width: 2 },
    ],
    rows: itemRows(text, 5),
    minRows,
  };
}

/** Evidence the case holds, as 1. 名称（种类）; 2. …, for reports and decisions. */
export function evidenceSentence(ctx: InstrumentContext): string {
  if (ctx.evidence.length === 0) return '';
  return ctx.evidence.map((e, i) => `${i + 1}.${e.name}（${e.kind}）`).join('；');
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Every layout's frame: the agency and title come from here, so no layout restates them. */
export function frame(
  ctx: InstrumentContext,
  title: string,
  style: LayoutStyle,
  blocks: LayoutBlock[],
  extra: Pick<InstrumentLayout, 'footer' | 'pageNumbers' | 'showNumber'> = {},
): InstrumentLayout {
  return {
    title,
    agencyName: ctx.agency.name,
    number: ctx.instrument.number,
    date: ctx.instrument.date,
    style,
    blocks,
    ...extra,
  };
}

/** The 当事人 block of decisions and notices (P-59): name, ID / credit code, address, legal representative. */
export function partyBlock(party: Party): LabeledBlock[] {
  if (party.type === 'organization') {
    return [
      { kind: 'labeled', items: [{ label: '当事人', value: party.name }] },
      { kind: 'labeled', items: [{ label: '统一社会信用代码', value: party.idNumber }] },
      { kind: 'labeled', items: [{ label: '住所', value: party.address }] },
      { kind: 'labeled', items: [{ label: '法定代表人（负责人）', value: party.legalRepresentative }] },
      { kind: 'labeled', items: [{ label: '联系电话', value: party.phone }] },
    ];
  }
  return [
    {
      kind: 'labeled',
      items: [
        { label: '当事人', value: party.name, minChars: 5 },
        { label: '性别', value: genderOf(party.idNumber), minChars: 2 },
      ],
    },
    { kind: 'labeled', items: [{ label: '公民身份号码', value: party.idNumber }] },
    { kind: 'labeled', items: [{ label: '住址', value: party.address }] },
    { kind: 'labeled', items: [{ label: '联系电话', value: party.phone }] },
  ];
}

/** 男/女 from the 17th digit of a resident ID; '' when it is not one. */
export function genderOf(idNumber: string): string {
  if (!/^\d{17}[\dXx]$/.test(idNumber)) return '';
  return Number(idNumber.charAt(16)) % 2 === 1 ? '男' : '女';
}

/** `示例县某某化工有限公司：` — the addressee line of a notice. */
export function addressee(name: string): ParagraphBlock {
  return { kind: 'paragraph', text: `${name}：`, indent: false };
}

/** 救济途径: 行政复议 within 60 days or 行政诉讼 within 6 months; `tail` adds e.g. 不停止执行. */
export function reliefParagraph(ctx: InstrumentContext, what: string, tail = ''): ParagraphBlock {
  return {
    kind: 'paragraph',
    text: `${you(ctx.party)}如不服${what}，可以在收到${what}书之日起六十日内向${ctx.agency.reconsiderationBody}申请行政复议，或者在六个月内依法向${ctx.agency.court}提起行政诉讼。${tail}`,
  };
}

/** 联系人 / 联系电话 / 地址 of the agency, for notices asking the party to reply. */
export function contactBlock(ctx: InstrumentContext, person: string, phone: string): LabeledBlock[] {
  return [
    {
      kind: 'labeled',
      items: [
        { label: '联系人', value: person, minChars: 6 },
        { label: '联系电话', value: phone || ctx.agency.phone, minChars: 8 },
      ],
    },
    { kind: 'labeled', items: [{ label: '本机关地址', value: ctx.agency.address }] },
  ];
}

export function seal(ctx: InstrumentContext): SealBlock {
  return { kind: 'seal', agencyName: ctx.agency.name, date: chineseNumeralDate(ctx.instrument.date) };
}

/** One row per officer: 执法人员签名：______ 执法证号：12345678. */
export function officerRows(ctx: InstrumentContext, label = '执法人员签名'): SignatureItem[][] {
  const officers = ctx.officers.length ? ctx.officers : [{ name: '', credentialNo: '' }];
  return officers.map((o) => [
    { label, chars: 8 },
    { label: '执法证号', value: o.credentialNo, chars: 10 },
  ]);
}

/** 当事人签名 + date line. */
export function partyRow(label = '当事人签名'): SignatureItem[] {
  return [
    { label, chars: 8 },
    { label: '日期', value: '　　年　　月　　日', chars: 10 },
  ];
}

export function signatures(...rows: SignatureItem[][]): SignaturesBlock {
  return { kind: 'signatures', rows };
}

export const SIGN_DATE = '签名：　　　　　　　　年　　月　　日';

/** The case rows every approval form (审批表) starts with. */
export function caseRows(ctx: InstrumentContext): FieldCell[][] {
  const p = ctx.party;
  const org = p.type === 'organization';
  return [
    [
      { text: '案由', label: true },
      { text: ctx.case.title, span: 3 },
    ],
    [
      { text: '当事人', label: true },
      { text: p.name },
      { text: org ? '统一社会信用代码' : '公民身份号码', label: true },
      { text: p.idNumber },
    ],
    [
      { text: org ? '法定代表人' : '性别', label: true },
      { text: org ? p.legalRepresentative : genderOf(p.idNumber) },
      { text: '联系电话', label: true },
      { text: p.phone },
    ],
    [
      { text: org ? '住所' : '住址', label: true },
      { text: p.address, span: 3 },
    ],
  ];
}

/** Opinion rows of approval forms: the opinion text, with a 签名 / 日期 line at the bottom of the cell. */
export function opinionRows(ctx: InstrumentContext, rows: { label: string; key: string }[]): FieldCell[][] {
  return rows.map((r) => [
    { text: r.label, label: true },
    { text: field(ctx, r.key), span: 3, minLines: 2, footer: SIGN_DATE },
  ]);
}

/** A four-column approval grid (label, value, label, value). */
export function approvalTable(rows: FieldCell[][]): FieldTableBlock {
  return { kind: 'fieldTable', columns: [2.6, 4, 2.6, 4.2], rows };
}

/** 承办人员 names and credential numbers in one cell. */
export function officersText(ctx: InstrumentContext): string {
  return ctx.officers.map((o) => `${o.name}（执法证号：${o.credentialNo}）`).join('、');
}

/**
 * A transcript body: each line of the textarea is a paragraph; lines starting 问：/答： keep their
 * marker in bold, as transcripts are read.
 */
export function transcript(text: string): ParagraphBlock[] {
  return linesOf(text).map((line) => {
    const m =
      /^(问|答|听证主持人|主持人|听证员|记录员|调查人员|案件调查人员|执法人员|当事人|委托代理人|代理人|陈述申辩人|证人)([：:])(.*)$/.exec(
        line,
      );
    const runs: TextRun[] = m ? [{ text: `${m[1]}：`, bold: true }, { text: m[3] ?? '' }] : [{ text: line }];
    return { kind: 'paragraph', text: runs, indent: true };
  });
}

/** The closing lines of a transcript the interviewee writes by hand. */
export function transcriptClosing(who: string): LayoutBlock[] {
  return [
    { kind: 'paragraph', text: '以上笔录我已看过（已向我宣读过），与我所说的相符。', indent: true },
    { kind: 'spacer', lines: 0.5 },
    signatures([
      { label: `${who}签名`, chars: 8 },
      { label: '日期', value: '　　年　　月　　日', chars: 10 },
    ]),
  ];
}

/** The officers' opening statement of an inquiry / inspection (出示证件, 告知回避权). */
export function openingStatement(ctx: InstrumentContext, purpose: string): ParagraphBlock {
  const names = ctx.officers.map((o) => o.name).join('、');
  const nos = ctx.officers.map((o) => o.credentialNo).join('、');
  return {
    kind: 'paragraph',
    text: [
      { text: '问：', bold: true },
      {
        text: `我们是${ctx.agency.name}的执法人员${names}，执法证号分别为${nos}，这是我们的执法证件（出示）。现依法${purpose}，请你如实回答问题，并协助调查。如果你认为执法人员与本案有直接利害关系，可能影响公正处理的，有权申请回避。你是否申请回避？`,
      },
    ],
    indent: true,
  };
}
