import { reviewerStaffing } from '@sanxiang/domain';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { agencies } from '../../db/schema.js';
import type { Scope } from '../identity/principal.js';
import { agencyScopeCondition } from '../registry/registryScope.js';

/**
 * G-5 per enforcement agency in scope: active officers, active users holding the reviewer role,
 * and whether the reviewers fall short of 5 % (at least one).
 */
/** Drizzle writes a lone table's columns unqualified in the select list, where a subquery would rebind them. */
const outerAgencyId = sql.raw('"agencies"."id"');

export async function reviewerStaffingOf(db: Executor, scope: Scope, agencyId?: number) {
  const conditions: SQL[] = [agencyScopeCondition(scope), eq(agencies.role, 'agency')];
  if (agencyId !== undefined) conditions.push(eq(agencies.id, agencyId));
  const rows = await db
    .select({
      agencyId: agencies.id,
      agencyName: agencies.name,
      officers:
        sql<number>`(select count(*) from officers o where o.agency_id = ${outerAgencyId} and o.status = 'active')`.mapWith(
          Number,
        ),
      reviewers:
        sql<number>`(select count(*) from users u where u.agency_id = ${outerAgencyId} and u.active and 'reviewer' = any(u.roles))`.mapWith(
          Number,
        ),
    })
    .from(agencies)
    .where(and(...conditions))
    .orderBy(asc(agencies.id));
  return rows.map((r) => ({
    agencyId: r.agencyId,
    agencyName: r.agencyName,
    ...reviewerStaffing(r.officers, r.reviewers),
  }));
}
