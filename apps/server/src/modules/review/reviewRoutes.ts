import {
  COORDINATION_OUTCOMES,
  DISCRETION_TIERS,
  isCalendarDate,
  MAJOR_MEASURES,
  REVIEW_CHECK_ITEMS,
  REVIEW_FINDINGS,
  REVIEW_OPINIONS,
  ROLES,
} from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { penaltySchema } from '../cases/caseSchemas.js';
import { idParams } from '../registry/registrySchemas.js';
import { reviewerStaffingOf } from './reviewerStaffingService.js';
import {
  assignReviewer,
  caseReviewView,
  coordinateReview,
  decideReview,
  disputeReview,
  listReviews,
  reviewDetail,
  saveAssessment,
  submitReview,
} from './reviewService.js';

const tags = ['法制审核'];
const staff = ['officer', 'head', 'reviewer', 'supervisor'] as const;
const actOn = z.string().refine(isCalendarDate, '日期应为有效日期，格式 YYYY-MM-DD').optional();
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, min > 0 ? `请填写${label}` : undefined)
    .max(max, `${label}不超过${max}字`);

const assessmentBody = z.object({
  complex: z.boolean().default(false),
  publicInterest: z.boolean().default(false),
  measures: z.array(z.enum(MAJOR_MEASURES, '执法决定种类无效')).max(MAJOR_MEASURES.length).default([]),
  discretion: z
    .object({
      code: text('裁量基准编号', 1, 40),
      tier: z.enum(DISCRETION_TIERS, '裁量阶次无效'),
      reason: text('选择该裁量阶次的理由', 4, 2000),
    })
    .nullable()
    .default(null),
});

const submitBody = z.object({
  statement: text('送审说明', 0, 4000).default(''),
  reviewerUserId: z.number().int().positive().optional(),
  /** The decision proposed, where the case does not hold one yet (e.g. before an on-the-spot decision). */
  penalty: penaltySchema.optional(),
  actOn,
});

const decideBody = z.object({
  findings: z
    .array(
      z.object({
        item: z.enum(REVIEW_CHECK_ITEMS, '审核事项无效'),
        finding: z.enum(REVIEW_FINDINGS, '审核结论无效'),
        note: z.string().trim().max(2000, '说明不超过2000字').default(''),
      }),
    )
    .max(REVIEW_CHECK_ITEMS.length * 2),
  opinion: z.enum(REVIEW_OPINIONS, '审核意见种类无效'),
  opinionNote: z.string().trim().max(4000, '审核意见不超过4000字').default(''),
  actOn,
});

export const reviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/review/staffing',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '法制审核人员配备（G-5：不少于执法人员的 5%，至少 1 名），本单位或本辖区各执法主体',
        },
      },
      async (request) => reviewerStaffingOf(ctx.db, principalOf(request).scope),
    );

    app.get(
      '/api/cases/:id/review',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '案件的重大执法决定认定（命中的目录清单规则）、裁量基准、法制审核状态和各次送审（P-58）',
          params: idParams,
        },
      },
      async (request) => caseReviewView(ctx.db, principalOf(request), request.params.id),
    );
    app.put(
      '/api/cases/:id/assessment',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '案件研判：案情复杂、重大公共利益、其他执法决定种类、裁量基准和阶次及理由',
          params: idParams,
          body: assessmentBody,
        },
      },
      async (request) => saveAssessment(ctx.db, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/cases/:id/reviews',
      {
        config: { access: ['officer', 'head'] },
        schema: { tags, summary: '送法制审核（重新送审亦同）', params: idParams, body: submitBody },
      },
      async (request, reply) => {
        reply.code(201);
        return submitReview(ctx.db, principalOf(request), request.params.id, request.body);
      },
    );

    app.get(
      '/api/reviews',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '法制审核队列（逾期在前，再按审核期限）',
          querystring: z.object({
            scope: z.enum(['mine', 'agency']).optional(),
            status: z.enum(['open', 'all']).optional(),
          }),
        },
      },
      async (request) => listReviews(ctx.db, principalOf(request), request.query),
    );
    app.get(
      '/api/reviews/:id',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '一次送审：送审材料、与上次送审相比的变化、审核清单和意见、协调结果',
          params: idParams,
        },
      },
      async (request) => reviewDetail(ctx.db, principalOf(request), request.params.id),
    );
    app.post(
      '/api/reviews/:id/assign',
      {
        config: { access: ['head'] },
        schema: {
          tags,
          summary: '改派法制审核人员（须在岗、具备资格且未承办本案）',
          params: idParams,
          body: z.object({ reviewerUserId: z.number().int().positive() }),
        },
      },
      async (request) => assignReviewer(ctx.db, principalOf(request), request.params.id, request.body.reviewerUserId),
    );
    app.post(
      '/api/reviews/:id/decide',
      {
        config: { access: ['reviewer'] },
        schema: {
          tags,
          summary: '逐项审核（G-7）并出具审核意见（S-1），生成法制审核意见书',
          params: idParams,
          body: decideBody,
        },
      },
      async (request) => decideReview(ctx.db, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/reviews/:id/dispute',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '承办机构对审核意见有异议，提请负责人协调（S-3）',
          params: idParams,
          body: z.object({ reason: text('异议理由', 4, 2000), actOn }),
        },
      },
      async (request) => disputeReview(ctx.db, principalOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/reviews/:id/coordinate',
      {
        config: { access: ['head'] },
        schema: {
          tags,
          summary: '负责人协调意见不一致并记录结果（S-3）',
          params: idParams,
          body: z.object({
            outcome: z.enum(COORDINATION_OUTCOMES, '协调结果无效'),
            note: text('协调意见', 4, 2000),
            actOn,
          }),
        },
      },
      async (request) => coordinateReview(ctx.db, principalOf(request), request.params.id, request.body),
    );
  };
