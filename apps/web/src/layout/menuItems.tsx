import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  NotificationOutlined,
  OrderedListOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@sanxiang/domain';
import type { MenuProps } from 'antd';
import { hasRole } from '../auth/primaryRole';

type NavItem = NonNullable<MenuProps['items']>[number];

/** The sider menu: what each role works with. Keys are route paths. */
export function menuItemsFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [{ key: '/', label: '首页', icon: <HomeOutlined /> }];
  // Officers and heads handle cases; supervisors and legal reviewers read them.
  if (hasRole(roles, 'officer', 'head', 'supervisor', 'reviewer')) {
    items.push({ key: '/cases', label: '案件办理', icon: <FileTextOutlined /> });
  }
  // Legal review: reviewers review, heads watch the agency's queue and coordinate; officers use the case page.
  if (hasRole(roles, 'reviewer', 'head', 'supervisor')) {
    items.push({ key: '/reviews', label: '法制审核', icon: <AuditOutlined /> });
  }
  // 事后公开 (G-1, G-2): officers and heads publish and withdraw, supervisors watch.
  if (hasRole(roles, 'officer', 'head', 'supervisor')) {
    items.push({ key: '/disclosures', label: '决定公开', icon: <NotificationOutlined /> });
  }
  // 事前公开 lists: every role of an agency writes or reviews them; the justice bureau reads them.
  items.push({ key: '/public-lists', label: '事前公开清单', icon: <ProfileOutlined /> });
  if (hasRole(roles, 'admin', 'head', 'reviewer', 'supervisor')) {
    items.push({ key: '/review/lists', label: '审核目录与裁量基准', icon: <OrderedListOutlined /> });
  }
  // 统计年报 (G-4): drafted by the agency, reviewed by its reviewer or head; the justice bureau sums its region.
  if (hasRole(roles, 'admin', 'officer', 'head', 'reviewer', 'supervisor')) {
    items.push({ key: '/statistics', label: '统计年报', icon: <BarChartOutlined /> });
  }
  items.push(
    { key: '/agencies', label: '执法主体', icon: <ApartmentOutlined /> },
    { key: '/officers', label: '执法人员', icon: <IdcardOutlined /> },
  );
  if (hasRole(roles, 'supervisor', 'admin', 'head')) {
    items.push({ key: '/access-log', label: '调阅记录', icon: <FileSearchOutlined /> });
  }
  if (hasRole(roles, 'admin')) {
    items.push({ key: '/users', label: '用户管理', icon: <TeamOutlined /> });
    items.push({ key: '/ledger', label: '留痕与验证', icon: <SafetyCertificateOutlined /> });
    items.push({ key: '/calendar', label: '节假日设置', icon: <CalendarOutlined /> });
  }
  return items;
}

export function selectedKey(pathname: string): string {
  // Two-segment keys (/review/lists) sit beside one-segment ones (/reviews).
  if (pathname.startsWith('/review/lists')) return '/review/lists';
  const first = pathname.split('/')[1];
  return first ? `/${first}` : '/';
}
