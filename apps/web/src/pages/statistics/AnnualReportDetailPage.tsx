import {
  ArrowLeftOutlined,
  CheckOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { noSourceNote } from '@sanxiang/domain';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Result, Space, Spin, Tag } from 'antd';
import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import { useCompact } from '../../layout/useCompact';
import { DueText, ReportStatusTag, ReportTable } from './annualReportText';
import type { AnnualReportDetail } from './annualReportTypes';

/**
 * One 年报 (G-4): the table as frozen when the draft was generated, the agency's 说明, and its way from
 * draft through review to publication; Excel and PDF in the published layout.
 */
export default function AnnualReportDetailPage() {
  const { id } = useParams();
  const compact = useCompact();
  const { message } = App.useApp();
  const report = useFetch<AnnualReportDetail>(`/api/annual-reports/${id}`);
  const r = report.data;
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnNote, setReturnNote] = useState('');
  const notesId = useId();
  const returnId = useId();

  useEffect(() => {
    if (r) setNotes(r.notes);
  }, [r]);

  if (report.loading && !r) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (report.error || !r)
    return (
      <Result
        status="404"
        title="未找到该年报"
        subTitle={report.error ?? ''}
        extra={<Link to="/statistics">返回年报列表</Link>}
      />
    );

  const act = async (key: string, path: string, body: object, done: string) => {
    setBusy(key);
    try {
      await api.post(path, { expectedVersion: r.version, ...body });
      message.success(done);
      report.reload();
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const saveNotes = async () => {
    setBusy('notes');
    try {
      await api.put(`/api/annual-reports/${r.id}/notes`, { notes, expectedVersion: r.version });
      message.success('说明已保存');
      report.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const draft = r.status === 'draft';
  const submitted = r.status === 'submitted';
  const standing = noSourceNote(r.heldKinds);

  return (
    <>
      <PageHeading
        title={r.title}
        sub={
          <Space wrap size={8}>
            <ReportStatusTag status={r.status} />
            {r.kind === 'region' && <Tag color="blue">辖区汇总</Tag>}
            <span>
              统计期间 {r.year}年1月1日至12月31日 · 公开期限 <DueText r={r} />
            </span>
          </Space>
        }
        extra={
          <>
            <Link to="/statistics">
              <Button icon={<ArrowLeftOutlined />}>年报列表</Button>
            </Link>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => api.download(`/api/annual-reports/${r.id}.xlsx`, `${r.title}.xlsx`)}
            >
              下载 Excel
            </Button>
            <Button icon={<FilePdfOutlined />} href={`/api/annual-reports/${r.id}.pdf`} target="_blank">
              打印 / PDF
            </Button>
          </>
        }
      />
      {r.late && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已超过公开期限（${r.dueOn}）仍未公开（G-4：每年1月31日前公开上年度行政执法数据）`}
        />
      )}
      {draft && r.reviewNote && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`审核退回（${r.reviewedByName ?? ''}）：${r.reviewNote}`}
        />
      )}
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: compact ? 12 : 24 } }}>
        <Descriptions
          size="small"
          column={compact ? 1 : 3}
          items={[
            { key: 'drafted', label: '草稿生成', children: `${r.draftedOn}（${r.draftedByName ?? '—'}）` },
            {
              key: 'submitted',
              label: '提交审核',
              children: r.submittedAt
                ? `${shanghaiTime(r.submittedAt).slice(0, 16)}（${r.submittedByName ?? '—'}）`
                : '—',
            },
            {
              key: 'published',
              label: '审核公开',
              children: r.publishedOn ? `${r.publishedOn}（${r.reviewedByName ?? '—'}）` : '—',
            },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          {draft && r.mayPrepare && (
            <Button
              icon={<ReloadOutlined />}
              loading={busy === 'regenerate'}
              onClick={() =>
                act('regenerate', `/api/annual-reports/${r.id}/regenerate`, {}, '已按当前数据重新生成草稿')
              }
            >
              重新生成草稿
            </Button>
          )}
          {draft && r.mayPrepare && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              disabled={notes !== r.notes}
              title={notes !== r.notes ? '请先保存说明' : undefined}
              onClick={() => act('submit', `/api/annual-reports/${r.id}/submit`, {}, '已提交审核')}
            >
              提交审核
            </Button>
          )}
          {submitted && r.mayReview && (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'publish'}
                onClick={() =>
                  Modal.confirm({
                    title: '审核通过并向社会公开？',
                    content: '公开后年报不能再修改，将在门户网站“统计年报”栏目展示。',
                    okText: '审核通过并公开',
                    cancelText: '取消',
                    onOk: () => act('publish', `/api/annual-reports/${r.id}/publish`, {}, '年报已公开'),
                  })
                }
              >
                审核通过并公开
              </Button>
              <Button icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
                退回修改
              </Button>
            </>
          )}
          {submitted && !r.mayReview && r.mayPrepare && (
            <span style={{ color: '#6b7280' }}>等待本单位法制审核人员或负责人审核</span>
          )}
        </Space>
      </Card>
      <Card title="年报数据" style={{ marginBottom: 16 }} styles={{ body: { padding: compact ? 8 : 24 } }}>
        <ReportTable sections={r.sections} figures={r.figures} compact={compact} />
      </Card>
      <Card title="说明">
        {draft && r.mayPrepare ? (
          <>
            <label htmlFor={notesId} style={{ display: 'block', marginBottom: 8 }}>
              对数据作出说明（如本系统尚无数据来源的项目的实际发生情况、与上年相比的变化原因）
            </label>
            <Input.TextArea
              id={notesId}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={5000}
              showCount
            />
            <Button
              style={{ marginTop: 12 }}
              loading={busy === 'notes'}
              disabled={notes === r.notes}
              onClick={saveNotes}
            >
              保存说明
            </Button>
          </>
        ) : (
          <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.notes || '（未填写说明）'}</p>
        )}
        {standing && <p style={{ color: '#6b7280', marginTop: 12, marginBottom: 0 }}>{standing}</p>}
      </Card>
      <Modal
        open={returning}
        title="退回修改"
        okText="退回"
        cancelText="取消"
        confirmLoading={busy === 'return'}
        onCancel={() => setReturning(false)}
        onOk={async () => {
          if (await act('return', `/api/annual-reports/${r.id}/return`, { note: returnNote }, '已退回编制人修改')) {
            setReturning(false);
            setReturnNote('');
          }
        }}
      >
        <label htmlFor={returnId} style={{ display: 'block', marginBottom: 8 }}>
          需要修改的内容
        </label>
        <Input.TextArea id={returnId} value={returnNote} onChange={(e) => setReturnNote(e.target.value)} rows={4} />
      </Modal>
    </>
  );
}
