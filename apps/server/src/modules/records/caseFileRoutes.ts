import { ROLES } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { fileForContent, listCaseFiles, recordFileAccess } from './caseFileService.js';
import type { FileStorage } from './fileStore.js';
import { contentDisposition, parseRange, servedType } from './httpRange.js';

const tags = ['全过程记录（证据与音像）'];
const staff = ROLES;

const caseParams = z.object({ caseId: z.coerce.number().int().positive() });
const fileParams = caseParams.extend({ fileId: z.coerce.number().int().positive() });

export const caseFileRoutes =
  (ctx: AppContext, files: FileStorage): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/cases/:caseId/files',
      {
        config: { access: staff },
        schema: { tags, summary: '案件的证据材料与音像记录（含 SM3/SHA-256 摘要与采集信息）', params: caseParams },
      },
      async (request) => listCaseFiles(ctx.db, principalOf(request), request.params.caseId),
    );

    app.post(
      '/api/cases/:caseId/files/:fileId/access',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '调阅文件：填写事由并记入调阅记录（S-5），返回查看保密文件所需的 access 编号',
          params: fileParams,
          body: z.object({
            reason: z
              .string({ error: '请填写调阅事由' })
              .trim()
              .min(2, { error: '请填写调阅事由' })
              .max(200, { error: '调阅事由不能超过 200 个字' }),
          }),
        },
      },
      async (request) =>
        recordFileAccess(
          ctx.db,
          principalOf(request),
          request.params.caseId,
          request.params.fileId,
          request.body.reason,
        ),
    );

    // HEAD is declared with GET (not derived by Fastify, which would answer Content-Length: 0 or read the whole file).
    app.route({
      method: ['GET', 'HEAD'],
      url: '/api/cases/:caseId/files/:fileId/content',
      config: { access: staff },
      schema: {
        tags,
        summary: '文件内容（支持 Range 分段，视频可拖动）；保密文件须带调阅所得的 access 编号',
        params: fileParams,
        querystring: z.object({
          access: z.coerce.number().int().min(0).optional(),
          download: z.enum(['1']).optional(),
        }),
      },
      handler: async (request, reply) => {
        const { caseId, fileId } = request.params;
        const f = await fileForContent(ctx.db, principalOf(request), caseId, fileId, request.query.access);
        const { contentType, inline } = servedType(f.mimeType);
        const etag = `"${f.sha256}"`;
        const confidential = f.confidentiality === 'confidential';
        reply
          .header('content-type', contentType)
          .header(
            'content-disposition',
            contentDisposition(inline && !request.query.download ? 'inline' : 'attachment', f.name),
          )
          .header('accept-ranges', 'bytes')
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff')
          // The bytes never change (content-addressed), but access may be withdrawn: revalidate each time.
          .header('cache-control', confidential ? 'no-store' : 'private, no-cache');
        if (!confidential && request.headers['if-none-match'] === etag) return reply.status(304).send();
        const ifRange = request.headers['if-range'];
        const range = ifRange && ifRange !== etag ? undefined : parseRange(request.headers.range, f.size);
        if (range === 'unsatisfiable') {
          return reply.status(416).header('content-range', `bytes */${f.size}`).send();
        }
        if (range) {
          reply
            .status(206)
            .header('content-range', `bytes ${range.start}-${range.end}/${f.size}`)
            .header('content-length', String(range.end - range.start + 1));
        } else {
          reply.header('content-length', String(f.size));
        }
        if (request.method === 'HEAD') return reply.send();
        return reply.send(await files.store.read(f.storageKey, range));
      },
    });
  };
