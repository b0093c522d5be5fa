import {
  AV_LEVEL_LABELS,
  type AvListEntry,
  PROCEDURE_LABELS,
  PROCEDURES,
  PUBLIC_LIST_KINDS,
  PUBLIC_LIST_LABELS,
  type PublicListKind,
  ROLES,
  shanghaiDate,
  WORKFLOWS,
} from '@sanxiang/domain';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Executor } from '../../db/connection.js';
import { agencies, avRequirements } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import type { Principal } from '../identity/principal.js';
import { sendXlsx, uploadedFile } from '../registry/excelReply.js';
import { currentVersion, REVIEW_LISTS } from '../review/reviewLists.js';
import { exportVersion, listTemplate, readListWorkbook } from './publicListExcel.js';
import {
  approveVersion,
  kindOf,
  LIST_EDITORS,
  listAgencyOf,
  listsOverview,
  mayEdit,
  mayReview,
  publishedHistory,
  publishedVersion,
  publishedVersionByNumber,
  returnVersion,
  saveDraft,
  submitDraft,
  type VersionRow,
  versionForStaff,
  versionsOf,
} from './publicLists.js';

const tags = ['事前公开'];
const publicTags = ['公开信息'];

const kindParams = z.object({
  kind: z.string().describe('matters（行政执法事项清单）、spotChecks（随机抽查事项清单）或 serviceGuides（服务指南）'),
});
const idParams = z.object({ id: z.coerce.number().int().positive() });
const agencyQuery = z.object({ agencyId: z.coerce.number().int().positive().optional() });
const reasonText = z
  .string({ error: '请写明调整原因（S-6，如法律法规规章立改废、机构职能调整）' })
  .trim()
  .min(1, '请写明调整原因（S-6，如法律法规规章立改废、机构职能调整）')
  .max(500, '调整原因不能超过500个字');

const versionView = (row: VersionRow | undefined | null) =>
  row
    ? {
        id: row.id,
        kind: row.kind,
        version: row.version,
        status: row.status,
        entries: row.entries,
        reason: row.reason,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        submittedAt: row.submittedAt,
        reviewedAt: row.reviewedAt,
        reviewOpinion: row.reviewOpinion,
        publishedAt: row.publishedAt,
      }
    : null;

/** The agency whose lists the caller writes (scope first: out of scope is 404, whatever the body). */
async function editableAgency(db: Executor, p: Principal, agencyId: number | undefined) {
  const agency = await listAgencyOf(db, p, agencyId);
  if (!mayEdit(p, agency.id)) {
    throw forbidden('执法人员、负责人和系统管理员可以编辑本单位的事前公开清单；其他执法主体的由其本单位人员编辑');
  }
  return agency;
}

/** A public agency (an enforcement body; a justice bureau has no lists of its own). */
async function publicAgency(db: Executor, id: number) {
  const [agency] = await db
    .select({ id: agencies.id, name: agencies.name, role: agencies.role })
    .from(agencies)
    .where(eq(agencies.id, id));
  if (!agency) throw notFound('执法主体');
  return agency;
}

/**
 * The agency's 音像记录事项清单 (G-6) as it applies today: every step of every procedure that must or
 * should be recorded: the agency's own row in `av_requirements` where it has one, else the workflow
 * definition's default, which is what the case guards enforce (caseGuards.ts avLevel).
 */
async function avList(db: Executor, agencyId: number, published?: { entries: unknown } | null) {
  const notes = new Map(((published?.entries ?? []) as AvListEntry[]).map((e) => [e.code, e.note]));
  const rows = await db
    .select({ procedure: avRequirements.procedure, step: avRequirements.step, level: avRequirements.level })
    .from(avRequirements)
    .where(and(eq(avRequirements.agencyId, agencyId)));
  const own = new Map(rows.map((r) => [`${r.procedure}/${r.step}`, r.level]));
  return PROCEDURES.flatMap((procedure) =>
    WORKFLOWS[procedure].steps.flatMap((step) => {
      const mine = own.get(`${procedure}/${step.id}`) as 'full' | 'asNeeded' | 'none' | undefined;
      const level = mine ?? step.av ?? 'none';
      if (level !== 'full' && level !== 'asNeeded') return [];
      return [
        {
          procedure,
          procedureLabel: PROCEDURE_LABELS[procedure],
          step: step.id,
          stepLabel: step.label,
          level,
          levelLabel: AV_LEVEL_LABELS[level],
          note: notes.get(`${procedure}:${step.id}`) ?? '',
          source: mine ? '本单位清单' : '流程定义',
        },
      ];
    }),
  );
}

const PUBLIC_KINDS = [...PUBLIC_LIST_KINDS, 'catalog', 'benchmarks'] as const;
type PublicKind = (typeof PUBLIC_KINDS)[number];
const PUBLIC_KIND_LABELS: Record<PublicKind, string> = {
  ...PUBLIC_LIST_LABELS,
  catalog: REVIEW_LISTS.catalog.label,
  benchmarks: REVIEW_LISTS.benchmarks.label,
};

function publicKindOf(kind: string): PublicKind {
  if ((PUBLIC_KINDS as readonly string[]).includes(kind)) return kind as PublicKind;
  throw new DomainError('NOT_FOUND', '没有这种公示清单', 404);
}

/**
 * 事前公开 (issue 6): the console's routes to write, submit, review and export an agency's lists, and the
 * public routes the portal reads (only published versions, ever).
 */
export const publicListRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // ------------------------------------------------------------------------------- console

    app.get(
      '/api/public-lists',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '事前公开清单概况：每种清单的现行公示版本和在办版本（草稿、待审核、已退回）',
          querystring: agencyQuery,
        },
      },
      async (request) => {
        const p = principalOf(request);
        const agency = await listAgencyOf(ctx.db, p, request.query.agencyId);
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          canEdit: mayEdit(p, agency.id),
          canReview: mayReview(p, agency.id),
          lists: await listsOverview(ctx.db, agency.id),
        };
      },
    );

    app.get(
      '/api/public-lists/:kind',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '一种事前公开清单：现行公示版本、在办版本和版本历史',
          params: kindParams,
          querystring: agencyQuery,
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await listAgencyOf(ctx.db, p, request.query.agencyId);
        const versions = await versionsOf(ctx.db, agency.id, kind);
        const open = versions.find((v) => ['draft', 'submitted', 'returned'].includes(v.status));
        const [published, openRow] = await Promise.all([
          publishedVersion(ctx.db, agency.id, kind),
          open ? versionForStaff(ctx.db, p, open.id) : Promise.resolve(null),
        ]);
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          kind,
          label: PUBLIC_LIST_LABELS[kind],
          canEdit: mayEdit(p, agency.id),
          canReview: mayReview(p, agency.id),
          published: versionView(published),
          open: versionView(openRow),
          versions,
        };
      },
    );

    app.get(
      '/api/public-lists/versions/:id',
      {
        config: { access: ROLES },
        schema: { tags, summary: '事前公开清单的某一版本（任何状态；本单位或本辖区）', params: idParams },
      },
      async (request) => {
        const row = await versionForStaff(ctx.db, principalOf(request), request.params.id);
        return { ...versionView(row), agencyId: row.agencyId };
      },
    );

    app.get(
      '/api/public-lists/versions/:id/export.xlsx',
      {
        config: { access: ROLES },
        schema: { tags, summary: '导出事前公开清单的某一版本（Excel，可作为导入文件）', params: idParams },
      },
      async (request, reply) => {
        const row = await versionForStaff(ctx.db, principalOf(request), request.params.id);
        const [agency] = await ctx.db
          .select({ name: agencies.name })
          .from(agencies)
          .where(eq(agencies.id, row.agencyId));
        const name = agency?.name ?? '';
        return sendXlsx(
          reply,
          `${name}${PUBLIC_LIST_LABELS[row.kind as PublicListKind]}_第${row.version}版`,
          await exportVersion(name, row),
        );
      },
    );

    app.get(
      '/api/public-lists/:kind/template.xlsx',
      {
        config: { access: ROLES },
        schema: { tags, summary: '事前公开清单的导入模板（Excel）', params: kindParams, querystring: agencyQuery },
      },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        const agency = await listAgencyOf(ctx.db, principalOf(request), request.query.agencyId);
        return sendXlsx(
          reply,
          `${agency.name}${PUBLIC_LIST_LABELS[kind]}_导入模板`,
          await listTemplate(kind, agency.name),
        );
      },
    );

    app.put(
      '/api/public-lists/:kind/draft',
      {
        config: { access: LIST_EDITORS },
        schema: {
          tags,
          summary: '保存清单草稿（整份清单，须写明调整原因 S-6；提交法制机构审核通过后才公开）',
          params: kindParams,
          body: z.object({
            agencyId: z.number().int().positive().optional(),
            entries: z.unknown(),
            reason: reasonText,
          }),
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await editableAgency(ctx.db, p, request.body.agencyId);
        return versionView(await saveDraft(ctx.db, p, kind, agency.id, request.body.entries, request.body.reason));
      },
    );

    app.post(
      '/api/public-lists/:kind/import',
      {
        config: { access: LIST_EDITORS },
        schema: {
          tags,
          summary: '导入清单（Excel，整份文件保存为草稿，须写明调整原因；有错误时不导入并逐行说明）',
          params: kindParams,
          querystring: agencyQuery.extend({ reason: reasonText }),
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await editableAgency(ctx.db, p, request.query.agencyId);
        const entries = await readListWorkbook(kind, await uploadedFile(request));
        return versionView(await saveDraft(ctx.db, p, kind, agency.id, entries, request.query.reason));
      },
    );

    app.post(
      '/api/public-lists/:kind/submit',
      {
        config: { access: LIST_EDITORS },
        schema: {
          tags,
          summary: '将清单草稿提交本单位法制机构审核',
          params: kindParams,
          body: z.object({ agencyId: z.number().int().positive().optional() }).optional(),
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await editableAgency(ctx.db, p, request.body?.agencyId);
        return versionView(await submitDraft(ctx.db, p, kind, agency.id));
      },
    );

    app.post(
      '/api/public-lists/versions/:id/approve',
      {
        config: { access: ['reviewer'] },
        schema: {
          tags,
          summary: '法制机构审核通过清单版本（公开，原公示版本转为历史版本）',
          params: idParams,
          body: z.object({ opinion: z.string().trim().max(1000, '审核意见不能超过1000个字').optional() }).optional(),
        },
      },
      async (request) =>
        versionView(await approveVersion(ctx.db, principalOf(request), request.params.id, request.body?.opinion)),
    );

    app.post(
      '/api/public-lists/versions/:id/return',
      {
        config: { access: ['reviewer'] },
        schema: {
          tags,
          summary: '法制机构退回清单版本（须写明审核意见）',
          params: idParams,
          body: z.object({
            opinion: z
              .string({ error: '退回时须写明审核意见（需要修改的内容）' })
              .trim()
              .min(1, '退回时须写明审核意见（需要修改的内容）')
              .max(1000, '审核意见不能超过1000个字'),
          }),
        },
      },
      async (request) =>
        versionView(await returnVersion(ctx.db, principalOf(request), request.params.id, request.body.opinion)),
    );

    // -------------------------------------------------------------------------------- public

    app.get(
      '/api/public/agencies/:id/lists',
      {
        config: { access: 'public' },
        schema: {
          tags: publicTags,
          summary: '执法主体的事前公开清单目录（现行版本号和公示日期）及执法流程图',
          params: idParams,
        },
      },
      async (request) => {
        const agency = await publicAgency(ctx.db, request.params.id);
        if (agency.role !== 'agency')
          return { agencyId: agency.id, agencyName: agency.name, lists: [], flowcharts: [] };
        const [overview, av, catalog, benchmarks] = await Promise.all([
          listsOverview(ctx.db, agency.id),
          avList(ctx.db, agency.id),
          currentVersion(ctx.db, 'catalog', agency.id),
          currentVersion(ctx.db, 'benchmarks', agency.id),
        ]);
        const avPublished = overview.find((o) => o.kind === 'avList')?.published;
        const lists = [
          ...overview
            .filter((o) => o.published && o.kind !== 'avList')
            .map((o) => ({
              kind: o.kind as PublicKind,
              label: o.label,
              version: o.published?.version ?? null,
              publishedOn: o.published?.publishedAt ? shanghaiDate(o.published.publishedAt) : null,
              count: o.published?.count ?? 0,
            })),
          // Always there: until the agency publishes its own, the workflow definitions' defaults apply.
          {
            kind: 'avList' as const,
            label: PUBLIC_KIND_LABELS.avList,
            version: avPublished?.version ?? null,
            publishedOn: avPublished?.publishedAt ? shanghaiDate(avPublished.publishedAt) : null,
            count: av.length,
          },
          ...[
            ['catalog', catalog],
            ['benchmarks', benchmarks],
          ].map(([kind, v]) => {
            const version = v as Awaited<ReturnType<typeof currentVersion>>;
            return {
              kind: kind as PublicKind,
              label: PUBLIC_KIND_LABELS[kind as PublicKind],
              version: version.id === null ? null : version.version,
              publishedOn: version.createdAt ? shanghaiDate(version.createdAt) : null,
              count: version.entries.length,
            };
          }),
        ];
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          lists,
          flowcharts: PROCEDURES.map((procedure) => ({
            procedure,
            label: PROCEDURE_LABELS[procedure],
            href: `/api/workflows/${procedure}/flowchart.svg`,
          })),
        };
      },
    );

    const publicListReply = async (agencyId: number, rawKind: string, versionNo?: number) => {
      const kind = publicKindOf(rawKind);
      const agency = await publicAgency(ctx.db, agencyId);
      if (agency.role !== 'agency') throw notFound('清单');
      const base = { agencyId: agency.id, agencyName: agency.name, kind, label: PUBLIC_KIND_LABELS[kind] };
      if (kind === 'avList') {
        // The list as the case guards apply it: the published version over the definitions' defaults.
        if (versionNo !== undefined) throw notFound('清单版本');
        const published = await publishedVersion(ctx.db, agency.id, 'avList');
        return {
          ...base,
          version: published?.version ?? null,
          publishedOn: published?.publishedAt ? shanghaiDate(published.publishedAt) : null,
          reason: published?.reason ?? null,
          entries: await avList(ctx.db, agency.id, published),
          history: [],
        };
      }
      if (kind === 'catalog' || kind === 'benchmarks') {
        if (versionNo !== undefined) throw notFound('清单版本');
        const v = await currentVersion(ctx.db, kind, agency.id);
        return {
          ...base,
          version: v.id === null ? null : v.version,
          publishedOn: v.createdAt ? shanghaiDate(v.createdAt) : null,
          reason: v.reason,
          entries: v.entries,
          history: [],
        };
      }
      // Only published (current or superseded) versions are ever public.
      const row =
        versionNo === undefined
          ? await publishedVersion(ctx.db, agency.id, kind)
          : await publishedVersionByNumber(ctx.db, agency.id, kind, versionNo);
      if (!row) {
        throw new DomainError(
          'NOT_FOUND',
          `${agency.name}尚未公示${versionNo ? `第${versionNo}版` : ''}${PUBLIC_LIST_LABELS[kind]}`,
          404,
        );
      }
      const history = await publishedHistory(ctx.db, agency.id, kind);
      return {
        ...base,
        version: row.version,
        current: row.status === 'published',
        publishedOn: row.publishedAt ? shanghaiDate(row.publishedAt) : null,
        reason: row.reason,
        entries: row.entries,
        history: history.map((h) => ({
          version: h.version,
          reason: h.reason,
          current: h.status === 'published',
          publishedOn: h.publishedAt ? shanghaiDate(h.publishedAt) : null,
        })),
      };
    };

    app.get(
      '/api/public/agencies/:id/lists/:kind',
      {
        config: { access: 'public' },
        schema: {
          tags: publicTags,
          summary:
            '执法主体的一种公示清单（现行版本）：matters、spotChecks、serviceGuides、avList（音像记录事项清单）、catalog（重大执法决定法制审核目录清单）、benchmarks（行政处罚裁量基准）',
          params: idParams.extend({ kind: z.string() }),
        },
      },
      async (request) => publicListReply(request.params.id, request.params.kind),
    );

    app.get(
      '/api/public/agencies/:id/lists/:kind/versions/:version',
      {
        config: { access: 'public' },
        schema: {
          tags: publicTags,
          summary: '执法主体某种清单的历史公示版本（只含曾经公示的版本）',
          params: idParams.extend({ kind: z.string(), version: z.coerce.number().int().positive() }),
        },
      },
      async (request) => publicListReply(request.params.id, request.params.kind, request.params.version),
    );
  };
