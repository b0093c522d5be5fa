import { ROLES, shanghaiDate } from '@sanxiang/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agencies, cases, deadlines, disclosures, legalReviews, officers, users } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { caseScopeCondition } from '../cases/caseRecords.js';
import { agencyDeadlinePending } from '../cases/caseService.js';
import { EXPIRING_DAYS } from '../registry/officerService.js';
import { agencyScopeCondition } from '../registry/registryScope.js';
import { lateAnnualReports } from '../statistics/annualReportService.js';

/** The figures every home screen starts from, scoped to the caller. */
export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/dashboard',
      { config: { access: ROLES }, schema: { tags: ['工作台'], summary: '首页统计（本单位或本辖区）' } },
      async (request) => {
        const p = principalOf(request);
        const today = shanghaiDate();
        const n = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
        const [[a], [o], [u], [k]] = await Promise.all([
          ctx.db
            .select({ agencies: sql<number>`count(*)`.mapWith(Number) })
            .from(agencies)
            .where(and(agencyScopeCondition(p.scope), eq(agencies.role, 'agency'))),
          ctx.db
            .select({
              officers: sql<number>`count(*)`.mapWith(Number),
              activeOfficers: n(
                sql`${officers.status} = 'active' and ${officers.validFrom} <= ${today} and ${officers.validTo} >= ${today}`,
              ),
              expiredCredentials: n(sql`${officers.validTo} < ${today}`),
              expiringWithin90Days: n(
                sql`${officers.validTo} >= ${today} and ${officers.validTo} <= (${today}::date + ${EXPIRING_DAYS}::int)`,
              ),
              suspended: n(sql`${officers.status} = 'suspended'`),
            })
            .from(officers)
            .innerJoin(agencies, eq(agencies.id, officers.agencyId))
            .where(agencyScopeCondition(p.scope)),
          ctx.db
            .select({ reviewers: sql<number>`count(*)`.mapWith(Number) })
            .from(users)
            .innerJoin(agencies, eq(agencies.id, users.agencyId))
            .where(and(agencyScopeCondition(p.scope), eq(users.active, true), sql`'reviewer' = any(${users.roles})`)),
          ctx.db
            .select({
              openCases: n(sql`${cases.state} not in ('archived', 'notFiled')`),
              overdueDeadlines:
                sql<number>`(select count(*) from ${deadlines} where ${deadlines.caseId} in (select ${cases.id} from ${cases} where ${caseScopeCondition(p.scope)}) and ${deadlines.status} = 'open' and ${deadlines.dueOn} < ${today} and ${agencyDeadlinePending(today)})`.mapWith(
                  Number,
                ),
              // 法制审核 waiting for an opinion, and those past their time limit (the alert).
              openReviews:
                sql<number>`(select count(*) from ${legalReviews} where ${legalReviews.caseId} in (select ${cases.id} from ${cases} where ${caseScopeCondition(p.scope)}) and ${legalReviews.status} = 'pending')`.mapWith(
                  Number,
                ),
              overdueReviews:
                sql<number>`(select count(*) from ${legalReviews} where ${legalReviews.caseId} in (select ${cases.id} from ${cases} where ${caseScopeCondition(p.scope)}) and ${legalReviews.status} = 'pending' and ${legalReviews.dueOn} < ${today})`.mapWith(
                  Number,
                ),
              // G-1: decisions not yet public by their due date (the alert).
              overdueDisclosures:
                sql<number>`(select count(*) from ${disclosures} where ${disclosures.caseId} in (select ${cases.id} from ${cases} where ${caseScopeCondition(p.scope)}) and ${disclosures.status} = 'pending' and ${disclosures.dueOn} < ${today})`.mapWith(
                  Number,
                ),
            })
            .from(cases)
            .where(caseScopeCondition(p.scope)),
        ]);
        return {
          agencies: a?.agencies ?? 0,
          ...o,
          reviewers: u?.reviewers ?? 0,
          openCases: k?.openCases ?? 0,
          overdueDeadlines: k?.overdueDeadlines ?? 0,
          openReviews: k?.openReviews ?? 0,
          overdueReviews: k?.overdueReviews ?? 0,
          overdueDisclosures: k?.overdueDisclosures ?? 0,
          // G-4: last year's 年报 not published by 31 January (the alert).
          lateAnnualReports: await lateAnnualReports(ctx.db, p.scope, today),
        };
      },
    );
  };
