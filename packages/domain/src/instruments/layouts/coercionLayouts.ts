/**
 * Measures taken during an investigation: 先行登记保存, 查封扣押 (决定、延长、解除) under the 行政强制法,
 * and 责令限期整改 with its 复查.
 */
import type { InstrumentContext } from '../instrumentContext.js';
import type { LayoutBlock, ParagraphBlock } from '../instrumentLayout.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  addDays,
  addressee,
  chineseDate,
  field,
  frame,
  type InstrumentForm,
  itemsTable,
  linesOf,
  officerRows,
  paragraphs,
  partyBlock,
  partyRow,
  reliefParagraph,
  seal,
  signatures,
  you,
} from './layoutParts.js';

const COERCION_LAW = '《中华人民共和国行政强制法》';

const ITEMS = {
  key: 'items',
  label: '场所、设施或者财物清单',
  kind: 'textarea',
  required: true,
  placeholder: '每行一项：名称|规格（型号）|数量|备注',
} as const;
const ORIGINAL_NO = { key: 'originalNo', label: '原查封扣押决定书文号', kind: 'text', required: true } as const;
const ORIGINAL_DATE = { key: 'originalDate', label: '原决定日期', kind: 'date', required: true } as const;

function days(ctx: InstrumentContext, key: string): number {
  const n = Number(field(ctx, key));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** The sentence recalling the original 查封扣押决定书. */
function originalDecision(ctx: InstrumentContext): string {
  return `本机关于${chineseDate(field(ctx, 'originalDate'))}作出《查封扣押决定书》（${field(ctx, 'originalNo')}），对${you(ctx.party)}的有关场所、设施或者财物实施了查封、扣押。`;
}

function centred(text: string): LayoutBlock {
  return { kind: 'heading', text, align: 'center' };
}

const RELEASE_REASONS = [
  '当事人没有违法行为',
  '查封、扣押的场所、设施或者财物与违法行为无关',
  '对违法行为已经作出处理决定，不再需要查封、扣押',
  '查封、扣押期限已经届满',
  '其他不再需要采取查封、扣押措施的情形',
] as const;

const REVIEW_CONCLUSIONS = ['已整改完毕', '部分整改', '未整改'] as const;

export const COERCION_FORMS = {
  preservationNotice: {
    fields: [
      ITEMS,
      { key: 'startDate', label: '保存起始日期', kind: 'date', required: true },
      {
        key: 'storageMethod',
        label: '保存方式',
        kind: 'select',
        required: true,
        options: ['就地保存', '异地保存'],
      },
      { key: 'storagePlace', label: '保存地点', kind: 'text', required: true },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const start = field(ctx, 'startDate') || ctx.instrument.date;
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `因${y}涉嫌${ctx.case.title}，在证据可能灭失或者以后难以取得的情况下，经本机关负责人批准，依据《中华人民共和国行政处罚法》第五十六条的规定，本机关决定对${y}的下列物品予以先行登记保存，保存期限为七日（自${chineseDate(start)}至${chineseDate(addDays(start, 6))}）。`,
        },
        {
          kind: 'paragraph',
          text: `保存期间，${y}或者有关人员不得损毁、销毁或者转移证据。本机关将在七日内作出处理决定。`,
        },
        {
          kind: 'labeled',
          items: [
            { label: '保存方式', value: field(ctx, 'storageMethod'), minChars: 5 },
            { label: '保存地点', value: field(ctx, 'storagePlace') },
          ],
        },
        centred('先行登记保存物品清单'),
        itemsTable(field(ctx, 'items')),
        signatures(partyRow(), ...officerRows(ctx)),
        seal(ctx),
      ]);
    },
  },

  seizureDecision: {
    fields: [
      { key: 'measure', label: '强制措施', kind: 'select', required: true, options: ['查封', '扣押', '查封、扣押'] },
      {
        key: 'reason',
        label: '查封扣押的理由',
        kind: 'textarea',
        required: true,
        placeholder: '经查，你单位……，存在……的情形',
      },
      ITEMS,
      { key: 'startDate', label: '起始日期', kind: 'date', required: true },
      { key: 'durationDays', label: '期限（日）', kind: 'number', required: true, min: 1, max: 30 },
      { key: 'storagePlace', label: '财物存放地点', kind: 'text', required: false },
      {
        key: 'measureBasis',
        label: '采取措施的法律依据',
        kind: 'text',
        required: false,
        placeholder: '不填则用案件的处罚（强制）依据',
      },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const basis = field(ctx, 'measureBasis') || ctx.case.penaltyBasis;
      const measure = field(ctx, 'measure') || '查封、扣押';
      const n = days(ctx, 'durationDays');
      const start = field(ctx, 'startDate') || ctx.instrument.date;
      const place = field(ctx, 'storagePlace');
      return frame(ctx, title, 'document', [
        ...partyBlock(ctx.party),
        { kind: 'spacer', lines: 0.3 },
        ...paragraphs(field(ctx, 'reason')),
        {
          kind: 'paragraph',
          text: `依据${basis}和${COERCION_LAW}第二十二条、第二十四条的规定，本机关决定对${y}的下列场所、设施或者财物予以${measure}，期限为${n}日，自${chineseDate(start)}起至${chineseDate(addDays(start, n - 1))}止。${place ? `被扣押的财物存放于${place}。` : ''}`,
        },
        centred('查封扣押场所、设施或者财物清单'),
        itemsTable(field(ctx, 'items')),
        {
          kind: 'paragraph',
          text: `在${measure}期间，任何单位和个人不得擅自启封、使用、转移、损毁被${measure}的场所、设施或者财物。本机关将在${measure}期限内作出处理决定；情况复杂的，经本机关负责人批准，可以延长${measure}期限，延长期限不超过三十日。`,
        },
        reliefParagraph(ctx, '本决定'),
        seal(ctx),
      ]);
    },
  },

  seizureExtension: {
    fields: [
      ORIGINAL_NO,
      ORIGINAL_DATE,
      { key: 'reason', label: '延长理由', kind: 'textarea', required: true },
      { key: 'extensionDays', label: '延长期限（日）', kind: 'number', required: true, min: 1, max: 30 },
      { key: 'newEndDate', label: '延长至', kind: 'date', required: true },
    ],
    layout: (ctx, title) =>
      frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        { kind: 'paragraph', text: originalDecision(ctx) },
        {
          kind: 'paragraph',
          text: `因${field(ctx, 'reason').replace(/[。；]$/, '')}，案件情况复杂，经本机关负责人批准，依据${COERCION_LAW}第二十五条的规定，本机关决定将查封、扣押期限延长${days(ctx, 'extensionDays')}日，至${chineseDate(field(ctx, 'newEndDate'))}止。`,
        },
        reliefParagraph(ctx, '本决定'),
        seal(ctx),
      ]),
  },

  seizureRelease: {
    fields: [
      ORIGINAL_NO,
      ORIGINAL_DATE,
      { key: 'releaseReason', label: '解除理由', kind: 'select', required: true, options: RELEASE_REASONS },
      ITEMS,
      { key: 'releaseDate', label: '解除日期', kind: 'date', required: true },
      { key: 'returnPlace', label: '财物返还地点', kind: 'text', required: false },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const place = field(ctx, 'returnPlace');
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `${originalDecision(ctx)}鉴于${field(ctx, 'releaseReason')}，依据${COERCION_LAW}第二十八条的规定，本机关决定自${chineseDate(field(ctx, 'releaseDate'))}起解除对下列场所、设施或者财物的查封、扣押。`,
        },
        centred('解除查封扣押场所、设施或者财物清单'),
        itemsTable(field(ctx, 'items')),
        ...(place ? [{ kind: 'paragraph' as const, text: `请${y}持本决定书到${place}办理财物返还手续。` }] : []),
        signatures(partyRow('当事人签收')),
        seal(ctx),
      ]);
    },
  },

  rectificationOrder: {
    fields: [
      {
        key: 'problems',
        label: '存在的问题',
        kind: 'textarea',
        required: true,
        placeholder: '每行一项问题',
      },
      { key: 'deadline', label: '整改期限', kind: 'date', required: true },
      {
        key: 'orderBasis',
        label: '责令整改依据',
        kind: 'text',
        required: false,
        placeholder: '如：《中华人民共和国安全生产法》第六十五条第一款第（三）项',
      },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const problems = linesOf(field(ctx, 'problems')).map((l) => l.replace(/^\d+[.、．]\s*/, ''));
      const basis = field(ctx, 'orderBasis') || ctx.case.penaltyBasis;
      const range = problems.length > 1 ? `第1项至第${problems.length}项` : '';
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        { kind: 'paragraph', text: `经查，${y}存在下列问题：` },
        ...problems.map((p, i): ParagraphBlock => ({ kind: 'paragraph', text: `${i + 1}. ${p}` })),
        {
          kind: 'paragraph',
          text: `依据${basis}的规定，现责令${y}对上述${range}问题于${chineseDate(field(ctx, 'deadline'))}前整改完毕，达到有关法律、法规、规章和标准规定的要求。整改期间，${y}应当采取措施，确保安全；由此造成事故的，依法追究有关人员的责任。`,
        },
        reliefParagraph(ctx, '本指令'),
        signatures([{ label: '被检查单位负责人签收', chars: 8 }], ...officerRows(ctx)),
        seal(ctx),
      ]);
    },
  },

  rectificationReview: {
    fields: [
      { key: 'orderNo', label: '责令限期整改指令书文号', kind: 'text', required: true },
      { key: 'orderDate', label: '指令书日期', kind: 'date', required: true },
      { key: 'reviewDate', label: '复查日期', kind: 'date', required: true },
      { key: 'reviewFindings', label: '复查情况', kind: 'textarea', required: true },
      { key: 'conclusion', label: '复查结论', kind: 'select', required: true, options: REVIEW_CONCLUSIONS },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const conclusion: Record<string, string> = {
        已整改完毕: '经复查，上述问题已整改完毕，符合有关法律、法规、规章和标准规定的要求。',
        部分整改: `经复查，${y}仍有部分问题未整改完毕，本机关将依法处理。`,
        未整改: `经复查，${y}未按期整改，本机关将依法处理。`,
      };
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `本机关于${chineseDate(field(ctx, 'orderDate'))}作出《责令限期整改指令书》（${field(ctx, 'orderNo')}），责令${y}限期整改。本机关于${chineseDate(field(ctx, 'reviewDate'))}对${y}的整改情况进行了复查，情况如下：`,
        },
        ...paragraphs(field(ctx, 'reviewFindings')),
        { kind: 'paragraph', text: conclusion[field(ctx, 'conclusion')] ?? '' },
        signatures([{ label: '被复查单位负责人签收', chars: 8 }], ...officerRows(ctx)),
        seal(ctx),
      ]);
    },
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
