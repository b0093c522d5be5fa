import { ApartmentOutlined, HomeOutlined, IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '@sanxiang/domain';
import type { MenuProps } from 'antd';
import { hasRole } from '../auth/primaryRole';

type NavItem = NonNullable<MenuProps['items']>[number];

/** The sider menu: what each role works with. Keys are route paths. */
export function menuItemsFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [
    { key: '/', label: '首页', icon: <HomeOutlined /> },
    { key: '/agencies', label: '执法主体', icon: <ApartmentOutlined /> },
    { key: '/officers', label: '执法人员', icon: <IdcardOutlined /> },
  ];
  if (hasRole(roles, 'admin')) items.push({ key: '/users', label: '用户管理', icon: <TeamOutlined /> });
  return items;
}

export function selectedKey(pathname: string): string {
  const first = pathname.split('/')[1];
  return first ? `/${first}` : '/';
}
