import { Alert, Empty, Spin } from 'antd';
import { Link } from 'react-router-dom';
import type { DisclosureSummary } from '../../api/disclosureTypes';
import { useFetch } from '../../api/useFetch';
import { MUTED } from '../review/reviewText';
import { DisclosureStatusTag, PublishDue, PublishedOn, WithdrawnOn } from './disclosureText';

const rowStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'baseline',
  gap: '2px 12px',
  padding: '10px 0',
  borderBottom: '1px solid #f0f0f0',
};

/**
 * 公开 on the case page: the case's disclosure tasks and published versions (G-1, G-2), each linking to its page.
 * The list answer is filtered here: the server answers the agency's disclosures, pending first.
 */
export function CaseDisclosuresTab({ caseId }: { caseId: number }) {
  const list = useFetch<{ items: DisclosureSummary[] }>('/api/disclosures');
  const items = (list.data?.items ?? []).filter((d) => d.caseId === caseId).sort((a, b) => a.id - b.id);
  return (
    <div data-tab="disclosure">
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {list.loading && !list.data ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="本案尚无需要公开的决定：作出行政处罚、行政强制、行政检查等决定时，系统自动生成公开事项（G-1）"
        />
      ) : (
        items.map((d) => (
          <div key={d.id} style={rowStyle} data-case-disclosure={d.id}>
            <Link to={`/disclosures/${d.id}`} style={{ fontWeight: 500 }}>
              {d.categoryLabel}决定公开 · 第 {d.version} 版
            </Link>
            <DisclosureStatusTag status={d.status} />
            <span style={{ fontSize: 13 }}>
              决定 {d.decidedOn} · 公开期限 <PublishDue d={d} />
            </span>
            {d.publishedOn && (
              <span style={{ fontSize: 13 }}>
                公开 <PublishedOn d={d} />
              </span>
            )}
            {d.withdrawnOn && (
              <span style={{ fontSize: 13 }}>
                撤回 <WithdrawnOn d={d} />
              </span>
            )}
            {d.instrumentNumber && <span style={{ color: MUTED, fontSize: 12 }}>{d.instrumentNumber}</span>}
          </div>
        ))
      )}
      <div style={{ marginTop: 12, fontSize: 13 }}>
        <Link to="/disclosures">全部决定公开事项</Link>
      </div>
    </div>
  );
}
