import { isCalendarDate, REVERSAL_KINDS } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { idParams } from '../registry/registrySchemas.js';
import {
  correctDisclosure,
  disclosureDetail,
  listDisclosures,
  publishDisclosure,
  withdrawDisclosure,
} from './disclosureService.js';

const tags = ['公示'];
const staff = ['officer', 'head', 'reviewer', 'supervisor'] as const;
const date = (label: string) => z.string().refine(isCalendarDate, `${label}应为有效日期，格式 YYYY-MM-DD`);
const reason = (label: string) =>
  z.string().trim().min(4, `请写明${label}（不少于4个字）`).max(500, `${label}不超过500字`);

/** 事后公开 in the console: the agency's disclosure tasks, their masked preview, publication, withdrawal and correction. */
export const disclosureRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/disclosures',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '执法决定公开事项（待公开在前、逾期在前）（G-1）',
          querystring: z.object({
            status: z.enum(['pending', 'published', 'withdrawn', 'superseded']).optional(),
            caseId: z.coerce.number().int().positive().optional(),
          }),
        },
      },
      async (request) => listDisclosures(ctx.db, principalOf(request), request.query),
    );
    app.get(
      '/api/disclosures/:id',
      {
        config: { access: staff },
        schema: { tags, summary: '公开事项：脱敏后的公开内容（待公开时为预览）及各版本（G-3）', params: idParams },
      },
      async (request) => disclosureDetail(ctx.db, principalOf(request), request.params.id),
    );
    app.post(
      '/api/disclosures/:id/publish',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '公开（服务器脱敏，G-1、G-3）',
          params: idParams,
          body: z.object({ actOn: date('公开日期').optional() }),
        },
      },
      async (request) => publishDisclosure(ctx.db, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/disclosures/:id/withdraw',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '撤回（决定被撤销、变更、确认违法或无效之日起3个工作日内，公开撤回理由；G-2、P-48）',
          params: idParams,
          body: z.object({
            reversalKind: z.enum(REVERSAL_KINDS, '撤回原因种类无效'),
            reversedOn: date('决定被撤销、变更等的日期'),
            reason: reason('撤回理由'),
            actOn: date('撤回日期').optional(),
          }),
        },
      },
      async (request) => withdrawDisclosure(ctx.db, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/disclosures/:id/corrections',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '更正（公开新版本，原版本标为已更正并保留）',
          params: idParams,
          body: z.object({ reason: reason('更正理由'), actOn: date('更正日期').optional() }),
        },
      },
      async (request) => correctDisclosure(ctx.db, principalOf(request), request.params.id, request.body),
    );
  };
