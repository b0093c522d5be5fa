import { type DisclosureRecord, MASKING_RULES, PARTY_TYPE_LABELS } from '@sanxiang/domain';
import { Descriptions, Tag } from 'antd';
import type { DisclosureStatus, DisclosureSummary } from '../../api/disclosureTypes';
import { useCompact } from '../../layout/useCompact';
import { MUTED, OVERDUE_RED } from '../review/reviewText';

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  pending: '待公开',
  published: '已公开',
  withdrawn: '已撤回',
  superseded: '已更正',
};

const STATUS_COLORS: Record<DisclosureStatus, string> = {
  pending: 'processing',
  published: 'success',
  withdrawn: 'error',
  superseded: 'default',
};

export function DisclosureStatusTag({ status }: { status: DisclosureStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-disclosure-status={status}>
      {DISCLOSURE_STATUS_LABELS[status]}
    </Tag>
  );
}

const lateTag = (text: string) => (
  <Tag color="error" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
    {text}
  </Tag>
);

/** 公开期限: red with 逾期 while a pending task is past it (G-1). */
export function PublishDue({ d }: { d: Pick<DisclosureSummary, 'dueOn' | 'overdue'> }) {
  return d.overdue ? (
    <span style={{ color: OVERDUE_RED, fontWeight: 600, whiteSpace: 'nowrap' }} data-overdue>
      {d.dueOn}
      {lateTag('逾期')}
    </span>
  ) : (
    <span style={{ whiteSpace: 'nowrap' }}>{d.dueOn}</span>
  );
}

/** 公开日期, with 逾期公开 when it was after the due date. */
export function PublishedOn({ d }: { d: Pick<DisclosureSummary, 'publishedOn' | 'publishedLate'> }) {
  if (!d.publishedOn) return <span style={{ color: MUTED }}>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {d.publishedOn}
      {d.publishedLate && lateTag('逾期公开')}
    </span>
  );
}

/** 撤回日期, with 逾期撤回 when after the 3 working days (G-2, P-48). */
export function WithdrawnOn({ d }: { d: Pick<DisclosureSummary, 'withdrawnOn' | 'withdrawnLate'> }) {
  if (!d.withdrawnOn) return <span style={{ color: MUTED }}>—</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {d.withdrawnOn}
      {d.withdrawnLate && lateTag('逾期撤回')}
    </span>
  );
}

const dash = (s: string) => s || <span style={{ color: MUTED }}>—</span>;

/**
 * The record as the public reads it: every field the server wrote, nothing added or re-masked here (G-3: masking is
 * the server's, never the console's).
 */
export function RecordView({ record }: { record: DisclosureRecord }) {
  const compact = useCompact();
  const organization = record.partyType === 'organization';
  return (
    <Descriptions
      bordered={!compact}
      size="small"
      column={1}
      styles={{ label: { whiteSpace: 'nowrap', width: compact ? undefined : 150 } }}
      data-record
      items={[
        { key: 'agency', label: '执法主体', children: record.agencyName },
        { key: 'category', label: '决定类别', children: record.categoryLabel },
        {
          key: 'instrument',
          label: '决定文书',
          children: record.instrumentName ? (
            <span>
              {record.instrumentName}
              {record.instrumentNumber && (
                <span style={{ marginInlineStart: 8 }} data-record-number>
                  {record.instrumentNumber}
                </span>
              )}
            </span>
          ) : (
            dash('')
          ),
        },
        {
          key: 'party',
          label: '当事人',
          children: (
            <span>
              <strong data-record-party>{record.partyName}</strong>
              <span style={{ color: MUTED, marginInlineStart: 8 }}>{PARTY_TYPE_LABELS[record.partyType]}</span>
            </span>
          ),
        },
        ...(organization
          ? [
              { key: 'code', label: '统一社会信用代码', children: dash(record.partyCode) },
              { key: 'rep', label: '法定代表人（负责人）', children: dash(record.legalRepresentative) },
            ]
          : []),
        { key: 'title', label: '案件名称', children: record.title },
        ...(record.facts
          ? [
              {
                key: 'facts',
                label: '主要违法事实',
                children: <div style={{ whiteSpace: 'pre-wrap' }}>{record.facts}</div>,
              },
            ]
          : []),
        ...(record.violatedProvision
          ? [{ key: 'violated', label: '违反的法律条款', children: record.violatedProvision }]
          : []),
        ...(record.legalBasis ? [{ key: 'basis', label: '处理依据', children: record.legalBasis }] : []),
        { key: 'conclusion', label: '处理结果', children: <strong>{record.conclusion}</strong> },
        { key: 'decided', label: '决定日期', children: record.decidedOn },
      ]}
    />
  );
}

/** The masking rules in force (the seed's default set), as the public 脱敏规则 page states them. */
export function MaskingRulesList() {
  return (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }} data-masking-rules>
      {MASKING_RULES.map((r) => (
        <li key={r.subject}>
          <strong>{r.subject}</strong>：{r.rule}
        </li>
      ))}
    </ul>
  );
}
