import { FIELDS, isCalendarDate, OFFICER_STATUSES, ROLES } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { sendXlsx, uploadedFile } from './excelReply.js';
import { exportOfficers, importOfficers, officerTemplate } from './officerExcel.js';
import {
  createOfficer,
  getOfficer,
  listOfficers,
  officerHistory,
  officerMayAct,
  officerResidentId,
  updateOfficer,
} from './officerService.js';
import { idParams, officerCreateSchema, officerPatchSchema, pagingSchema } from './registrySchemas.js';

const tags = ['执法人员'];
const staff = ROLES;

export const officerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/officers',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '执法人员列表（本单位；司法行政机关为本辖区）',
          querystring: z.object({
            q: z.string().trim().max(50).optional(),
            agencyId: z.coerce.number().int().positive().optional(),
            status: z.enum(OFFICER_STATUSES).optional(),
            field: z.enum(FIELDS).optional(),
            credential: z.enum(['valid', 'expired', 'expiring']).optional(),
            legalQualification: z
              .enum(['true', 'false'])
              .transform((s) => s === 'true')
              .optional(),
            ...pagingSchema,
          }),
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listOfficers(ctx.db, principalOf(request), filter, { page, pageSize });
      },
    );

    app.get(
      '/api/officers/export.xlsx',
      { config: { access: staff }, schema: { tags, summary: '导出执法人员（Excel，不含身份证号）' } },
      async (request, reply) => sendXlsx(reply, '执法人员', await exportOfficers(ctx.db, principalOf(request))),
    );

    app.get(
      '/api/officers/template.xlsx',
      { config: { access: ['admin'] }, schema: { tags, summary: '执法人员导入模板（Excel）' } },
      async (_request, reply) => sendXlsx(reply, '执法人员导入模板', await officerTemplate()),
    );

    app.post(
      '/api/officers/import',
      { config: { access: ['admin'] }, schema: { tags, summary: '导入执法人员（Excel，全部成功或全部不导入）' } },
      async (request) => importOfficers(ctx.db, principalOf(request), await uploadedFile(request)),
    );

    app.get(
      '/api/officers/:id',
      { config: { access: staff }, schema: { tags, summary: '执法人员详情', params: idParams } },
      async (request) => getOfficer(ctx.db, principalOf(request), request.params.id),
    );

    app.get(
      '/api/officers/:id/history',
      { config: { access: staff }, schema: { tags, summary: '执法人员变更记录', params: idParams } },
      async (request) => officerHistory(ctx.db, principalOf(request), request.params.id),
    );

    app.post(
      '/api/officers/:id/resident-id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '调阅完整公民身份号码（仅系统管理员，须填写事由，记入全过程记录）',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(2, '请填写调阅事由').max(200) }),
        },
      },
      async (request) => ({
        residentId: await officerResidentId(ctx.db, principalOf(request), request.params.id, request.body.reason),
      }),
    );

    app.get(
      '/api/officers/:id/may-act',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '执法资格核验（P-42）：该人员某日能否从事某类执法',
          params: idParams,
          querystring: z.object({
            field: z.enum(FIELDS),
            date: z.string().refine(isCalendarDate, '应为有效日期，格式 YYYY-MM-DD'),
          }),
        },
      },
      async (request) =>
        officerMayAct(ctx.db, principalOf(request), request.params.id, request.query.field, request.query.date),
    );

    app.post(
      '/api/officers',
      { config: { access: ['admin'] }, schema: { tags, summary: '新增执法人员', body: officerCreateSchema } },
      async (request, reply) => {
        const p = principalOf(request);
        const id = await ctx.db.transaction((tx) => createOfficer(tx, p, request.body));
        return reply.status(201).send(await getOfficer(ctx.db, p, id));
      },
    );

    app.patch(
      '/api/officers/:id',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '修改执法人员（须填写变更原因，保留历史版本）',
          params: idParams,
          body: officerPatchSchema,
        },
      },
      async (request) => {
        const p = principalOf(request);
        await ctx.db.transaction((tx) => updateOfficer(tx, p, request.params.id, request.body));
        return getOfficer(ctx.db, p, request.params.id);
      },
    );
  };
