import { AGENCY_KINDS, AGENCY_ROLES, FIELDS, ROLES } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { agencyTemplate, exportAgencies, importAgencies } from './agencyExcel.js';
import { addUnit, createAgency, getAgency, listAgencies, updateAgency } from './agencyService.js';
import { sendXlsx, uploadedFile } from './excelReply.js';
import { agencyCreateSchema, agencyPatchSchema, idParams, pagingSchema } from './registrySchemas.js';

const tags = ['执法主体'];
const staff = ROLES;

export const agencyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agencies',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '执法主体列表（本单位；司法行政机关为本辖区）',
          querystring: z.object({
            q: z.string().trim().max(100).optional(),
            kind: z.enum(AGENCY_KINDS).optional(),
            role: z.enum(AGENCY_ROLES).optional(),
            field: z.enum(FIELDS).optional(),
            ...pagingSchema,
          }),
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listAgencies(ctx.db, principalOf(request), filter, { page, pageSize });
      },
    );

    app.get(
      '/api/agencies/export.xlsx',
      { config: { access: staff }, schema: { tags, summary: '导出执法主体（Excel）' } },
      async (request, reply) => sendXlsx(reply, '执法主体', await exportAgencies(ctx.db, principalOf(request))),
    );

    app.get(
      '/api/agencies/template.xlsx',
      { config: { access: ['admin'] }, schema: { tags, summary: '执法主体导入模板（Excel）' } },
      async (_request, reply) => sendXlsx(reply, '执法主体导入模板', await agencyTemplate()),
    );

    app.post(
      '/api/agencies/import',
      { config: { access: ['admin'] }, schema: { tags, summary: '导入执法主体（Excel，全部成功或全部不导入）' } },
      async (request) => importAgencies(ctx.db, principalOf(request), await uploadedFile(request)),
    );

    app.get(
      '/api/agencies/:id',
      { config: { access: staff }, schema: { tags, summary: '执法主体详情', params: idParams } },
      async (request) => getAgency(ctx.db, principalOf(request), request.params.id),
    );

    app.post(
      '/api/agencies',
      {
        config: { access: ['admin'] },
        schema: { tags, summary: '新增执法主体（司法行政机关管理员）', body: agencyCreateSchema },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const id = await ctx.db.transaction((tx) => createAgency(tx, p, request.body));
        return reply.status(201).send(await getAgency(ctx.db, p, id));
      },
    );

    app.patch(
      '/api/agencies/:id',
      {
        config: { access: ['admin'] },
        schema: { tags, summary: '修改执法主体', params: idParams, body: agencyPatchSchema },
      },
      async (request) => {
        const p = principalOf(request);
        await ctx.db.transaction((tx) => updateAgency(tx, p, request.params.id, request.body));
        return getAgency(ctx.db, p, request.params.id);
      },
    );

    app.post(
      '/api/agencies/:id/units',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '新增科室',
          params: idParams,
          body: z.object({ name: z.string().trim().min(1).max(50) }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const unit = await ctx.db.transaction((tx) => addUnit(tx, p, request.params.id, request.body.name));
        return reply.status(201).send(unit);
      },
    );
  };
