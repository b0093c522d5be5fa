import type { AgencyRole, Role } from '@sanxiang/domain';
import { regionPrefix } from '@sanxiang/domain';

/**
 * What a caller may see (DESIGN.md principle 5): staff of an agency see their agency; staff of a
 * justice bureau (agency.role = 'supervisor') see every agency of its region.
 */
export type Scope = { kind: 'agency'; agencyId: number } | { kind: 'region'; prefix: string };

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  officerId: number | null;
  agencyId: number;
  agencyName: string;
  agencyRole: AgencyRole;
  regionCode: string;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
  scope: Scope;
}

export function scopeOf(agency: { id: number; role: string; regionCode: string }): Scope {
  return agency.role === 'supervisor'
    ? { kind: 'region', prefix: regionPrefix(agency.regionCode) }
    : { kind: 'agency', agencyId: agency.id };
}

export function scopeContains(scope: Scope, agency: { id: number; regionCode: string }): boolean {
  return scope.kind === 'agency' ? scope.agencyId === agency.id : agency.regionCode.startsWith(scope.prefix);
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}
