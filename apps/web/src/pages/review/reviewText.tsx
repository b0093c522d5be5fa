import {
  MAJOR_CRITERION_LABELS,
  type MajorMatch,
  REVIEW_FINDING_LABELS,
  REVIEW_STATUS_LABELS,
  type ReviewFinding,
  type ReviewStatus,
  shanghaiDate,
} from '@sanxiang/domain';
import { Alert, App, DatePicker, Form, Input, Modal, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import type { ReviewDetail } from '../../api/reviewTypes';

export const MUTED = '#6b7280';
export const OVERDUE_RED = '#cf1322';

const STATUS_COLORS: Record<ReviewStatus, string> = {
  pending: 'processing',
  passed: 'success',
  returned: 'warning',
  disputed: 'error',
  coordinated: 'purple',
};

/** A round's status, in the domain's words. */
export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-review-status={status}>
      {REVIEW_STATUS_LABELS[status]}
    </Tag>
  );
}

const FINDING_COLORS: Record<ReviewFinding, string> = { pass: 'success', problem: 'error', notApplicable: 'default' };

export function FindingTag({ finding }: { finding: ReviewFinding }) {
  return (
    <Tag color={FINDING_COLORS[finding]} style={{ marginInlineEnd: 0 }}>
      {REVIEW_FINDING_LABELS[finding]}
    </Tag>
  );
}

/** "审核期限 2026-09-20", red with 已逾期 when past. */
export function DueOn({ dueOn, overdue, open }: { dueOn: string; overdue: boolean; open: boolean }) {
  if (!open) return <span style={{ whiteSpace: 'nowrap' }}>{dueOn}</span>;
  return overdue ? (
    <span style={{ color: OVERDUE_RED, whiteSpace: 'nowrap', fontWeight: 600 }}>
      {dueOn}
      <Tag color="error" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
        已逾期
      </Tag>
    </span>
  ) : (
    <span style={{ whiteSpace: 'nowrap' }}>{dueOn}</span>
  );
}

/** Whether a round still waits for someone (the reviewer, or the head's coordination). */
export const isOpen = (status: ReviewStatus) => status === 'pending' || status === 'disputed';

/** Which catalog rules made the decision major, and why, each with its rule code. */
export function MajorMatches({ matches }: { matches: MajorMatch[] }) {
  if (matches.length === 0) return <span style={{ color: MUTED }}>未命中目录清单中的任何情形</span>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-major-matches>
      {matches.map((m) => (
        <li key={m.code} style={{ marginBottom: 4 }}>
          <strong style={{ marginInlineEnd: 6 }}>{m.code}</strong>
          {m.label}
          <span style={{ color: MUTED, fontSize: 12, marginInlineStart: 6 }}>
            （{MAJOR_CRITERION_LABELS[m.criterion]}）
          </span>
          <div style={{ color: '#57606a', fontSize: 13 }}>
            {m.why}
            {m.requiresDeliberation && (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                须集体讨论
              </Tag>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** "目录清单第 3 版" — version 0 is the built-in default, not yet saved by the agency. */
export const versionText = (name: string, version: number) =>
  version > 0 ? `${name}第 ${version} 版` : `${name}（系统默认）`;

/** Today (Asia/Shanghai) as the date pickers hold it: the default of every act date. */
export const todayDay = (): Dayjs => dayjs(shanghaiDate());

/** The later of two dates (YYYY-MM-DD), either may be missing. */
export const laterOf = (a: string | null | undefined, b: string | null | undefined): string | null =>
  [a, b]
    .filter((x): x is string => Boolean(x))
    .sort()
    .at(-1) ?? null;

/** The server's refusal of the act date (field `actOn`), to show on the date itself. */
export const actOnError = (err: unknown): string | undefined =>
  err instanceof ApiError && err.field === 'actOn' ? err.message : undefined;

/**
 * The date of a review act (送审、审核、异议、协调日期): today by default, an earlier day for an act recorded after the
 * fact (on paper first), never in the future nor before the act it follows (`earliest`) — the server checks the same.
 * Sent as `actOn`.
 */
export function ActDateField({
  label,
  value,
  onChange,
  earliest,
  earliestWhat,
  error,
}: {
  label: string;
  value: Dayjs;
  onChange(d: Dayjs): void;
  /** The previous act's date (YYYY-MM-DD). */
  earliest: string | null;
  /** What that previous act is, for the help text (上一环节、送审、审核意见 …). */
  earliestWhat: string;
  error?: string | undefined;
}) {
  const id = useId();
  const today = shanghaiDate();
  return (
    <Form.Item
      layout="vertical"
      label={label}
      htmlFor={id}
      required
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={earliest ? `不得晚于今天，也不得早于${earliestWhat}的日期（${earliest}）` : '不得晚于今天'}
      style={{ marginBottom: 12 }}
    >
      <DatePicker
        id={id}
        value={value}
        allowClear={false}
        style={{ width: '100%', maxWidth: 240 }}
        onChange={(d: Dayjs | null) => {
          if (d) onChange(d);
        }}
        disabledDate={(d) => {
          const day = d.format('YYYY-MM-DD');
          return day > today || (earliest !== null && day < earliest);
        }}
      />
    </Form.Item>
  );
}

/**
 * S-3: the handler does not accept the reviewer's opinion and says why; the head then coordinates. The reason is
 * required (the server refuses an empty one with its own message, shown here).
 */
export function DisputeModal({
  reviewId,
  round,
  decidedOn,
  onClose,
  onDone,
}: {
  reviewId: number;
  round: number;
  /** The date of the opinion disputed: the dispute cannot be earlier. */
  decidedOn: string | null;
  onClose(): void;
  onDone(detail: ReviewDetail): void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [actOn, setActOn] = useState(todayDay);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setDateError(undefined);
    try {
      const detail = await api.post<ReviewDetail>(`/api/reviews/${reviewId}/dispute`, {
        reason: reason.trim(),
        actOn: actOn.format('YYYY-MM-DD'),
      });
      message.success('已提出异议，待负责人协调');
      onDone(detail);
    } catch (err) {
      setError(errorMessage(err));
      setDateError(actOnError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`对第 ${round} 次送审的审核意见提出异议`}
      okText="提出异议"
      cancelText="取消"
      okButtonProps={{ disabled: reason.trim().length < 2 }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p style={{ marginTop: 0, color: '#57606a' }}>
        承办机构与法制审核机构意见不一致的，由负责人协调（S-3）。请写明不同意审核意见的事实和理由，协调结果记入全过程记录。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <ActDateField
        label="异议日期"
        value={actOn}
        onChange={(d) => {
          setActOn(d);
          setDateError(undefined);
        }}
        earliest={decidedOn}
        earliestWhat="审核意见"
        error={dateError}
      />
      <Input.TextArea
        aria-label="异议理由"
        value={reason}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        showCount
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}
