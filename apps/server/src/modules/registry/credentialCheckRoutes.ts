import { ROLES, shanghaiDate } from '@sanxiang/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { DomainError } from '../../http/errors.js';
import {
  agencyContacts,
  checkCredential,
  credentialCheckUrl,
  ensureCheckCode,
  officersForPrint,
  reissueCheckCode,
} from './credentialCheck.js';
import { idParams } from './registrySchemas.js';

// qrcode and the printouts (credentialPrint.ts: pdfkit and the PDF renderer) are imported on first
// use, like the other renderers (docs/architecture.md "Lazy loading"): ~35 MB of RSS otherwise.

const tags = ['事中公示'];
const staff = ROLES;

/** `1,2,3` → [1, 2, 3] (a query string list, as links and forms send it). */
const idList = (max: number) =>
  z
    .string()
    .trim()
    .min(1, '请选择人员')
    .transform((s, c) => {
      const ids = s.split(',').map((x) => Number(x.trim()));
      if (ids.some((n) => !Number.isInteger(n) || n <= 0)) {
        c.addIssue({ code: 'custom', message: '人员编号应为以逗号分隔的正整数' });
        return z.NEVER;
      }
      if (new Set(ids).size > max) {
        c.addIssue({ code: 'custom', message: `一次最多选择 ${max} 人` });
        return z.NEVER;
      }
      return ids;
    });

function pdf(reply: FastifyReply, baseName: string, body: Buffer) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${baseName}.pdf`)}`)
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * 事中公示 (issue 6): credential QR codes, the public check they open, 岗位信息公示牌 and QR cards.
 * The public check lives under /api/public/, so the public rate limit applies to it.
 */
export const credentialCheckRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    /** The origin printed in QR codes: PUBLIC_BASE_URL, else the origin this request came to. */
    const baseUrl = (request: FastifyRequest) => ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;

    app.get(
      '/api/public/credential-checks/:code',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            '执法证件核验（公开）：扫码查询证件今日是否有效，及持证人姓名、执法主体、执法类别、区域、证号、有效期',
          params: z.object({ code: z.string().max(64) }),
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return checkCredential(ctx.db, request.params.code, shanghaiDate());
      },
    );

    app.get(
      '/api/officers/:id/credential-qr',
      {
        config: { access: staff },
        schema: { tags, summary: '执法证件核验二维码的网址（首次调用时生成核验码并记入全过程记录）', params: idParams },
      },
      async (request) => {
        const r = await ensureCheckCode(ctx.db, principalOf(request), request.params.id);
        return { url: credentialCheckUrl(baseUrl(request), r.code), issuedAt: r.issuedAt };
      },
    );

    app.get(
      '/api/officers/:id/credential-qr.svg',
      {
        config: { access: staff },
        schema: { tags, summary: '执法证件核验二维码（SVG）', params: idParams },
      },
      async (request, reply) => {
        const r = await ensureCheckCode(ctx.db, principalOf(request), request.params.id);
        const QRCode = (await import('qrcode')).default;
        const svg = await QRCode.toString(credentialCheckUrl(baseUrl(request), r.code), {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        return reply
          .header('content-type', 'image/svg+xml; charset=utf-8')
          .header('cache-control', 'private, no-cache')
          .send(svg);
      },
    );

    app.post(
      '/api/officers/:id/credential-qr/reissue',
      {
        config: { access: ['admin'] },
        schema: {
          tags,
          summary: '重新生成执法证件核验二维码（证件遗失等；原二维码立即作废，须填写原因）',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(2, '请填写重新生成的原因').max(200) }),
        },
      },
      async (request) => {
        const r = await reissueCheckCode(ctx.db, principalOf(request), request.params.id, request.body.reason);
        return { url: credentialCheckUrl(baseUrl(request), r.code), issuedAt: r.issuedAt };
      },
    );

    app.get(
      '/api/officers/credential-cards.pdf',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '打印执法证件核验二维码卡（PDF，每张 A4 十张卡片）',
          querystring: z.object({ officerIds: idList(200) }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const list = await officersForPrint(ctx.db, p, request.query.officerIds);
        const today = shanghaiDate();
        const cards = [];
        for (const o of list) {
          const r = await ensureCheckCode(ctx.db, p, o.id);
          cards.push({
            ...o,
            checkUrl: credentialCheckUrl(baseUrl(request), r.code),
            validToday: o.credentialValidToday,
          });
        }
        const name = list.length === 1 ? `执法证件核验二维码-${list[0]?.name}` : '执法证件核验二维码';
        const { renderCredentialCards } = await import('./credentialPrint.js');
        return pdf(reply, name, await renderCredentialCards(cards, today));
      },
    );

    app.get(
      '/api/officers/post-board.pdf',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: '打印岗位信息公示牌（PDF，A4 横版，1—4 名工作人员）',
          querystring: z.object({
            officerIds: idList(4),
            windowName: z.string().trim().min(1, '请填写窗口名称').max(30),
            business: z.string().trim().max(120).default(''),
            duties: z.string().trim().max(200).default(''),
            progressQuery: z.string().trim().max(80).default(''),
          }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const q = request.query;
        const list = await officersForPrint(ctx.db, p, q.officerIds);
        const agencyIds = [...new Set(list.map((o) => o.agencyId))];
        if (agencyIds.length !== 1) {
          throw new DomainError('VALIDATION_FAILED', '同一块公示牌上的工作人员须属于同一执法主体', 400, 'officerIds');
        }
        const agency = (await agencyContacts(ctx.db, agencyIds)).get(agencyIds[0] as number);
        if (!agency) throw new Error('agency of an officer not found');
        const officers = [];
        for (const o of list) {
          const url = o.credentialNo
            ? credentialCheckUrl(baseUrl(request), (await ensureCheckCode(ctx.db, p, o.id)).code)
            : null;
          officers.push({ ...o, checkUrl: url, validToday: o.credentialValidToday });
        }
        const { renderPostBoard } = await import('./credentialPrint.js');
        const body = await renderPostBoard({
          agencyName: agency.name,
          windowName: q.windowName,
          business: q.business,
          duties: q.duties,
          progressQuery: q.progressQuery,
          officePhone: agency.officePhone,
          complaintPhone: agency.complaintPhone,
          portalUrl: `${baseUrl(request)}/portal/`,
          date: shanghaiDate(),
          officers,
        });
        return pdf(reply, `岗位信息公示牌-${q.windowName}`, body);
      },
    );
  };
