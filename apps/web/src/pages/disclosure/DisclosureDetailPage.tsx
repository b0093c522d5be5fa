import { ArrowLeftOutlined, EditOutlined, FileTextOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { publishRule, REVERSAL_KIND_LABELS, REVERSAL_KINDS, type ReversalKind } from '@sanxiang/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api/client';
import type { DisclosureDetail } from '../../api/disclosureTypes';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { useCompact } from '../../layout/useCompact';
import { ActDateField, MUTED, todayDay } from '../review/reviewText';
import {
  DisclosureStatusTag,
  MaskingRulesList,
  PublishDue,
  PublishedOn,
  RecordView,
  WithdrawnOn,
} from './disclosureText';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The server's message about one field (`field` on the error, or one of its `errors`). */
function fieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  if (err.field === field) return err.message;
  return err.errors?.find((e) => e.field === field)?.message;
}

/** A labelled reason box (撤回理由, 更正理由): the server wants at least 4 characters and says so itself. */
function ReasonField({
  label,
  value,
  onChange,
  extra,
  error,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  extra: string;
  error?: string | undefined;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <Form.Item
      layout="vertical"
      label={label}
      htmlFor={id}
      required
      extra={extra}
      validateStatus={error ? 'error' : undefined}
      help={error}
      style={{ marginBottom: 12 }}
    >
      <Input.TextArea
        id={id}
        value={value}
        placeholder={placeholder}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={500}
        onChange={(e) => onChange(e.target.value)}
      />
    </Form.Item>
  );
}

/** G-2, P-48: withdraws a published decision that was revoked, changed, confirmed illegal or void, or must be redone. */
function WithdrawModal({ d, onClose, onDone }: { d: DisclosureDetail; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const kindId = useId();
  const [kind, setKind] = useState<ReversalKind | undefined>(undefined);
  const [reversedOn, setReversedOn] = useState(todayDay);
  const [actOn, setActOn] = useState(todayDay);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    try {
      await api.post<DisclosureDetail>(`/api/disclosures/${d.id}/withdraw`, {
        reversalKind: kind,
        reversedOn: day(reversedOn),
        reason: reason.trim(),
        actOn: day(actOn),
      });
      message.success('已撤回公开信息');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fields = ['reversalKind', 'reversedOn', 'reason', 'actOn'];
  const general = error && !fields.some((f) => fieldError(error, f)) ? errorMessage(error) : null;
  return (
    <Modal
      open
      title="撤回公开信息"
      okText="撤回"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: !kind || reason.trim().length < 4 }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      wrapClassName="disclosure-withdraw-modal"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="原决定被撤销、变更、确认违法或者无效的，应自该日起3个工作日内撤回（G-2、P-48）"
        description="系统按工作日历计算撤回期限，撤回后显示期限及是否逾期。公开页面不再显示原内容，改为显示撤回说明和理由；原内容及各版本保留在系统中。"
      />
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <Form.Item
        layout="vertical"
        label="撤回原因种类"
        htmlFor={kindId}
        required
        validateStatus={fieldError(error, 'reversalKind') ? 'error' : undefined}
        help={fieldError(error, 'reversalKind')}
        style={{ marginBottom: 12 }}
      >
        <Select<ReversalKind>
          id={kindId}
          value={kind}
          placeholder="原决定被……"
          style={{ width: '100%', maxWidth: 240 }}
          onChange={setKind}
          options={REVERSAL_KINDS.map((k) => ({ value: k, label: REVERSAL_KIND_LABELS[k] }))}
        />
      </Form.Item>
      <ActDateField
        label="决定被撤销、变更等的日期"
        value={reversedOn}
        onChange={(v) => {
          setReversedOn(v);
          if (actOn.isBefore(v, 'day')) setActOn(v);
        }}
        earliest={d.decidedOn}
        earliestWhat="原决定"
        error={fieldError(error, 'reversedOn')}
      />
      <ReasonField
        label="撤回理由"
        value={reason}
        onChange={setReason}
        placeholder="如：经行政复议，县人民政府决定撤销该行政处罚决定"
        extra="撤回理由与撤回说明一并公开（P-48），请勿写入当事人姓名、证件号码等个人信息"
        error={fieldError(error, 'reason')}
      />
      <ActDateField
        label="撤回日期"
        value={actOn}
        onChange={setActOn}
        earliest={day(reversedOn)}
        earliestWhat="决定被撤销、变更等"
        error={fieldError(error, 'actOn')}
      />
    </Modal>
  );
}

/** A correction: the server publishes a new version built from the case as it is now; this one stays, as 已更正. */
function CorrectModal({
  d,
  onClose,
  onDone,
}: {
  d: DisclosureDetail;
  onClose(): void;
  onDone(next: DisclosureDetail): void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [actOn, setActOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.post<DisclosureDetail>(`/api/disclosures/${d.id}/corrections`, {
        reason: reason.trim(),
        actOn: day(actOn),
      });
      message.success(`已公开更正后的第 ${next.version} 版`);
      onDone(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const general = error && !['reason', 'actOn'].some((f) => fieldError(error, f)) ? errorMessage(error) : null;
  return (
    <Modal
      open
      title={`更正公开信息（公开第 ${d.version + 1} 版）`}
      okText="公开更正后的版本"
      cancelText="取消"
      okButtonProps={{ disabled: reason.trim().length < 4 }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      wrapClassName="disclosure-correct-modal"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="公开内容不能手工修改"
        description={`服务器按案件当前的信息重新生成并脱敏（G-3），公开为第 ${d.version + 1} 版；第 ${d.version} 版标为“已更正”并保留。请先在案件中改正有误的信息，再在此更正。`}
      />
      {general && <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} />}
      <ReasonField
        label="更正理由"
        value={reason}
        onChange={setReason}
        placeholder="如：原公开的违法事实表述有误"
        extra="更正理由随更正后的版本一并公开，并记入全过程记录；请勿写入当事人姓名、证件号码等个人信息"
        error={fieldError(error, 'reason')}
      />
      <ActDateField
        label="更正日期"
        value={actOn}
        onChange={setActOn}
        earliest={d.publishedOn ?? d.decidedOn}
        earliestWhat="本版公开"
        error={fieldError(error, 'actOn')}
      />
    </Modal>
  );
}

/** G-1, G-3: publishes the pending task's masked record on the chosen day, after a confirmation naming it. */
function PublishPanel({ d, onDone }: { d: DisclosureDetail; onDone(): void }) {
  const { message, modal } = App.useApp();
  const [actOn, setActOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const blocked = d.leaks.length > 0 || !d.record;
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.post<DisclosureDetail>(`/api/disclosures/${d.id}/publish`, { actOn: day(actOn) });
      message.success('已公开');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    modal.confirm({
      title: '公开该执法决定信息？',
      content: (
        <div>
          <p style={{ margin: 0 }}>公开日期 {day(actOn)}。</p>
          <p style={{ margin: '4px 0 0' }}>
            公开后社会公众即可在公开平台查阅左侧所示内容；此后只能更正（公开新版本）或在决定被撤销、变更等情形下撤回。
          </p>
        </div>
      ),
      okText: '公开',
      cancelText: '取消',
      onOk: publish,
    });
  const dateError = fieldError(error, 'actOn');
  return (
    <div data-panel="publish">
      {error && !dateError ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />
      ) : null}
      {blocked && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="公开内容仍含个人信息，暂不能公开"
          description="请在案件中删改左侧列出的个人信息后再公开（G-3）。"
        />
      )}
      <ActDateField
        label="公开日期"
        value={actOn}
        onChange={(v) => {
          setActOn(v);
          setError(null);
        }}
        earliest={d.decidedOn}
        earliestWhat="决定"
        error={dateError}
      />
      <Button type="primary" icon={<SendOutlined />} disabled={blocked} loading={busy} onClick={confirm}>
        公开
      </Button>
      {d.overdue && (
        <div style={{ color: '#cf1322', fontSize: 13, marginTop: 8 }}>已超过公开期限 {d.dueOn}，公开后记为逾期公开</div>
      )}
    </div>
  );
}

/** The task's dates and, once withdrawn, the withdrawal: what the G-1 / G-2 time limits are measured on. */
function StatusFacts({ d }: { d: DisclosureDetail }) {
  const rule = publishRule(d.category);
  return (
    <Descriptions
      column={1}
      size="small"
      styles={{ label: { whiteSpace: 'nowrap' } }}
      data-facts
      items={[
        { key: 'status', label: '状态', children: <DisclosureStatusTag status={d.status} /> },
        { key: 'version', label: '版本', children: `第 ${d.version} 版` },
        { key: 'decided', label: '决定日期', children: d.decidedOn },
        {
          key: 'due',
          label: '公开期限',
          children: (
            <div>
              <PublishDue d={d} />
              <div style={{ color: MUTED, fontSize: 12 }}>
                {rule.ruleId}：{rule.days}个工作日
              </div>
            </div>
          ),
        },
        { key: 'published', label: '公开日期', children: <PublishedOn d={d} /> },
        ...(d.publicUntil
          ? [
              {
                key: 'until',
                label: '公开至',
                children: (
                  <div>
                    {d.publicUntil}
                    <div style={{ color: MUTED, fontSize: 12 }}>期满后移出公开目录并归档，不删除（G-3a）</div>
                  </div>
                ),
              },
            ]
          : []),
        ...(d.correctionReason ? [{ key: 'correction', label: '更正理由', children: d.correctionReason }] : []),
        ...(d.status === 'withdrawn'
          ? [
              {
                key: 'kind',
                label: '撤回原因',
                children: d.reversalKind ? `原决定${REVERSAL_KIND_LABELS[d.reversalKind]}` : '—',
              },
              { key: 'reversed', label: '撤销、变更等日期', children: d.reversedOn ?? '—' },
              {
                key: 'withdrawDue',
                label: '撤回期限',
                children: (
                  <div>
                    <span data-withdraw-due>{d.withdrawDueOn ?? '—'}</span>
                    <div style={{ color: MUTED, fontSize: 12 }}>G-2、P-48：3个工作日</div>
                  </div>
                ),
              },
              {
                key: 'withdrawn',
                label: '撤回日期',
                children: (
                  <span data-withdrawn-on>
                    <WithdrawnOn d={d} />
                    {!d.withdrawnLate && d.withdrawnOn && (
                      <Tag color="success" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                        按期撤回
                      </Tag>
                    )}
                  </span>
                ),
              },
              { key: 'reason', label: '公开的撤回理由', children: d.withdrawReason ?? '—' },
            ]
          : []),
      ]}
    />
  );
}

/**
 * One disclosure: the record exactly as the public sees it (for a pending task, the server's masked preview), what the
 * server still finds of personal data, and the acts: 公开 (G-1), 撤回 (G-2, P-48), 更正 (a new version).
 */
export default function DisclosureDetailPage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const compact = useCompact();
  const detail = useFetch<DisclosureDetail>(`/api/disclosures/${id}`);
  const [acting, setActing] = useState<'withdraw' | 'correct' | null>(null);
  const acts = hasRole(me.roles, 'officer', 'head') && me.agency.role === 'agency';
  const d = detail.data;

  if (detail.loading && !d) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (detail.error || !d) {
    return (
      <Result
        status="404"
        title="未找到该公开事项"
        subTitle={detail.error ?? undefined}
        extra={<Button onClick={() => navigate('/disclosures')}>返回决定公开</Button>}
      />
    );
  }

  const pending = d.status === 'pending';
  const latest = d.versions.at(-1);
  const recordTitle = pending
    ? '公开内容预览'
    : d.status === 'withdrawn'
      ? '已撤回的公开内容'
      : d.status === 'superseded'
        ? `公开内容（第 ${d.version} 版，已更正）`
        : `公开内容（第 ${d.version} 版）`;

  return (
    <>
      <PageHeading
        title={d.title}
        sub={
          <span>
            {d.caseNo} · {d.categoryLabel}
            {d.instrumentNumber && ` · ${d.instrumentNumber}`} · <DisclosureStatusTag status={d.status} />
          </span>
        }
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/disclosures?status=${d.status}`)}>
              决定公开列表
            </Button>
            <Link to={`/cases/${d.caseId}`}>
              <Button icon={<FileTextOutlined />}>查看案件</Button>
            </Link>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          {d.leaks.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-leaks
              title="服务器在公开内容中仍发现个人信息，不能公开（G-3）"
              description={
                <div>
                  <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>
                    {d.leaks.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                  公开内容不能手工修改：请在案件中删改上述信息（如违法事实中的姓名、电话、住址）后再公开。
                </div>
              }
            />
          )}
          <Card
            title={recordTitle}
            extra={pending ? <Tag color="blue">尚未公开</Tag> : null}
            styles={{ body: { padding: compact ? 12 : 24 } }}
            data-card="record"
          >
            {d.status === 'withdrawn' && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`该信息已于 ${d.withdrawnOn ?? '—'} 撤回，不再公开以下内容`}
                description={`公开的撤回理由：${d.withdrawReason ?? '—'}`}
              />
            )}
            {d.record ? <RecordView record={d.record} /> : <div style={{ color: MUTED }}>尚无公开内容</div>}
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 16 }}
              data-masking-note
              title={
                pending
                  ? '以上是服务器脱敏后将要公开的内容，公开时原样公开，不能手工修改（G-3）'
                  : '以上是服务器脱敏后公开的内容，与公开平台所示一致（G-3）'
              }
              description={
                <div>
                  当事人为自然人的，姓名隐去（如张三丰→张某某），公民身份号码、联系方式、银行账号隐去，住址只保留至县级；法人和其他组织的名称、统一社会信用代码和法定代表人予以公开。案件文字中其他人的姓名、健康状况等敏感信息系统无法全部识别，请在公开前逐项核对；内容有误的，请修改案件信息。
                  <details style={{ marginTop: 6 }}>
                    <summary style={{ cursor: 'pointer' }}>全部脱敏规则</summary>
                    <MaskingRulesList />
                  </details>
                </div>
              }
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            <Card title="公开情况" size="small" data-card="status">
              <StatusFacts d={d} />
            </Card>
            {acts && pending && (
              <Card title="公开" size="small" data-card="publish">
                <PublishPanel d={d} onDone={detail.reload} />
              </Card>
            )}
            {acts && d.status === 'published' && (
              <Card title="撤回或更正" size="small" data-card="actions">
                <p style={{ marginTop: 0, color: '#57606a', fontSize: 13 }}>
                  原决定被撤销、变更、确认违法或者无效，或被责令重新作出的，撤回公开信息并公开撤回理由；公开内容有误的，更正为新版本。
                </p>
                <Space wrap>
                  <Button danger icon={<RollbackOutlined />} onClick={() => setActing('withdraw')}>
                    撤回
                  </Button>
                  <Button icon={<EditOutlined />} onClick={() => setActing('correct')}>
                    更正
                  </Button>
                </Space>
              </Card>
            )}
            {!acts && (pending || d.status === 'published') && (
              <div style={{ color: MUTED, fontSize: 13 }}>公开、撤回和更正由本单位执法人员或负责人办理。</div>
            )}
            <Card title="版本" size="small" data-card="versions">
              {d.versions.map((v) => (
                <div
                  key={v.id}
                  data-version={v.version}
                  style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '4px 0' }}
                >
                  {v.id === d.id ? (
                    <strong>第 {v.version} 版（当前查看）</strong>
                  ) : (
                    <Link to={`/disclosures/${v.id}`}>第 {v.version} 版</Link>
                  )}
                  <DisclosureStatusTag status={v.status} />
                  <span style={{ color: MUTED, fontSize: 13 }}>
                    {v.publishedOn ? `公开于 ${v.publishedOn}` : '未公开'}
                  </span>
                </div>
              ))}
              {d.status === 'superseded' && latest && latest.id !== d.id && (
                <div style={{ marginTop: 8, fontSize: 13 }}>
                  本版已被更正，<Link to={`/disclosures/${latest.id}`}>查看第 {latest.version} 版</Link>
                </div>
              )}
            </Card>
          </div>
        </Col>
      </Row>
      {acting === 'withdraw' && (
        <WithdrawModal
          d={d}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            detail.reload();
          }}
        />
      )}
      {acting === 'correct' && (
        <CorrectModal
          d={d}
          onClose={() => setActing(null)}
          onDone={(next) => {
            setActing(null);
            navigate(`/disclosures/${next.id}`);
          }}
        />
      )}
    </>
  );
}
