import { Alert, Button, Modal, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useCompact } from '../../layout/useCompact';

/** One older version of a list, read-only: its fetch error, a spinner while loading, then `children`. */
export function ReadOnlyVersionModal({
  title,
  width,
  error,
  loading,
  onClose,
  children,
}: {
  title: string;
  width: number;
  error: string | null;
  loading: boolean;
  onClose(): void;
  children: ReactNode;
}) {
  const compact = useCompact();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={compact ? '100%' : width}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      {loading && <Spin style={{ display: 'block', margin: 24 }} />}
      {children}
    </Modal>
  );
}
