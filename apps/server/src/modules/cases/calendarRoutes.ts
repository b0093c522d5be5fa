import { shanghaiDate, validateCalendarYearOverride } from '@sanxiang/domain';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarOverrides } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { DomainError, forbidden } from '../../http/errors.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { loadCalendar } from './calendarService.js';

const tags = ['节假日设置'];
const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/calendar',
      { config: { access: 'authenticated' }, schema: { tags, summary: '已有节假日数据的年份及管理员录入的年份' } },
      async () => {
        const calendar = await loadCalendar(ctx.db);
        const overrides = await ctx.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.year));
        const thisYear = Number(shanghaiDate().slice(0, 4));
        return {
          coveredYears: calendar.coveredYears(),
          overrides,
          // CAL: next year's schedule is usually published in November; say so before deadlines need it.
          missingSoon: [thisYear, thisYear + 1].filter((y) => !calendar.hasYear(y)),
        };
      },
    );

    app.put(
      '/api/calendar/:year',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '录入某年的法定节假日和调休上班日（按国务院办公厅通知，整年录入）',
          params: yearParams,
          body: z.object({
            holidays: z.array(z.string()).min(1, '请录入法定节假日').max(60),
            workdays: z.array(z.string()).max(20),
            note: z.string().trim().min(2, '请写明依据（如国务院办公厅通知文号）').max(200),
          }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        if (p.scope.kind !== 'region') throw forbidden('节假日安排全县通用，由司法行政机关的系统管理员录入');
        const { year } = request.params;
        const problems = validateCalendarYearOverride({ year, ...request.body });
        if (problems.length > 0) {
          throw new DomainError(
            'VALIDATION_FAILED',
            problems[0] ?? '节假日设置有误',
            400,
            undefined,
            problems.map((message) => ({ message })),
          );
        }
        return ctx.db.transaction(async (tx) => {
          const values = { year, ...request.body, updatedBy: p.userId, updatedAt: new Date() };
          await tx
            .insert(calendarOverrides)
            .values(values)
            .onConflictDoUpdate({ target: calendarOverrides.year, set: values });
          await appendEntry(tx, {
            actor: actorOf(p),
            agencyId: null,
            subjectType: 'calendar',
            subjectId: year,
            action: 'calendar.set',
            payload: { year, ...request.body },
          });
          const [row] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.year, year));
          return row;
        });
      },
    );
  };
