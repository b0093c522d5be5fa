import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { AGENCY_KIND_LABELS, AGENCY_ROLE_LABELS, FIELD_LABELS } from '@sanxiang/domain';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import type { Agency, Unit } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { TrailTimeline } from '../ledger/TrailTimeline';
import { AgencyFormModal } from './AgencyFormModal';
import { InstrumentSettingsCard } from './InstrumentSettingsCard';

function AddUnitForm({ agencyId, onAdded }: { agencyId: number; onAdded(): void }) {
  const [form] = Form.useForm<{ name: string }>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const add = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      await api.post<Unit>(`/api/agencies/${agencyId}/units`, { name: name.trim() });
      message.success(`已添加科室：${name.trim()}`);
      form.resetFields();
      onAdded();
    } catch (err) {
      form.setFields([{ name: 'name', errors: [errorMessage(err)] }]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请输入科室名称' }]}>
        <Input placeholder="新科室名称" maxLength={50} style={{ width: 220 }} />
      </Form.Item>
      <Button htmlType="submit" icon={<PlusOutlined />} loading={busy}>
        添加科室
      </Button>
    </Form>
  );
}

/** The agency and its parent by name, for the trail (the parent may lie outside an agency admin's scope). */
function agencyNames(agency: Agency): { agencies: [number, string][]; units: [number, string][] } {
  const agencies: [number, string][] = [[agency.id, agency.name]];
  if (agency.parentId !== null && agency.parentName) agencies.push([agency.parentId, agency.parentName]);
  return { agencies, units: agency.units.map((u) => [u.id, u.name]) };
}

export default function AgencyDetailPage() {
  const { id } = useParams();
  const me = useMe();
  const admin = hasRole(me.roles, 'admin');
  const navigate = useNavigate();
  const { data: agency, loading, error, reload } = useFetch<Agency>(`/api/agencies/${id}`);
  const [editing, setEditing] = useState(false);

  if (loading && !agency) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !agency) {
    return (
      <Result
        status="404"
        title="未找到该执法主体"
        subTitle={error ?? undefined}
        extra={<Button onClick={() => navigate('/agencies')}>返回执法主体列表</Button>}
      />
    );
  }

  return (
    <>
      <PageHeading
        title={agency.name}
        sub={`${AGENCY_ROLE_LABELS[agency.role]} · ${AGENCY_KIND_LABELS[agency.kind]}`}
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            {admin && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            )}
          </Space>
        }
      />
      {agency.reviewerStaffing && (
        <Alert
          type={agency.reviewerStaffing.short ? 'warning' : 'success'}
          showIcon
          title={`法制审核人员配备（G-5）：${agency.reviewerStaffing.message}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card title="基本信息">
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={[
            { key: 'kind', label: '主体类别', children: AGENCY_KIND_LABELS[agency.kind] },
            { key: 'role', label: '机构性质', children: AGENCY_ROLE_LABELS[agency.role] },
            { key: 'field', label: '执法领域', children: FIELD_LABELS[agency.field] },
            { key: 'region', label: '行政区划', children: `${agency.regionName ?? ''}（${agency.regionCode}）` },
            { key: 'uscc', label: '统一社会信用代码', children: agency.uscc ?? '—' },
            {
              key: 'parent',
              label: '上级监督机关',
              children: agency.parentId ? <Link to={`/agencies/${agency.parentId}`}>{agency.parentName}</Link> : '—',
            },
            { key: 'address', label: '地址', children: agency.address || '—' },
            { key: 'office', label: '办公电话', children: agency.officePhone || '—' },
            { key: 'complaint', label: '投诉电话', children: agency.complaintPhone || '—' },
            {
              key: 'officers',
              label: '执法人员数',
              children: <Link to={`/officers?agencyId=${agency.id}`}>{agency.officerCount} 人，查看名单</Link>,
            },
            { key: 'updated', label: '更新时间', children: dayjs(agency.updatedAt).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>
      <Card title={`科室（${agency.units.length}）`} style={{ marginTop: 16 }}>
        {admin && <AddUnitForm agencyId={agency.id} onAdded={reload} />}
        {error && <Alert type="error" title={error} />}
        <Table<Unit>
          rowKey="id"
          size="small"
          dataSource={agency.units}
          pagination={false}
          locale={{ emptyText: '尚未登记科室' }}
          columns={[
            { title: '序号', key: 'index', width: 80, render: (_: unknown, __: Unit, i: number) => i + 1 },
            { title: '科室名称', dataIndex: 'name' },
          ]}
        />
      </Card>
      {agency.role === 'agency' && <InstrumentSettingsCard agencyId={agency.id} canEdit={admin} />}
      <Card title="全过程记录" style={{ marginTop: 16 }}>
        {/* an edit or a new unit changes these, and each is a ledger entry: reload the trail then */}
        <TrailTimeline
          subjectType="agency"
          subjectId={agency.id}
          refreshKey={`${agency.updatedAt}/${agency.units.length}`}
          knownNames={agencyNames(agency)}
        />
      </Card>
      <AgencyFormModal
        open={editing}
        agency={agency}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </>
  );
}
