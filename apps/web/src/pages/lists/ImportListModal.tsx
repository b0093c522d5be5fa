import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { ImportErrorsModal, type ImportFailure } from '../../components/ImportErrorsModal';
import { ServerError } from './ServerError';

const MUTED = '#6b7280';

/** Importing a whole list from Excel with the reason of the change; a refused file lists its rows' errors. */
export function ImportListModal({
  title,
  okText,
  intro,
  reasonLabel,
  upload,
  onClose,
}: {
  title: string;
  okText: string;
  intro: ReactNode;
  reasonLabel: string;
  upload(file: File, reason: string): Promise<void>;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    if (!file) {
      setError(new Error('请选择要导入的 Excel 文件'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await upload(file, values.reason.trim());
    } catch (err) {
      if (err instanceof ApiError && err.errors?.length && err.code.startsWith('IMPORT')) {
        setFailure({ message: err.message, errors: err.errors });
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <p style={{ marginTop: 0, color: MUTED }}>{intro}</p>
      <ServerError error={error} />
      <Form form={form} layout="vertical">
        <Form.Item label="Excel 文件" required>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setError(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="reason"
          label={reasonLabel}
          rules={[{ required: true, whitespace: true, message: '请写明调整原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
      <ImportErrorsModal failure={failure} onClose={() => setFailure(null)} />
    </Modal>
  );
}
