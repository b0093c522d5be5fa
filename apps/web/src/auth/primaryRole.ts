import type { Role } from '@sanxiang/domain';

/** Which home a user lands on when they hold several roles. */
const PRIORITY: readonly Role[] = ['admin', 'supervisor', 'head', 'reviewer', 'officer'];

export function primaryRole(roles: readonly Role[]): Role {
  return PRIORITY.find((r) => roles.includes(r)) ?? 'officer';
}

export function hasRole(roles: readonly Role[], ...wanted: Role[]): boolean {
  return wanted.some((r) => roles.includes(r));
}
