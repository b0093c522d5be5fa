import { PlusOutlined, QrcodeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { FIELD_LABELS, FIELDS, GENDER_LABELS, OFFICER_STATUS_LABELS, OFFICER_STATUSES } from '@sanxiang/domain';
import { Alert, Button, Card, Input, Select, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Officer, Paged } from '../../api/types';
import { useAgencyOptions } from '../../api/useAgencyOptions';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { ExcelButtons } from '../../components/ExcelButtons';
import { PageHeading } from '../../components/PageHeading';
import { useListParams } from '../../components/useListParams';
import { useCompact } from '../../layout/useCompact';
import { CredentialPrintModal } from './CredentialPrintModal';
import { OfficerStatusTag, ValidityText } from './credentialState';
import { OfficerFormModal } from './OfficerFormModal';

const FILTERS = ['q', 'agencyId', 'status', 'field', 'credential'] as const;
const NO_OFFICERS: Officer[] = [];

const CREDENTIAL_OPTIONS = [
  { value: 'valid', label: '证件有效' },
  { value: 'expiring', label: '90日内到期' },
  { value: 'expired', label: '证件已过期' },
];

export default function OfficerListPage() {
  const me = useMe();
  const compact = useCompact();
  const admin = hasRole(me.roles, 'admin');
  const navigate = useNavigate();
  const { filters, page, pageSize, update } = useListParams(FILTERS);
  const list = useFetch<Paged<Officer>>('/api/officers', { ...filters, page, pageSize });
  const { options: agencyOptions } = useAgencyOptions();
  const [creating, setCreating] = useState(false);
  const [printing, setPrinting] = useState(false);

  return (
    <>
      <PageHeading
        title="执法人员"
        sub="行政执法人员及执法证件信息"
        extra={
          <>
            {admin && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新增
              </Button>
            )}
            <ExcelButtons base="/api/officers" noun="执法人员" canImport={admin} onImported={list.reload} />
            <Button icon={<QrcodeOutlined />} onClick={() => setPrinting(true)}>
              打印证件二维码/公示牌
            </Button>
          </>
        }
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder="姓名或执法证号"
            defaultValue={filters.q}
            onSearch={(q) => update({ q: q.trim() })}
            style={{ width: 240, maxWidth: '100%' }}
          />
          {agencyOptions.length > 1 && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="执法主体"
              value={filters.agencyId ? Number(filters.agencyId) : undefined}
              onChange={(agencyId?: number) => update({ agencyId })}
              options={agencyOptions}
              style={{ width: 220 }}
            />
          )}
          <Select
            allowClear
            placeholder="状态"
            value={filters.status}
            onChange={(status?: string) => update({ status })}
            options={OFFICER_STATUSES.map((s) => ({ value: s, label: OFFICER_STATUS_LABELS[s] }))}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="执法类别"
            value={filters.field}
            onChange={(field?: string) => update({ field })}
            options={FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder="证件有效性"
            value={filters.credential}
            onChange={(credential?: string) => update({ credential })}
            options={CREDENTIAL_OPTIONS}
            style={{ width: 140 }}
          />
        </div>
        {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
        <Table<Officer>
          rowKey="id"
          size={compact ? 'small' : 'middle'}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          onRow={(o) => ({ onDoubleClick: () => navigate(`/officers/${o.id}`) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 人`,
            onChange: (p, s) => update({ page: p, pageSize: s }),
          }}
          columns={[
            {
              title: '姓名',
              dataIndex: 'name',
              fixed: 'left',
              width: 120,
              render: (name: string, o) => (
                <span>
                  <Link to={`/officers/${o.id}`}>{name}</Link>
                  {o.legalQualification && (
                    <Tooltip
                      title={`具有法律职业资格${o.legalQualificationNo ? `（${o.legalQualificationNo}）` : ''}，可从事法制审核`}
                    >
                      <SafetyCertificateOutlined
                        style={{ color: '#1f4e9c', marginInlineStart: 6 }}
                        aria-label="法律职业资格"
                      />
                    </Tooltip>
                  )}
                </span>
              ),
            },
            {
              title: '性别',
              dataIndex: 'gender',
              width: 60,
              responsive: ['md'],
              render: (g: Officer['gender']) => GENDER_LABELS[g],
            },
            { title: '执法主体', dataIndex: 'agencyName', width: 170, ellipsis: true, responsive: ['md'] },
            {
              title: '科室',
              dataIndex: 'unitName',
              width: 150,
              ellipsis: true,
              responsive: ['lg'],
              render: (n: string | null) => n ?? '—',
            },
            {
              title: '执法证号',
              dataIndex: 'credentialNo',
              width: 130,
              render: (n: string | null) => (n ? <code>{n}</code> : <span style={{ color: '#999' }}>未持证</span>),
            },
            {
              title: '执法类别',
              dataIndex: 'fields',
              width: 130,
              ellipsis: true,
              responsive: ['md'],
              render: (fields: Officer['fields']) => fields.map((f) => FIELD_LABELS[f]).join('、') || '—',
            },
            {
              title: '有效期',
              key: 'validity',
              width: 190,
              responsive: ['sm'],
              render: (_: unknown, o) => <ValidityText officer={o} />,
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 80,
              render: (_: unknown, o) => <OfficerStatusTag officer={o} />,
            },
          ]}
        />
      </Card>
      <CredentialPrintModal open={printing} onClose={() => setPrinting(false)} officers={NO_OFFICERS} admin={admin} />
      <OfficerFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(o) => {
          setCreating(false);
          navigate(`/officers/${o.id}`);
        }}
      />
    </>
  );
}
