import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@sanxiang/domain';
import { Button, Dropdown, Space, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMe, useSession } from '../auth/SessionContext';

/** Who is signed in, for which agency and in which roles; password change and logout. */
export function UserBar({ compact }: { compact: boolean }) {
  const me = useMe();
  const { logout } = useSession();
  const navigate = useNavigate();
  const roleText = me.roles.map((r) => ROLE_LABELS[r]).join('、');
  const signOut = () => void logout().then(() => navigate('/login', { replace: true }));

  if (compact) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'who', label: `${me.agency.name} · ${roleText}`, disabled: true },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => navigate('/password') },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: signOut },
          ],
        }}
      >
        <Button type="text" style={{ color: '#fff' }} aria-label="用户菜单">
          <UserOutlined /> {me.displayName} <DownOutlined />
        </Button>
      </Dropdown>
    );
  }

  return (
    <Space size={12} wrap={false}>
      <span data-testid="current-user" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
        <UserOutlined /> <strong>{me.displayName}</strong>
        <span style={{ opacity: 0.85, marginLeft: 8 }}>{me.agency.name}</span>
      </span>
      <span>
        {me.roles.map((r) => (
          <Tag key={r} color="blue" variant="outlined" style={{ marginInlineEnd: 4, background: '#fff' }}>
            {ROLE_LABELS[r]}
          </Tag>
        ))}
      </span>
      <Button size="small" ghost icon={<KeyOutlined />} onClick={() => navigate('/password')}>
        修改密码
      </Button>
      <Button size="small" ghost icon={<LogoutOutlined />} onClick={signOut}>
        退出登录
      </Button>
    </Space>
  );
}
