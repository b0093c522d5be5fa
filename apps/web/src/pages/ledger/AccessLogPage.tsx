import { Alert, Card, Result, Table } from 'antd';
import { Link } from 'react-router-dom';
import type { AccessLogEntry } from '../../api/types';
import { useFetch } from '../../api/useFetch';
import { hasRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';
import { PageHeading } from '../../components/PageHeading';
import { shanghaiTime } from '../../components/shanghaiTime';
import { useCompact } from '../../layout/useCompact';
import { viewedRecordLabel } from './ledgerText';

const LIMIT = 500;

const payloadOf = (e: AccessLogEntry) =>
  (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as { reason?: unknown; record?: unknown };

/** Actor as the signed entry text states it. */
function actorOf(e: AccessLogEntry): string {
  try {
    const name = (JSON.parse(e.entry) as { actor?: { name?: unknown } }).actor?.name;
    return typeof name === 'string' ? name : e.actor;
  } catch {
    return e.actor;
  }
}

/** 调阅记录: who opened protected information (the full resident ID), when and why; newest first. */
export default function AccessLogPage() {
  const me = useMe();
  const compact = useCompact();
  const allowed = hasRole(me.roles, 'supervisor', 'admin', 'head');
  const log = useFetch<AccessLogEntry[]>(allowed ? '/api/ledger/access-log' : null, { limit: LIMIT });

  if (!allowed) {
    return <Result status="403" title="无权访问" subTitle="调阅记录仅限执法监督人员、系统管理员和单位负责人查阅" />;
  }

  return (
    <>
      <PageHeading
        title="调阅记录"
        sub="谁在何时因何调阅了完整的公民身份号码等受保护信息；每条都记入防篡改的全过程记录"
      />
      <Card styles={{ body: { padding: compact ? 12 : 24 } }}>
        {log.error && <Alert type="error" showIcon title={log.error} style={{ marginBottom: 12 }} />}
        <Table<AccessLogEntry>
          rowKey="seq"
          size={compact ? 'small' : 'middle'}
          loading={log.loading}
          dataSource={log.data ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: '暂无调阅记录' }}
          pagination={{
            pageSize: 20,
            hideOnSinglePage: true,
            showTotal: (t) => (t >= LIMIT ? `最近 ${t} 次调阅` : `共 ${t} 次调阅`),
          }}
          columns={[
            {
              title: '时间',
              key: 'time',
              width: 180,
              render: (_: unknown, e) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(e.time)}</span>,
            },
            { title: '调阅人', key: 'actor', width: 140, render: (_: unknown, e) => actorOf(e) },
            { title: '执法主体', dataIndex: 'agencyName', width: 200 },
            {
              title: '对象',
              key: 'subject',
              width: 240,
              render: (_: unknown, e) => {
                const what = viewedRecordLabel(payloadOf(e).record);
                if (e.subjectType !== 'officer') return `${e.subjectType} ${e.subjectId}${what ? ` · ${what}` : ''}`;
                return (
                  <span>
                    <Link to={`/officers/${e.subjectId}`}>{e.subjectName ?? `执法人员 ${e.subjectId}`}</Link>
                    {what && <span style={{ color: '#6b7280' }}> · {what}</span>}
                  </span>
                );
              },
            },
            {
              title: '事由',
              key: 'reason',
              render: (_: unknown, e) => {
                const reason = payloadOf(e).reason;
                return typeof reason === 'string' && reason ? (
                  reason
                ) : (
                  <span style={{ color: '#8c8c8c' }}>（未填写）</span>
                );
              },
            },
          ]}
        />
      </Card>
    </>
  );
}
