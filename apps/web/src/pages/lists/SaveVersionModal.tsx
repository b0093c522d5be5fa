import { Form, Input, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { ServerError } from './ServerError';

/** Saving a list's draft as a version: asks for the reason of the change (S-6), shows the server's refusal. */
export function SaveVersionModal({
  title,
  okText,
  intro,
  reasonLabel,
  reason,
  placeholder,
  save,
  onClose,
}: {
  title: string;
  okText: string;
  intro: ReactNode;
  reasonLabel: string;
  /** The reason to start from (that of the draft being saved again). */
  reason?: string;
  placeholder: string;
  save(reason: string): Promise<void>;
  onClose(): void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    try {
      await save(values.reason.trim());
    } catch (err) {
      setError(err);
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
      <p style={{ marginTop: 0 }}>{intro}</p>
      <ServerError error={error} />
      <Form form={form} layout="vertical" initialValues={{ reason }}>
        <Form.Item
          name="reason"
          label={reasonLabel}
          rules={[{ required: true, whitespace: true, message: '请写明调整原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
