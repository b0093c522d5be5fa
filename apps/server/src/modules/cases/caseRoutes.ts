import { flowchartSvg, INSTRUMENT_TYPES, PROCEDURES, ROLES, WORKFLOWS } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { exportCaseFile } from '../ledger/caseFileExport.js';
import { idParams, pagingSchema } from '../registry/registrySchemas.js';
import { caseInScope } from './caseRecords.js';
import { caseCreateSchema, stepBodySchema } from './caseSchemas.js';
import { caseDetail, createCase, listCases, myTasks, recuseOfficer } from './caseService.js';
import { sendInstrument } from './instrumentRoutes.js';
import { caseDocuments, renderInstrument } from './instrumentService.js';
import { nextSteps, previewStepInstrument, takeStep } from './workflowEngine.js';

const tags = ['案件办理'];
const staff = ROLES;
const stepParams = z.object({ id: z.coerce.number().int().positive(), step: z.string().min(1).max(60) });

export const caseRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/workflows',
      {
        config: { access: 'public' },
        schema: { tags, summary: '办案流程定义（环节、角色、文书、规则、期限、音像记录要求）' },
      },
      async () => Object.values(WORKFLOWS),
    );

    app.get(
      '/api/workflows/:procedure/flowchart.svg',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: '执法流程图（SVG，由流程定义生成）',
          params: z.object({ procedure: z.enum(PROCEDURES) }),
        },
      },
      async (request, reply) =>
        reply
          .type('image/svg+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(flowchartSvg(WORKFLOWS[request.params.procedure])),
    );

    app.get(
      '/api/cases',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '案件列表（本单位；司法行政机关为本辖区）',
          querystring: z.object({
            q: z.string().trim().max(50).optional(),
            procedure: z.enum(PROCEDURES).optional(),
            state: z.string().max(40).optional(),
            mine: z
              .enum(['true', 'false'])
              .transform((s) => s === 'true')
              .optional(),
            open: z
              .enum(['true', 'false'])
              .transform((s) => s === 'true')
              .optional(),
            ...pagingSchema,
          }),
        },
      },
      async (request) => {
        const { page, pageSize, ...filter } = request.query;
        return listCases(ctx.db, principalOf(request), filter, { page, pageSize });
      },
    );

    app.post(
      '/api/cases',
      {
        config: { access: ['officer', 'head'] },
        schema: { tags, summary: '登记案件（线索）', body: caseCreateSchema },
      },
      async (request, reply) => {
        const row = await createCase(ctx.db, principalOf(request), request.body);
        return reply.code(201).send(row);
      },
    );

    app.get(
      '/api/cases/:id',
      { config: { access: staff }, schema: { tags, summary: '案件详情（环节、文书、期限）', params: idParams } },
      async (request) => caseDetail(ctx.db, principalOf(request), request.params.id),
    );

    app.get(
      '/api/cases/:id/next',
      {
        config: { access: staff },
        schema: { tags, summary: '下一步可办理的环节及不能办理的原因（按规则编号）', params: idParams },
      },
      async (request) => nextSteps(ctx.db, principalOf(request), request.params.id),
    );

    app.post(
      '/api/cases/:id/steps/:step',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '办理一个环节（服务器校验全部规则，生成文书，写入全过程记录）',
          params: stepParams,
          body: stepBodySchema,
        },
      },
      async (request) => takeStep(ctx.db, principalOf(request), request.params.id, request.params.step, request.body),
    );

    app.post(
      '/api/cases/:id/steps/:step/preview',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '文书预览（草稿，不编号、不保存）',
          params: stepParams,
          querystring: z.object({ type: z.enum(INSTRUMENT_TYPES), format: z.enum(['pdf', 'docx']).default('pdf') }),
          body: stepBodySchema.omit({ expectedVersion: true }),
        },
      },
      async (request, reply) => {
        const context = await previewStepInstrument(
          ctx.db,
          principalOf(request),
          request.params.id,
          request.params.step,
          request.query.type,
          request.body,
        );
        return sendInstrument(
          reply,
          context,
          request.query.format,
          await renderInstrument(context, request.query.format),
          'inline',
        );
      },
    );

    app.get(
      '/api/cases/:id/case-file',
      {
        config: { access: staff },
        schema: {
          tags,
          summary:
            '导出电子案卷（ZIP：全过程记录原文与包含证明、经见证的检查点、按归档顺序排列的文书 PDF；可离线校验）',
          params: idParams,
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const c = await caseInScope(ctx.db, p, request.params.id);
        const { zip, fileName } = await exportCaseFile(
          ctx.db,
          ctx.ledgerKeys,
          p,
          { type: 'case', id: String(c.id), title: `${c.caseNo}${c.title}` },
          await caseDocuments(ctx.db, c.id),
        );
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(Buffer.from(zip));
      },
    );

    app.post(
      '/api/cases/:id/officers/:officerId/recusal',
      {
        config: { access: ['head'] },
        schema: {
          tags,
          summary: '决定执法人员回避（P-43）',
          params: z.object({ id: z.coerce.number().int().positive(), officerId: z.coerce.number().int().positive() }),
          body: z.object({ reason: z.string().trim().min(2, '请填写回避理由').max(500) }),
        },
      },
      async (request) =>
        recuseOfficer(ctx.db, principalOf(request), request.params.id, request.params.officerId, request.body.reason),
    );

    app.get(
      '/api/tasks',
      { config: { access: staff }, schema: { tags, summary: '我的待办：期限（逾期在前）和待审批案件' } },
      async (request) => myTasks(ctx.db, principalOf(request)),
    );
  };
