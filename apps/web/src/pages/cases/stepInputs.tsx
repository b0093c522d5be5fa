import {
  formatYuan,
  type InstrumentFieldSpec,
  type Penalty,
  SANCTION_KIND_LABELS,
  SANCTION_KINDS,
  type SanctionKind,
  SERVICE_METHOD_LABELS,
  type ServiceMethod,
} from '@sanxiang/domain';
import type { FormRule } from 'antd';
import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { CaseOfficer } from '../../api/caseTypes';
import type { CaseFile } from '../../components/CaseFileList';

/**
 * The widgets of a step form: one per kind of instrument field (InstrumentFieldSpec.kind) and one per entry of the
 * step's `inputs`. Values are kept as the widgets like them (Dayjs, numbers in yuan) and turned into the API's
 * strings and fen by stepBody.ts.
 */

export const DATETIME_FORMAT = 'YYYY-MM-DD HH:mm';

export const TRANSCRIPT_SIGNED_LABELS = {
  party: '当事人和执法人员已签名或盖章',
  refused: '当事人拒绝签名，已在笔录中注明',
  witness: '当事人不到场，邀请见证人到场签名',
  none: '尚未签名',
} as const;

export const CHECKLIST_ITEMS = [
  ['credentialsShown', '出示执法身份证件'],
  ['partyNotified', '通知当事人到场'],
  ['reasonsExplained', '当场告知采取措施的理由、依据以及当事人依法享有的权利、救济途径'],
  ['statementHeard', '听取当事人的陈述和申辩'],
] as const;

const section = (title: string, extra?: ReactNode) => (
  <div style={{ margin: '8px 0 12px', paddingBottom: 4, borderBottom: '1px solid #f0f0f0' }}>
    <strong>{title}</strong>
    {extra && <span style={{ color: '#6b7280', fontSize: 12, marginInlineStart: 8 }}>{extra}</span>}
  </div>
);

export { section as stepSection };

function fieldRules(spec: InstrumentFieldSpec): FormRule[] {
  if (!spec.required) return [];
  const verb = spec.kind === 'select' || spec.kind === 'date' || spec.kind === 'datetime' ? '选择' : '填写';
  const message = `请${verb}“${spec.label}”`;
  return spec.kind === 'text' || spec.kind === 'textarea'
    ? [{ required: true, whitespace: true, message }]
    : [{ required: true, message }];
}

/** One instrument field, by its kind. */
export function InstrumentField({ spec }: { spec: InstrumentFieldSpec }) {
  const name = ['fields', spec.key];
  let input: ReactNode;
  switch (spec.kind) {
    case 'textarea':
      input = (
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} placeholder={spec.placeholder} />
      );
      break;
    case 'date':
      input = <DatePicker style={{ width: '100%' }} />;
      break;
    case 'datetime':
      input = <DatePicker showTime={{ format: 'HH:mm' }} format={DATETIME_FORMAT} style={{ width: '100%' }} />;
      break;
    case 'number':
      input = <InputNumber min={spec.min} max={spec.max} precision={0} style={{ width: '100%' }} />;
      break;
    case 'yuan':
      input = <InputNumber min={0} precision={2} suffix="元" style={{ width: '100%' }} />;
      break;
    case 'select': {
      const options = (spec.options ?? []).map((o) => ({ value: o, label: o }));
      input =
        options.length <= 4 ? (
          <Radio.Group options={options} />
        ) : (
          <Select options={options} placeholder={spec.placeholder ?? '请选择'} />
        );
      break;
    }
    default:
      input = <Input maxLength={500} placeholder={spec.placeholder} />;
  }
  return (
    <Form.Item name={name} label={spec.label} rules={fieldRules(spec)}>
      {input}
    </Form.Item>
  );
}

/** A field the server fills: shown, not edited. */
export function DerivedField({ spec, value, note }: { spec: InstrumentFieldSpec; value: string; note?: string }) {
  const id = `derived-${spec.key}`;
  return (
    <Form.Item label={spec.label} htmlFor={id} extra={note ?? '由系统填写'}>
      {spec.kind === 'textarea' ? (
        <Input.TextArea id={id} value={value} disabled autoSize={{ minRows: 1, maxRows: 8 }} />
      ) : (
        <Input id={id} value={value} disabled placeholder={note ? '提交时填写' : undefined} />
      )}
    </Form.Item>
  );
}

/** 执法人员: the case's officers, the recused ones disabled (P-43). */
export function OfficersInput({ officers, single }: { officers: CaseOfficer[]; single: boolean }) {
  return (
    <Form.Item
      name="officerIds"
      label="参与本环节的执法人员"
      extra={single ? undefined : '不得少于两人，证件须在办理日期有效并涵盖本案执法类别（P-42）'}
      rules={[{ required: true, type: 'array', min: single ? 1 : 2, message: '执法人员不得少于两人（P-42）' }]}
    >
      <Checkbox.Group
        options={officers.map((o) => ({
          value: o.officerId,
          disabled: o.recused,
          label: `${o.name}${o.role === 'lead' ? '（主办）' : ''}${o.recused ? '（已回避）' : ''}`,
        }))}
      />
    </Form.Item>
  );
}

export function penaltyText(p: Penalty | null | undefined): string {
  if (!p || p.kinds.length === 0) return '—';
  const parts = p.kinds.map((k) => {
    if (k === 'fine') return `罚款${formatYuan(p.fineFen)}`;
    if ((k === 'confiscateIllegalGains' || k === 'confiscateIllegalProperty') && p.confiscationFen > 0) {
      return `${SANCTION_KIND_LABELS[k]}${formatYuan(p.confiscationFen)}`;
    }
    return SANCTION_KIND_LABELS[k];
  });
  return parts.join('，');
}

/** 处罚内容: sanction kinds, the fine and the confiscated amount in yuan, and free detail. */
export function PenaltyInput({ hint }: { hint?: ReactNode }) {
  const kinds = (Form.useWatch(['penalty', 'kinds']) as SanctionKind[] | undefined) ?? [];
  const confiscates = kinds.includes('confiscateIllegalGains') || kinds.includes('confiscateIllegalProperty');
  return (
    <>
      {section('处罚内容', hint)}
      <Form.Item
        name={['penalty', 'kinds']}
        label="处罚种类"
        rules={[{ required: true, type: 'array', min: 1, message: '请选择处罚种类' }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={SANCTION_KINDS.map((k) => ({ value: k, label: SANCTION_KIND_LABELS[k] }))}
          placeholder="可多选"
        />
      </Form.Item>
      {kinds.includes('fine') && (
        <Form.Item
          name={['penalty', 'fineYuan']}
          label="罚款金额"
          rules={[{ required: true, type: 'number', min: 0.01, message: '请填写罚款金额' }]}
        >
          <InputNumber min={0} precision={2} suffix="元" style={{ width: '100%' }} />
        </Form.Item>
      )}
      {confiscates && (
        <Form.Item name={['penalty', 'confiscationYuan']} label="没收金额（违法所得或非法财物价值）">
          <InputNumber min={0} precision={2} suffix="元" style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item name={['penalty', 'detail']} label="处罚内容说明">
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder="如：没收物品清单、吊销的许可证件"
        />
      </Form.Item>
    </>
  );
}

/** 违法事实、违反的条款和处罚依据: printed on the report, the notice and the decision (P-59). */
export function FactsInput() {
  return (
    <>
      {section('违法事实与法律依据')}
      <Form.Item
        name={['facts', 'facts']}
        label="违法事实"
        rules={[{ required: true, whitespace: true, message: '请填写违法事实' }]}
      >
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20000} placeholder="时间、地点、经过及证据" />
      </Form.Item>
      <Form.Item
        name={['facts', 'violatedProvision']}
        label="违反的法律条款"
        rules={[{ required: true, whitespace: true, message: '请填写违反的法律条款' }]}
      >
        <Input maxLength={2000} placeholder="如：《中华人民共和国安全生产法》第四十条第一款" />
      </Form.Item>
      <Form.Item
        name={['facts', 'penaltyBasis']}
        label="处罚依据"
        rules={[{ required: true, whitespace: true, message: '请填写处罚依据' }]}
      >
        <Input maxLength={2000} placeholder="如：《中华人民共和国安全生产法》第一百零一条第二项" />
      </Form.Item>
    </>
  );
}

export function PartyPresentInput() {
  return (
    <Form.Item
      name="partyPresent"
      label="作出决定时当事人在场"
      valuePropName="checked"
      extra="当事人在场的当场交付；不在场的，应当在七个工作日内送达（P-61）"
    >
      <Switch checkedChildren="在场" unCheckedChildren="不在场" />
    </Form.Item>
  );
}

export function ServiceInput({ evidence, notFuture }: { evidence: CaseFile[]; notFuture(d: Dayjs): boolean }) {
  const method = Form.useWatch(['service', 'method']) as ServiceMethod | undefined;
  return (
    <>
      {section('送达')}
      <Form.Item name={['service', 'method']} label="送达方式" rules={[{ required: true, message: '请选择送达方式' }]}>
        <Select
          options={(Object.keys(SERVICE_METHOD_LABELS) as ServiceMethod[]).map((m) => ({
            value: m,
            label: SERVICE_METHOD_LABELS[m],
          }))}
        />
      </Form.Item>
      <Form.Item
        name={['service', 'receivedOn']}
        label="当事人收到日期"
        extra="罚款自收到决定书之日起十五日内缴纳（P-67）"
        rules={[{ required: true, message: '请选择当事人收到日期' }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      {method === 'electronic' && (
        <Form.Item
          name={['service', 'consentFileId']}
          label="当事人签字的电子送达确认书"
          extra="电子送达须经当事人同意并签订确认书（P-61）；请先在“证据与音像”中上传"
          rules={[{ required: true, message: '请选择电子送达确认书' }]}
        >
          <Select
            options={evidence.map((f) => ({ value: f.id, label: f.name }))}
            notFoundContent="本案尚无上传的证据材料"
          />
        </Form.Item>
      )}
    </>
  );
}

export function PaymentInput({ fineFen, notFuture }: { fineFen: number; notFuture(d: Dayjs): boolean }) {
  return (
    <>
      {section('履行情况', fineFen > 0 ? `决定罚款 ${formatYuan(fineFen)}` : undefined)}
      <Form.Item name={['payment', 'paidOn']} label="缴款日期" rules={[{ required: true, message: '请选择缴款日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item
        name={['payment', 'paidYuan']}
        label="缴款金额"
        extra="逾期缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款不超过罚款数额（P-72）"
        rules={[{ required: true, message: '请填写缴款金额' }]}
      >
        <InputNumber min={0} precision={2} suffix="元" style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

export function WaiverInput() {
  return (
    <Form.Item name="waiver" valuePropName="checked" extra="放弃后，负责人可不待陈述、申辩期限届满即审批决定（P-44）">
      <Checkbox>当事人明确放弃陈述、申辩（听证）权利</Checkbox>
    </Form.Item>
  );
}

export function HearingRequestInput() {
  return (
    <>
      {section('听证申请', '当事人应在告知后五个工作日内提出；听证七个工作日前通知（P-64）')}
      <Form.Item
        name={['hearingRequest', 'requestedOn']}
        label="当事人申请听证日期"
        rules={[{ required: true, message: '请选择申请听证日期' }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name={['hearingRequest', 'hearingOn']}
        label="举行听证日期"
        rules={[{ required: true, message: '请选择举行听证日期' }]}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}

export function DeliberationInput() {
  return (
    <Form.Item
      name="deliberationRequired"
      label="本案须经负责人集体讨论决定"
      valuePropName="checked"
      extra="情节复杂或者重大违法行为给予行政处罚的，由负责人集体讨论决定（P-57）"
    >
      <Switch checkedChildren="是" unCheckedChildren="否" />
    </Form.Item>
  );
}

export function EmergencyInput() {
  return (
    <Form.Item
      name={['emergency', 'reason']}
      label="情况紧急、需要当场实施的理由"
      extra="应当在二十四小时内向负责人报告并补办批准手续（C-19）"
      rules={[{ required: true, whitespace: true, min: 2, message: '请写明情况紧急的理由' }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
    </Form.Item>
  );
}

/** C-18: each element of an on-site coercive measure, confirmed one by one. */
export function CoercionChecklistInput() {
  return (
    <>
      {section('实施程序（C-18）', '逐项确认')}
      {CHECKLIST_ITEMS.map(([key, label]) => (
        <Form.Item
          key={key}
          name={['coercionChecklist', key]}
          valuePropName="checked"
          style={{ marginBottom: 8 }}
          rules={[{ validator: async (_, v) => (v ? undefined : Promise.reject(new Error(`须${label}（C-18）`))) }]}
        >
          <Checkbox>{label}</Checkbox>
        </Form.Item>
      ))}
      <Form.Item
        name={['coercionChecklist', 'transcriptSigned']}
        label="现场笔录签名"
        rules={[
          { required: true, message: '请选择现场笔录的签名情况' },
          {
            validator: async (_, v) =>
              v === 'none' ? Promise.reject(new Error('现场笔录须由当事人和执法人员签名或盖章（C-18）')) : undefined,
          },
        ]}
      >
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
          options={(Object.keys(TRANSCRIPT_SIGNED_LABELS) as (keyof typeof TRANSCRIPT_SIGNED_LABELS)[]).map((k) => ({
            value: k,
            label: TRANSCRIPT_SIGNED_LABELS[k],
          }))}
        />
      </Form.Item>
    </>
  );
}

export function RectificationDaysInput() {
  return (
    <Form.Item
      name="rectificationDays"
      label="整改期限"
      rules={[{ required: true, type: 'number', min: 1, max: 365, message: '整改期限应为 1 至 365 日' }]}
    >
      <InputNumber min={1} max={365} precision={0} suffix="日" style={{ width: 160 }} />
    </Form.Item>
  );
}

/** What "outcome" means depends on the step. */
const OUTCOME_LABELS: Record<string, string> = {
  referCrime: '涉嫌犯罪的事实和罪名',
  recordReferralFeedback: '司法机关的接收回执或处理反馈',
  decidePreservedEvidence: '先行登记保存物品的处理决定',
  applyEnforcement: '申请人民法院强制执行的情况',
  handleSeized: '处理结果（没收、移送等）',
  reviewRectification: '复查结果',
};

export function OutcomeInput({ stepId, required }: { stepId: string; required: boolean }) {
  const label = OUTCOME_LABELS[stepId] ?? '处理结果';
  return (
    <Form.Item
      name="outcome"
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
    </Form.Item>
  );
}

export function SingleOfficerBasisInput() {
  return (
    <Form.Item
      name="singleOfficerBasis"
      label="一人执法的法律依据"
      extra="仅在法律规定可以由一名执法人员当场作出处罚时填写（P-42）"
    >
      <Input maxLength={500} />
    </Form.Item>
  );
}

/** 音像记录: the case's AV files; required for a 全程音像记录 step (G-6). */
export function AvFilesInput({ av, files }: { av: 'full' | 'asNeeded'; files: CaseFile[] }) {
  return (
    <Form.Item
      name="avFileIds"
      label="音像记录"
      extra={
        av === 'full'
          ? '本环节须全程音像记录（G-6），请选择已上传的音像记录；尚未上传的，请在下方上传'
          : '本环节根据需要进行音像记录，有音像记录的请选择'
      }
      rules={av === 'full' ? [{ required: true, type: 'array', min: 1, message: '本环节须全程音像记录（G-6）' }] : []}
    >
      <Select
        mode="multiple"
        options={files.map((f) => ({ value: f.id, label: f.name }))}
        notFoundContent="本案尚无音像记录"
        placeholder="选择本环节的音像记录"
      />
    </Form.Item>
  );
}
