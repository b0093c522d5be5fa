import type { Role } from '@sanxiang/domain';
import { Server, type Upload } from '@tus/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { DomainError } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import type { FileStorage } from './fileStore.js';
import { DigestingFileStore } from './stagingStore.js';
import { sendWebResponse, webRequestOf } from './tusBridge.js';
import {
  checkNewUpload,
  finishUpload,
  MAX_UPLOAD_BYTES,
  ownsUpload,
  type TusRefusal,
  tusRefusal,
} from './uploadService.js';

/** Who adds evidence and AV records to a case: the agency's officers and heads (scope is checked per case). */
export const UPLOAD_ROLES: readonly Role[] = ['officer', 'head'];

export const UPLOADS_PATH = '/api/uploads';
/** The response header of the final PATCH that names the case file the upload became. */
export const CASE_FILE_ID_HEADER = 'X-Case-File-Id';

/** An unfinished upload left alone this long is deleted with its staged bytes. */
const UPLOAD_EXPIRY_MS = 7 * 24 * 3600 * 1000;
const CLEANUP_INTERVAL_MS = 3600 * 1000;

const tags = ['全过程记录（证据与音像）'];

/** @tus/server's own refusals (English text) as the API's error JSON with a Chinese message. */
const TUS_MESSAGES: Record<number, string> = {
  400: '上传请求无效',
  403: '上传请求缺少 Upload-Offset',
  404: '未找到该上传（可能已完成、已取消或已过期），请重新选择文件上传',
  409: '续传位置与服务器记录不一致，请重新选择同一文件续传',
  410: '该上传已过期，请重新上传',
  413: `文件超过允许的最大大小（${MAX_UPLOAD_BYTES / 1024 ** 3} GB）`,
  415: '上传内容类型应为 application/offset+octet-stream',
};

function inChinese(status: number): TusRefusal {
  return status >= 500
    ? tusRefusal(status, 'INTERNAL', '上传出错（服务器未能写入），请稍后点“继续”续传')
    : tusRefusal(status, 'UPLOAD_REFUSED', TUS_MESSAGES[status] ?? '上传请求无效');
}

function isRefusal(err: unknown): err is TusRefusal {
  return typeof err === 'object' && err !== null && 'status_code' in err && 'body' in err;
}

/**
 * The tus 1.0 endpoint (creation, termination, expiration) at /api/uploads, inside Fastify:
 * Fastify authenticates (session cookie; CSRF header on POST, PATCH and DELETE) and checks the
 * role, then hands the request to @tus/server (as a web Request whose body streams from the socket,
 * tusBridge.ts), which streams the body to the staging directory. Fastify never reads the body:
 * its content-type parser for application/offset+octet-stream leaves the stream alone, so no
 * body limit applies.
 *
 * One server process per staging directory: uploads are locked in memory (MemoryLocker). Several
 * processes behind a load balancer need sticky sessions for /api/uploads, or a shared staging
 * directory and a distributed locker (the hash states rebuild themselves, see DigestingFileStore).
 */
export const uploadRoutes =
  (ctx: AppContext, files: FileStorage): FastifyPluginAsync =>
  async (app) => {
    const staging = new DigestingFileStore({
      directory: files.uploadsDir,
      expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
    });
    /** The signed-in caller of each request handed to tus, for its hooks (which see only that request). */
    const principals = new WeakMap<object, Principal>();
    const principalOfTus = (req: object): Principal => {
      const p = principals.get(req);
      if (!p) throw tusRefusal(401, 'AUTH_REQUIRED', '请先登录');
      return p;
    };

    const tus = new Server({
      path: UPLOADS_PATH,
      datastore: staging,
      relativeLocation: true,
      maxSize: MAX_UPLOAD_BYTES,
      exposedHeaders: [CASE_FILE_ID_HEADER],
      disableTerminationForFinishedUploads: true,
      onUploadCreate: async (req, upload: Upload) => ({
        metadata: await checkNewUpload(ctx.db, principalOfTus(req), upload),
      }),
      onUploadFinish: async (req, upload: Upload) => {
        const p = principalOfTus(req);
        try {
          const fileId = await finishUpload({ db: ctx.db, staging, store: files.store }, p, upload);
          return { headers: { [CASE_FILE_ID_HEADER]: String(fileId) } };
        } catch (err) {
          if (isRefusal(err)) throw err;
          if (err instanceof DomainError) throw tusRefusal(err.status, err.code, err.message);
          app.log.error({ err, uploadId: upload.id }, 'finishing an upload failed');
          throw tusRefusal(500, 'INTERNAL', '文件已收到，但保存或登记失败，请重新上传；如反复出现请联系管理员');
        }
      },
      onResponseError: (_req, err) => {
        if (isRefusal(err)) return err.body.startsWith('{') ? undefined : inChinese(err.status_code);
        app.log.error({ err }, 'tus upload error');
        return inChinese(500);
      },
    });

    const cleanup = setInterval(() => {
      tus.cleanUpExpiredUploads().catch((err) => app.log.error({ err }, 'removing expired uploads failed'));
    }, CLEANUP_INTERVAL_MS);
    cleanup.unref();
    app.addHook('onClose', async () => {
      clearInterval(cleanup);
      await staging.close();
    });

    // PATCH bodies (and POST with creation-with-upload) stream straight to tus.
    app.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));

    async function handOver(request: FastifyRequest, reply: FastifyReply) {
      const req = webRequestOf(request.raw);
      principals.set(req, principalOf(request));
      reply.hijack();
      try {
        await sendWebResponse(reply.raw, await tus.handleWeb(req));
      } catch (err) {
        request.log.error({ err }, 'tus handler failed');
        if (!reply.raw.headersSent) {
          reply.raw.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          reply.raw.end(JSON.stringify({ code: 'INTERNAL', message: '上传出错，请稍后重试' }));
        } else {
          reply.raw.destroy();
        }
      }
    }

    const noBodyLimit = Number.MAX_SAFE_INTEGER;

    app.post(
      UPLOADS_PATH,
      {
        config: { access: UPLOAD_ROLES },
        bodyLimit: noBodyLimit,
        schema: {
          tags,
          summary:
            '新建可续传上传（tus 1.0）：Upload-Metadata 含 caseId、kind、name、mimeType、sha256、confidentiality 等',
        },
      },
      handOver,
    );

    app.route({
      method: ['HEAD', 'PATCH', 'DELETE'],
      url: `${UPLOADS_PATH}/:uploadId`,
      config: { access: UPLOAD_ROLES },
      bodyLimit: noBodyLimit,
      schema: {
        tags,
        summary: '续传（HEAD 查询偏移、PATCH 追加数据）或取消（DELETE）本人发起的上传（tus 1.0）',
      },
      handler: async (request, reply) => {
        const { uploadId } = request.params as { uploadId: string };
        // Someone else's upload id answers like an unknown one.
        const info = /^[0-9a-f]{32}$/.test(uploadId) ? await staging.configstore.get(uploadId) : undefined;
        if (info && !ownsUpload(principalOf(request), info.metadata)) {
          return reply
            .status(404)
            .header('tus-resumable', '1.0.0')
            .header('cache-control', 'no-store')
            .send({ code: 'NOT_FOUND', message: '未找到该上传，或您无权访问' });
        }
        return handOver(request, reply);
      },
    });
  };
