import { AuditOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  type BenchmarkItem,
  DISCRETION_TIER_LABELS,
  type DiscretionTier,
  formatYuan,
  MAJOR_MEASURE_LABELS,
  MAJOR_MEASURES,
  type MajorMeasure,
  type PartyType,
  SANCTION_KIND_LABELS,
} from '@sanxiang/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
} from 'antd';
import { type HTMLAttributes, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaseDetail } from '../../api/caseTypes';
import { ApiError, api, errorMessage } from '../../api/client';
import type { CaseReviewView, ReviewListAnswer, ReviewSummary } from '../../api/reviewTypes';
import { useFetch } from '../../api/useFetch';
import { useCompact } from '../../layout/useCompact';
import {
  ActDateField,
  actOnError,
  DisputeModal,
  DueOn,
  isOpen,
  laterOf,
  MajorMatches,
  MUTED,
  ReviewStatusTag,
  todayDay,
  versionText,
} from '../review/reviewText';

interface AssessmentValues {
  complex: boolean;
  publicInterest: boolean;
  measures: MajorMeasure[];
  code?: string;
  tier?: DiscretionTier;
  reason?: string;
}

const sectionTitle = (text: string) => <span style={{ fontWeight: 600 }}>{text}</span>;

/** The tier's 情形, sanctions and fine range for this party, under the tier select. */
function TierHint({
  item,
  tier,
  partyType,
}: {
  item: BenchmarkItem | undefined;
  tier?: DiscretionTier;
  partyType: PartyType;
}) {
  const t = item?.tiers.find((x) => x.tier === tier);
  if (!item || !t) return null;
  const range = t.fine?.[partyType];
  return (
    <div style={{ color: MUTED, fontSize: 12, marginTop: -16, marginBottom: 16 }} data-tier-hint>
      情形：{t.circumstances}
      <br />
      处罚种类：{t.sanctions.map((k) => SANCTION_KIND_LABELS[k]).join('、') || '不予处罚'}
      {range && `；罚款幅度：${formatYuan(range.minFen)}至${formatYuan(range.maxFen)}`}
    </div>
  );
}

/**
 * 案件研判: what the handler states about the case (复杂、公共利益、其他执法决定) and the discretion benchmark tier chosen,
 * with the reason. The catalog re-evaluates on save, so the answer replaces the whole view.
 */
function AssessmentForm({
  caseData,
  view,
  editable,
  onSaved,
}: {
  caseData: CaseDetail;
  view: CaseReviewView;
  editable: boolean;
  onSaved(v: CaseReviewView): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AssessmentValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const benchmarks = useFetch<ReviewListAnswer<BenchmarkItem>>('/api/review/lists/benchmarks', {
    agencyId: caseData.agencyId,
  });
  const items = benchmarks.data?.current.entries ?? [];
  const code = Form.useWatch('code', form);
  const tier = Form.useWatch('tier', form);
  const item = items.find((i) => i.code === code);

  useEffect(() => {
    const a = view.assessment;
    form.setFieldsValue({
      complex: a.complex ?? false,
      publicInterest: a.publicInterest ?? false,
      measures: a.measures ?? [],
      code: a.discretion?.code,
      tier: a.discretion?.tier,
      reason: a.discretion?.reason ?? '',
    });
  }, [view.assessment, form]);

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const saved = await api.put<CaseReviewView>(`/api/cases/${caseData.id}/assessment`, {
        complex: v.complex ?? false,
        publicInterest: v.publicInterest ?? false,
        measures: v.measures ?? [],
        discretion: v.code && v.tier ? { code: v.code, tier: v.tier, reason: (v.reason ?? '').trim() } : null,
      });
      message.success('案件研判已保存');
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.field) {
        const name = err.field.replace(/^discretion\./, '');
        if (['complex', 'publicInterest', 'measures', 'code', 'tier', 'reason'].includes(name)) {
          form.setFields([{ name: name as keyof AssessmentValues, errors: [err.message] }]);
        }
      }
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<AssessmentValues> form={form} layout="vertical" disabled={!editable} data-form="assessment">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space size={24} wrap style={{ marginBottom: 4 }}>
        <Form.Item
          name="complex"
          label="案情复杂、涉及多个法律关系"
          valuePropName="checked"
          style={{ marginBottom: 8 }}
        >
          <Switch checkedChildren="是" unCheckedChildren="否" aria-label="案情复杂、涉及多个法律关系" />
        </Form.Item>
        <Form.Item
          name="publicInterest"
          label="涉及重大公共利益或者社会影响较大"
          valuePropName="checked"
          style={{ marginBottom: 8 }}
        >
          <Switch checkedChildren="是" unCheckedChildren="否" aria-label="涉及重大公共利益或者社会影响较大" />
        </Form.Item>
      </Space>
      <Form.Item name="measures" label="拟作出的其他执法决定">
        <Checkbox.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={MAJOR_MEASURES.map((m) => ({ value: m, label: MAJOR_MEASURE_LABELS[m] }))}
        />
      </Form.Item>
      <div style={{ fontWeight: 600, margin: '4px 0 8px' }}>
        行政处罚裁量基准
        <span style={{ color: MUTED, fontWeight: 400, fontSize: 12, marginInlineStart: 8 }}>
          {versionText('裁量基准', view.discretion.benchmark.version)}
        </span>
      </div>
      {benchmarks.error && <Alert type="error" showIcon title={benchmarks.error} style={{ marginBottom: 12 }} />}
      <Form.Item name="code" label="违法行为">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={benchmarks.loading}
          placeholder="选择裁量基准中的违法行为"
          aria-label="违法行为"
          onChange={() => form.setFieldValue('tier', undefined)}
          options={items.map((i) => ({ value: i.code, label: `${i.code} ${i.violation}` }))}
          optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
        />
      </Form.Item>
      <Form.Item
        name="tier"
        label="裁量阶次"
        rules={[{ required: Boolean(code), message: '请选择裁量阶次' }]}
        style={{ marginBottom: item && tier ? 16 : undefined }}
      >
        <Select
          allowClear
          placeholder={item ? '选择裁量阶次' : '先选择违法行为'}
          aria-label="裁量阶次"
          disabled={!editable || !item}
          options={(item?.tiers ?? []).map((t) => ({ value: t.tier, label: DISCRETION_TIER_LABELS[t.tier] }))}
        />
      </Form.Item>
      <TierHint item={item} tier={tier} partyType={caseData.party.type} />
      <Form.Item
        name="reason"
        label="适用理由"
        rules={[{ required: Boolean(code), whitespace: true, message: '请写明适用该裁量阶次的理由' }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={1000}
          placeholder="如：从业人员人数、违法次数、危害后果、改正情况"
        />
      </Form.Item>
      {editable && (
        <Button icon={<SaveOutlined />} loading={busy} onClick={() => void save()}>
          保存研判
        </Button>
      )}
    </Form>
  );
}

/**
 * 送审: the date, the handler's statement and, optionally, the reviewer; reviewers who may not take the case are greyed
 * out with why. The date is not before the case's last act, nor (resubmitting) before the last round's opinion.
 */
function SubmitForm({
  caseData,
  view,
  onSubmitted,
}: {
  caseData: CaseDetail;
  view: CaseReviewView;
  onSubmitted(): void;
}) {
  const { message } = App.useApp();
  const [statement, setStatement] = useState('');
  const [reviewer, setReviewer] = useState<number | undefined>(undefined);
  const [actOn, setActOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const last = view.reviews.at(-1);
  const resubmission = Boolean(last);
  const lastStepOn = caseData.steps.at(-1)?.actOn ?? caseData.leadOn;
  const earliest = laterOf(lastStepOn, last?.decidedOn);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setDateError(undefined);
    try {
      const r = await api.post<ReviewSummary>(`/api/cases/${caseData.id}/reviews`, {
        statement: statement.trim(),
        ...(reviewer ? { reviewerUserId: reviewer } : {}),
        actOn: actOn.format('YYYY-MM-DD'),
      });
      message.success(
        `已送法制审核（第 ${r.round} 次）${r.reviewerName ? `，审核人员：${r.reviewerName}` : ''}，审核期限至 ${r.dueOn}`,
      );
      setStatement('');
      setReviewer(undefined);
      setActOn(todayDay());
      onSubmitted();
    } catch (err) {
      setError(errorMessage(err));
      setDateError(actOnError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-form="submit-review">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <ActDateField
          label="送审日期"
          value={actOn}
          onChange={(d) => {
            setActOn(d);
            setDateError(undefined);
          }}
          earliest={earliest}
          earliestWhat={earliest === lastStepOn ? '上一环节' : '上次审核意见'}
          error={dateError}
        />
        <Form.Item
          label={resubmission ? '送审说明（写明按审核意见补充、修改的内容）' : '送审说明'}
          required
          style={{ marginBottom: 12 }}
        >
          <Input.TextArea
            aria-label="送审说明"
            value={statement}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            showCount
            placeholder="拟作出的决定、主要事实和依据、需要说明的问题"
            onChange={(e) => setStatement(e.target.value)}
          />
        </Form.Item>
        <Form.Item label="审核人员（可选）" extra="不指定的，由本单位法制审核机构分配" style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label="审核人员"
            placeholder="不指定"
            value={reviewer}
            onChange={(v?: number) => setReviewer(v)}
            style={{ maxWidth: 420 }}
            options={view.candidates.map((c) => ({
              value: c.userId,
              disabled: !c.eligible,
              label: c.name,
              reason: c.reason,
            }))}
            optionRender={(o) => (
              <div style={{ whiteSpace: 'normal' }}>
                {o.label}
                {o.data.reason && (
                  <div style={{ fontSize: 12, color: o.data.disabled ? '#cf1322' : MUTED }}>{o.data.reason}</div>
                )}
              </div>
            )}
          />
        </Form.Item>
      </Form>
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy}
        disabled={statement.trim().length === 0}
        onClick={() => void submit()}
      >
        {resubmission ? '重新送审' : '送法制审核'}
      </Button>
    </div>
  );
}

/** Why 送审 is not offered now, from what the view says. */
function notSubmittableText(view: CaseReviewView): string {
  const last = view.reviews.at(-1);
  if (view.gate.passed && last?.status === 'passed') return '法制审核已通过，可以作出决定';
  if (last && isOpen(last.status)) return `第 ${last.round} 次送审${last.statusLabel}`;
  if (!view.major.isMajor) return '本案拟作出的决定未命中重大执法决定目录清单，无需送法制审核';
  return '当前不能送审';
}

/** Every round, oldest first, with the opinion and a link to the review itself. */
function RoundsTable({
  reviews,
  canDispute,
  onDispute,
}: {
  reviews: ReviewSummary[];
  canDispute: boolean;
  onDispute(r: ReviewSummary): void;
}) {
  const latest = reviews.at(-1);
  return (
    <Table<ReviewSummary>
      rowKey="id"
      size="small"
      dataSource={reviews}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚未送法制审核' }}
      onRow={(r) => ({ 'data-review-round': r.round }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '送审', dataIndex: 'round', render: (n: number) => `第 ${n} 次` },
        { title: '送审日期', dataIndex: 'submittedOn' },
        { title: '送审人', dataIndex: 'submittedByName', responsive: ['md'] },
        { title: '审核人员', dataIndex: 'reviewerName', render: (n: string | null) => n ?? '待分配' },
        {
          title: '审核期限',
          dataIndex: 'dueOn',
          responsive: ['sm'],
          render: (_: string, r) => <DueOn dueOn={r.dueOn} overdue={r.overdue} open={r.status === 'pending'} />,
        },
        { title: '状态', dataIndex: 'status', render: (_: string, r) => <ReviewStatusTag status={r.status} /> },
        {
          title: '审核意见',
          dataIndex: 'opinionLabel',
          render: (label: string | null, r) =>
            label ? (
              <span>
                {label}
                {r.decidedOn && <span style={{ color: MUTED, fontSize: 12, marginInlineStart: 6 }}>{r.decidedOn}</span>}
              </span>
            ) : (
              <span style={{ color: MUTED }}>—</span>
            ),
        },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r) => (
            <Space size={4} wrap>
              <Link to={`/reviews/${r.id}`}>查看</Link>
              {canDispute && r.status === 'returned' && r.id === latest?.id && (
                <Button size="small" type="link" danger onClick={() => onDispute(r)}>
                  提出异议
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/**
 * 法制审核 on the case page (P-57, P-58, G-7, S-1, S-3): whether the decision is major under the agency's catalog and
 * why, the handler's 案件研判 and discretion tier (flagged when the proposed penalty does not fit), the P-58 gate, 送审,
 * and every round with its opinion.
 */
export function CaseReviewTab({
  caseData,
  handles,
  onChanged,
}: {
  caseData: CaseDetail;
  /** The caller handles cases of this agency (officer or head): may assess, submit and dispute. */
  handles: boolean;
  onChanged(): void;
}) {
  const compact = useCompact();
  const fetched = useFetch<CaseReviewView>(`/api/cases/${caseData.id}/review`);
  const [view, setView] = useState<CaseReviewView | undefined>(undefined);
  const [disputing, setDisputing] = useState<ReviewSummary | null>(null);
  const [resubmitting, setResubmitting] = useState(false);
  const { reload } = fetched;
  // A step taken on the case (a new version) may change the classification and the gate: read the view again.
  const seenVersion = useRef(caseData.version);
  useEffect(() => {
    if (seenVersion.current === caseData.version) return;
    seenVersion.current = caseData.version;
    reload();
  }, [caseData.version, reload]);
  useEffect(() => {
    if (fetched.data) setView(fetched.data);
  }, [fetched.data]);

  if (fetched.error && !view) return <Alert type="error" showIcon title={fetched.error} />;
  if (!view) return <Spin style={{ display: 'block', margin: 24 }} />;

  const { major, discretion, gate } = view;
  // Passed: the form is not offered again unless the handler says the decision changed.
  const passed = gate.passed && view.reviews.at(-1)?.status === 'passed';
  const refresh = () => {
    setResubmitting(false);
    reload();
    onChanged();
  };

  return (
    <div data-tab="review">
      <Alert
        type={gate.passed ? 'success' : major.isMajor ? 'warning' : 'info'}
        showIcon
        data-gate={gate.passed ? 'passed' : 'blocked'}
        title={
          <span>
            <strong style={{ marginInlineEnd: 6 }}>P-58</strong>
            {gate.message}
          </span>
        }
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={sectionTitle('重大执法决定')}
            extra={<span style={{ color: MUTED, fontSize: 12 }}>{versionText('目录清单', major.catalog.version)}</span>}
            data-card="major"
          >
            <div style={{ marginBottom: 8 }}>
              {major.isMajor ? (
                <Tag color="red" icon={<AuditOutlined />}>
                  重大执法决定，须经法制审核
                </Tag>
              ) : (
                <Tag>非重大执法决定</Tag>
              )}
              {major.requiresDeliberation && <Tag color="orange">须负责人集体讨论决定（P-57）</Tag>}
            </div>
            <div style={{ marginBottom: 8 }} data-proposed>
              <span style={{ color: MUTED }}>拟作出的决定：</span>
              <strong>{view.proposedPenaltyText || '—'}</strong>
            </div>
            <MajorMatches matches={major.matches} />
            {discretion.flag ? (
              <Alert
                type="warning"
                showIcon
                data-discretion-flag
                title="裁量基准提示"
                description={discretion.flag}
                style={{ marginTop: 12 }}
              />
            ) : (
              discretion.item && (
                <div style={{ color: MUTED, fontSize: 13, marginTop: 12 }}>
                  拟作出的处罚在所选裁量阶次的范围之内（{discretion.item.code} {discretion.item.violation}）
                </div>
              )
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={sectionTitle('案件研判')} data-card="assessment">
            <AssessmentForm caseData={caseData} view={view} editable={handles} onSaved={setView} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={sectionTitle(`送审记录（${view.reviews.length}）`)}
        style={{ marginTop: 16 }}
        styles={{ body: { padding: compact ? 8 : 12 } }}
      >
        <RoundsTable reviews={view.reviews} canDispute={handles} onDispute={setDisputing} />
      </Card>
      {handles && (
        <Card size="small" title={sectionTitle('送法制审核')} style={{ marginTop: 16 }} data-card="submit">
          {view.canSubmit && (!passed || resubmitting) ? (
            <SubmitForm caseData={caseData} view={view} onSubmitted={refresh} />
          ) : (
            <Space wrap>
              <span style={{ color: MUTED }}>{notSubmittableText(view)}</span>
              {view.canSubmit && (
                <Button size="small" onClick={() => setResubmitting(true)}>
                  拟作出的决定有变化，重新送审
                </Button>
              )}
            </Space>
          )}
        </Card>
      )}
      {disputing && (
        <DisputeModal
          reviewId={disputing.id}
          round={disputing.round}
          decidedOn={disputing.decidedOn}
          onClose={() => setDisputing(null)}
          onDone={() => {
            setDisputing(null);
            refresh();
          }}
        />
      )}
    </div>
  );
}
