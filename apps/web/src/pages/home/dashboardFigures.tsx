import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  NotificationOutlined,
  PauseCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Dashboard } from '../../api/types';
import type { Figure } from '../../components/FigureCards';

export type FigureKey = keyof Dashboard;

/** The dashboard numbers as cards; each home picks the ones its role cares about. */
export function dashboardFigures(d: Dashboard | undefined, keys: readonly FigureKey[]): Figure[] {
  const all: Record<FigureKey, Figure> = {
    agencies: { key: 'agencies', title: '执法主体', value: d?.agencies, to: '/agencies', icon: <ApartmentOutlined /> },
    officers: { key: 'officers', title: '执法人员', value: d?.officers, to: '/officers', icon: <IdcardOutlined /> },
    activeOfficers: {
      key: 'activeOfficers',
      title: '在岗持证人员',
      value: d?.activeOfficers,
      to: '/officers?status=active',
      icon: <UserOutlined />,
    },
    expiredCredentials: {
      key: 'expiredCredentials',
      title: '证件已过期',
      value: d?.expiredCredentials,
      to: '/officers?credential=expired',
      tone: 'danger',
      icon: <ExclamationCircleOutlined />,
    },
    expiringWithin90Days: {
      key: 'expiringWithin90Days',
      title: '90日内到期',
      value: d?.expiringWithin90Days,
      to: '/officers?credential=expiring',
      tone: 'warning',
      icon: <ClockCircleOutlined />,
    },
    suspended: {
      key: 'suspended',
      title: '证件暂扣',
      value: d?.suspended,
      to: '/officers?status=suspended',
      tone: 'warning',
      icon: <PauseCircleOutlined />,
    },
    reviewers: { key: 'reviewers', title: '法制审核人员', value: d?.reviewers, icon: <AuditOutlined /> },
    openReviews: {
      key: 'openReviews',
      title: '待法制审核',
      value: d?.openReviews,
      to: '/reviews',
      icon: <FileSearchOutlined />,
    },
    overdueReviews: {
      key: 'overdueReviews',
      title: '法制审核逾期',
      value: d?.overdueReviews,
      to: '/reviews',
      tone: 'danger',
      icon: <FieldTimeOutlined />,
    },
    overdueDisclosures: {
      key: 'overdueDisclosures',
      title: '公开逾期',
      value: d?.overdueDisclosures,
      to: '/disclosures',
      tone: 'danger',
      icon: <NotificationOutlined />,
    },
    lateAnnualReports: {
      key: 'lateAnnualReports',
      title: '年报逾期未公开',
      value: d?.lateAnnualReports,
      to: '/statistics',
      tone: 'danger',
      icon: <BarChartOutlined />,
    },
  };
  return keys.map((k) => all[k]);
}
