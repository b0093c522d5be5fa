import { PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@sanxiang/domain';
import { Alert, App, Button, Card, Input, Popconfirm, Result, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { User } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { useCompact } from '../../layout/useCompact';
import { UserFormModal } from './UserFormModal';

function isLocked(u: User): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil) > new Date();
}

export default function UserListPage() {
  const me = useMe();
  const compact = useCompact();
  const { message } = App.useApp();
  const list = useFetch<User[]>(hasRole(me.roles, 'admin') ? '/api/users' : null);
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState('');
  const rows = useMemo(() => {
    const s = q.trim();
    const all = list.data ?? [];
    return s ? all.filter((u) => u.username.includes(s) || u.displayName.includes(s) || u.agencyName.includes(s)) : all;
  }, [list.data, q]);

  if (!hasRole(me.roles, 'admin')) {
    return <Result status="403" title="无权访问" subTitle="用户管理仅限系统管理员" />;
  }

  const unlock = async (u: User) => {
    try {
      await api.post(`/api/users/${u.id}/unlock`);
      message.success(`已解除 ${u.displayName} 的登录锁定`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeading
        title="用户管理"
        sub="本单位或本辖区的登录账户"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建用户
          </Button>
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <Input.Search
          allowClear
          placeholder="用户名、姓名或单位"
          onSearch={setQ}
          onChange={(e) => !e.target.value && setQ('')}
          style={{ width: 260, maxWidth: '100%', marginBottom: 16 }}
        />
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<User>
          rowKey="id"
          size={compact ? 'small' : 'middle'}
          loading={list.loading}
          dataSource={rows}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 个用户`, hideOnSinglePage: true }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 140, render: (u: string) => <code>{u}</code> },
            { title: '姓名', dataIndex: 'displayName', width: 150 },
            { title: '所属单位', dataIndex: 'agencyName', width: 200 },
            {
              title: '角色',
              dataIndex: 'roles',
              render: (roles: User['roles']) =>
                roles.map((r) => (
                  <Tag key={r} color={r === 'admin' ? 'purple' : 'blue'}>
                    {ROLE_LABELS[r]}
                  </Tag>
                )),
            },
            {
              title: '状态',
              key: 'state',
              width: 200,
              render: (_: unknown, u) =>
                !u.active ? (
                  <Tag>已停用</Tag>
                ) : isLocked(u) ? (
                  <span>
                    <Tag color="red">锁定至 {dayjs(u.lockedUntil).format('HH:mm')}</Tag>
                    {u.id !== me.id && (
                      <Popconfirm title={`解除 ${u.displayName} 的登录锁定？`} onConfirm={() => void unlock(u)}>
                        <Button type="link" size="small">
                          解锁
                        </Button>
                      </Popconfirm>
                    )}
                  </span>
                ) : (
                  <Tag color="green">正常</Tag>
                ),
            },
          ]}
        />
      </Card>
      <UserFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </>
  );
}
