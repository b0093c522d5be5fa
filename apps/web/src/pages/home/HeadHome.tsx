import { Alert } from 'antd';
import type { Dashboard } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { CredentialAlerts } from './CredentialAlerts';
import { dashboardFigures } from './dashboardFigures';
import { MyTasksCard } from './MyTasksCard';

export default function HeadHome() {
  const me = useMe();
  const dashboard = useFetch<Dashboard>('/api/dashboard');
  return (
    <>
      <PageHeading title="负责人工作台" sub={`${me.agency.name} · 负责人`} />
      {dashboard.error && <Alert type="error" showIcon title={dashboard.error} style={{ marginBottom: 16 }} />}
      <FigureCards
        loading={dashboard.loading}
        figures={dashboardFigures(dashboard.data, [
          'officers',
          'activeOfficers',
          'expiredCredentials',
          'expiringWithin90Days',
          'suspended',
          'reviewers',
          'overdueReviews',
          'overdueDisclosures',
          'lateAnnualReports',
        ])}
      />
      <div style={{ marginTop: 16 }}>
        <MyTasksCard approvals />
      </div>
      <CredentialAlerts />
    </>
  );
}
