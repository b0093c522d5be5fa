/**
 * Internal approval forms (审批表) and the 案件调查终结报告: bordered grids that start with the case rows
 * and end with the opinions of 承办人, 法制审核 and 负责人, each with its signature and date line.
 */
import { CASE_SOURCE_LABELS } from '../../cases/caseVocabulary.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  approvalTable,
  caseRows,
  chineseDate,
  chineseNumeralDate,
  evidenceSentence,
  field,
  frame,
  type InstrumentForm,
  linesOf,
  officersText,
  opinionRows,
  paragraphs,
  partyBlock,
  penaltyText,
  signatures,
} from './layoutParts.js';

const UNDERTAKER = { key: 'undertakerOpinion', label: '承办人意见', kind: 'textarea', required: true } as const;
const HEAD = { key: 'headOpinion', label: '负责人审批意见', kind: 'textarea', required: false } as const;

export const APPROVAL_FORMS = {
  filingApproval: {
    fields: [
      {
        key: 'leadSummary',
        label: '案件基本情况',
        kind: 'textarea',
        required: true,
        placeholder: '线索来源、发现经过、涉嫌违法的主要事实',
      },
      {
        key: 'filingBasis',
        label: '立案依据',
        kind: 'textarea',
        required: true,
        placeholder: '如：《中华人民共和国行政处罚法》第五十四条',
      },
      UNDERTAKER,
      { key: 'deptOpinion', label: '承办机构意见', kind: 'textarea', required: false },
      HEAD,
    ],
    layout: (ctx, title) =>
      frame(ctx, title, 'form', [
        approvalTable([
          ...caseRows(ctx),
          [
            { text: '案件来源', label: true },
            { text: CASE_SOURCE_LABELS[ctx.case.source] },
            { text: '发现线索日期', label: true },
            { text: chineseDate(ctx.case.leadOn) },
          ],
          [
            { text: '案件基本情况', label: true },
            { text: field(ctx, 'leadSummary'), span: 3, minLines: 5, align: 'justify' },
          ],
          [
            { text: '立案依据', label: true },
            { text: field(ctx, 'filingBasis'), span: 3, minLines: 2 },
          ],
          [
            { text: '承办人员', label: true },
            { text: officersText(ctx), span: 3 },
          ],
          ...opinionRows(ctx, [
            { label: '承办人意见', key: 'undertakerOpinion' },
            { label: '承办机构意见', key: 'deptOpinion' },
            { label: '负责人审批意见', key: 'headOpinion' },
          ]),
        ]),
      ]),
  },

  coercionApproval: {
    fields: [
      { key: 'measure', label: '拟采取的强制措施', kind: 'select', required: true, options: ['查封', '扣押'] },
      { key: 'reason', label: '理由及依据', kind: 'textarea', required: true },
      {
        key: 'items',
        label: '查封扣押的场所、设施或者财物',
        kind: 'textarea',
        required: true,
        placeholder: '每行一项：名称|规格（型号）|数量|备注',
      },
      { key: 'durationDays', label: '期限（日）', kind: 'number', required: true, min: 1, max: 30 },
      UNDERTAKER,
      { key: 'legalReviewOpinion', label: '法制审核意见', kind: 'textarea', required: false },
      HEAD,
    ],
    layout: (ctx, title) =>
      frame(ctx, title, 'form', [
        approvalTable([
          ...caseRows(ctx),
          [
            { text: '拟采取措施', label: true },
            { text: field(ctx, 'measure') },
            { text: '期限', label: true },
            { text: `${field(ctx, 'durationDays')}日` },
          ],
          [
            { text: '理由及依据', label: true },
            { text: field(ctx, 'reason'), span: 3, minLines: 3, align: 'justify' },
          ],
          [
            { text: '场所、设施或者财物', label: true },
            {
              text: linesOf(field(ctx, 'items'))
                .map((l, i) => `${i + 1}. ${l.replaceAll('|', '，')}`)
                .join('\n'),
              span: 3,
              minLines: 3,
            },
          ],
          ...opinionRows(ctx, [
            { label: '承办人意见', key: 'undertakerOpinion' },
            { label: '法制审核意见', key: 'legalReviewOpinion' },
            { label: '负责人审批意见', key: 'headOpinion' },
          ]),
        ]),
      ]),
  },

  extensionApproval: {
    fields: [
      { key: 'originalDeadline', label: '原办案期限届满日', kind: 'date', required: true },
      { key: 'newDeadline', label: '延长至', kind: 'date', required: true },
      { key: 'reason', label: '延长理由', kind: 'textarea', required: true },
      UNDERTAKER,
      HEAD,
    ],
    check: (f) =>
      (f.newDeadline ?? '') <= (f.originalDeadline ?? '')
        ? [{ key: 'newDeadline', message: '“延长至”应晚于原办案期限届满日' }]
        : [],
    layout: (ctx, title) =>
      frame(ctx, title, 'form', [
        approvalTable([
          ...caseRows(ctx),
          [
            { text: '立案日期', label: true },
            { text: chineseDate(ctx.case.filedOn) },
            { text: '原期限届满日', label: true },
            { text: chineseDate(field(ctx, 'originalDeadline')) },
          ],
          [
            { text: '申请延长至', label: true },
            { text: chineseDate(field(ctx, 'newDeadline')), span: 3 },
          ],
          [
            { text: '延长理由', label: true },
            { text: field(ctx, 'reason'), span: 3, minLines: 4, align: 'justify' },
          ],
          ...opinionRows(ctx, [
            { label: '承办人意见', key: 'undertakerOpinion' },
            { label: '负责人审批意见', key: 'headOpinion' },
          ]),
        ]),
      ]),
  },

  decisionApproval: {
    fields: [
      {
        key: 'statementSummary',
        label: '陈述申辩或听证情况',
        kind: 'textarea',
        required: true,
        placeholder: '当事人是否提出陈述、申辩或听证，意见及采纳情况',
      },
      UNDERTAKER,
      { key: 'legalReviewOpinion', label: '法制审核意见', kind: 'textarea', required: true },
      { key: 'deliberationOpinion', label: '集体讨论意见', kind: 'textarea', required: false },
      HEAD,
    ],
    layout: (ctx, title) =>
      frame(ctx, title, 'form', [
        approvalTable([
          ...caseRows(ctx),
          [
            { text: '违法事实', label: true },
            { text: ctx.case.facts, span: 3, minLines: 4, align: 'justify' },
          ],
          [
            { text: '违反条款', label: true },
            { text: ctx.case.violatedProvision, span: 3 },
          ],
          [
            { text: '处罚依据', label: true },
            { text: ctx.case.penaltyBasis, span: 3 },
          ],
          [
            { text: '陈述申辩或听证情况', label: true },
            { text: field(ctx, 'statementSummary'), span: 3, minLines: 2 },
          ],
          [
            { text: '拟作出的处罚', label: true },
            { text: penaltyText(ctx.case.penalty), span: 3 },
          ],
          ...opinionRows(ctx, [
            { label: '承办人意见', key: 'undertakerOpinion' },
            { label: '法制审核意见', key: 'legalReviewOpinion' },
            { label: '集体讨论意见', key: 'deliberationOpinion' },
            { label: '负责人审批意见', key: 'headOpinion' },
          ]),
        ]),
      ]),
  },

  closingApproval: {
    fields: [
      {
        key: 'closingReason',
        label: '结案情形',
        kind: 'select',
        required: true,
        options: ['处罚决定执行完毕', '不予行政处罚', '移送司法机关', '终结执行', '其他'],
      },
      {
        key: 'executionStatus',
        label: '执行情况',
        kind: 'textarea',
        required: true,
        placeholder: '如：当事人于2026年12月1日缴纳罚款50,000元',
      },
      UNDERTAKER,
      HEAD,
    ],
    layout: (ctx, title) => {
      const decision = ctx.documents.find((d) => d.title.includes('处罚决定书'));
      return frame(ctx, title, 'form', [
        approvalTable([
          ...caseRows(ctx),
          [
            { text: '立案日期', label: true },
            { text: chineseDate(ctx.case.filedOn) },
            { text: '决定书文号', label: true },
            { text: decision?.number ?? '' },
          ],
          [
            { text: '处罚决定', label: true },
            { text: penaltyText(ctx.case.penalty), span: 3, minLines: 2 },
          ],
          [
            { text: '结案情形', label: true },
            { text: field(ctx, 'closingReason'), span: 3 },
          ],
          [
            { text: '执行情况', label: true },
            { text: field(ctx, 'executionStatus'), span: 3, minLines: 3, align: 'justify' },
          ],
          ...opinionRows(ctx, [
            { label: '承办人意见', key: 'undertakerOpinion' },
            { label: '负责人审批意见', key: 'headOpinion' },
          ]),
        ]),
      ]);
    },
  },

  investigationReport: {
    fields: [
      { key: 'investigationProcess', label: '调查经过', kind: 'textarea', required: true },
      { key: 'discretion', label: '从轻、减轻或者从重情节', kind: 'textarea', required: false },
      { key: 'proposal', label: '处理意见', kind: 'textarea', required: true },
    ],
    layout: (ctx, title) => {
      const evidence = evidenceSentence(ctx);
      return frame(ctx, title, 'form', [
        { kind: 'labeled', items: [{ label: '案由', value: ctx.case.title }] },
        { kind: 'labeled', items: [{ label: '案件编号', value: ctx.case.caseNo }] },
        { kind: 'heading', text: '一、当事人基本情况' },
        ...partyBlock(ctx.party),
        { kind: 'heading', text: '二、案件来源及调查经过' },
        {
          kind: 'paragraph',
          text: `本案系${CASE_SOURCE_LABELS[ctx.case.source]}，${chineseDate(ctx.case.leadOn)}发现案件线索，${chineseDate(ctx.case.filedOn)}经负责人批准立案。承办人员为${officersText(ctx)}。`,
        },
        ...paragraphs(field(ctx, 'investigationProcess')),
        { kind: 'heading', text: '三、违法事实及证据' },
        { kind: 'paragraph', text: ctx.case.facts },
        ...(evidence ? [{ kind: 'paragraph' as const, text: `上述事实有下列证据证明：${evidence}。` }] : []),
        { kind: 'heading', text: '四、违法行为的性质及法律依据' },
        {
          kind: 'paragraph',
          text: `当事人的上述行为违反了${ctx.case.violatedProvision}的规定。依据${ctx.case.penaltyBasis}的规定，应当予以行政处罚。`,
        },
        { kind: 'heading', text: '五、从轻、减轻或者从重情节' },
        ...(field(ctx, 'discretion')
          ? paragraphs(field(ctx, 'discretion'))
          : [{ kind: 'paragraph' as const, text: '无。' }]),
        { kind: 'heading', text: '六、处理意见' },
        ...paragraphs(field(ctx, 'proposal')),
        { kind: 'paragraph', text: `建议对当事人作出如下行政处罚：${penaltyText(ctx.case.penalty)}。` },
        { kind: 'spacer', lines: 1 },
        signatures(
          ...ctx.officers.map((o) => [
            { label: '承办人签名', chars: 8 },
            { label: '执法证号', value: o.credentialNo, chars: 10 },
          ]),
          [{ label: '日期', value: chineseNumeralDate(ctx.instrument.date), chars: 12 }],
        ),
      ]);
    },
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
