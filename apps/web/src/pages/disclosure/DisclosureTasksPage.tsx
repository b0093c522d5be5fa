import { Alert, Card, Empty, Segmented, Spin, Table } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DisclosureStatus, DisclosureSummary } from '../../api/disclosureTypes';
import { useFetch } from '../../api/useFetch';
import { PageHeading } from '../../components/PageHeading';
import { useCompact } from '../../layout/useCompact';
import { MUTED, OVERDUE_RED } from '../review/reviewText';
import { DISCLOSURE_STATUS_LABELS, DisclosureStatusTag, PublishDue, PublishedOn, WithdrawnOn } from './disclosureText';

const STATUSES: DisclosureStatus[] = ['pending', 'published', 'withdrawn', 'superseded'];

const EMPTY: Record<DisclosureStatus, string> = {
  pending: '没有待公开的执法决定',
  published: '没有已公开的执法决定',
  withdrawn: '没有已撤回的公开信息',
  superseded: '没有已更正的公开信息',
};

const isStatus = (s: string | null): s is DisclosureStatus => STATUSES.includes(s as DisclosureStatus);

/** On a phone each disclosure is a short block: case, category, the dates that matter for its status. */
function PhoneList({
  items,
  loading,
  status,
}: {
  items: DisclosureSummary[];
  loading: boolean;
  status: DisclosureStatus;
}) {
  if (loading && items.length === 0) return <Spin style={{ display: 'block', margin: 24 }} />;
  if (items.length === 0) return <Empty description={EMPTY[status]} />;
  return (
    <div>
      {items.map((d) => (
        <div key={d.id} data-disclosure={d.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <Link to={`/disclosures/${d.id}`} style={{ fontWeight: 500 }}>
              {d.title}
            </Link>
            <DisclosureStatusTag status={d.status} />
          </div>
          <div style={{ color: MUTED, fontSize: 13 }}>
            <Link to={`/cases/${d.caseId}`} style={{ color: 'inherit', textDecoration: 'underline' }}>
              {d.caseNo}
            </Link>{' '}
            · {d.categoryLabel} · 决定 {d.decidedOn}
          </div>
          {d.status === 'pending' ? (
            <div style={{ fontSize: 13 }}>
              公开期限：
              <PublishDue d={d} />
            </div>
          ) : (
            <div style={{ fontSize: 13 }}>
              公开日期：
              <PublishedOn d={d} />
            </div>
          )}
          {d.status === 'withdrawn' && (
            <div style={{ fontSize: 13 }}>
              撤回日期：
              <WithdrawnOn d={d} />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/**
 * 决定公开: the agency's disclosure tasks (G-1) — pending ones first and overdue first (the server orders them), then
 * what is published, withdrawn (G-2) or replaced by a correction. The status lives in the URL so the back button from a
 * disclosure returns to the same list.
 */
export default function DisclosureTasksPage() {
  const compact = useCompact();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status: DisclosureStatus = isStatus(raw) ? raw : 'pending';
  const list = useFetch<{ items: DisclosureSummary[] }>('/api/disclosures', { status });
  const items = list.data?.items ?? [];
  const overdue = items.filter((d) => d.overdue).length;

  return (
    <>
      <PageHeading
        title="决定公开"
        sub={
          <span>
            行政处罚、行政许可决定自作出之日起7个工作日内公开，其他决定20个工作日内公开（G-1）；公开内容由系统脱敏（G-3）
            {status === 'pending' && overdue > 0 && (
              <span style={{ color: OVERDUE_RED, marginInlineStart: 8 }} data-overdue-count={overdue}>
                {overdue} 件已超过公开期限
              </span>
            )}
          </span>
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <div style={{ marginBottom: 16, overflowX: 'auto' }}>
          <Segmented<DisclosureStatus>
            aria-label="公开状态"
            value={status}
            onChange={(v) => setParams({ status: v }, { replace: true })}
            options={STATUSES.map((s) => ({ value: s, label: DISCLOSURE_STATUS_LABELS[s] }))}
          />
        </div>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        {compact ? (
          <PhoneList items={items} loading={list.loading} status={status} />
        ) : (
          <Table<DisclosureSummary>
            rowKey="id"
            loading={list.loading}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 件` }}
            locale={{ emptyText: EMPTY[status] }}
            onRow={(d) => ({ onDoubleClick: () => navigate(`/disclosures/${d.id}`) })}
            columns={[
              {
                title: '案件',
                dataIndex: 'title',
                render: (title: string, d) => (
                  <div>
                    <Link to={`/disclosures/${d.id}`} style={{ fontWeight: 500 }}>
                      {title}
                    </Link>
                    <div style={{ fontSize: 12 }}>
                      <Link to={`/cases/${d.caseId}`} style={{ color: MUTED, whiteSpace: 'nowrap' }}>
                        {d.caseNo}
                      </Link>
                    </div>
                  </div>
                ),
              },
              {
                title: '类别',
                dataIndex: 'categoryLabel',
                render: (l: string) => <span style={{ whiteSpace: 'nowrap' }}>{l}</span>,
              },
              {
                title: '文书编号',
                dataIndex: 'instrumentNumber',
                render: (n: string) =>
                  n ? <span style={{ whiteSpace: 'nowrap' }}>{n}</span> : <span style={{ color: MUTED }}>—</span>,
              },
              {
                title: '决定日期',
                dataIndex: 'decidedOn',
                render: (d: string) => <span style={{ whiteSpace: 'nowrap' }}>{d}</span>,
              },
              { title: '公开期限', dataIndex: 'dueOn', render: (_: string, d) => <PublishDue d={d} /> },
              {
                title: '状态',
                dataIndex: 'status',
                render: (_: string, d) => <DisclosureStatusTag status={d.status} />,
              },
              ...(status === 'pending'
                ? []
                : [
                    {
                      title: '公开日期',
                      dataIndex: 'publishedOn',
                      render: (_: string, d: DisclosureSummary) => <PublishedOn d={d} />,
                    },
                  ]),
              ...(status === 'withdrawn'
                ? [
                    {
                      title: '撤回日期',
                      dataIndex: 'withdrawnOn',
                      render: (_: string, d: DisclosureSummary) => <WithdrawnOn d={d} />,
                    },
                    { title: '撤回期限', dataIndex: 'withdrawDueOn', render: (v: string | null) => v ?? '—' },
                  ]
                : []),
              ...(status === 'superseded' || status === 'published'
                ? [{ title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` }]
                : []),
              {
                title: '操作',
                key: 'action',
                render: (_: unknown, d) => (
                  <Link to={`/disclosures/${d.id}`} style={{ whiteSpace: 'nowrap' }}>
                    {d.status === 'pending' ? '预览并公开' : '查看'}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
