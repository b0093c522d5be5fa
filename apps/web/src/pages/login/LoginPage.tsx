import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useSession } from '../../auth/SessionContext';
import { AuthShell } from './AuthShell';

/** Only a same-site path may be a redirect target after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

const labelStyle = { display: 'block', marginBottom: 6, color: '#1f2328' } as const;
const hintStyle = { color: '#cf1322', fontSize: 13, minHeight: 20, marginTop: 4 } as const;

/**
 * The login page is the first thing every user loads, often on a phone: it uses plain inputs
 * instead of antd's Form (which would pull the validation and grid machinery into this chunk).
 */
export default function LoginPage() {
  const { state, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'authenticated') {
    return <Navigate to={state.me.mustChangePassword ? '/password' : safeNext(params.get('next'))} replace />;
  }

  const usernameMissing = touched && !username.trim();
  const passwordMissing = touched && !password;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      navigate(me.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <AuthShell subtitle="请使用本单位分配的账户登录">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <form onSubmit={submit} noValidate>
        <label htmlFor="login-username" style={labelStyle}>
          用户名
        </label>
        <Input
          id="login-username"
          name="username"
          size="large"
          prefix={<UserOutlined />}
          placeholder="用户名"
          autoComplete="username"
          autoFocus
          value={username}
          status={usernameMissing ? 'error' : undefined}
          onChange={(e) => setUsername(e.target.value)}
        />
        <div style={hintStyle}>{usernameMissing ? '请输入用户名' : ''}</div>
        <label htmlFor="login-password" style={labelStyle}>
          密码
        </label>
        <Input.Password
          id="login-password"
          name="password"
          size="large"
          prefix={<LockOutlined />}
          placeholder="密码"
          autoComplete="current-password"
          value={password}
          status={passwordMissing ? 'error' : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div style={hintStyle}>{passwordMissing ? '请输入密码' : ''}</div>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} style={{ marginTop: 8 }}>
          登录
        </Button>
      </form>
    </AuthShell>
  );
}
