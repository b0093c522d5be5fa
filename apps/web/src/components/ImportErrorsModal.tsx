import { Modal, Table } from 'antd';
import type { ErrorItem } from '../api/client';

export interface ImportFailure {
  message: string;
  errors: ErrorItem[];
}

/** Why an Excel import was refused, row by row, so the user can fix the file and try again. */
export function ImportErrorsModal({ failure, onClose }: { failure: ImportFailure | null; onClose(): void }) {
  return (
    <Modal
      open={failure !== null}
      title="导入未完成：请修改以下问题后重新导入"
      onCancel={onClose}
      onOk={onClose}
      okText="知道了"
      cancelButtonProps={{ style: { display: 'none' } }}
      width={720}
      destroyOnHidden
    >
      <p style={{ marginTop: 0 }}>{failure?.message}</p>
      <Table<ErrorItem & { key: number }>
        size="small"
        rowKey="key"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        dataSource={(failure?.errors ?? []).map((e, i) => ({ ...e, key: i }))}
        columns={[
          { title: '行号', dataIndex: 'row', width: 80, render: (v?: number) => v ?? '—' },
          { title: '字段', dataIndex: 'field', width: 160, render: (v?: string) => v || '—' },
          { title: '原因', dataIndex: 'message' },
        ]}
      />
    </Modal>
  );
}
