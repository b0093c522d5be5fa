import { Alert, Empty, Spin, Timeline } from 'antd';
import dayjs from 'dayjs';
import type { OfficerVersion } from '../../api/types';
import { useFetch } from '../../api/useFetch';

/** 变更记录: every version of the officer, newest first, with who changed what and why. */
export function OfficerHistory({ officerId }: { officerId: number }) {
  const { data, loading, error } = useFetch<OfficerVersion[]>(`/api/officers/${officerId}/history`);
  if (loading && !data) return <Spin />;
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data?.length) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      items={data.map((v, i) => ({
        key: v.version,
        color: i === 0 ? 'blue' : 'gray',
        content: (
          <div>
            <div>
              <strong>第 {v.version} 版</strong>
              <span style={{ color: '#6b7280', marginInlineStart: 8 }}>
                {dayjs(v.changedAt).format('YYYY-MM-DD HH:mm')}
              </span>
            </div>
            <div>
              {v.changedBy} · 原因：{v.reason}
            </div>
            {/* The first version lists every field from nothing: the record itself shows those. */}
            {v.changes.length > 0 && v.changes.some((c) => c.from !== null) && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20, color: '#57606a' }}>
                {v.changes.map((c) => (
                  <li key={c.field}>
                    {c.label}：{c.from} → {c.to}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}
