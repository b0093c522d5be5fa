import { Table, Tag } from 'antd';
import type { CaseDeadline } from '../../api/caseTypes';

function StatusTag({ d }: { d: CaseDeadline }) {
  if (d.status === 'met') return <Tag color="success">已完成{d.metOn ? `（${d.metOn}）` : ''}</Tag>;
  if (d.status === 'cancelled') return <Tag>已撤销</Tag>;
  if (d.elapsed) return <Tag>已届满</Tag>;
  return d.overdue ? <Tag color="error">已逾期</Tag> : <Tag color="processing">进行中</Tag>;
}

/**
 * 办案期限: each legal time limit with the rule that set it, its start (not counted, CAL-1), whether it counts
 * working or calendar days (P-85) and its due date. Overdue ones are red.
 */
export function DeadlinesTab({ deadlines }: { deadlines: CaseDeadline[] }) {
  return (
    <Table<CaseDeadline>
      rowKey="id"
      size="small"
      dataSource={deadlines}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '尚无办案期限（立案、告知、决定等环节会自动计算）' }}
      columns={[
        { title: '规则', dataIndex: 'ruleId', render: (r: string) => <Tag color="blue">{r}</Tag> },
        { title: '期限', dataIndex: 'label' },
        { title: '起算日', dataIndex: 'startOn', responsive: ['sm'] },
        {
          title: '计算方式',
          dataIndex: 'count',
          render: (c: CaseDeadline['count']) => (c === 'working' ? '工作日' : '自然日'),
        },
        { title: '天数', dataIndex: 'days' },
        {
          title: '到期日',
          dataIndex: 'dueOn',
          render: (due: string, d) => (
            <span style={{ color: d.overdue ? '#cf1322' : undefined, fontWeight: d.overdue ? 600 : undefined }}>
              {due}
            </span>
          ),
        },
        { title: '状态', key: 'status', render: (_: unknown, d) => <StatusTag d={d} /> },
      ]}
    />
  );
}
