/**
 * 行政执法统计年报 (G-4): last year's enforcement of an agency or a region, computed from the data
 * and published by 31 January. The layout is data: sections in the order of the published 年报
 * tables, each row with its Chinese label and unit, so the console, the portal, the XLSX and the PDF
 * print the same table from one definition.
 *
 * Figures are a flat map from row key to number: counts, money in integer fen (DESIGN.md principle 6),
 * percentages with one decimal. Derived rows (totals of money, rates) are computed by `finishFigures`
 * from their parts, so a region's report sums its agencies' parts and derives its own rates.
 */
import { type Penalty, SANCTION_KINDS, type SanctionKind } from '../cases/caseVocabulary.js';
import { ACTION_KIND_LABELS, type ActionKind } from '../disclosure/actionKinds.js';
import type { InstrumentLayout, LayoutBlock } from '../instruments/instrumentLayout.js';
import { chineseNumeralDate } from '../instruments/layouts/layoutParts.js';

/**
 * The penalty types of the 年报, in its column order (行政处罚法 第九条 grouped as the report groups
 * them: 没收 covers 没收违法所得 and 没收非法财物; 责令关闭 and 限制从业 share a column).
 */
export const REPORT_PENALTY_TYPES = [
  'warning',
  'publicCriticism',
  'fine',
  'confiscation',
  'suspendLicense',
  'downgradeQualification',
  'restrictBusiness',
  'suspendBusiness',
  'closeOrBan',
  'revokeLicense',
  'detention',
] as const;
export type ReportPenaltyType = (typeof REPORT_PENALTY_TYPES)[number];

export const REPORT_PENALTY_TYPE_LABELS: Record<ReportPenaltyType, string> = {
  warning: '警告',
  publicCriticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得、没收非法财物',
  suspendLicense: '暂扣许可证件',
  downgradeQualification: '降低资质等级',
  restrictBusiness: '限制开展生产经营活动',
  suspendBusiness: '责令停产停业',
  closeOrBan: '责令关闭、限制从业',
  revokeLicense: '吊销许可证件',
  detention: '行政拘留',
};

/** Which 年报 column each sanction of the case vocabulary is counted under. */
export const SANCTION_REPORT_TYPE: Record<SanctionKind, ReportPenaltyType> = {
  warning: 'warning',
  publicCriticism: 'publicCriticism',
  fine: 'fine',
  confiscateIllegalGains: 'confiscation',
  confiscateIllegalProperty: 'confiscation',
  suspendLicense: 'suspendLicense',
  downgradeQualification: 'downgradeQualification',
  restrictBusiness: 'restrictBusiness',
  suspendBusiness: 'suspendBusiness',
  revokeLicense: 'revokeLicense',
  closeDown: 'closeOrBan',
  banFromPractice: 'closeOrBan',
  detention: 'detention',
};

/**
 * The heaviest sanction of a decision, by the severity order of SANCTION_KINDS (the same order P-45
 * compares penalties by), or null for a decision imposing none (不予处罚).
 */
export function heaviestSanction(kinds: readonly SanctionKind[]): SanctionKind | null {
  let heaviest: SanctionKind | null = null;
  for (const k of kinds) {
    if (heaviest === null || SANCTION_KINDS.indexOf(k) > SANCTION_KINDS.indexOf(heaviest)) heaviest = k;
  }
  return heaviest;
}

/** The column a decision is counted under: once, under its heaviest type (G-4). */
export function reportPenaltyTypeOf(kinds: readonly SanctionKind[]): ReportPenaltyType | null {
  const heaviest = heaviestSanction(kinds);
  return heaviest === null ? null : SANCTION_REPORT_TYPE[heaviest];
}

/** What one decision adds to the 罚没金额: the fine when a fine was imposed, the confiscation only where an amount is stated. */
export function penaltyAmounts(p: Penalty): { fineFen: number; confiscationFen: number } {
  const fined = p.kinds.includes('fine');
  const confiscated = p.kinds.includes('confiscateIllegalGains') || p.kinds.includes('confiscateIllegalProperty');
  return {
    fineFen: fined ? Math.max(0, Math.round(p.fineFen || 0)) : 0,
    confiscationFen: confiscated ? Math.max(0, Math.round(p.confiscationFen || 0)) : 0,
  };
}

/** Adds one penalty decision to the figures (counted once, under its heaviest type; amounts as stated). */
export function countPenaltyDecision(figures: AnnualFigures, p: Penalty): void {
  const type = reportPenaltyTypeOf(p.kinds);
  if (type === null) return;
  addFigure(figures, `penalty.${type}`, 1);
  const { fineFen, confiscationFen } = penaltyAmounts(p);
  addFigure(figures, 'penalty.fineFen', fineFen);
  addFigure(figures, 'penalty.confiscationFen', confiscationFen);
}

/** 持证率: officers holding a credential valid at the reference date over all active officers, in percent (one decimal). */
export function credentialRate(credentialed: number, officers: number): number | null {
  if (officers <= 0) return null;
  return Math.round((credentialed / officers) * 1000) / 10;
}

/** G-4: the report of `year` is public by 31 January of the following year (a calendar date). */
export function annualReportDueOn(year: number): string {
  return `${year + 1}-01-31`;
}

/** The year whose report is drafted automatically on `today` (January drafts last year's), or null. */
export function annualReportDraftYear(today: string): number | null {
  return today.slice(5, 7) === '01' ? Number(today.slice(0, 4)) - 1 : null;
}

/** G-4: not published and past its due date (the dashboard alert). */
export function annualReportLate(year: number, status: AnnualReportStatus, today: string): boolean {
  return status !== 'published' && today > annualReportDueOn(year);
}

export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted', 'published'] as const;
export type AnnualReportStatus = (typeof ANNUAL_REPORT_STATUSES)[number];
export const ANNUAL_REPORT_STATUS_LABELS: Record<AnnualReportStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  published: '已公开',
};

export type ReportUnit = 'count' | 'fen' | 'percent' | 'person';
export const REPORT_UNIT_LABELS: Record<ReportUnit, string> = { count: '件', fen: '元', percent: '%', person: '人' };

export interface ReportRow {
  key: string;
  label: string;
  unit: ReportUnit;
  /** Indented under the row above (a breakdown). */
  level?: 1;
  /** No source in the system yet: reported as 0 and explained in the notes. */
  noSource?: boolean;
}

export interface ReportSection {
  key: string;
  title: string;
  /** The action kind the section reports: omitted when the agency holds no power of that kind. */
  kind?: ActionKind;
  rows: ReportRow[];
}

const kindSection = (kind: ActionKind, rows: ReportRow[]): ReportSection => ({
  key: kind,
  title: ACTION_KIND_LABELS[kind],
  kind,
  rows,
});
const simpleKind = (kind: ActionKind): ReportSection =>
  kindSection(kind, [
    { key: `${kind}.total`, label: `${ACTION_KIND_LABELS[kind]}件数`, unit: 'count', noSource: true },
  ]);

/** The 年报 table, in the published order. */
export const ANNUAL_REPORT_SECTIONS: readonly ReportSection[] = [
  kindSection('penalty', [
    { key: 'penalty.total', label: '行政处罚决定总数', unit: 'count' },
    ...REPORT_PENALTY_TYPES.map(
      (t): ReportRow => ({ key: `penalty.${t}`, label: REPORT_PENALTY_TYPE_LABELS[t], unit: 'count', level: 1 }),
    ),
    { key: 'penalty.general', label: '其中：普通程序', unit: 'count' },
    { key: 'penalty.summary', label: '其中：简易程序（当场处罚）', unit: 'count' },
    { key: 'penalty.amountFen', label: '罚没金额', unit: 'fen' },
    { key: 'penalty.fineFen', label: '罚款金额', unit: 'fen', level: 1 },
    { key: 'penalty.confiscationFen', label: '没收金额（决定载明金额的）', unit: 'fen', level: 1 },
  ]),
  kindSection('license', [
    { key: 'license.applied', label: '申请件数', unit: 'count', noSource: true },
    { key: 'license.accepted', label: '受理件数', unit: 'count', noSource: true },
    { key: 'license.granted', label: '准予许可件数', unit: 'count', noSource: true },
    { key: 'license.refused', label: '不予许可件数', unit: 'count', noSource: true },
    { key: 'license.revoked', label: '撤销许可件数', unit: 'count', noSource: true },
  ]),
  kindSection('coercion', [
    { key: 'coercion.measures', label: '行政强制措施总数', unit: 'count' },
    { key: 'coercion.seal', label: '查封场所、设施或者财物', unit: 'count', level: 1 },
    { key: 'coercion.seize', label: '扣押财物', unit: 'count', level: 1 },
    { key: 'coercion.sealAndSeize', label: '查封、扣押并用', unit: 'count', level: 1 },
    { key: 'coercion.freeze', label: '冻结存款、汇款', unit: 'count', level: 1, noSource: true },
    { key: 'coercion.enforcements', label: '行政强制执行总数', unit: 'count' },
    { key: 'coercion.latePayment', label: '加处罚款或者滞纳金', unit: 'count', level: 1 },
    { key: 'coercion.transfer', label: '划拨存款、汇款', unit: 'count', level: 1, noSource: true },
    { key: 'coercion.disposal', label: '拍卖或者依法处理查封、扣押的财物', unit: 'count', level: 1 },
    { key: 'coercion.restore', label: '排除妨碍、恢复原状', unit: 'count', level: 1, noSource: true },
    { key: 'coercion.substitute', label: '代履行', unit: 'count', level: 1, noSource: true },
    { key: 'coercion.courtApplications', label: '申请人民法院强制执行', unit: 'count' },
  ]),
  kindSection('inspection', [
    { key: 'inspection.total', label: '行政检查次数', unit: 'count' },
    { key: 'inspection.rectification', label: '发现问题责令整改', unit: 'count', level: 1 },
    { key: 'inspection.noIssue', label: '未发现问题', unit: 'count', level: 1 },
  ]),
  simpleKind('levy'),
  simpleKind('requisition'),
  simpleKind('adjudication'),
  simpleKind('confirmation'),
  simpleKind('reward'),
  simpleKind('benefit'),
  {
    key: 'process',
    title: '法制审核、听证和集体讨论',
    rows: [
      { key: 'review.total', label: '重大执法决定法制审核件数', unit: 'count' },
      { key: 'review.passed', label: '审核通过', unit: 'count', level: 1 },
      { key: 'review.returned', label: '提出意见退回、不予作出等', unit: 'count', level: 1 },
      { key: 'process.hearings', label: '举行听证', unit: 'count' },
      { key: 'process.deliberations', label: '负责人集体讨论', unit: 'count' },
    ],
  },
  {
    key: 'relief',
    title: '行政复议、行政诉讼和投诉举报',
    rows: [
      { key: 'relief.reconsiderations', label: '被申请行政复议', unit: 'count', noSource: true },
      { key: 'relief.litigations', label: '被提起行政诉讼', unit: 'count', noSource: true },
      { key: 'relief.reversed', label: '执法决定被纠正（据公示撤回记录）', unit: 'count' },
      { key: 'relief.revoked', label: '撤销', unit: 'count', level: 1 },
      { key: 'relief.changed', label: '变更', unit: 'count', level: 1 },
      { key: 'relief.illegal', label: '确认违法', unit: 'count', level: 1 },
      { key: 'relief.void', label: '确认无效', unit: 'count', level: 1 },
      { key: 'relief.redo', label: '责令重新作出', unit: 'count', level: 1 },
      { key: 'relief.complaints', label: '投诉举报', unit: 'count', noSource: true },
    ],
  },
  {
    key: 'disclosure',
    title: '执法决定公示',
    rows: [
      { key: 'disclosure.due', label: '应公开执法决定', unit: 'count' },
      { key: 'disclosure.onTime', label: '按期公开', unit: 'count', level: 1 },
      { key: 'disclosure.late', label: '逾期公开', unit: 'count', level: 1 },
      { key: 'disclosure.unpublished', label: '逾期未公开', unit: 'count', level: 1 },
      { key: 'disclosure.onTimeRate', label: '按期公开率', unit: 'percent' },
    ],
  },
  {
    key: 'officers',
    title: '行政执法人员',
    rows: [
      { key: 'officers.total', label: '行政执法人员', unit: 'person' },
      { key: 'officers.credentialed', label: '持有效行政执法证件', unit: 'person', level: 1 },
      { key: 'officers.credentialRate', label: '持证率', unit: 'percent' },
      { key: 'officers.reviewers', label: '法制审核人员', unit: 'person' },
    ],
  },
];

export type AnnualFigures = Record<string, number | null>;

/** Every row key of the layout, zero (rates: null). */
export function emptyFigures(): AnnualFigures {
  const f: AnnualFigures = {};
  for (const s of ANNUAL_REPORT_SECTIONS) for (const r of s.rows) f[r.key] = r.unit === 'percent' ? null : 0;
  return f;
}

export function addFigure(figures: AnnualFigures, key: string, n: number): void {
  figures[key] = (figures[key] ?? 0) + n;
}

/** Totals and rates from their parts (after counting, and again after summing a region). */
export function finishFigures(f: AnnualFigures): AnnualFigures {
  const v = (k: string) => f[k] ?? 0;
  f['penalty.total'] = REPORT_PENALTY_TYPES.reduce((sum, t) => sum + v(`penalty.${t}`), 0);
  f['penalty.amountFen'] = v('penalty.fineFen') + v('penalty.confiscationFen');
  f['coercion.measures'] = v('coercion.seal') + v('coercion.seize') + v('coercion.sealAndSeize') + v('coercion.freeze');
  f['coercion.enforcements'] =
    v('coercion.latePayment') +
    v('coercion.transfer') +
    v('coercion.disposal') +
    v('coercion.restore') +
    v('coercion.substitute');
  f['inspection.total'] = Math.max(v('inspection.total'), v('inspection.rectification') + v('inspection.noIssue'));
  f['relief.reversed'] = ['revoked', 'changed', 'illegal', 'void', 'redo'].reduce((s, k) => s + v(`relief.${k}`), 0);
  f['disclosure.due'] = v('disclosure.onTime') + v('disclosure.late') + v('disclosure.unpublished');
  f['disclosure.onTimeRate'] = credentialRate(v('disclosure.onTime'), v('disclosure.due'));
  f['officers.credentialRate'] = credentialRate(v('officers.credentialed'), v('officers.total'));
  return f;
}

/** A region's figures: the sum of its agencies' counted parts, rates derived again (never averaged). */
export function sumFigures(parts: readonly AnnualFigures[]): AnnualFigures {
  const total = emptyFigures();
  for (const p of parts) {
    for (const [k, n] of Object.entries(p)) {
      if (typeof n === 'number' && !k.endsWith('Rate')) addFigure(total, k, n);
    }
  }
  return finishFigures(total);
}

/**
 * The sections a report prints: a kind's section only where the agency (or any agency of the region)
 * holds that kind of power — a held kind with nothing done reports 0, a kind it has no power over is
 * omitted; the general sections always.
 */
export function reportSections(held: readonly ActionKind[]): ReportSection[] {
  return ANNUAL_REPORT_SECTIONS.filter((s) => s.kind === undefined || held.includes(s.kind));
}

/** A figure as printed: counts as integers, money in yuan with two decimals, rates with one decimal and %, else －. */
export function formatFigure(row: Pick<ReportRow, 'unit'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '－';
  if (row.unit === 'fen')
    return (value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (row.unit === 'percent') return `${value.toFixed(1)}%`;
  return String(value);
}

/** 《示例县应急管理局2026年度行政执法数据统计表》: the report's title. */
export function annualReportTitle(subjectName: string, year: number): string {
  return `${subjectName}${year}年度行政执法数据统计表`;
}

/** The standing note on figures the system has no source for yet, listed from the layout. */
export function noSourceNote(held: readonly ActionKind[]): string {
  const labels = reportSections(held).flatMap((s) =>
    s.rows.filter((r) => r.noSource).map((r) => (r.level ? `${s.title}·${r.label}` : r.label)),
  );
  return labels.length === 0
    ? ''
    : `以下项目本系统尚未建立数据来源，按0填报，如有发生请在说明中补充：${labels.join('、')}。`;
}

const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四'];

/** What a printed or exported report shows. */
export interface AnnualReportDocument {
  subjectName: string;
  year: number;
  heldKinds: readonly ActionKind[];
  figures: AnnualFigures;
  notes: string;
  /** 公开日期, or the drafting date while not published. */
  date: string;
  published: boolean;
}

/** 统计期间 line. */
export const reportPeriod = (year: number) => `统计期间：${year}年1月1日至${year}年12月31日`;

/**
 * The report as an A4 layout for the instrument renderers (PDF/DOCX): the subject on the first line, the
 * title under it, one table per section in the published order, the notes, and the 落款.
 */
export function annualReportLayout(r: AnnualReportDocument): InstrumentLayout {
  const blocks: LayoutBlock[] = [
    { kind: 'paragraph', text: `${reportPeriod(r.year)}　　填报单位：${r.subjectName}`, indent: false, size: 12 },
  ];
  reportSections(r.heldKinds).forEach((s, i) => {
    blocks.push({ kind: 'heading', text: `${SECTION_NUMERALS[i] ?? i + 1}、${s.title}` });
    blocks.push({
      kind: 'table',
      columns: [
        { header: '指标', width: 7 },
        { header: '单位', width: 1.4, align: 'center' },
        { header: '数值', width: 2.6, align: 'right' },
      ],
      rows: s.rows.map((row) => [
        `${row.level ? '　　' : ''}${row.label}`,
        REPORT_UNIT_LABELS[row.unit],
        formatFigure(row, r.figures[row.key]),
      ]),
    });
  });
  blocks.push({ kind: 'heading', text: '说明' });
  const notes = [r.notes.trim(), noSourceNote(r.heldKinds)].filter(Boolean);
  for (const n of notes.join('\n').split(/\n+/)) blocks.push({ kind: 'paragraph', text: n, size: 12 });
  blocks.push({ kind: 'seal', agencyName: r.subjectName, date: chineseNumeralDate(r.date), sealMark: r.published });
  return {
    title: `${r.year}年度行政执法数据统计表`,
    agencyName: r.subjectName,
    number: null,
    showNumber: false,
    date: r.date,
    style: 'form',
    blocks,
    pageNumbers: true,
  };
}

/** The headline count of each kind (charts of the portal): decisions, measures and enforcement, inspections, cases. */
export function actionKindTotal(figures: AnnualFigures, kind: ActionKind): number {
  const v = (k: string) => figures[k] ?? 0;
  switch (kind) {
    case 'penalty':
      return v('penalty.total');
    case 'license':
      return v('license.granted') + v('license.refused');
    case 'coercion':
      return v('coercion.measures') + v('coercion.enforcements');
    case 'inspection':
      return v('inspection.total');
    default:
      return v(`${kind}.total`);
  }
}
