import {
  DISCLOSURE_CATEGORY_LABELS,
  type DisclosureCategory,
  INSTRUMENT_CATALOG,
  type InstrumentContext,
  type InstrumentType,
  MAX_DISCLOSURE_YEARS,
  ROLES,
} from '@sanxiang/domain';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencies, agencyInstrumentSettings } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { notFound } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import { actorOf } from '../ledger/actor.js';
import { appendEntry } from '../ledger/ledgerStore.js';
import { idParams } from '../registry/registrySchemas.js';
import { agencyScopeCondition } from '../registry/registryScope.js';
import { correctInstrument, instrumentInScope, renderInstrument } from './instrumentService.js';
import { instrumentSettingsOf } from './instrumentSettings.js';

const tags = ['执法文书'];

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** Sends a rendered instrument named after its title and number (RFC 5987 for the Chinese name). */
export function sendInstrument(
  reply: FastifyReply,
  context: InstrumentContext,
  format: 'pdf' | 'docx',
  bytes: Buffer,
  disposition: 'inline' | 'attachment',
) {
  const name = INSTRUMENT_CATALOG[context.instrument.type as InstrumentType]?.name ?? '文书';
  const file = `${name}${context.instrument.number ? `（${context.instrument.number}）` : '（草稿）'}.${format}`;
  return reply
    .type(MIME[format])
    .header(
      'content-disposition',
      `${disposition}; filename="instrument.${format}"; filename*=UTF-8''${encodeURIComponent(file)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export const instrumentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/instruments/:id',
      { config: { access: ROLES }, schema: { tags, summary: '文书（冻结的内容与摘要）', params: idParams } },
      async (request) => {
        const row = await instrumentInScope(ctx.db, principalOf(request), request.params.id);
        return { ...row, name: INSTRUMENT_CATALOG[row.type as InstrumentType]?.name ?? row.type };
      },
    );

    for (const format of ['pdf', 'docx'] as const) {
      app.get(
        `/api/instruments/:id/${format}`,
        {
          config: { access: ROLES },
          schema: {
            tags,
            summary: `下载文书（${format.toUpperCase()}，由签发时冻结的内容生成）`,
            params: idParams,
            querystring: z.object({ download: z.enum(['1', '0']).default('0') }),
          },
        },
        async (request, reply) => {
          const row = await instrumentInScope(ctx.db, principalOf(request), request.params.id);
          const context = row.context as InstrumentContext;
          return sendInstrument(
            reply,
            context,
            format,
            await renderInstrument(context, format),
            request.query.download === '1' ? 'attachment' : 'inline',
          );
        },
      );
    }

    app.post(
      '/api/instruments/:id/corrections',
      {
        config: { access: ['officer', 'head'] },
        schema: {
          tags,
          summary: '更正文书（生成新版本，原版本保留并标注已被更正）',
          params: idParams,
          body: z.object({
            reason: z.string().trim().min(2, '请填写更正理由').max(500),
            fields: z.record(z.string(), z.string().max(20000)),
          }),
        },
      },
      async (request, reply) => {
        const row = await correctInstrument(ctx.db, principalOf(request), request.params.id, request.body);
        return reply.code(201).send({ id: row.id, number: row.number, version: row.version });
      },
    );
  };

const settingsBody = z.object({
  abbreviation: z.string().trim().min(1, '请填写机关代字').max(10),
  numberPattern: z
    .string()
    .trim()
    .max(60)
    .refine((s) => s.includes('{seq}') && s.includes('{year}'), '文书号格式须包含 {year} 和 {seq}'),
  reconsiderationBody: z.string().trim().min(2, '请填写行政复议机关').max(100),
  court: z.string().trim().min(2, '请填写管辖法院').max(100),
  hearingThresholdPersonFen: z.number().int().min(0),
  hearingThresholdOrganizationFen: z.number().int().min(0),
  /** 法制审核期限（工作日）; absent keeps the stored value or the default of 5. */
  reviewDays: z
    .number()
    .int()
    .min(1, '法制审核期限至少 1 个工作日')
    .max(30, '法制审核期限不超过 30 个工作日')
    .optional(),
  /** G-3a: 公示期限 in years per category and party type; absent keeps the stored value or the default. */
  publicYears: z
    .object({
      penalty: periodOf('penalty'),
      license: periodOf('license'),
      coercion: periodOf('coercion'),
      inspection: periodOf('inspection'),
    } satisfies Record<DisclosureCategory, unknown>)
    .optional(),
});

/** G-3a: one category's 公示期限 in whole years, per party type. */
function periodOf(category: DisclosureCategory) {
  return z.object({
    person: publicYearsField(category, '自然人'),
    organization: publicYearsField(category, '法人或其他组织'),
  });
}

function publicYearsField(category: DisclosureCategory, party: string) {
  const what = `${DISCLOSURE_CATEGORY_LABELS[category]}决定（${party}）的公示期限`;
  return z
    .number()
    .int(`${what}应为整数年`)
    .min(1, `${what}至少 1 年`)
    .max(MAX_DISCLOSURE_YEARS, `${what}不超过 ${MAX_DISCLOSURE_YEARS} 年`);
}

/** 文书设置 of an agency: read by its staff and supervisors, changed by its administrator. */
export const instrumentSettingsRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/agencies/:id/instrument-settings',
      {
        config: { access: ROLES },
        schema: { tags, summary: '文书设置（机关代字、文书号格式、复议机关、法院、听证较大数额）', params: idParams },
      },
      async (request) => {
        await agencyInScope(ctx.db, principalOf(request), request.params.id);
        return instrumentSettingsOf(ctx.db, request.params.id);
      },
    );
    app.put(
      '/api/agencies/:id/instrument-settings',
      {
        config: { access: ['admin'] },
        schema: { tags, summary: '修改文书设置', params: idParams, body: settingsBody },
      },
      async (request) => {
        const p = principalOf(request);
        const agency = await agencyInScope(ctx.db, p, request.params.id);
        return ctx.db.transaction(async (tx) => {
          const values = { agencyId: agency.id, ...request.body };
          await tx
            .insert(agencyInstrumentSettings)
            .values(values)
            .onConflictDoUpdate({ target: agencyInstrumentSettings.agencyId, set: request.body });
          await appendEntry(tx, {
            actor: actorOf(p),
            agencyId: agency.id,
            subjectType: 'agency',
            subjectId: agency.id,
            action: 'agency.instrumentSettings',
            payload: values,
          });
          return instrumentSettingsOf(tx, agency.id);
        });
      },
    );
  };

async function agencyInScope(db: AppContext['db'], p: Principal, id: number) {
  const [row] = await db
    .select()
    .from(agencies)
    .where(and(eq(agencies.id, id), agencyScopeCondition(p.scope)));
  if (!row) throw notFound('执法主体');
  return row;
}
