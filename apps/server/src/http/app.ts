import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Config, DEFAULT_PUBLIC_RATE_LIMIT, fastifyTrustProxy } from '../config.js';
import type { Database } from '../db/connection.js';
import { calendarRoutes } from '../modules/cases/calendarRoutes.js';
import { caseRoutes } from '../modules/cases/caseRoutes.js';
import { instrumentRoutes, instrumentSettingsRoutes } from '../modules/cases/instrumentRoutes.js';
import { dashboardRoutes } from '../modules/dashboard/dashboardRoutes.js';
import { disclosureRoutes } from '../modules/disclosure/disclosureRoutes.js';
import { publicDisclosureRoutes } from '../modules/disclosure/publicDisclosureRoutes.js';
import { publicListRoutes } from '../modules/disclosure/publicListRoutes.js';
import { identityRoutes } from '../modules/identity/identityRoutes.js';
import type { LedgerKeys } from '../modules/ledger/ledgerKeys.js';
import { ledgerRoutes } from '../modules/ledger/ledgerRoutes.js';
import { caseFileRoutes } from '../modules/records/caseFileRoutes.js';
import { type FileStorage, temporaryFileStorage } from '../modules/records/fileStore.js';
import { uploadRoutes } from '../modules/records/uploadRoutes.js';
import { agencyRoutes } from '../modules/registry/agencyRoutes.js';
import { credentialCheckRoutes } from '../modules/registry/credentialCheckRoutes.js';
import { officerRoutes } from '../modules/registry/officerRoutes.js';
import { publicRegistryRoutes } from '../modules/registry/publicRegistryRoutes.js';
import { reviewListRoutes } from '../modules/review/reviewListRoutes.js';
import { reviewRoutes } from '../modules/review/reviewRoutes.js';
import { annualReportRoutes } from '../modules/statistics/annualReportRoutes.js';
import { accessPlugin } from './access.js';
import { DomainError, fromDatabaseError } from './errors.js';
import { fieldLabel } from './fieldLabels.js';
import { publicRateLimit } from './publicRateLimit.js';

// Zod's own messages in Chinese, for every schema in the process.
z.config(z.locales.zhCN());

const here = dirname(fileURLToPath(import.meta.url));
const webDist = resolve(here, '../../../web/dist');
export const VERSION: string = JSON.parse(readFileSync(resolve(here, '../../package.json'), 'utf8')).version;

export interface AppOptions {
  config: Pick<Config, 'secureCookies' | 'sessionHours' | 'logLevel'> &
    Partial<Pick<Config, 'publicRateLimit' | 'publicAnswers' | 'trustProxy' | 'publicBaseUrl'>>;
  database: Database;
  ledgerKeys: LedgerKeys;
  /** false in tests that do not want request logs. */
  logger?: boolean;
  /** Evidence and AV storage (main.ts passes the configured one); without it, a temporary directory removed on close. */
  files?: FileStorage;
}

export interface AppContext {
  db: Database['db'];
  config: AppOptions['config'];
  ledgerKeys: LedgerKeys;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: options.config.logLevel },
    // Finish in-flight requests on close; idle keep-alive connections are closed at once.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    // TRUST_PROXY (docs/operations.md): the client address (rate limit, logs) from X-Forwarded-For.
    trustProxy: fastifyTrustProxy(options.config.trustProxy),
  });
  // Graceful shutdown: Fastify stops new requests and closes idle connections, but a keep-alive
  // connection busy at that moment would stay open after its response until the keep-alive
  // timeout (72 s). Responses sent while closing therefore ask the client to close.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) {
      return reply
        .status(err.status)
        .send({ code: err.code, message: err.message, field: err.field, errors: err.errors });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issue = err.validation[0];
      const path = issue?.instancePath.split('/').filter(Boolean) ?? [];
      const label = fieldLabel(path);
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: `${label}：${issue?.message ?? '格式不正确'}`,
        field: path[path.length - 1],
        errors: err.validation.map((v) => ({
          field: v.instancePath.split('/').filter(Boolean).pop(),
          message: `${fieldLabel(v.instancePath.split('/').filter(Boolean))}：${v.message}`,
        })),
      });
    }
    const dbError = fromDatabaseError(err);
    if (dbError) {
      return reply.status(dbError.status).send({ code: dbError.code, message: dbError.message, field: dbError.field });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? '请求内容不是有效的 JSON'
          : err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? '上传内容过大'
            : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? '不支持的请求内容类型'
              : '请求无效';
      return reply.status(err.statusCode).send({ code: 'BAD_REQUEST', message });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' });
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '三项 · 行政执法三项制度管理平台 API', version: VERSION },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sx_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(publicRateLimit, { max: options.config.publicRateLimit ?? DEFAULT_PUBLIC_RATE_LIMIT });
  await app.register(accessPlugin, { db: options.database.db });

  const ctx: AppContext = { db: options.database.db, config: options.config, ledgerKeys: options.ledgerKeys };
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['系统'], summary: '健康检查：数据库可达与版本' } },
    async (_req, reply) => {
      try {
        await options.database.ping();
        return { status: 'ok', version: VERSION, database: options.database.engine };
      } catch {
        return reply.status(503).send({ status: 'unavailable', version: VERSION, database: options.database.engine });
      }
    },
  );
  await app.register(identityRoutes(ctx));
  await app.register(agencyRoutes(ctx));
  await app.register(officerRoutes(ctx));
  await app.register(publicRegistryRoutes(ctx));
  await app.register(credentialCheckRoutes(ctx));
  await app.register(publicDisclosureRoutes(ctx));
  await app.register(publicListRoutes(ctx));
  await app.register(dashboardRoutes(ctx));
  await app.register(ledgerRoutes(ctx));
  await app.register(caseRoutes(ctx));
  await app.register(instrumentRoutes(ctx));
  await app.register(instrumentSettingsRoutes(ctx));
  await app.register(calendarRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(disclosureRoutes(ctx));
  await app.register(reviewListRoutes(ctx));
  await app.register(annualReportRoutes(ctx));
  let files = options.files;
  if (!files) {
    const temporary = await temporaryFileStorage();
    app.addHook('onClose', temporary.dispose);
    files = temporary;
  }
  await app.register(uploadRoutes(ctx, files));
  await app.register(caseFileRoutes(ctx, files));

  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    // Files are looked up per request (wildcard), so a rebuilt bundle is served without a restart.
    // Hashed assets never change and are cached for a year; index.html is revalidated every time.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (res, path) => {
        res.header(
          'cache-control',
          path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: '请求的接口不存在' });
    }
    if (request.url.startsWith('/assets/')) {
      return reply.status(404).type('text/plain; charset=utf-8').send('文件不存在（前端可能已更新，请刷新页面）');
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('前端尚未构建：请运行 npm run build（npm start 会自动构建）。');
    }
    // The public portal (a second entry of the web build) and its client-side routes.
    if (/^\/portal(?:[/?#]|$)/.test(request.url)) return reply.type('text/html; charset=utf-8').sendFile('portal.html');
    // Client-side routes of the single-page app.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
  return app;
}
