import { PlusOutlined } from '@ant-design/icons';
import { annualReportDueOn } from '@sanxiang/domain';
import { Alert, App, Button, Card, Empty, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api/client';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { DueText, ReportStatusTag } from './annualReportText';
import type { AnnualReportSummary } from './annualReportTypes';

const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));

/**
 * 统计年报 (G-4): the agency's (or, for a justice bureau, the region's) yearly reports. January drafts
 * last year's automatically; a draft can be generated at any time to see the figures so far.
 */
export default function AnnualReportsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useFetch<{ items: AnnualReportSummary[] }>('/api/annual-reports');
  const items = list.data?.items ?? [];
  const year = thisYear();
  const [draftYear, setDraftYear] = useState(year - 1);
  const [busy, setBusy] = useState(false);
  const bureau = me.agency.role === 'supervisor';
  const mayDraft = bureau ? hasRole(me.roles, 'admin', 'supervisor') : hasRole(me.roles, 'admin', 'officer', 'head');
  const late = items.filter((r) => r.late);

  const generate = async () => {
    setBusy(true);
    try {
      const r = await api.post<AnnualReportSummary>('/api/annual-reports', { year: draftYear });
      message.success(`已生成${r.year}年度年报草稿`);
      navigate(`/statistics/${r.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading
        title="统计年报"
        sub={`每年1月31日前公开本单位上年度行政执法数据（G-4）；${bureau ? '司法行政机关编制辖区汇总年报，并可查看辖区各执法主体的年报' : '系统每年1月自动生成上年度草稿'}`}
        extra={
          mayDraft && (
            <Space wrap>
              <Select<number>
                aria-label="统计年度"
                value={draftYear}
                onChange={setDraftYear}
                style={{ width: 120 }}
                options={[0, 1, 2, 3].map((i) => ({ value: year - i, label: `${year - i}年度` }))}
              />
              <Button type="primary" icon={<PlusOutlined />} loading={busy} onClick={generate}>
                {items.some((r) => r.year === draftYear && r.mayPrepare) ? '重新生成草稿' : '生成年报草稿'}
              </Button>
            </Space>
          )
        }
      />
      {late.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${late.map((r) => `${r.subjectName}${r.year}年度年报`).join('、')}已超过公开期限（${annualReportDueOn(late[0]?.year ?? year - 1)}）仍未公开`}
        />
      )}
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Card>
        <Table<AnnualReportSummary>
          rowKey="id"
          loading={list.loading}
          dataSource={items}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{
            emptyText: (
              <Empty
                description={
                  mayDraft ? '还没有年报。选择年度后点击“生成年报草稿”，系统按本单位数据自动统计。' : '还没有年报'
                }
              />
            ),
          }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/statistics/${r.id}`) })}
          columns={[
            {
              title: '年度',
              dataIndex: 'year',
              render: (y: number) => <span style={{ whiteSpace: 'nowrap' }}>{y}年度</span>,
            },
            {
              title: '年报',
              dataIndex: 'title',
              render: (t: string, r) => (
                <Link to={`/statistics/${r.id}`} style={{ fontWeight: 500 }}>
                  {t}
                </Link>
              ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (_: unknown, r) => <ReportStatusTag status={r.status} />,
            },
            { title: '公开期限', dataIndex: 'dueOn', render: (_: unknown, r) => <DueText r={r} /> },
            { title: '公开日期', dataIndex: 'publishedOn', render: (d: string | null) => d ?? '—' },
            {
              title: '草稿生成',
              dataIndex: 'draftedOn',
              render: (d: string, r) => `${d}（${r.draftedByName ?? '—'}）`,
            },
          ]}
        />
      </Card>
    </>
  );
}
