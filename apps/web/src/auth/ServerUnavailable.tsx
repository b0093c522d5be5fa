import { Button, Result } from 'antd';
import { useSession } from './SessionContext';

/** Shown when the session check failed for a reason other than "not signed in". */
export default function ServerUnavailable({ message }: { message: string }) {
  const { refresh } = useSession();
  return (
    <Result
      status="warning"
      title="暂时无法连接服务器"
      subTitle={message}
      extra={
        <Button type="primary" onClick={() => void refresh()}>
          重试
        </Button>
      }
    />
  );
}
