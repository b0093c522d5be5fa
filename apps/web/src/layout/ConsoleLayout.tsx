import './dayjsLocale';
import { MenuOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Grid, Layout, Menu } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../auth/SessionContext';
import { BRAND } from '../theme';
import { menuItemsFor, selectedKey } from './menuItems';
import { PageSpin } from './PageSpin';
import { UserBar } from './UserBar';

const HEADER_BG = '#1f4e9c';

/**
 * The console frame. On wide screens the menu is a sider; on phones (officers in the field)
 * it folds into a drawer opened from the header, and the header shrinks to a user menu.
 */
export default function ConsoleLayout() {
  const me = useMe();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const items = menuItemsFor(me.roles);

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedKey(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <App>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            paddingInline: wide ? 24 : 8,
            background: HEADER_BG,
          }}
        >
          {!wide && (
            <Button
              type="text"
              aria-label="打开菜单"
              icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Link to="/" style={{ color: '#fff', fontSize: wide ? 18 : 16, fontWeight: 600, whiteSpace: 'nowrap' }}>
            {BRAND.short}
            {screens.md && (
              <span style={{ fontWeight: 400, fontSize: 14, marginLeft: 8, opacity: 0.9 }}>{BRAND.full}</span>
            )}
          </Link>
          <div style={{ flex: 1 }} />
          <UserBar compact={!screens.xl} />
        </Layout.Header>
        <Layout>
          {wide && (
            <Layout.Sider width={200} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
              {menu}
            </Layout.Sider>
          )}
          <Layout.Content style={{ padding: wide ? 24 : 12, minWidth: 0 }}>
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
        {!wide && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title={`${BRAND.short} · ${me.agency.name}`}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
      </Layout>
    </App>
  );
}
