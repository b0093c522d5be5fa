import { AuditOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Spin } from 'antd';
import { Link } from 'react-router-dom';
import type { ReviewQueue } from '../../api/reviewTypes';
import { useFetch } from '../../api/useFetch';
import { DueOn, MUTED, OVERDUE_RED, ReviewStatusTag } from '../review/reviewText';

/** The first ten are the ones to act on: the server puts overdue reviews first. */
const SHOWN = 10;
const rowStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'baseline',
  gap: '2px 8px',
  padding: '8px 0',
  borderBottom: '1px solid #f0f0f0',
};

/** 法制审核待办: the reviews assigned to me that are still open, overdue first and in red. */
export function ReviewQueueCard() {
  const { data, loading, error } = useFetch<ReviewQueue>('/api/reviews', { scope: 'mine', status: 'open' });
  const items = data?.items ?? [];
  const overdue = items.filter((r) => r.overdue).length;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={
        <span>
          <AuditOutlined /> 法制审核待办
          {data && <span style={{ fontWeight: 400, marginInlineStart: 6 }}>（{items.length}）</span>}
          {overdue > 0 && (
            <span style={{ color: OVERDUE_RED, fontWeight: 400, marginInlineStart: 8 }}>{overdue} 件已逾期</span>
          )}
        </span>
      }
      extra={<Link to="/reviews">全部</Link>}
      data-card="review-queue"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {loading && !data && <Spin />}
      {data && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审核的案件" />}
      {items.slice(0, SHOWN).map((r) => (
        <div key={r.id} style={rowStyle} data-task="review">
          <DueOn dueOn={r.dueOn} overdue={r.overdue} open />
          <Link to={`/reviews/${r.id}`}>{r.caseNo}</Link>
          <span>{r.caseTitle}</span>
          <ReviewStatusTag status={r.status} />
          <span style={{ color: MUTED, fontSize: 12, flexBasis: '100%' }}>
            第 {r.round} 次送审 · {r.submittedByName} · {r.submittedOn}
          </span>
        </div>
      ))}
      {items.length > SHOWN && (
        <div style={{ color: MUTED, marginTop: 8 }}>
          另有 {items.length - SHOWN} 件，见 <Link to="/reviews">法制审核</Link>
        </div>
      )}
    </Card>
  );
}
