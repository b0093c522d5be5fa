import { Alert } from 'antd';
import type { Dashboard } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { useMe } from '../../auth/SessionContext';
import { FigureCards } from '../../components/FigureCards';
import { PageHeading } from '../../components/PageHeading';
import { dashboardFigures } from './dashboardFigures';
import { ReviewQueueCard } from './ReviewQueueCard';

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
      <ReviewQueueCard />
    </>
  );
}
