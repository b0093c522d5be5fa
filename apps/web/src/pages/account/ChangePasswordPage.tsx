import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api/client';
import { useMe, useSession } from '../../auth/SessionContext';
import { AuthShell } from '../login/AuthShell';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Same policy as the server (identity/password.ts), so the form says it before the request. */
function policyProblem(password: string, username: string): string | null {
  if (password.length < 8 || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return '密码至少8位，且须同时包含字母和数字';
  }
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不得包含用户名';
  return null;
}

export default function ChangePasswordPage() {
  return (
    <App>
      <ChangePasswordForm />
    </App>
  );
}

function ChangePasswordForm() {
  const me = useMe();
  const { refresh, logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forced = me.mustChangePassword;

  const submit = async (values: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      await refresh();
      message.success('密码已修改');
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.field && ['currentPassword', 'newPassword'].includes(err.field)) {
        form.setFields([{ name: err.field as keyof PasswordForm, errors: [err.message] }]);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell subtitle={forced ? `${me.displayName}，首次登录须先修改初始密码` : `${me.displayName}，修改登录密码`}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少8位，须同时包含字母和数字，不得包含用户名"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_, v: string | undefined) => {
                const problem = v ? policyProblem(v, me.username) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          修改密码
        </Button>
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={() => (forced ? void logout().then(() => navigate('/login')) : navigate(-1))}
        >
          {forced ? '退出登录' : '返回'}
        </Button>
      </Form>
    </AuthShell>
  );
}
