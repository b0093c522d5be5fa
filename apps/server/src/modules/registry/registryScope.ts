import { eq, like, type SQL } from 'drizzle-orm';
import { agencies } from '../../db/schema.js';
import type { Scope } from '../identity/principal.js';

/** The WHERE condition that keeps a query of agency data inside the caller's scope (DESIGN.md principle 5). */
export function agencyScopeCondition(scope: Scope): SQL {
  return scope.kind === 'agency' ? eq(agencies.id, scope.agencyId) : like(agencies.regionCode, `${scope.prefix}%`);
}
