import { Alert, Card, Table, Tabs } from 'antd';
import { Link } from 'react-router-dom';
import type { CredentialFilter, Officer, Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { CredentialTag, validityText } from '../officers/credentialState';

function AlertTable({ credential }: { credential: CredentialFilter }) {
  const { data, loading, error } = useFetch<Paged<Officer>>('/api/officers', { credential, page: 1, pageSize: 50 });
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Officer>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: credential === 'expired' ? '没有证件已过期的人员' : '没有90日内到期的证件' }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (n: string, o) => <Link to={`/officers/${o.id}`}>{n}</Link> },
          { title: '科室', dataIndex: 'unitName', render: (n: string | null) => n ?? '—' },
          { title: '执法证号', dataIndex: 'credentialNo', render: (n: string | null) => n ?? '—' },
          { title: '有效期', key: 'validity', render: (_: unknown, o) => validityText(o) },
          { title: '证件', key: 'state', render: (_: unknown, o) => <CredentialTag officer={o} /> },
        ]}
      />
      {data && data.total > data.items.length && (
        <div style={{ marginTop: 8 }}>
          <Link to={`/officers?credential=${credential}`}>共 {data.total} 人，查看全部</Link>
        </div>
      )}
    </>
  );
}

/** Officers whose credentials have expired or expire within 90 days: they must renew before acting. */
export function CredentialAlerts() {
  return (
    <Card title="执法证件提醒" style={{ marginTop: 16 }}>
      <Tabs
        items={[
          { key: 'expired', label: '已过期', children: <AlertTable credential="expired" /> },
          { key: 'expiring', label: '90日内到期', children: <AlertTable credential="expiring" /> },
        ]}
      />
    </Card>
  );
}
