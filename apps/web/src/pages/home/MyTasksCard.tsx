import { ScheduleOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Spin, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { MyTasks } from '../../api/caseTypes';
import { useFetch } from '../../api/useFetch';

const MUTED = '#6b7280';
/** Overdue first, so the first ten are the ones to act on. */
const SHOWN = 10;
const rowStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'baseline',
  gap: '2px 8px',
  padding: '8px 0',
  borderBottom: '1px solid #f0f0f0',
};

/**
 * 我的待办: open deadlines of my cases (a head: of the agency), overdue first and in red, and for heads the cases
 * waiting for their approval.
 */
export function MyTasksCard({ approvals }: { approvals: boolean }) {
  const { data, loading, error } = useFetch<MyTasks>('/api/tasks');
  const deadlines = data
    ? [...data.deadlines].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn))
    : [];
  const overdue = deadlines.filter((d) => d.overdue).length;
  return (
    <Card
      title={
        <span>
          <ScheduleOutlined /> 我的待办
        </span>
      }
      extra={<Link to="/cases?mine=true&open=true">我的案件</Link>}
      style={{ height: '100%' }}
    >
      {error && <Alert type="error" showIcon title={error} />}
      {loading && !data && <Spin />}
      {data && approvals && (
        <section style={{ marginBottom: 16 }}>
          <div style={{ fontWeight: 600 }}>待审批（{data.approvals.length}）</div>
          {data.approvals.length === 0 ? (
            <div style={{ color: MUTED, padding: '8px 0' }}>没有待审批的案件</div>
          ) : (
            data.approvals.map((a) => (
              <div key={a.caseId} style={rowStyle} data-task="approval">
                <Link to={`/cases/${a.caseId}`}>{a.caseNo}</Link>
                <span>{a.title}</span>
                <Tag color="orange">{a.stateLabel}</Tag>
              </div>
            ))
          )}
        </section>
      )}
      {data && (
        <section>
          <div style={{ fontWeight: 600 }}>
            办案期限（{deadlines.length}）
            {overdue > 0 && <span style={{ color: '#cf1322', marginInlineStart: 8 }}>{overdue} 项已逾期</span>}
          </div>
          {deadlines.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未届满的办案期限" />
          ) : (
            deadlines.slice(0, SHOWN).map((d) => (
              <div key={d.deadlineId} style={rowStyle} data-task="deadline">
                <span style={{ color: d.overdue ? '#cf1322' : undefined, fontWeight: 600, whiteSpace: 'nowrap' }}>
                  {d.dueOn}
                  {d.overdue && (
                    <Tag color="error" style={{ marginInlineStart: 6 }}>
                      已逾期
                    </Tag>
                  )}
                </span>
                <Link to={`/cases/${d.caseId}`}>{d.caseNo}</Link>
                <span>{d.title}</span>
                <span style={{ color: MUTED, fontSize: 12, flexBasis: '100%' }}>
                  {d.ruleId} {d.label} · {d.stateLabel}
                </span>
              </div>
            ))
          )}
          {deadlines.length > SHOWN && (
            <div style={{ color: MUTED, marginTop: 8 }}>
              另有 {deadlines.length - SHOWN} 项，见 <Link to="/cases?open=true">案件列表</Link>
            </div>
          )}
        </section>
      )}
    </Card>
  );
}
