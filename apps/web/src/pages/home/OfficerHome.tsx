import { IdcardOutlined } from '@ant-design/icons';
import { AGENCY_KIND_LABELS, CREDENTIAL_KIND_LABELS, FIELD_LABELS, GENDER_LABELS } from '@sanxiang/domain';
import { Alert, Card, Col, Descriptions, Empty, Row, Spin } from 'antd';
import { Link } from 'react-router-dom';
import type { Agency, Dashboard, Officer, Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { CredentialTag, OfficerStatusTag, validityText } from '../officers/credentialState';
import { dashboardFigures } from './dashboardFigures';
import { MyTasksCard } from './MyTasksCard';

/**
 * The signed-in officer's own record: by the link on the account when the server gives one,
 * otherwise the officer of the same name in the user's agency.
 */
function useMyOfficer() {
  const me = useMe();
  const linked = useFetch<Officer>(me.officerId ? `/api/officers/${me.officerId}` : null);
  const byName = useFetch<Paged<Officer>>(me.officerId ? null : '/api/officers', {
    q: me.displayName,
    agencyId: me.agency.id,
    pageSize: 20,
  });
  if (me.officerId) return { officer: linked.data, loading: linked.loading, error: linked.error };
  const officer = byName.data?.items.find((o) => o.name === me.displayName);
  return { officer, loading: byName.loading, error: byName.error };
}

function MyCredential() {
  const { officer, loading, error } = useMyOfficer();
  if (loading) return <Spin />;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!officer) return <Empty description="未找到与您的账户对应的执法人员记录，请联系本单位系统管理员" />;
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'name', label: '姓名', children: `${officer.name}（${GENDER_LABELS[officer.gender]}）` },
        { key: 'no', label: '执法证号', children: officer.credentialNo ?? '未持证' },
        { key: 'kind', label: '证件类型', children: CREDENTIAL_KIND_LABELS[officer.credentialKind] },
        { key: 'fields', label: '执法类别', children: officer.fields.map((f) => FIELD_LABELS[f]).join('、') || '—' },
        { key: 'validity', label: '有效期', children: validityText(officer) },
        {
          key: 'state',
          label: '证件状态',
          children: (
            <span>
              <OfficerStatusTag officer={officer} /> <CredentialTag officer={officer} />
            </span>
          ),
        },
        { key: 'agency', label: '执法主体', children: officer.agencyName },
        { key: 'unit', label: '科室', children: officer.unitName ?? '—' },
        { key: 'detail', label: '详细信息', children: <Link to={`/officers/${officer.id}`}>查看人员详情</Link> },
      ]}
    />
  );
}

function MyAgency() {
  const me = useMe();
  const { data: agency, loading, error } = useFetch<Agency>(`/api/agencies/${me.agency.id}`);
  if (loading) return <Spin />;
  if (error || !agency) return <Alert type="error" showIcon title={error ?? '未能读取本单位信息'} />;
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'name', label: '名称', children: agency.name },
        { key: 'kind', label: '主体类别', children: AGENCY_KIND_LABELS[agency.kind] },
        { key: 'field', label: '执法领域', children: FIELD_LABELS[agency.field] },
        { key: 'region', label: '行政区划', children: agency.regionName ?? agency.regionCode },
        { key: 'address', label: '地址', children: agency.address || '—' },
        { key: 'office', label: '办公电话', children: agency.officePhone || '—' },
        { key: 'complaint', label: '投诉电话', children: agency.complaintPhone || '—' },
        { key: 'units', label: '科室', children: agency.units.map((u) => u.name).join('、') || '—' },
      ]}
    />
  );
}

export default function OfficerHome() {
  const me = useMe();
  const dashboard = useFetch<Dashboard>('/api/dashboard');
  return (
    <>
      <PageHeading title="执法人员工作台" sub={`${me.displayName} · ${me.agency.name}`} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <FigureCards loading={dashboard.loading} figures={dashboardFigures(dashboard.data, ['overdueDisclosures'])} />
        </Col>
        <Col span={24}>
          <MyTasksCard approvals={false} />
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={
              <span>
                <IdcardOutlined /> 我的执法证件
              </span>
            }
            style={{ height: '100%' }}
          >
            <MyCredential />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="本单位信息" style={{ height: '100%' }}>
            <MyAgency />
          </Card>
        </Col>
      </Row>
    </>
  );
}
