import { ROLES } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { reviewerStaffingOf } from './reviewerStaffingService.js';

export const reviewRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/review/staffing',
      {
        config: { access: ROLES },
        schema: {
          tags: ['法制审核'],
          summary: '法制审核人员配备（G-5：不少于执法人员的 5%，至少 1 名），本单位或本辖区各执法主体',
        },
      },
      async (request) => reviewerStaffingOf(ctx.db, principalOf(request).scope),
    );
  };
