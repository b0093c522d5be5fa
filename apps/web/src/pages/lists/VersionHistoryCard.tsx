import { Card, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CSSProperties } from 'react';

/** The 版本历史 card of a list: every saved version, newest first. */
export function VersionHistoryCard<V extends { id: number }>({
  versions,
  columns,
  empty,
  scrollX,
  style,
}: {
  versions: V[];
  columns: ColumnsType<V>;
  empty: string;
  scrollX: number;
  style?: CSSProperties;
}) {
  return (
    <Card title="版本历史" style={style}>
      {versions.length === 0 ? (
        <Empty description={empty} />
      ) : (
        <Table<V>
          size="small"
          rowKey="id"
          dataSource={versions}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: scrollX }}
          columns={columns}
        />
      )}
    </Card>
  );
}
