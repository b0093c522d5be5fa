import { ArrowLeftOutlined, EditOutlined, EyeOutlined, QrcodeOutlined } from '@ant-design/icons';
import { CREDENTIAL_KIND_LABELS, FIELD_LABELS, GENDER_LABELS } from '@sanxiang/domain';
import { App, Button, Card, Col, Descriptions, Input, Modal, Result, Row, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useRegionName } from '../../api/regions';
import type { Officer } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { TrailTimeline } from '../ledger/TrailTimeline';
import { CredentialPrintModal } from './CredentialPrintModal';
import { CredentialTag, OfficerStatusTag, validityText } from './credentialState';
import { OfficerFormModal } from './OfficerFormModal';
import { OfficerHistory } from './OfficerHistory';

/**
 * The full number is shown only to an administrator who states why (调阅, S-5): the server
 * records who opened it, when and why in the ledger, and supervisors can read that log.
 */
function ResidentId({ officer, admin, onRevealed }: { officer: Officer; admin: boolean; onRevealed(): void }) {
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    try {
      const res = await api.post<{ residentId: string }>(`/api/officers/${officer.id}/resident-id`, { reason });
      setFull(res.residentId);
      setAsking(false);
      onRevealed();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <code>{full ?? officer.residentIdMasked}</code>
      {admin && !full && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
          查看身份证号
        </Button>
      )}
      <Modal
        title="调阅完整公民身份号码"
        open={asking}
        okText="确定调阅"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onOk={() => void reveal()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <p>调阅将记入全过程记录（调阅人、时间、事由），执法监督人员可以查阅。</p>
        <Input.TextArea
          aria-label="调阅事由"
          placeholder="请填写调阅事由，如：核对证件申领材料"
          value={reason}
          maxLength={200}
          showCount
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Space>
  );
}

function RegionName({ code }: { code: string }) {
  return <>{useRegionName(code)}</>;
}

export default function OfficerDetailPage() {
  const { id } = useParams();
  const me = useMe();
  const admin = hasRole(me.roles, 'admin');
  const navigate = useNavigate();
  const { data: officer, loading, error, reload } = useFetch<Officer>(`/api/officers/${id}`);
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [tab, setTab] = useState<'history' | 'trail'>('history');
  // A 调阅 is recorded in the ledger without changing the officer: bumped to reload the trail.
  const [reveals, setReveals] = useState(0);

  if (loading && !officer) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (error || !officer) {
    return (
      <Result
        status="404"
        title="未找到该执法人员"
        subTitle={error ?? undefined}
        extra={<Button onClick={() => navigate('/officers')}>返回执法人员列表</Button>}
      />
    );
  }

  return (
    <>
      <PageHeading
        title={officer.name}
        sub={
          <span>
            {officer.agencyName}
            {officer.unitName ? ` · ${officer.unitName}` : ''}
            {officer.post ? ` · ${officer.post}` : ''}
          </span>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
              返回
            </Button>
            <Button icon={<QrcodeOutlined />} onClick={() => setPrinting(true)}>
              打印证件二维码/公示牌
            </Button>
            {admin && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title="人员与证件信息">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
              items={[
                { key: 'name', label: '姓名', children: officer.name },
                { key: 'gender', label: '性别', children: GENDER_LABELS[officer.gender] },
                {
                  key: 'rid',
                  label: '公民身份号码',
                  span: 2,
                  children: <ResidentId officer={officer} admin={admin} onRevealed={() => setReveals((n) => n + 1)} />,
                },
                {
                  key: 'agency',
                  label: '执法主体',
                  children: <Link to={`/agencies/${officer.agencyId}`}>{officer.agencyName}</Link>,
                },
                { key: 'unit', label: '科室', children: officer.unitName ?? '—' },
                { key: 'post', label: '职务', children: officer.post || '—' },
                { key: 'status', label: '状态', children: <OfficerStatusTag officer={officer} /> },
                { key: 'no', label: '执法证号', children: officer.credentialNo ?? '未持证' },
                { key: 'kind', label: '证件类型', children: CREDENTIAL_KIND_LABELS[officer.credentialKind] },
                {
                  key: 'fields',
                  label: '执法类别',
                  span: 2,
                  children: officer.fields.map((f) => FIELD_LABELS[f]).join('、') || '—',
                },
                {
                  key: 'validity',
                  label: '有效期',
                  span: 2,
                  children: (
                    <Space wrap>
                      {validityText(officer)}
                      <CredentialTag officer={officer} />
                      {officer.credentialValidToday ? null : (
                        <span style={{ color: '#cf1322' }}>今日不得从事执法活动</span>
                      )}
                    </Space>
                  ),
                },
                { key: 'region', label: '发证行政区划', children: <RegionName code={officer.regionCode} /> },
                {
                  key: 'lq',
                  label: '法律职业资格',
                  children: officer.legalQualification
                    ? `有${officer.legalQualificationNo ? `（${officer.legalQualificationNo}）` : ''}`
                    : '无',
                },
                { key: 'version', label: '版本', children: `第 ${officer.version} 版` },
                { key: 'updated', label: '更新时间', children: dayjs(officer.updatedAt).format('YYYY-MM-DD HH:mm') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card
            tabList={[
              { key: 'history', label: '变更记录' },
              { key: 'trail', label: '全过程记录' },
            ]}
            activeTabKey={tab}
            onTabChange={(key) => setTab(key as 'history' | 'trail')}
          >
            {/* keyed by version: an edit remounts them and reloads the history and the trail */}
            {tab === 'history' ? (
              <OfficerHistory key={officer.version} officerId={officer.id} />
            ) : (
              <TrailTimeline
                key={officer.version}
                subjectType="officer"
                subjectId={officer.id}
                refreshKey={reveals}
                knownNames={{
                  agencies: [[officer.agencyId, officer.agencyName]],
                  units: officer.unitId !== null && officer.unitName ? [[officer.unitId, officer.unitName]] : [],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <CredentialPrintModal open={printing} onClose={() => setPrinting(false)} officers={[officer]} admin={admin} />
      <OfficerFormModal
        open={editing}
        officer={officer}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </>
  );
}
