import { FIELDS, shanghaiDate } from '@sanxiang/domain';
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencies, officers, regions } from '../../db/schema.js';
import type { AppContext } from '../../http/app.js';
import { pagingSchema } from './registrySchemas.js';

const tags = ['公开信息'];

/**
 * What anyone may see without signing in: the agency directory and the officer list with the
 * fields the disclosure rules name (name, agency, credential number, fields, region) and nothing else.
 */
export const publicRegistryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/regions',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '行政区划（GB/T 2260）；按上级代码或名称查询',
          querystring: z.object({
            parent: z
              .string()
              .regex(/^\d{6}$/)
              .optional(),
            q: z.string().trim().max(20).optional(),
          }),
        },
      },
      async (request) => {
        const c: SQL[] = [];
        if (request.query.parent) c.push(eq(regions.parentCode, request.query.parent));
        if (request.query.q) c.push(ilike(regions.name, `%${request.query.q}%`));
        if (!request.query.parent && !request.query.q) c.push(sql`${regions.parentCode} is null`);
        return ctx.db
          .select()
          .from(regions)
          .where(and(...c))
          .orderBy(asc(regions.code))
          .limit(500);
      },
    );

    app.get(
      '/api/public/agencies',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '执法主体名录（公开）',
          querystring: z.object({ q: z.string().trim().max(100).optional(), ...pagingSchema }),
        },
      },
      async (request) => {
        const { q, page, pageSize } = request.query;
        const where = q ? or(ilike(agencies.name, `%${q}%`), ilike(agencies.address, `%${q}%`)) : undefined;
        const [items, [total]] = await Promise.all([
          ctx.db
            .select({
              id: agencies.id,
              name: agencies.name,
              kind: agencies.kind,
              role: agencies.role,
              field: agencies.field,
              regionCode: agencies.regionCode,
              regionName: regions.name,
              address: agencies.address,
              officePhone: agencies.officePhone,
              complaintPhone: agencies.complaintPhone,
              uscc: agencies.uscc,
            })
            .from(agencies)
            .leftJoin(regions, eq(regions.code, agencies.regionCode))
            .where(where)
            .orderBy(asc(agencies.id))
            .limit(pageSize)
            .offset((page - 1) * pageSize),
          ctx.db
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(agencies)
            .where(where),
        ]);
        return { items, total: total?.n ?? 0 };
      },
    );

    app.get(
      '/api/public/officers',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '行政执法人员名单（公开：姓名、执法主体、执法证号、执法类别、区域、今日是否有效）',
          querystring: z.object({
            q: z.string().trim().max(50).optional(),
            agencyId: z.coerce.number().int().positive().optional(),
            field: z.enum(FIELDS).optional(),
            ...pagingSchema,
          }),
        },
      },
      async (request) => {
        const { q, agencyId, field, page, pageSize } = request.query;
        const today = shanghaiDate();
        // Only credentials that exist and are not revoked are public.
        const c: SQL[] = [sql`${officers.credentialNo} is not null`, sql`${officers.status} <> 'revoked'`];
        if (q) {
          const m = or(ilike(officers.name, `%${q}%`), ilike(officers.credentialNo, `%${q}%`));
          if (m) c.push(m);
        }
        if (agencyId) c.push(eq(officers.agencyId, agencyId));
        if (field) c.push(sql`${officers.fields} @> array[${field}]::text[]`);
        const where = and(...c);
        const [rows, [total]] = await Promise.all([
          ctx.db
            .select({
              id: officers.id,
              name: officers.name,
              agencyName: agencies.name,
              credentialNo: officers.credentialNo,
              fields: officers.fields,
              regionCode: officers.regionCode,
              status: officers.status,
              validFrom: officers.validFrom,
              validTo: officers.validTo,
            })
            .from(officers)
            .innerJoin(agencies, eq(agencies.id, officers.agencyId))
            .where(where)
            .orderBy(asc(officers.agencyId), asc(officers.id))
            .limit(pageSize)
            .offset((page - 1) * pageSize),
          ctx.db
            .select({ n: sql<number>`count(*)`.mapWith(Number) })
            .from(officers)
            .where(where),
        ]);
        const items = rows.map(({ status, validFrom, validTo, ...r }) => ({
          ...r,
          validToday: status === 'active' && !!validFrom && !!validTo && validFrom <= today && today <= validTo,
        }));
        return { items, total: total?.n ?? 0 };
      },
    );
  };
