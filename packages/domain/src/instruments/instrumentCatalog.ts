/**
 * The instrument (文书) catalog: for every type its Chinese name, the word its number carries
 * (示应急罚〔2026〕12号), whether it is served on the party, the form an officer fills for it, and its
 * layout. Layouts live in `layouts/`, grouped by kind; this file only assembles them.
 */
import { isCalendarDate } from '../calendarDate.js';
import type { InstrumentContext } from './instrumentContext.js';
import type { InstrumentLayout } from './instrumentLayout.js';
import type { InstrumentType } from './instrumentTypes.js';
import { APPROVAL_FORMS } from './layouts/approvalLayouts.js';
import { ARCHIVE_FORMS } from './layouts/archiveLayouts.js';
import { COERCION_FORMS } from './layouts/coercionLayouts.js';
import type { InstrumentForm } from './layouts/layoutParts.js';
import { PENALTY_FORMS } from './layouts/penaltyLayouts.js';
import { REVIEW_FORMS } from './layouts/reviewLayouts.js';
import { TRANSCRIPT_FORMS } from './layouts/transcriptLayouts.js';

export type InstrumentFieldKind = 'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'yuan' | 'select';

/**
 * One input of an instrument's step form. Values are strings: `date` is `YYYY-MM-DD`, `datetime`
 * `YYYY-MM-DDTHH:mm` (as an HTML datetime-local input gives it), `number` an integer, `yuan` a yuan amount
 * with at most two decimals (`50000`, `1234.5`; layouts turn it into fen), `select` one of `options`.
 */
export interface InstrumentFieldSpec {
  key: string;
  label: string;
  kind: InstrumentFieldKind;
  required: boolean;
  options?: readonly string[];
  placeholder?: string;
  /** Bounds of a `number` field. */
  min?: number;
  max?: number;
}

export interface InstrumentTypeDefinition {
  type: InstrumentType;
  /** 文书名称, the title printed on it. */
  name: string;
  /** The word in its number: 罚 in 示应急罚〔2026〕12号. */
  numberWord: string;
  /** Served on the party (送达), so a 送达回证 follows it. */
  toParty: boolean;
  fields: InstrumentFieldSpec[];
  layout: (ctx: InstrumentContext) => InstrumentLayout;
}

const FORMS: Record<InstrumentType, InstrumentForm> = {
  ...APPROVAL_FORMS,
  ...ARCHIVE_FORMS,
  ...COERCION_FORMS,
  ...PENALTY_FORMS,
  ...REVIEW_FORMS,
  ...TRANSCRIPT_FORMS,
};

const HEADS: Record<InstrumentType, [name: string, numberWord: string, toParty: boolean]> = {
  filingApproval: ['立案审批表', '立', false],
  inspectionRecord: ['现场检查笔录', '检', false],
  onSiteRecord: ['现场笔录', '现', false],
  inquiryRecord: ['询问笔录', '询', false],
  preservationNotice: ['先行登记保存证据通知书', '存', true],
  coercionApproval: ['行政强制措施审批表', '强审', false],
  seizureDecision: ['查封扣押决定书', '扣', true],
  seizureExtension: ['延长查封扣押期限决定书', '延扣', true],
  seizureRelease: ['解除查封扣押决定书', '解', true],
  rectificationOrder: ['责令限期整改指令书', '改', true],
  rectificationReview: ['整改复查意见书', '复查', true],
  investigationReport: ['案件调查终结报告', '终', false],
  priorNotice: ['行政处罚事先告知书', '告', true],
  statementRecord: ['陈述申辩笔录', '申', false],
  hearingRightsNotice: ['行政处罚听证告知书', '听告', true],
  hearingNotice: ['听证通知书', '听', true],
  hearingRecord: ['听证笔录', '听录', false],
  legalReviewOpinion: ['法制审核意见书', '法审', false],
  deliberationRecord: ['案件集体讨论记录', '议', false],
  extensionApproval: ['延长办案期限审批表', '延', false],
  decisionApproval: ['行政处罚决定审批表', '罚审', false],
  penaltyDecision: ['行政处罚决定书', '罚', true],
  summaryDecision: ['当场行政处罚决定书', '简', true],
  serviceReceipt: ['送达回证', '送', false],
  paymentDemand: ['催告书', '催', true],
  referralLetter: ['案件移送函', '移', false],
  closingApproval: ['结案审批表', '结', false],
  archiveCover: ['行政处罚案卷', '卷', false],
  archiveIndex: ['卷内目录', '目', false],
};

function define(type: InstrumentType): InstrumentTypeDefinition {
  const [name, numberWord, toParty] = HEADS[type];
  const form = FORMS[type];
  return { type, name, numberWord, toParty, fields: form.fields, layout: (ctx) => form.layout(ctx, name) };
}

export const INSTRUMENT_CATALOG: Record<InstrumentType, InstrumentTypeDefinition> = Object.fromEntries(
  (Object.keys(HEADS) as InstrumentType[]).map((t) => [t, define(t)]),
) as Record<InstrumentType, InstrumentTypeDefinition>;

/**
 * 案卷 order per the archive rules (行政处罚案卷: 封面, 卷内目录, then the documents in the order the
 * procedure produced them: 立案, evidence and transcripts, measures, 调查终结报告, 告知, 陈述申辩, 听证,
 * 法制审核, 集体讨论, 决定审批, 决定书, 送达回证, 执行 (催告), 移送, 结案审批表). Every type appears once.
 */
export const ARCHIVE_ORDER: InstrumentType[] = [
  'archiveCover',
  'archiveIndex',
  'filingApproval',
  'extensionApproval',
  'inspectionRecord',
  'inquiryRecord',
  'onSiteRecord',
  'preservationNotice',
  'coercionApproval',
  'seizureDecision',
  'seizureExtension',
  'seizureRelease',
  'rectificationOrder',
  'rectificationReview',
  'investigationReport',
  'priorNotice',
  'hearingRightsNotice',
  'statementRecord',
  'hearingNotice',
  'hearingRecord',
  'legalReviewOpinion',
  'deliberationRecord',
  'decisionApproval',
  'penaltyDecision',
  'summaryDecision',
  'serviceReceipt',
  'paymentDemand',
  'referralLetter',
  'closingApproval',
];

export interface InstrumentFieldProblem {
  key: string;
  message: string;
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/** Problems with an officer's step form for `type`: required fields, well-formed values, the type's own rules. */
export function validateInstrumentFields(
  type: InstrumentType,
  fields: Record<string, string>,
): InstrumentFieldProblem[] {
  const problems: InstrumentFieldProblem[] = [];
  for (const spec of FORMS[type].fields) {
    const value = (fields[spec.key] ?? '').trim();
    if (!value) {
      if (spec.required) {
        const verb = spec.kind === 'select' || spec.kind === 'date' || spec.kind === 'datetime' ? '选择' : '填写';
        problems.push({ key: spec.key, message: `请${verb}“${spec.label}”` });
      }
      continue;
    }
    const message = kindProblem(spec, value);
    if (message) problems.push({ key: spec.key, message });
  }
  const check = FORMS[type].check;
  if (check && problems.length === 0) problems.push(...check(fields));
  return problems;
}

function kindProblem(spec: InstrumentFieldSpec, value: string): string | null {
  switch (spec.kind) {
    case 'date':
      return isCalendarDate(value) ? null : `“${spec.label}”不是有效的日期`;
    case 'datetime': {
      const m = DATETIME.exec(value);
      return m?.[1] && isCalendarDate(m[1]) ? null : `“${spec.label}”不是有效的日期时间`;
    }
    case 'number': {
      if (!/^-?\d+$/.test(value)) return `“${spec.label}”应为整数`;
      const n = Number(value);
      if (spec.min !== undefined && n < spec.min) return `“${spec.label}”不得小于${spec.min}`;
      if (spec.max !== undefined && n > spec.max) return `“${spec.label}”不得大于${spec.max}`;
      return null;
    }
    case 'yuan':
      return /^\d{1,12}(\.\d{1,2})?$/.test(value) ? null : `“${spec.label}”应为金额（元），最多两位小数`;
    case 'select':
      return spec.options && !spec.options.includes(value) ? `“${spec.label}”的选项无效` : null;
    default:
      return null;
  }
}
