/**
 * Transcripts (笔录) and minutes: a bordered header grid, the officers' opening statement, the
 * questions and answers as recorded, the reader's confirmation and signatures. Every page carries the
 * signature line of the person heard and 第 X 页 共 Y 页, as each page of a transcript is signed.
 */
import type { InstrumentContext } from '../instrumentContext.js';
import type { FieldCell, FieldTableBlock, LayoutBlock } from '../instrumentLayout.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  chineseTimeRange,
  endNotBeforeStart,
  field,
  frame,
  genderOf,
  type InstrumentForm,
  officerRows,
  openingStatement,
  paragraphs,
  penaltyText,
  signatures,
  transcript,
  transcriptClosing,
} from './layoutParts.js';

const START = { key: 'startAt', label: '开始时间', kind: 'datetime', required: true } as const;
const END = { key: 'endAt', label: '结束时间', kind: 'datetime', required: true } as const;
const checkTimes = (f: Record<string, string>) => endNotBeforeStart(f, 'startAt', 'endAt', '结束时间');

const SIGN_LINE = '　　　　　　　　　　　　年　　月　　日';

function header(rows: FieldCell[][]): FieldTableBlock {
  return { kind: 'fieldTable', columns: [2.9, 4, 2.9, 4.4], rows };
}

function wide(label: string, text: string): FieldCell[] {
  return [
    { text: label, label: true },
    { text, span: 3 },
  ];
}

function pair(l1: string, v1: string, l2: string, v2: string): FieldCell[] {
  return [{ text: l1, label: true }, { text: v1 }, { text: l2, label: true }, { text: v2 }];
}

/** 询问人 / 记录人 rows (the first two officers, as P-42 asks for two). */
function officerPairs(ctx: InstrumentContext, first: string, second: string): FieldCell[][] {
  const [a, b] = ctx.officers;
  return [
    pair(first, a?.name ?? '', '执法证号', a?.credentialNo ?? ''),
    pair(second, b?.name ?? '', '执法证号', b?.credentialNo ?? ''),
  ];
}

function transcriptFrame(
  ctx: InstrumentContext,
  title: string,
  footerWho: string,
  blocks: LayoutBlock[],
): ReturnType<typeof frame> {
  return frame(ctx, title, 'form', blocks, { footer: `${footerWho}签名：${SIGN_LINE}`, pageNumbers: true });
}

const TRANSCRIPT_PLACEHOLDER = '每行一句，以“问：”“答：”开头';

export const TRANSCRIPT_FORMS = {
  inquiryRecord: {
    fields: [
      START,
      END,
      { key: 'place', label: '询问地点', kind: 'text', required: true },
      { key: 'interviewee', label: '被询问人', kind: 'text', required: true },
      { key: 'intervieweeId', label: '被询问人公民身份号码', kind: 'text', required: false },
      { key: 'intervieweeAge', label: '年龄', kind: 'number', required: false, min: 14, max: 120 },
      { key: 'intervieweeUnit', label: '工作单位及职务', kind: 'text', required: false },
      { key: 'intervieweePhone', label: '联系电话', kind: 'text', required: false },
      { key: 'intervieweeAddress', label: '住址', kind: 'text', required: false },
      {
        key: 'relation',
        label: '与本案关系',
        kind: 'select',
        required: true,
        options: ['当事人', '法定代表人', '委托代理人', '员工', '证人', '其他'],
      },
      { key: 'transcript', label: '询问内容', kind: 'textarea', required: true, placeholder: TRANSCRIPT_PLACEHOLDER },
    ],
    check: checkTimes,
    layout: (ctx, title) => {
      const id = field(ctx, 'intervieweeId');
      return transcriptFrame(ctx, title, '被询问人', [
        header([
          wide('询问时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
          wide('询问地点', field(ctx, 'place')),
          ...officerPairs(ctx, '询问人', '记录人'),
          pair('被询问人', field(ctx, 'interviewee'), '性别', genderOf(id)),
          pair('年龄', field(ctx, 'intervieweeAge'), '公民身份号码', id),
          wide('工作单位及职务', field(ctx, 'intervieweeUnit')),
          pair('联系电话', field(ctx, 'intervieweePhone'), '与本案关系', field(ctx, 'relation')),
          wide('住址', field(ctx, 'intervieweeAddress')),
        ]),
        { kind: 'spacer', lines: 0.5 },
        openingStatement(ctx, `就${ctx.party.name}${ctx.case.title}一案向你进行询问调查`),
        ...transcript(field(ctx, 'transcript')),
        ...transcriptClosing('被询问人'),
        signatures([
          { label: '询问人签名', chars: 8 },
          { label: '记录人签名', chars: 8 },
        ]),
      ]);
    },
  },

  inspectionRecord: {
    fields: [
      START,
      END,
      { key: 'siteContact', label: '现场负责人', kind: 'text', required: true },
      { key: 'siteContactTitle', label: '现场负责人职务', kind: 'text', required: false },
      { key: 'siteContactPhone', label: '现场负责人电话', kind: 'text', required: false },
      {
        key: 'findings',
        label: '检查情况',
        kind: 'textarea',
        required: true,
        placeholder: '检查的场所、设备、资料，发现的问题',
      },
    ],
    check: checkTimes,
    layout: (ctx, title) => {
      const p = ctx.party;
      const names = ctx.officers.map((o) => o.name).join('、');
      return transcriptFrame(ctx, title, '被检查单位现场负责人', [
        header([
          wide('被检查单位', p.name),
          wide('地址', p.address),
          pair('法定代表人', p.legalRepresentative, '联系电话', p.phone),
          pair('现场负责人', field(ctx, 'siteContact'), '职务', field(ctx, 'siteContactTitle')),
          wide('检查场所', ctx.case.place),
          wide('检查时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
          ...officerPairs(ctx, '检查人员', '检查人员'),
        ]),
        { kind: 'spacer', lines: 0.5 },
        {
          kind: 'paragraph',
          text: `我们是${ctx.agency.name}的执法人员${names}，已向现场负责人出示执法证件。现依法对你单位进行现场检查，请予以配合。`,
        },
        { kind: 'paragraph', text: [{ text: '检查情况：', bold: true }], indent: false },
        ...paragraphs(field(ctx, 'findings')),
        {
          kind: 'paragraph',
          text: '以上记录已交现场负责人核对（已向其宣读），现场负责人对记录无异议。',
        },
        { kind: 'spacer', lines: 0.5 },
        signatures([{ label: '现场负责人签名', chars: 8 }], ...officerRows(ctx, '检查人员签名')),
      ]);
    },
  },

  onSiteRecord: {
    fields: [
      START,
      END,
      { key: 'measure', label: '采取的行政强制措施', kind: 'select', required: true, options: ['查封', '扣押'] },
      { key: 'partyPresent', label: '当事人到场情况', kind: 'select', required: true, options: ['到场', '未到场'] },
      { key: 'witness', label: '见证人', kind: 'text', required: false },
      { key: 'situation', label: '现场情况', kind: 'textarea', required: true },
      { key: 'partyStatement', label: '当事人陈述、申辩', kind: 'textarea', required: false },
    ],
    check: (f) => [
      ...checkTimes(f),
      ...(f.partyPresent === '未到场' && !f.witness?.trim()
        ? [{ key: 'witness', message: '当事人未到场的，应当邀请见证人到场，请填写“见证人”' }]
        : []),
    ],
    layout: (ctx, title) => {
      const statement = field(ctx, 'partyStatement');
      return transcriptFrame(ctx, title, '当事人（见证人）', [
        header([
          wide('当事人', ctx.party.name),
          wide('地址', ctx.party.address),
          wide('时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
          wide('地点', ctx.case.place),
          ...officerPairs(ctx, '执法人员', '执法人员'),
          pair('当事人到场情况', field(ctx, 'partyPresent'), '见证人', field(ctx, 'witness')),
          wide('强制措施', field(ctx, 'measure')),
        ]),
        { kind: 'spacer', lines: 0.5 },
        {
          kind: 'paragraph',
          text: `执法人员出示了执法证件，告知当事人采取${field(ctx, 'measure')}措施的理由、依据以及当事人依法享有的权利和救济途径，并听取了当事人的陈述和申辩。`,
        },
        { kind: 'paragraph', text: [{ text: '现场情况：', bold: true }], indent: false },
        ...paragraphs(field(ctx, 'situation')),
        { kind: 'paragraph', text: [{ text: '当事人陈述、申辩：', bold: true }], indent: false },
        ...(statement ? paragraphs(statement) : [{ kind: 'paragraph' as const, text: '无。' }]),
        { kind: 'spacer', lines: 0.5 },
        signatures(
          [
            { label: '当事人签名', chars: 8 },
            { label: '见证人签名', chars: 8 },
          ],
          ...officerRows(ctx, '执法人员签名'),
        ),
      ]);
    },
  },

  statementRecord: {
    fields: [
      START,
      END,
      { key: 'place', label: '地点', kind: 'text', required: true },
      { key: 'stater', label: '陈述申辩人', kind: 'text', required: true },
      {
        key: 'staterRole',
        label: '陈述申辩人身份',
        kind: 'select',
        required: true,
        options: ['当事人', '法定代表人', '委托代理人'],
      },
      {
        key: 'statement',
        label: '陈述申辩内容',
        kind: 'textarea',
        required: true,
        placeholder: TRANSCRIPT_PLACEHOLDER,
      },
    ],
    check: checkTimes,
    layout: (ctx, title) =>
      transcriptFrame(ctx, title, '陈述申辩人', [
        header([
          wide('案由', ctx.case.title),
          wide('时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
          wide('地点', field(ctx, 'place')),
          pair('陈述申辩人', field(ctx, 'stater'), '身份', field(ctx, 'staterRole')),
          ...officerPairs(ctx, '承办人', '记录人'),
        ]),
        { kind: 'spacer', lines: 0.5 },
        {
          kind: 'paragraph',
          text: [
            { text: '问：', bold: true },
            {
              text: `本机关拟对${ctx.party.name}作出${penaltyText(ctx.case.penalty)}的行政处罚。根据《中华人民共和国行政处罚法》第四十五条的规定，你有权进行陈述和申辩，本机关将充分听取你的意见，对你提出的事实、理由和证据进行复核。请陈述。`,
            },
          ],
        },
        ...transcript(field(ctx, 'statement')),
        ...transcriptClosing('陈述申辩人'),
        signatures([
          { label: '承办人签名', chars: 8 },
          { label: '记录人签名', chars: 8 },
        ]),
      ]),
  },

  hearingRecord: {
    fields: [
      START,
      END,
      { key: 'hearingPlace', label: '听证地点', kind: 'text', required: true },
      { key: 'publicity', label: '听证方式', kind: 'select', required: true, options: ['公开', '不公开'] },
      { key: 'host', label: '听证主持人', kind: 'text', required: true },
      { key: 'members', label: '听证员', kind: 'text', required: false },
      { key: 'clerk', label: '记录员', kind: 'text', required: true },
      { key: 'agent', label: '委托代理人', kind: 'text', required: false },
      { key: 'transcript', label: '听证记录', kind: 'textarea', required: true, placeholder: TRANSCRIPT_PLACEHOLDER },
    ],
    check: checkTimes,
    layout: (ctx, title) =>
      transcriptFrame(ctx, title, '听证参加人', [
        header([
          wide('案由', ctx.case.title),
          wide('听证时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
          pair('听证地点', field(ctx, 'hearingPlace'), '听证方式', field(ctx, 'publicity')),
          pair('听证主持人', field(ctx, 'host'), '听证员', field(ctx, 'members')),
          pair('记录员', field(ctx, 'clerk'), '委托代理人', field(ctx, 'agent')),
          wide('当事人', ctx.party.name),
          wide('案件调查人员', ctx.officers.map((o) => o.name).join('、')),
        ]),
        { kind: 'spacer', lines: 0.5 },
        ...transcript(field(ctx, 'transcript')),
        { kind: 'paragraph', text: '以上笔录已经听证参加人核对无误。' },
        { kind: 'spacer', lines: 0.5 },
        signatures(
          [
            { label: '当事人（代理人）签名', chars: 8 },
            { label: '案件调查人员签名', chars: 8 },
          ],
          [
            { label: '听证主持人签名', chars: 8 },
            { label: '记录员签名', chars: 8 },
          ],
        ),
      ]),
  },

  deliberationRecord: {
    fields: [
      START,
      END,
      { key: 'place', label: '讨论地点', kind: 'text', required: true },
      { key: 'host', label: '主持人', kind: 'text', required: true },
      { key: 'recorder', label: '记录人', kind: 'text', required: true },
      { key: 'attendees', label: '出席人员', kind: 'textarea', required: true, placeholder: '姓名及职务，以顿号分隔' },
      { key: 'observers', label: '列席人员', kind: 'text', required: false },
      { key: 'discussion', label: '讨论内容', kind: 'textarea', required: true, placeholder: '每人发言一行' },
      { key: 'conclusion', label: '讨论决定', kind: 'textarea', required: true },
    ],
    check: checkTimes,
    layout: (ctx, title) =>
      frame(
        ctx,
        title,
        'form',
        [
          header([
            wide('案由', ctx.case.title),
            wide('当事人', ctx.party.name),
            wide('讨论时间', chineseTimeRange(field(ctx, 'startAt'), field(ctx, 'endAt'))),
            pair('讨论地点', field(ctx, 'place'), '主持人', field(ctx, 'host')),
            pair('记录人', field(ctx, 'recorder'), '列席人员', field(ctx, 'observers')),
            wide('出席人员', field(ctx, 'attendees')),
          ]),
          { kind: 'heading', text: '一、承办人汇报案件情况' },
          { kind: 'paragraph', text: ctx.case.facts },
          {
            kind: 'paragraph',
            text: `当事人的行为违反了${ctx.case.violatedProvision}的规定，依据${ctx.case.penaltyBasis}的规定，承办人建议对当事人作出${penaltyText(ctx.case.penalty)}的行政处罚。`,
          },
          { kind: 'heading', text: '二、讨论意见' },
          ...transcript(field(ctx, 'discussion')),
          { kind: 'heading', text: '三、讨论决定' },
          ...paragraphs(field(ctx, 'conclusion')),
          { kind: 'spacer', lines: 0.5 },
          signatures(
            [{ label: '出席人员签名', chars: 24 }],
            [
              { label: '主持人签名', chars: 8 },
              { label: '记录人签名', chars: 8 },
            ],
          ),
        ],
        { pageNumbers: true },
      ),
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
