/** 送达回证 and the case file's own forms: 案卷封面 and 卷内目录. */
import { SERVICE_METHOD_LABELS } from '../../cases/caseVocabulary.js';
import type { InstrumentType } from '../instrumentTypes.js';
import {
  archiveDate,
  chineseDate,
  chineseDateTime,
  field,
  frame,
  type InstrumentForm,
  linesOf,
  penaltyText,
  SIGN_DATE,
} from './layoutParts.js';

export const ARCHIVE_FORMS = {
  serviceReceipt: {
    fields: [
      { key: 'documentTitle', label: '送达文书名称', kind: 'text', required: true, placeholder: '行政处罚决定书' },
      { key: 'documentNumber', label: '送达文书文号', kind: 'text', required: true },
      { key: 'servicePlace', label: '送达地点', kind: 'text', required: true },
      {
        key: 'serviceMethod',
        label: '送达方式',
        kind: 'select',
        required: true,
        options: Object.values(SERVICE_METHOD_LABELS),
      },
      { key: 'serviceAt', label: '送达时间', kind: 'datetime', required: false },
      { key: 'witness', label: '见证人', kind: 'text', required: false },
      { key: 'note', label: '备注', kind: 'textarea', required: false },
    ],
    check: (f) =>
      f.serviceMethod === '留置送达' && !f.witness?.trim() && !f.note?.trim()
        ? [{ key: 'witness', message: '留置送达应当填写“见证人”，或者在“备注”中注明拒收事由和留置情况' }]
        : [],
    layout: (ctx, title) =>
      frame(ctx, title, 'form', [
        {
          kind: 'fieldTable',
          columns: [3.8, 4, 2.4, 4.2],
          rows: [
            [
              { text: '送达文书名称及文号', label: true },
              {
                text: `《${field(ctx, 'documentTitle')}》\n${field(ctx, 'documentNumber')}`,
                span: 3,
                minLines: 2,
              },
            ],
            [
              { text: '受送达人', label: true },
              { text: ctx.party.name, span: 3 },
            ],
            [
              { text: '送达地点', label: true },
              { text: field(ctx, 'servicePlace'), span: 3 },
            ],
            [
              { text: '送达方式', label: true },
              { text: field(ctx, 'serviceMethod') },
              { text: '送达时间', label: true },
              { text: chineseDateTime(field(ctx, 'serviceAt')) },
            ],
            [
              { text: '收件人签名（盖章）', label: true },
              { text: '', span: 3, minLines: 3, footer: '　　年　　月　　日　　时　　分' },
            ],
            [
              { text: '代收人及代收理由', label: true },
              { text: '', span: 3, minLines: 2 },
            ],
            [
              { text: '送达人签名', label: true },
              {
                text: ctx.officers.map((o) => `${o.name}（执法证号：${o.credentialNo}）`).join('\n'),
                span: 3,
                minLines: 2,
                footer: SIGN_DATE,
              },
            ],
            [
              { text: '见证人签名', label: true },
              { text: field(ctx, 'witness'), span: 3, minLines: 2, footer: SIGN_DATE },
            ],
            [
              { text: '备注', label: true },
              { text: field(ctx, 'note'), span: 3, minLines: 3 },
            ],
          ],
        },
        {
          kind: 'paragraph',
          size: 10.5,
          indent: false,
          text: '注：受送达人拒绝接收的，送达人可以邀请有关基层组织或者所在单位的代表到场，说明情况，在备注栏注明拒收事由和日期，由送达人、见证人签名或者盖章，把文书留在受送达人的住所；也可以把文书留在受送达人的住所，并采用拍照、录像等方式记录送达过程，即视为送达。',
        },
      ]),
  },

  archiveCover: {
    fields: [
      { key: 'archiveNo', label: '档号', kind: 'text', required: true, placeholder: '全宗号-目录号-案卷号' },
      { key: 'retention', label: '保管期限', kind: 'select', required: true, options: ['永久', '30年', '10年'] },
      { key: 'closedOn', label: '结案日期', kind: 'date', required: true },
      { key: 'archivedOn', label: '归档日期', kind: 'date', required: true },
      { key: 'itemCount', label: '卷内文件件数', kind: 'number', required: false, min: 1 },
      { key: 'pageCount', label: '卷内页数', kind: 'number', required: false, min: 1 },
      { key: 'archivist', label: '立卷人', kind: 'text', required: true },
      { key: 'checker', label: '检查人', kind: 'text', required: false },
    ],
    layout: (ctx, title) => {
      const decision = ctx.documents.find((d) => d.title.includes('处罚决定书'));
      const count = (k: string) => field(ctx, k) || '　　';
      return frame(
        ctx,
        title,
        'form',
        [
          { kind: 'spacer', lines: 3 },
          {
            kind: 'fieldTable',
            columns: [3, 9],
            rows: [
              [{ text: '案由', label: true }, { text: ctx.case.title }],
              [{ text: '当事人', label: true }, { text: ctx.party.name }],
              [{ text: '案件编号', label: true }, { text: ctx.case.caseNo }],
              [{ text: '处罚决定书文号', label: true }, { text: decision?.number ?? '' }],
              [
                { text: '处理结果', label: true },
                { text: penaltyText(ctx.case.penalty), minLines: 2 },
              ],
              [{ text: '立案日期', label: true }, { text: chineseDate(ctx.case.filedOn) }],
              [{ text: '结案日期', label: true }, { text: chineseDate(field(ctx, 'closedOn')) }],
              [{ text: '承办人', label: true }, { text: ctx.officers.map((o) => o.name).join('、') }],
              [{ text: '本卷', label: true }, { text: `共${count('itemCount')}件　　共${count('pageCount')}页` }],
              [{ text: '保管期限', label: true }, { text: field(ctx, 'retention') }],
              [{ text: '归档日期', label: true }, { text: chineseDate(field(ctx, 'archivedOn')) }],
              [{ text: '立卷人', label: true }, { text: field(ctx, 'archivist') }],
              [{ text: '检查人', label: true }, { text: field(ctx, 'checker') }],
              [{ text: '档号', label: true }, { text: field(ctx, 'archiveNo') }],
            ],
          },
        ],
        { showNumber: false },
      );
    },
  },

  archiveIndex: {
    fields: [
      { key: 'archiveNo', label: '档号', kind: 'text', required: false },
      {
        key: 'pages',
        label: '页号',
        kind: 'textarea',
        required: false,
        placeholder: '每行一个页号（如 1-2），依次对应卷内文件',
      },
    ],
    layout: (ctx, title) => {
      const pages = linesOf(field(ctx, 'pages'));
      return frame(
        ctx,
        title,
        'form',
        [
          { kind: 'labeled', items: [{ label: '案由', value: `${ctx.party.name}${ctx.case.title}` }] },
          { kind: 'labeled', items: [{ label: '档号', value: field(ctx, 'archiveNo'), minChars: 12 }] },
          { kind: 'spacer', lines: 0.3 },
          {
            kind: 'table',
            columns: [
              { header: '序号', width: 1.4, align: 'center' },
              { header: '文书名称', width: 5.2 },
              { header: '文号', width: 6 },
              { header: '日期', width: 2.8, align: 'center' },
              { header: '页号', width: 1.6, align: 'center' },
              { header: '备注', width: 1.6 },
            ],
            rows: ctx.documents.map((d, i) => [
              String(i + 1),
              d.title,
              d.number ?? '',
              archiveDate(d.date),
              pages[i] ?? '',
              '',
            ]),
            minRows: 18,
          },
        ],
        { showNumber: false },
      );
    },
  },
} satisfies Partial<Record<InstrumentType, InstrumentForm>>;
