import { Alert } from 'antd';
import { ApiError, errorMessage } from '../../api/client';

/** A server refusal: its message, and every item when there are several (with its Excel row, if any). */
export function ServerError({ error }: { error: unknown }) {
  if (!error) return null;
  const items = error instanceof ApiError ? (error.errors ?? []) : [];
  const message = errorMessage(error);
  const rest = items.filter((e) => e.message !== message);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={message}
      description={
        rest.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
            {rest.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages may repeat; the list is static
              <li key={i}>
                {e.row ? `第${e.row}行：` : ''}
                {e.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
