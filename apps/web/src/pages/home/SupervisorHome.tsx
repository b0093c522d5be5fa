import { AGENCY_KIND_LABELS, FIELD_LABELS } from '@sanxiang/domain';
import { Alert, Card, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useRegionName } from '../../api/regions';
import type { Agency, Dashboard, Paged, ReviewerStaffingRow } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { dashboardFigures } from './dashboardFigures';

const PAGE_SIZE = 10;

export default function SupervisorHome() {
  const me = useMe();
  const dashboard = useFetch<Dashboard>('/api/dashboard');
  const [page, setPage] = useState(1);
  const agencies = useFetch<Paged<Agency>>('/api/agencies', { role: 'agency', page, pageSize: PAGE_SIZE });
  const region = useRegionName(me.agency.regionCode);
  const staffing = useFetch<ReviewerStaffingRow[]>('/api/review/staffing');
  const short = (staffing.data ?? []).filter((r) => r.short);

  return (
    <>
      <PageHeading title="执法监督首页" sub={`${me.agency.name} · 监督辖区：${region}`} />
      {dashboard.error && <Alert type="error" showIcon title={dashboard.error} style={{ marginBottom: 16 }} />}
      <FigureCards
        loading={dashboard.loading}
        figures={dashboardFigures(dashboard.data, [
          'agencies',
          'officers',
          'expiredCredentials',
          'expiringWithin90Days',
          'suspended',
          'reviewers',
          'overdueReviews',
          'overdueDisclosures',
          'lateAnnualReports',
        ])}
      />
      {short.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={`${short.length} 个执法主体法制审核人员不足（G-5：不少于执法人员的 5%，至少 1 名）`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {short.map((r) => (
                <li key={r.agencyId}>
                  <Link to={`/agencies/${r.agencyId}`}>{r.agencyName}</Link>：执法人员 {r.officers} 名，法制审核人员{' '}
                  {r.reviewers} 名，应不少于 {r.required} 名
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card title="辖区执法主体" style={{ marginTop: 16 }} extra={<Link to="/agencies">查看全部</Link>}>
        {agencies.error && <Alert type="error" showIcon title={agencies.error} style={{ marginBottom: 12 }} />}
        <Table<Agency>
          rowKey="id"
          size="small"
          loading={agencies.loading}
          dataSource={agencies.data?.items ?? []}
          scroll={{ x: 640 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: agencies.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 个`,
          }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              render: (name: string, a) => <Link to={`/agencies/${a.id}`}>{name}</Link>,
            },
            { title: '主体类别', dataIndex: 'kind', render: (k: Agency['kind']) => AGENCY_KIND_LABELS[k] },
            { title: '执法领域', dataIndex: 'field', render: (f: Agency['field']) => FIELD_LABELS[f] },
            { title: '行政区划', dataIndex: 'regionName', render: (n: string | null, a) => n ?? a.regionCode },
            {
              title: '执法人员数',
              dataIndex: 'officerCount',
              align: 'right',
              render: (n: number, a) => <Link to={`/officers?agencyId=${a.id}`}>{n}</Link>,
            },
          ]}
        />
      </Card>
    </>
  );
}
