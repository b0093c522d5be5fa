import { Spin } from 'antd';
import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './SessionContext';

const ServerUnavailable = lazy(() => import('./ServerUnavailable'));

/** Renders its children only for a signed-in user who has no pending password change. */
export function RequireSession({
  children,
  allowPendingPassword = false,
}: {
  children: ReactNode;
  allowPendingPassword?: boolean;
}) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'unavailable') return <ServerUnavailable message={state.message} />;
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (state.me.mustChangePassword && !allowPendingPassword) return <Navigate to="/password" replace />;
  return children;
}

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}
