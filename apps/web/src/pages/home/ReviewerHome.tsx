import { AuditOutlined } from '@ant-design/icons';
import { Alert, Card, Empty } from 'antd';
import type { Dashboard } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { dashboardFigures } from './dashboardFigures';

export default function ReviewerHome() {
  const me = useMe();
  const dashboard = useFetch<Dashboard>('/api/dashboard');
  return (
    <>
      <PageHeading title="法制审核工作台" sub={`${me.agency.name} · 法制审核人员`} />
      {dashboard.error && <Alert type="error" showIcon title={dashboard.error} style={{ marginBottom: 16 }} />}
      <FigureCards
        loading={dashboard.loading}
        figures={dashboardFigures(dashboard.data, ['officers', 'activeOfficers', 'reviewers', 'expiredCredentials'])}
      />
      <Card
        style={{ marginTop: 16 }}
        title={
          <span>
            <AuditOutlined /> 法制审核待办
          </span>
        }
      >
        <Empty description="法制审核待办（法制审核模块上线后显示）" />
      </Card>
    </>
  );
}
