import { PlusOutlined } from '@ant-design/icons';
import { AGENCY_KIND_LABELS, AGENCY_KINDS, AGENCY_ROLE_LABELS, FIELD_LABELS, FIELDS } from '@sanxiang/domain';
import { Alert, Button, Card, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Agency, Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { ExcelButtons } from '../../components/ExcelButtons';
import { PageHeading } from '../../components/PageHeading';
import { useListParams } from '../../components/useListParams';
import { useCompact } from '../../layout/useCompact';
import { AgencyFormModal } from './AgencyFormModal';

const FILTERS = ['q', 'kind', 'field'] as const;

export default function AgencyListPage() {
  const me = useMe();
  const compact = useCompact();
  const admin = hasRole(me.roles, 'admin');
  const navigate = useNavigate();
  const { filters, page, pageSize, update } = useListParams(FILTERS);
  const list = useFetch<Paged<Agency>>('/api/agencies', { ...filters, page, pageSize });
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeading
        title="执法主体"
        sub="行政执法主体名录：行政机关、法律法规授权组织和受委托组织"
        extra={
          <>
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增
              </Button>
            )}
            <ExcelButtons base="/api/agencies" noun="执法主体" canImport={admin} onImported={list.reload} />
          </>
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="名称、统一社会信用代码或地址"
            defaultValue={filters.q}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 280, maxWidth: '100%' }}
          />
          <Select
            allowClear
            placeholder="主体类别"
            value={filters.kind}
            onChange={(kind?: string) => update({ kind })}
            options={AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }))}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="执法领域"
            value={filters.field}
            onChange={(field?: string) => update({ field })}
            options={FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
            style={{ width: 160 }}
          />
        </div>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<Agency>
          rowKey="id"
          size={compact ? 'small' : 'middle'}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(a) => ({ onDoubleClick: () => navigate(`/agencies/${a.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 个执法主体`,
            onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '名称',
              dataIndex: 'name',
              fixed: 'left',
              width: 240,
              render: (name: string, a) => (
                <>
                  <Link to={`/agencies/${a.id}`}>{name}</Link>
                  {a.role === 'supervisor' && (
                    <Tag color="purple" style={{ marginInlineStart: 6 }} title={AGENCY_ROLE_LABELS.supervisor}>
                      监督机关
                    </Tag>
                  )}
                </>
              ),
            },
            {
              title: '主体类别',
              dataIndex: 'kind',
              width: 150,
              responsive: ['md'],
              render: (k: Agency['kind']) => AGENCY_KIND_LABELS[k],
            },
            {
              title: '执法领域',
              dataIndex: 'field',
              width: 120,
              responsive: ['sm'],
              render: (f: Agency['field']) => FIELD_LABELS[f],
            },
            {
              title: '行政区划',
              dataIndex: 'regionName',
              width: 140,
              responsive: ['lg'],
              render: (n: string | null, a) => n ?? a.regionCode,
            },
            {
              title: '统一社会信用代码',
              dataIndex: 'uscc',
              width: 190,
              responsive: ['md'],
              render: (u: string | null) => (u ? <code>{u}</code> : '—'),
            },
            {
              title: '执法人员数',
              dataIndex: 'officerCount',
              width: 110,
              align: 'right',
              render: (n: number, a) => <Link to={`/officers?agencyId=${a.id}`}>{n}</Link>,
            },
          ]}
        />
      </Card>
      <AgencyFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(a) => {
          setCreating(false);
          navigate(`/agencies/${a.id}`);
        }}
      />
    </>
  );
}
