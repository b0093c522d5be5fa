import { EyeOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { shanghaiDate } from '@sanxiang/domain';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseDetail, NextStep, StepResult } from '../../api/caseTypes';
import { ApiError, api, errorMessage } from '../../api/client';
import type { CaseFile } from '../../components/CaseFileList';
import { useCompact } from '../../layout/useCompact';
import { currentPenalty, FOLLOWS_ACT_ON, initialValues, type StepValues, showsOutcome, stepBody } from './stepBody';
import {
  AvFilesInput,
  CoercionChecklistInput,
  DeliberationInput,
  DerivedField,
  EmergencyInput,
  FactsInput,
  HearingRequestInput,
  InstrumentField,
  OfficersInput,
  OutcomeInput,
  PartyPresentInput,
  PaymentInput,
  PenaltyInput,
  penaltyText,
  RectificationDaysInput,
  ServiceInput,
  SingleOfficerBasisInput,
  stepSection,
  WaiverInput,
} from './stepInputs';

/** A refusal as the person reads it: the server's sentence, then every line it gave (rule IDs included). */
function Refusal({ error }: { error: ApiError | string }) {
  if (typeof error === 'string') return <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />;
  const lines = (error.errors ?? []).map((e) => e.message).filter((m) => m && !error.message.includes(m));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.message}
      description={
        lines.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {lines.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** A draft instrument (no number) shown in a frame, with a link to open it on its own (phones). */
function PreviewModal({ preview, onClose }: { preview: { title: string; url: string } | null; onClose(): void }) {
  const compact = useCompact();
  return (
    <Modal
      open={preview !== null}
      title={preview ? `${preview.title}（草稿预览，未编号）` : ''}
      footer={
        preview && (
          <Button href={preview.url} target="_blank" rel="noopener">
            在新窗口打开
          </Button>
        )
      }
      onCancel={onClose}
      width={compact ? '100%' : 900}
      styles={{ body: { padding: 0 } }}
      destroyOnHidden
    >
      {preview && (
        <iframe
          title={`${preview.title}草稿`}
          src={preview.url}
          style={{ width: '100%', height: compact ? '70vh' : '75vh', border: 'none' }}
        />
      )}
    </Modal>
  );
}

/**
 * The form of one step, generated from what the server says the step needs (NextStep.fields by kind, NextStep.inputs
 * by widget, NextStep.av): a drawer on a desktop, the whole screen on a phone. 预览文书 renders a draft of each
 * instrument from the form as filled so far; 提交 takes the step, and the server checks every rule again.
 */
export function StepFormDrawer({
  caseData,
  step,
  files,
  uploader,
  onClose,
  onDone,
  onStale,
}: {
  caseData: CaseDetail;
  step: NextStep | null;
  files: CaseFile[];
  /** The evidence uploader, so an AV record can be added without leaving the form. */
  uploader?: ReactNode;
  onClose(): void;
  onDone(result: StepResult, step: NextStep): void;
  /** The case changed under the form (409): reload it. */
  onStale(): void;
}) {
  const compact = useCompact();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [preview, setPreview] = useState<{ title: string; url: string } | null>(null);
  const [showUploader, setShowUploader] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  // A refusal is shown at the top of the form: bring it into view, the person pressed 提交 at the bottom.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'start' });
  }, [error]);
  const avFiles = useMemo(() => files.filter((f) => f.kind === 'av'), [files]);
  const evidence = useMemo(() => files.filter((f) => f.kind === 'evidence'), [files]);
  const lastOn = caseData.steps.at(-1)?.actOn ?? caseData.leadOn;
  const today = shanghaiDate();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new step (or reopening) starts a fresh form
  useEffect(() => {
    if (!step) return;
    setError(null);
    setShowUploader(false);
    form.resetFields();
    form.setFieldsValue(initialValues(step, caseData));
  }, [step]);

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  if (!step) return null;
  const inputs = new Set(step.inputs);
  const notFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > today;
  const onlyDrafts = step.instruments.length > 0 && step.instruments.every((i) => i.draft);
  const filledOnSubmit = new Set(step.derivedKeys);
  const formFields = step.fields;
  const noticed = caseData.noticedPenalty;
  const penaltyHint =
    noticed && ['approveDecision', 'issueDecision'].includes(step.id)
      ? `事先告知：${penaltyText(noticed)}；不得因陈述、申辩加重（P-45）`
      : step.id === 'servePriorNotice'
        ? '告知拟作出的处罚；加重须重新告知（P-45）'
        : undefined;

  const onValuesChange = (changed: Partial<StepValues>) => {
    if (!changed.actOn) return;
    // Dates that default to the act date follow it until someone sets them.
    for (const name of FOLLOWS_ACT_ON) {
      if (!form.isFieldTouched(name)) form.setFieldValue(name, changed.actOn);
    }
  };

  const showPreview = async (type: string, title: string) => {
    setPreviewing(type);
    setError(null);
    try {
      const blob = await api.postForBlob(
        `/api/cases/${caseData.id}/steps/${step.id}/preview?type=${type}&format=pdf`,
        stepBody(step, form.getFieldsValue(true) as StepValues),
      );
      setPreview({ title, url: URL.createObjectURL(blob) });
    } catch (err) {
      setError(err instanceof ApiError ? err : errorMessage(err));
    } finally {
      setPreviewing(null);
    }
  };

  const submit = async () => {
    let values: StepValues;
    try {
      values = await form.validateFields();
    } catch {
      setError('表单尚未填写完整，请按提示补充');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<StepResult>(`/api/cases/${caseData.id}/steps/${step.id}`, {
        expectedVersion: caseData.version,
        ...stepBody(step, { ...(form.getFieldsValue(true) as StepValues), ...values }),
      });
      const numbers = result.instruments.map((i) => i.number).join('、');
      const drafted = step.instruments.filter((i) => i.draft).map((i) => i.name);
      const issued = numbers ? `，已签发文书：${numbers}` : '';
      const sent = drafted.length > 0 ? `，${drafted.join('、')}已报负责人审批` : '';
      message.success(`已办理“${step.label}”${issued}${sent}`, 6);
      for (const w of result.warnings) message.warning(`${w.ruleId} ${w.message}`, 8);
      onDone(result, step);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err);
        const named = (err.errors ?? []).filter((e) => e.field && step.fields.some((f) => f.key === e.field));
        form.setFields(named.map((e) => ({ name: ['fields', e.field as string], errors: [e.message] })));
        if (err.field === 'actOn') form.setFields([{ name: 'actOn', errors: [err.message] }]);
        if (err.status === 409) onStale();
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'flex-end' }}>
      {step.instruments.map((i) => (
        <Button
          key={i.type}
          icon={<EyeOutlined />}
          loading={previewing === i.type}
          onClick={() => void showPreview(i.type, i.name)}
        >
          预览{step.instruments.length > 1 ? `：${i.name}` : '文书'}
        </Button>
      ))}
      <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()}>
        提交
      </Button>
    </div>
  );

  return (
    <>
      <Drawer
        open
        title={`${step.label} · ${caseData.caseNo}`}
        placement="right"
        rootClassName="step-form-drawer"
        size={compact ? '100%' : 720}
        onClose={onClose}
        footer={footer}
        destroyOnHidden
        styles={{ body: { padding: compact ? 12 : 24 } }}
      >
        {step.help && <p style={{ marginTop: 0, color: '#57606a' }}>{step.help}</p>}
        {step.warnings.map((w) => (
          <Alert
            key={`${w.ruleId}-${w.message}`}
            type="warning"
            showIcon
            title={`${w.ruleId} ${w.message}`}
            style={{ marginBottom: 12 }}
          />
        ))}
        <div ref={errorRef}>{error && <Refusal error={error} />}</div>
        <Form<StepValues> form={form} layout="vertical" onValuesChange={onValuesChange} requiredMark>
          <Form.Item
            name="actOn"
            label="办理日期"
            extra={`不得晚于今天，也不得早于上一环节的日期（${lastOn}）`}
            rules={[{ required: true, message: '请选择办理日期' }]}
          >
            <DatePicker
              style={{ width: '100%', maxWidth: 240 }}
              allowClear={false}
              disabledDate={(d) => notFuture(d) || d.format('YYYY-MM-DD') < lastOn}
            />
          </Form.Item>
          {inputs.has('officers') && (
            <OfficersInput officers={caseData.officers} single={caseData.procedure === 'penalty.summary'} />
          )}
          {inputs.has('officers') && caseData.procedure === 'penalty.summary' && <SingleOfficerBasisInput />}
          {inputs.has('emergency') && <EmergencyInput />}
          {inputs.has('coercionChecklist') && <CoercionChecklistInput />}
          {inputs.has('facts') && <FactsInput />}
          {inputs.has('penalty') && <PenaltyInput hint={penaltyHint} />}
          {formFields.length > 0 && (
            <>
              {stepSection(
                `文书内容：${step.instruments.map((i) => i.name).join('、')}`,
                onlyDrafts ? '报负责人审批，批准后编号签发' : undefined,
              )}
              {formFields.map((f) =>
                f.key in step.derived ? (
                  <DerivedField key={f.key} spec={f} value={step.derived[f.key] ?? ''} />
                ) : filledOnSubmit.has(f.key) ? (
                  <DerivedField key={f.key} spec={f} value="" note="提交时由系统按本表其他内容填写" />
                ) : (
                  <InstrumentField key={f.key} spec={f} />
                ),
              )}
            </>
          )}
          {inputs.has('waiver') && <WaiverInput />}
          {inputs.has('hearingRequest') && <HearingRequestInput />}
          {inputs.has('deliberationRequired') && <DeliberationInput />}
          {inputs.has('partyPresent') && <PartyPresentInput />}
          {inputs.has('service') && <ServiceInput evidence={evidence} notFuture={notFuture} />}
          {inputs.has('payment') && (
            <PaymentInput fineFen={currentPenalty(caseData)?.fineFen ?? 0} notFuture={notFuture} />
          )}
          {inputs.has('rectificationDays') && <RectificationDaysInput />}
          {showsOutcome(step) && <OutcomeInput stepId={step.id} required={step.guards.includes('P-27')} />}
          <Form.Item
            name="note"
            label={
              step.guards.includes('P-62')
                ? '对当事人陈述、申辩的复核意见（当事人提出陈述、申辩的须填写，P-62）'
                : '备注'
            }
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          {step.av !== 'none' && (
            <>
              {stepSection('音像记录')}
              <AvFilesInput av={step.av} files={avFiles} />
            </>
          )}
        </Form>
        {/* The uploader is a form of its own: beside the step's form, not inside it. */}
        {step.av !== 'none' &&
          uploader &&
          (showUploader ? (
            <div style={{ marginTop: 4 }}>
              <div style={{ color: '#6b7280', fontSize: 13, marginBottom: 8 }}>上传完成后，在上方“音像记录”中选择</div>
              {uploader}
            </div>
          ) : (
            <Button icon={<UploadOutlined />} onClick={() => setShowUploader(true)}>
              上传音像记录
            </Button>
          ))}
      </Drawer>
      <PreviewModal preview={preview} onClose={() => setPreview(null)} />
    </>
  );
}
