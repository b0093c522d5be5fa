import type { Role } from '@sanxiang/domain';
import { type ComponentType, lazy } from 'react';
import { primaryRole } from '../../auth/primaryRole';
import { useMe } from '../../auth/SessionContext';

// One chunk per home: an officer's phone does not load the supervisor's tables.
const HOMES: Record<Role, ComponentType> = {
  admin: lazy(() => import('./AdminHome')),
  supervisor: lazy(() => import('./SupervisorHome')),
  head: lazy(() => import('./HeadHome')),
  reviewer: lazy(() => import('./ReviewerHome')),
  officer: lazy(() => import('./OfficerHome')),
};

/** Each role lands on its own home (priority admin > supervisor > head > reviewer > officer). */
export default function HomePage() {
  const me = useMe();
  const Home = HOMES[primaryRole(me.roles)];
  return <Home />;
}
