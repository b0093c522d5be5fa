/**
 * Instruments of the penalty procedure served on the party or sent out: 事先告知书, 听证告知书,
 * 听证通知书, 行政处罚决定书 (普通程序 and 当场), 催告书, 案件移送函.
 */
import type { InstrumentContext } from '../instrumentContext.js';
import type { LayoutBlock, ParagraphBlock } from '../instrumentLayout.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  addressee,
  chineseDate,
  chineseDateTime,
  contactBlock,
  evidenceSentence,
  field,
  frame,
  type InstrumentForm,
  linesOf,
  moneyText,
  officerRows,
  paragraphs,
  partyBlock,
  partyRow,
  penaltyText,
  reliefParagraph,
  seal,
  signatures,
  you,
  yuanToFen,
} from './layoutParts.js';

const CONTACT_PERSON = { key: 'contactPerson', label: '联系人', kind: 'text', required: true } as const;
const CONTACT_PHONE = {
  key: 'contactPhone',
  label: '联系电话',
  kind: 'text',
  required: false,
  placeholder: '不填则用本机关电话',
} as const;

const LAW = '《中华人民共和国行政处罚法》';

/** 经查，<facts> — the facts as the case states them, with 经查 unless they already open with it. */
function factsParagraph(ctx: InstrumentContext): ParagraphBlock {
  const facts = ctx.case.facts.trim();
  return { kind: 'paragraph', text: /^经(查|调查)/.test(facts) ? facts : `经查，${facts}` };
}

/** 以上事实有……等证据为证。 (omitted when the case lists no evidence). */
function evidenceParagraph(ctx: InstrumentContext): ParagraphBlock[] {
  const list = evidenceSentence(ctx);
  return list ? [{ kind: 'paragraph', text: `以上事实有下列证据为证：${list}。` }] : [];
}

/** Violated provision, basis and the intended / decided penalty. */
function basisParagraph(ctx: InstrumentContext, verb: string): ParagraphBlock {
  const y = you(ctx.party);
  return {
    kind: 'paragraph',
    text: `${y}的上述行为违反了${ctx.case.violatedProvision}的规定。依据${ctx.case.penaltyBasis}的规定，本机关${verb}${penaltyText(ctx.case.penalty)}的行政处罚。`,
  };
}

function hasMoney(ctx: InstrumentContext): boolean {
  const p = ctx.case.penalty;
  return !!p && (p.fineFen > 0 || p.confiscationFen > 0);
}

/** 履行方式和期限: 15 days to the designated bank, 3% per day after that (行政处罚法 第六十七条、第七十二条). */
function paymentParagraph(ctx: InstrumentContext, bank: string, account: string): ParagraphBlock {
  const y = you(ctx.party);
  const where = bank ? `${bank}${account ? `（账号：${account}）` : ''}` : '本机关指定的银行';
  return {
    kind: 'paragraph',
    text: `${y}应当自收到本决定书之日起十五日内，将罚没款缴至${where}，或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关将依据${LAW}第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。`,
  };
}

export const PENALTY_FORMS = {
  priorNotice: {
    fields: [
      { key: 'hearing', label: '是否告知听证权利', kind: 'select', required: true, options: ['是', '否'] },
      CONTACT_PERSON,
      CONTACT_PHONE,
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const hearing: LayoutBlock[] =
        field(ctx, 'hearing') === '是'
          ? [
              {
                kind: 'paragraph',
                text: `根据${LAW}第六十三条、第六十四条的规定，${y}有权要求举行听证。要求听证的，应当在收到本告知书之日起五日内向本机关提出；逾期未提出的，视为放弃听证权利。`,
              },
            ]
          : [];
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        factsParagraph(ctx),
        ...evidenceParagraph(ctx),
        basisParagraph(ctx, `拟对${y}作出`),
        {
          kind: 'paragraph',
          text: `根据${LAW}第四十四条、第四十五条的规定，${y}有权进行陈述和申辩。${y}如有陈述、申辩意见，应当在收到本告知书之日起三个工作日内向本机关提出；逾期未提出的，视为放弃上述权利。`,
        },
        ...hearing,
        ...contactBlock(ctx, field(ctx, 'contactPerson'), field(ctx, 'contactPhone')),
        seal(ctx),
      ]);
    },
  },

  hearingRightsNotice: {
    fields: [CONTACT_PERSON, CONTACT_PHONE],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `${y}${ctx.case.title}一案，经调查，${y}的行为违反了${ctx.case.violatedProvision}的规定。依据${ctx.case.penaltyBasis}的规定，本机关拟对${y}作出${penaltyText(ctx.case.penalty)}的行政处罚。`,
        },
        {
          kind: 'paragraph',
          text: `根据${LAW}第六十三条、第六十四条的规定，${y}有要求举行听证的权利。${y}要求听证的，应当在收到本告知书之日起五日内向本机关提出；逾期未提出的，视为放弃听证权利。`,
        },
        ...contactBlock(ctx, field(ctx, 'contactPerson'), field(ctx, 'contactPhone')),
        seal(ctx),
      ]);
    },
  },

  hearingNotice: {
    fields: [
      { key: 'hearingAt', label: '听证时间', kind: 'datetime', required: true },
      { key: 'hearingPlace', label: '听证地点', kind: 'text', required: true },
      { key: 'host', label: '听证主持人', kind: 'text', required: true },
      { key: 'members', label: '听证员', kind: 'text', required: false },
      { key: 'clerk', label: '记录员', kind: 'text', required: true },
      { key: 'publicity', label: '是否公开举行', kind: 'select', required: true, options: ['公开', '不公开'] },
      CONTACT_PERSON,
      CONTACT_PHONE,
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const members = field(ctx, 'members');
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `根据${y}的听证申请，本机关定于${chineseDateTime(field(ctx, 'hearingAt'))}在${field(ctx, 'hearingPlace')}对${ctx.case.title}一案${field(ctx, 'publicity') === '不公开' ? '不公开' : '公开'}举行听证。听证主持人：${field(ctx, 'host')}${members ? `；听证员：${members}` : ''}；记录员：${field(ctx, 'clerk')}。`,
        },
        {
          kind: 'paragraph',
          text: `请${y}准时出席。${y}可以亲自参加听证，也可以委托一至二人代理；委托代理人参加听证的，应当在听证举行前向本机关提交载明委托事项及权限的授权委托书。${y}认为听证主持人、听证员或者记录员与本案有直接利害关系的，有权在听证开始前申请回避。`,
        },
        {
          kind: 'paragraph',
          text: `${y}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。`,
        },
        ...contactBlock(ctx, field(ctx, 'contactPerson'), field(ctx, 'contactPhone')),
        seal(ctx),
      ]);
    },
  },

  penaltyDecision: {
    fields: [
      {
        key: 'statementHandling',
        label: '陈述申辩或听证及采纳情况',
        kind: 'textarea',
        required: false,
        placeholder: '本机关于……送达《行政处罚事先告知书》，你单位……，经复核……',
      },
      {
        key: 'paymentBank',
        label: '罚没款缴纳银行',
        kind: 'text',
        required: false,
        placeholder: '如：中国农业银行示例县支行',
      },
      { key: 'paymentAccount', label: '缴款账号', kind: 'text', required: false },
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      return frame(ctx, title, 'document', [
        ...partyBlock(ctx.party),
        { kind: 'spacer', lines: 0.3 },
        factsParagraph(ctx),
        ...evidenceParagraph(ctx),
        ...paragraphs(field(ctx, 'statementHandling')),
        basisParagraph(ctx, `决定对${y}作出`),
        ...(hasMoney(ctx) ? [paymentParagraph(ctx, field(ctx, 'paymentBank'), field(ctx, 'paymentAccount'))] : []),
        reliefParagraph(
          ctx,
          '本决定',
          '行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。逾期不申请行政复议、不提起行政诉讼又不履行本决定的，本机关将依法申请人民法院强制执行。',
        ),
        seal(ctx),
      ]);
    },
  },

  summaryDecision: {
    fields: [
      { key: 'decidedAt', label: '处罚时间', kind: 'datetime', required: true },
      { key: 'place', label: '处罚地点', kind: 'text', required: true },
      {
        key: 'paymentMethod',
        label: '罚款缴纳方式',
        kind: 'select',
        required: true,
        options: ['当场缴纳', '到指定银行缴纳'],
      },
      { key: 'paymentBank', label: '指定银行', kind: 'text', required: false },
    ],
    check: (f) =>
      f.paymentMethod === '到指定银行缴纳' && !f.paymentBank?.trim()
        ? [{ key: 'paymentBank', message: '请填写“指定银行”' }]
        : [],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const p = ctx.case.penalty;
      const pay: ParagraphBlock[] = !p?.fineFen
        ? []
        : field(ctx, 'paymentMethod') === '当场缴纳'
          ? [
              {
                kind: 'paragraph',
                text: `罚款当场缴纳。执法人员当场收缴罚款的，应当向${y}出具国务院财政部门或者省、自治区、直辖市人民政府财政部门统一制发的专用票据。`,
              },
            ]
          : [
              {
                kind: 'paragraph',
                text: `${y}应当自收到本决定书之日起十五日内，将罚款缴至${field(ctx, 'paymentBank')}。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。`,
              },
            ];
      return frame(ctx, title, 'compact', [
        ...partyBlock(ctx.party),
        { kind: 'paragraph', text: [{ text: '违法事实：', bold: true }, { text: ctx.case.facts }] },
        {
          kind: 'paragraph',
          text: [
            { text: '违反规定及处罚依据：', bold: true },
            {
              text: `${y}的上述行为违反了${ctx.case.violatedProvision}的规定，依据${ctx.case.penaltyBasis}和${LAW}第五十一条的规定，当场作出如下行政处罚：`,
            },
          ],
        },
        { kind: 'paragraph', text: [{ text: '处罚决定：', bold: true }, { text: `${penaltyText(p)}。` }] },
        ...pay,
        reliefParagraph(ctx, '本决定'),
        {
          kind: 'paragraph',
          text: `执法人员已出示执法证件，于${chineseDateTime(field(ctx, 'decidedAt'))}在${field(ctx, 'place')}当场作出本决定并交付当事人。`,
        },
        signatures(...officerRows(ctx), partyRow('当事人签收')),
        seal(ctx),
      ]);
    },
  },

  paymentDemand: {
    fields: [
      { key: 'decisionNo', label: '行政处罚决定书文号', kind: 'text', required: true },
      { key: 'decisionDate', label: '决定日期', kind: 'date', required: true },
      { key: 'unpaidYuan', label: '未缴罚款（元）', kind: 'yuan', required: true },
      { key: 'lateFeeYuan', label: '加处罚款（元）', kind: 'yuan', required: false },
      { key: 'paymentBank', label: '缴纳银行', kind: 'text', required: true },
      CONTACT_PERSON,
      CONTACT_PHONE,
    ],
    layout: (ctx, title) => {
      const y = you(ctx.party);
      const unpaid = yuanToFen(field(ctx, 'unpaidYuan')) ?? 0;
      const late = yuanToFen(field(ctx, 'lateFeeYuan')) ?? 0;
      const owed = late
        ? `罚款${moneyText(unpaid)}及加处罚款${moneyText(late)}，合计${moneyText(unpaid + late)}`
        : `罚款${moneyText(unpaid)}`;
      return frame(ctx, title, 'document', [
        addressee(ctx.party.name),
        {
          kind: 'paragraph',
          text: `本机关于${chineseDate(field(ctx, 'decisionDate'))}作出《行政处罚决定书》（${field(ctx, 'decisionNo')}），决定对${y}${penaltyText(ctx.case.penalty)}，该决定书已依法送达。${y}未在规定期限内履行缴纳罚款的义务。`,
        },
        {
          kind: 'paragraph',
          text: `根据《中华人民共和国行政强制法》第三十五条、第五十四条的规定，现催告${y}自收到本催告书之日起十日内，将${owed}缴至${field(ctx, 'paymentBank')}。${late ? `加处罚款系依据${LAW}第七十二条第一款第（一）项的规定，按罚款数额每日百分之三计算，数额不超出罚款数额。` : ''}`,
        },
        {
          kind: 'paragraph',
          text: `${y}有权进行陈述和申辩。${y}如有陈述、申辩意见，应当在收到本催告书之日起三日内向本机关提出。逾期仍不履行的，本机关将依法申请${ctx.agency.court}强制执行。`,
        },
        ...contactBlock(ctx, field(ctx, 'contactPerson'), field(ctx, 'contactPhone')),
        seal(ctx),
      ]);
    },
  },

  referralLetter: {
    fields: [
      { key: 'receiver', label: '接收机关', kind: 'text', required: true, placeholder: '如：示例县公安局' },
      { key: 'referralReason', label: '移送理由', kind: 'textarea', required: true },
      {
        key: 'referralBasis',
        label: '移送依据',
        kind: 'text',
        required: true,
        placeholder: '如：《行政执法机关移送涉嫌犯罪案件的规定》第三条',
      },
      { key: 'attachments', label: '附件', kind: 'textarea', required: false, placeholder: '每行一件' },
      CONTACT_PERSON,
      CONTACT_PHONE,
    ],
    layout: (ctx, title) => {
      const attachments = linesOf(field(ctx, 'attachments'));
      return frame(ctx, title, 'document', [
        addressee(field(ctx, 'receiver')),
        {
          kind: 'paragraph',
          text: `本机关在办理${ctx.party.name}${ctx.case.title}一案（案件编号：${ctx.case.caseNo}）中，${field(ctx, 'referralReason')}`,
        },
        {
          kind: 'paragraph',
          text: `依据${field(ctx, 'referralBasis')}的规定，现将该案移送你单位依法处理，有关证据材料一并移送。请你单位自收到本函之日起依法处理，并将处理结果书面告知本机关。`,
        },
        ...(attachments.length
          ? [
              { kind: 'paragraph' as const, text: `附件：${attachments[0] ?? ''}` },
              ...attachments.slice(1).map(
                (a): ParagraphBlock => ({
                  kind: 'paragraph',
                  text: `　　　${a}`,
                }),
              ),
            ]
          : []),
        ...contactBlock(ctx, field(ctx, 'contactPerson'), field(ctx, 'contactPhone')),
        seal(ctx),
      ]);
    },
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
