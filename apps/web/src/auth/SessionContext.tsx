import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Me, Session } from '../api/types';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unavailable'; message: string }
  | { status: 'authenticated'; me: Me };

interface SessionApi {
  state: SessionState;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  /** Reloads the signed-in user (after a password change, for instance). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();

  const adopt = useCallback((s: Session) => {
    setCsrfToken(s.csrfToken);
    setState({ status: 'authenticated', me: s.user });
    return s.user;
  }, []);

  const refresh = useCallback(async () => {
    try {
      adopt(await api.get<Session>('/api/auth/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'anonymous' });
      else setState({ status: 'unavailable', message: err instanceof Error ? err.message : '无法连接服务器' });
    }
  }, [adopt]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // A 401 on any later call means the session ended (expired, password changed elsewhere).
    setUnauthorizedHandler(() => {
      setCsrfToken('');
      setState({ status: 'anonymous' });
      const next = window.location.pathname + window.location.search;
      navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
    });
  }, [navigate]);

  const login = useCallback(
    async (username: string, password: string) =>
      adopt(await api.post<Session>('/api/auth/login', { username, password })),
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken('');
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for components rendered behind RequireSession. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useMe without a session');
  return state.me;
}
