/**
 * 法制审核意见书 (P-58, G-7, S-1): the legal review unit's written opinion on a major enforcement
 * decision. Unlike the other instruments, every field is filled by the server from the recorded
 * review (送审, checklist, opinion), never typed by an officer: the layout only prints them.
 */
import { REVIEW_OPINION_LABELS } from '../../review/reviewVocabulary.js';
import type { InstrumentContext } from '../instrumentContext.js';
import type { FieldCell } from '../instrumentLayout.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  approvalTable,
  caseRows,
  chineseDate,
  chineseNumeralDate,
  field,
  frame,
  type InstrumentForm,
  linesOf,
  signatures,
} from './layoutParts.js';

/** A label cell and a value cell across the other three columns of the approval grid. */
function wide(label: string, text: string, minLines = 1): FieldCell[] {
  return [
    { text: label, label: true },
    { text, span: 3, minLines, align: 'justify' },
  ];
}

/**
 * The checklist, one row per line. A line `一、执法主体是否合法：符合。说明……` is split at its first
 * colon into the item (left) and the finding with its note (right); a line without one spans the row.
 */
function findingRows(text: string): FieldCell[][] {
  const lines = linesOf(text);
  if (lines.length === 0) return [[{ text: '', span: 4, minLines: 4 }]];
  return lines.map((line) => {
    const at = line.search(/[：:]/);
    if (at <= 0 || at === line.length - 1) return [{ text: line, span: 4, align: 'justify' }];
    return [
      { text: line.slice(0, at), span: 2 },
      { text: line.slice(at + 1), span: 2, align: 'justify' },
    ];
  });
}

function layout(ctx: InstrumentContext, title: string) {
  const reviewedOn = field(ctx, 'reviewedOn') || ctx.instrument.date;
  const reasons = linesOf(field(ctx, 'majorReasons'));
  return frame(
    ctx,
    title,
    'form',
    [
      approvalTable([
        ...caseRows(ctx),
        [
          { text: '案件编号', label: true },
          { text: ctx.case.caseNo },
          { text: '送审日期', label: true },
          { text: chineseDate(field(ctx, 'submittedOn')) },
        ],
        [
          { text: '送审人', label: true },
          { text: field(ctx, 'submittedBy') },
          { text: '送审次数', label: true },
          { text: field(ctx, 'reviewRound') },
        ],
        wide('属于重大执法决定的情形', reasons.map((r, i) => `${i + 1}. ${r}`).join('\n'), 2),
        wide('承办机构拟作出的决定', field(ctx, 'proposal'), 2),
        wide('裁量基准适用情况', field(ctx, 'discretion'), 2),
        [{ text: '审核情况', label: true, span: 4 }],
        [
          { text: '审核事项', label: true, span: 2 },
          { text: '审核结论及说明', label: true, span: 2 },
        ],
        ...findingRows(field(ctx, 'findings')),
        wide('审核意见', field(ctx, 'opinion')),
        wide('具体意见和理由', field(ctx, 'opinionNote'), 3),
        [
          { text: '审核人', label: true },
          { text: field(ctx, 'reviewerName') },
          { text: '审核日期', label: true },
          { text: chineseDate(reviewedOn) },
        ],
      ]),
      { kind: 'spacer', lines: 0.5 },
      signatures([
        { label: '审核人（签名）', chars: 8 },
        { label: '法制机构负责人（签名）', chars: 8 },
      ]),
      { kind: 'seal', agencyName: '法制机构（盖章）', date: chineseNumeralDate(reviewedOn), sealMark: false },
    ],
    { pageNumbers: true },
  );
}

export const REVIEW_FORMS = {
  legalReviewOpinion: {
    fields: [
      { key: 'submittedOn', label: '送审日期', kind: 'date', required: true },
      { key: 'submittedBy', label: '送审人', kind: 'text', required: false },
      { key: 'reviewRound', label: '送审次数', kind: 'text', required: true, placeholder: '如：第1次送审' },
      {
        key: 'majorReasons',
        label: '属于重大执法决定的情形',
        kind: 'textarea',
        required: false,
        placeholder: '每行一项',
      },
      { key: 'proposal', label: '承办机构拟作出的决定', kind: 'textarea', required: true },
      { key: 'discretion', label: '裁量基准适用情况', kind: 'textarea', required: false },
      {
        key: 'findings',
        label: '审核情况',
        kind: 'textarea',
        required: true,
        placeholder: '每个审核事项一行，如：一、执法主体是否合法：符合。',
      },
      {
        key: 'opinion',
        label: '审核意见',
        kind: 'select',
        required: true,
        options: Object.values(REVIEW_OPINION_LABELS),
      },
      { key: 'opinionNote', label: '具体意见和理由', kind: 'textarea', required: false },
      { key: 'reviewerName', label: '审核人', kind: 'text', required: true },
      { key: 'reviewedOn', label: '审核日期', kind: 'date', required: true },
    ],
    check: (f) =>
      (f.reviewedOn ?? '') < (f.submittedOn ?? '')
        ? [{ key: 'reviewedOn', message: '“审核日期”不得早于送审日期' }]
        : [],
    layout,
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
