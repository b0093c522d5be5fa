import { Alert, Card, Empty, Segmented, Spin, Table } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ReviewQueue, ReviewSummary } from '../../api/reviewTypes';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { useCompact } from '../../layout/useCompact';
import { DueOn, isOpen, MUTED, ReviewStatusTag } from './reviewText';

type Scope = 'mine' | 'agency';
type StatusFilter = 'open' | 'all';

/** On a phone each review is a short block: case, round, due date, status. */
function PhoneList({ items, loading }: { items: ReviewSummary[]; loading: boolean }) {
  if (loading && items.length === 0) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) return <Empty description="没有待办的法制审核" />;
  return (
    <div>
      {items.map((r) => (
        <div key={r.id} data-review={r.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Link to={`/reviews/${r.id}`}>{r.caseNo}</Link>
            <ReviewStatusTag status={r.status} />
          </div>
          <div style={{ fontWeight: 500, marginTop: 2 }}>{r.caseTitle}</div>
          <div style={{ color: MUTED, fontSize: 13 }}>
            第 {r.round} 次送审 · {r.submittedByName} · {r.submittedOn}
          </div>
          <div style={{ fontSize: 13 }}>
            审核期限：
            <DueOn dueOn={r.dueOn} overdue={r.overdue} open={isOpen(r.status)} />
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * 法制审核: the reviews waiting for the reviewer (or, for a head, of the agency), overdue first — the server orders
 * them. The filters live in the URL so the back button from a review returns to the same list.
 */
export default function ReviewQueuePage() {
  const me = useMe();
  const compact = useCompact();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // Heads see their agency's reviews, supervisors their region's (the server scopes both).
  const isHead = hasRole(me.roles, 'head', 'supervisor');
  const scope: Scope = (params.get('scope') as Scope | null) ?? (isHead ? 'agency' : 'mine');
  const status: StatusFilter = (params.get('status') as StatusFilter | null) ?? 'open';
  const list = useFetch<ReviewQueue>('/api/reviews', { scope, status });
  const items = list.data?.items ?? [];
  const overdue = items.filter((r) => r.overdue && isOpen(r.status)).length;
  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeading
        title="法制审核"
        sub={
          <span>
            重大执法决定作出前的法制审核（P-58），按审核清单逐项审核（G-7）
            {overdue > 0 && (
              <span style={{ color: '#cf1322', marginInlineStart: 8 }} data-overdue-count={overdue}>
                {overdue} 件已超过审核期限
              </span>
            )}
          </span>
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
          <Segmented<Scope>
            aria-label="范围"
            value={scope}
            onChange={(v) => set('scope', v)}
            options={[
              { value: 'mine', label: '分配给我的' },
              { value: 'agency', label: '本单位全部' },
            ]}
          />
          <Segmented<StatusFilter>
            aria-label="状态"
            value={status}
            onChange={(v) => set('status', v)}
            options={[
              { value: 'open', label: '待办' },
              { value: 'all', label: '全部' },
            ]}
          />
        </div>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        {compact ? (
          <PhoneList items={items} loading={list.loading} />
        ) : (
          <Table<ReviewSummary>
            rowKey="id"
            loading={list.loading}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
            locale={{ emptyText: status === 'open' ? '没有待办的法制审核' : '没有法制审核记录' }}
            onRow={(r) => ({ onDoubleClick: () => navigate(`/reviews/${r.id}`) })}
            columns={[
              {
                title: '案号',
                dataIndex: 'caseNo',
                render: (no: string, r) => (
                  <Link to={`/reviews/${r.id}`} style={{ whiteSpace: 'nowrap' }}>
                    {no}
                  </Link>
                ),
              },
              { title: '案由', dataIndex: 'caseTitle' },
              { title: '送审', dataIndex: 'round', render: (n: number) => `第 ${n} 次` },
              { title: '送审人', dataIndex: 'submittedByName' },
              { title: '送审日期', dataIndex: 'submittedOn' },
              {
                title: '审核期限',
                dataIndex: 'dueOn',
                render: (_: string, r) => <DueOn dueOn={r.dueOn} overdue={r.overdue} open={isOpen(r.status)} />,
              },
              ...(scope === 'agency'
                ? [
                    {
                      title: '审核人员',
                      dataIndex: 'reviewerName',
                      render: (n: string | null) => n ?? <span style={{ color: MUTED }}>待分配</span>,
                    },
                  ]
                : []),
              { title: '状态', dataIndex: 'status', render: (_: string, r) => <ReviewStatusTag status={r.status} /> },
              ...(status === 'all'
                ? [
                    {
                      title: '审核意见',
                      dataIndex: 'opinionLabel',
                      render: (l: string | null) => l ?? <span style={{ color: MUTED }}>—</span>,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
    </>
  );
}
