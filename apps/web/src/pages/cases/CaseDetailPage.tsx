import { ArrowLeftOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { CASE_SOURCE_LABELS, FIELD_LABELS, isTerminal, PARTY_TYPE_LABELS, WORKFLOWS } from '@sanxiang/domain';
import { App, Button, Card, Col, Descriptions, Input, Modal, Result, Row, Space, Spin, Tag, Tooltip } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail, CaseOfficer, NextStep } from '../../api/caseTypes';
import { api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import type { CaseFile } from '../../components/CaseFileList';
import { PageHeading } from '../../components/PageHeading';
import { useCompact } from '../../layout/useCompact';
import { CaseDisclosuresTab } from '../disclosure/CaseDisclosuresTab';
import { TrailTimeline } from '../ledger/TrailTimeline';
import { CaseEvidence, StepAvUploader } from './CaseEvidence';
import { CaseReviewTab } from './CaseReviewTab';
import { StateTag } from './caseText';
import { describeCaseEntry } from './caseTrail';
import { DeadlinesTab } from './DeadlinesTab';
import { FlowchartTab } from './FlowchartTab';
import { InstrumentsTab } from './InstrumentsTab';
import { NextStepsPanel } from './NextStepsPanel';
import { StepFormDrawer } from './StepFormDrawer';
import { penaltyText } from './stepInputs';

type TabKey = 'trail' | 'review' | 'instruments' | 'deadlines' | 'evidence' | 'disclosure' | 'flowchart';

/** P-43: a head decides that an officer withdraws from the case, with the reason on record. */
function RecusalModal({
  caseId,
  officer,
  onClose,
  onDone,
}: {
  caseId: number;
  officer: CaseOfficer;
  onClose(): void;
  onDone(): void;
}) {
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await api.post(`/api/cases/${caseId}/officers/${officer.officerId}/recusal`, { reason: reason.trim() });
      message.success(`${officer.name}已回避本案`);
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`决定回避：${officer.name}`}
      okText="确定回避"
      cancelText="取消"
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>回避后该执法人员不得再参与本案的任何环节（P-43），回避决定及理由记入全过程记录。</p>
      <Input.TextArea
        aria-label="回避理由"
        placeholder="如：系当事人近亲属"
        value={reason}
        maxLength={500}
        showCount
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

function OfficerList({
  c,
  canRecuse,
  onRecuse,
}: {
  c: CaseDetail;
  canRecuse: boolean;
  onRecuse(o: CaseOfficer): void;
}) {
  return (
    <Space orientation="vertical" size={4}>
      {c.officers.map((o) => (
        <span key={o.officerId} style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
          <span style={{ textDecoration: o.recused ? 'line-through' : undefined }}>{o.name}</span>
          <Tag color={o.role === 'lead' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {o.role === 'lead' ? '主办' : '协办'}
          </Tag>
          {o.credentialNo && <span style={{ color: '#6b7280', fontSize: 12 }}>执法证 {o.credentialNo}</span>}
          {o.recused && (
            <Tooltip title={o.recusalReason ? `理由：${o.recusalReason}` : undefined}>
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                已回避
              </Tag>
            </Tooltip>
          )}
          {canRecuse && !o.recused && (
            <Button size="small" type="link" icon={<UserDeleteOutlined />} onClick={() => onRecuse(o)}>
              回避
            </Button>
          )}
        </span>
      ))}
    </Space>
  );
}

function CaseFacts({ c, canRecuse, onRecuse }: { c: CaseDetail; canRecuse: boolean; onRecuse(o: CaseOfficer): void }) {
  const party = c.party;
  const person = party.type === 'person';
  // On a phone the bordered grid squeezes labels into a column of single characters: label and value flow instead.
  const compact = useCompact();
  return (
    <Descriptions
      bordered={!compact}
      size="small"
      styles={{ label: { whiteSpace: 'nowrap' } }}
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      items={[
        { key: 'no', label: '案号', children: <span style={{ whiteSpace: 'nowrap' }}>{c.caseNo}</span> },
        {
          key: 'state',
          label: '办理状态',
          children: <StateTag procedure={c.procedure} state={c.state} label={c.stateLabel} />,
        },
        { key: 'procedure', label: '办案程序', children: c.procedureLabel },
        { key: 'field', label: '执法类别', children: FIELD_LABELS[c.field] },
        {
          key: 'party',
          label: '当事人',
          span: 2,
          children: (
            <div>
              <div>
                <strong>{party.name}</strong>
                <span style={{ color: '#6b7280', marginInlineStart: 8 }}>{PARTY_TYPE_LABELS[party.type]}</span>
              </div>
              <div style={{ color: '#57606a', fontSize: 13 }}>
                {person ? '公民身份号码' : '统一社会信用代码'}：{party.idNumber || '未填写'}
                {!person && party.legalRepresentative && ` · 法定代表人：${party.legalRepresentative}`}
                {party.phone && ` · 电话：${party.phone}`}
              </div>
              {party.address && <div style={{ color: '#57606a', fontSize: 13 }}>住所：{party.address}</div>}
            </div>
          ),
        },
        {
          key: 'officers',
          label: '承办人员',
          span: 2,
          children: <OfficerList c={c} canRecuse={canRecuse} onRecuse={onRecuse} />,
        },
        { key: 'source', label: '案件来源', children: CASE_SOURCE_LABELS[c.source] },
        { key: 'place', label: '违法行为发生地', children: c.place || '—' },
        { key: 'lead', label: '线索登记日期', children: c.leadOn },
        ...(c.procedure === 'penalty.general'
          ? [{ key: 'filed', label: '立案日期', children: c.filedOn ?? '未立案' }]
          : []),
        ...(c.noticedPenalty
          ? [{ key: 'noticed', label: '事先告知的处罚', span: 2, children: penaltyText(c.noticedPenalty) }]
          : []),
        ...(c.decidedPenalty
          ? [{ key: 'decided', label: '决定的处罚', span: 2, children: penaltyText(c.decidedPenalty) }]
          : []),
        ...(c.facts
          ? [
              {
                key: 'facts',
                label: c.violatedProvision ? '违法事实' : '线索情况',
                span: 2,
                children: <div style={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflowY: 'auto' }}>{c.facts}</div>,
              },
            ]
          : []),
        ...(c.violatedProvision
          ? [
              { key: 'violated', label: '违反的法律条款', span: 2, children: c.violatedProvision },
              { key: 'basis', label: '处罚依据', span: 2, children: c.penaltyBasis },
            ]
          : []),
      ]}
    />
  );
}

/**
 * The case page: what the case is, what may happen next (the server's answer, with its reasons), and its record —
 * 全过程记录, 文书, 办案期限, 证据与音像, 流程图.
 */
export default function CaseDetailPage() {
  const { id } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const compact = useCompact();
  const detail = useFetch<CaseDetail>(`/api/cases/${id}`);
  const next = useFetch<NextStep[]>(`/api/cases/${id}/next`);
  const files = useFetch<CaseFile[]>(`/api/cases/${id}/files`);
  const [tab, setTab] = useState<TabKey>('trail');
  const [openStep, setOpenStep] = useState<NextStep | null>(null);
  const [recusing, setRecusing] = useState<CaseOfficer | null>(null);
  const handles = hasRole(me.roles, 'officer', 'head') && me.agency.role === 'agency';
  const isHead = hasRole(me.roles, 'head') && me.agency.role === 'agency';
  const c = detail.data;
  const describe = useMemo(() => (c ? describeCaseEntry(c) : undefined), [c]);
  const { reload: reloadDetail } = detail;
  const { reload: reloadNext } = next;
  const { reload: reloadFiles } = files;
  const reloadAll = useCallback(() => {
    reloadDetail();
    reloadNext();
    reloadFiles();
  }, [reloadDetail, reloadNext, reloadFiles]);

  if (detail.loading && !c) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (detail.error || !c) {
    return (
      <Result
        status="404"
        title="未找到该案件"
        subTitle={detail.error ?? undefined}
        extra={<Button onClick={() => navigate('/cases')}>返回案件列表</Button>}
      />
    );
  }

  const steps = WORKFLOWS[c.procedure].steps.map((s) => ({ value: s.id, label: s.label }));
  const tabs: { key: TabKey; label: string }[] = [
    { key: 'trail', label: '全过程记录' },
    ...(c.procedure === 'inspection' ? [] : [{ key: 'review' as const, label: '法制审核' }]),
    { key: 'instruments', label: `文书（${c.instruments.length}）` },
    { key: 'deadlines', label: '办案期限' },
    { key: 'evidence', label: '证据与音像' },
    { key: 'disclosure', label: '公开' },
    { key: 'flowchart', label: '流程图' },
  ];

  return (
    <>
      <PageHeading
        title={c.title}
        sub={
          <span>
            {c.caseNo} · {c.procedureLabel} · <StateTag procedure={c.procedure} state={c.state} label={c.stateLabel} />
          </span>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cases')}>
            案件列表
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Card title="案件信息" styles={{ body: { padding: compact ? 12 : 24 } }}>
            <CaseFacts c={c} canRecuse={isHead && !isTerminal(c.procedure, c.state)} onRecuse={setRecusing} />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Card
            title={handles ? '下一步' : '下一步（由办案人员办理）'}
            styles={{ body: { padding: compact ? 12 : 16, paddingTop: 4 } }}
          >
            <NextStepsPanel
              steps={next.data}
              loading={next.loading}
              error={next.error}
              terminal={isTerminal(c.procedure, c.state)}
              handles={handles}
              onOpen={setOpenStep}
            />
          </Card>
        </Col>
      </Row>
      <Card
        style={{ marginTop: 16 }}
        styles={{ body: { padding: compact ? 12 : 24 } }}
        tabList={tabs}
        activeTabKey={tab}
        onTabChange={(key) => setTab(key as TabKey)}
        tabProps={{ size: compact ? 'small' : 'middle' }}
      >
        {tab === 'trail' && (
          <TrailTimeline
            subjectType="case"
            subjectId={c.id}
            refreshKey={`${c.version}/${files.data?.length ?? 0}`}
            describe={describe}
          />
        )}
        {tab === 'review' && <CaseReviewTab caseData={c} handles={handles} onChanged={reloadAll} />}
        {tab === 'instruments' && (
          <InstrumentsTab instruments={c.instruments} canCorrect={handles} onChanged={reloadDetail} />
        )}
        {tab === 'deadlines' && <DeadlinesTab deadlines={c.deadlines} />}
        {tab === 'evidence' && (
          <CaseEvidence caseId={c.id} steps={steps} canUpload={handles} onUploaded={reloadFiles} />
        )}
        {tab === 'disclosure' && <CaseDisclosuresTab caseId={c.id} />}
        {tab === 'flowchart' && <FlowchartTab procedure={c.procedure} stateLabel={c.stateLabel} />}
      </Card>
      <StepFormDrawer
        caseData={c}
        step={openStep}
        files={files.data ?? []}
        uploader={
          openStep && openStep.av !== 'none' ? (
            <StepAvUploader caseId={c.id} step={openStep} onUploaded={reloadFiles} />
          ) : undefined
        }
        onClose={() => setOpenStep(null)}
        onStale={reloadAll}
        onDone={() => {
          setOpenStep(null);
          reloadAll();
        }}
      />
      {recusing && (
        <RecusalModal
          caseId={c.id}
          officer={recusing}
          onClose={() => setRecusing(null)}
          onDone={() => {
            setRecusing(null);
            reloadAll();
          }}
        />
      )}
    </>
  );
}
