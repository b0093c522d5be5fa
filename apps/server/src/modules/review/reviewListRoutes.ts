import { ROLES } from '@sanxiang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { DomainError, forbidden, notFound } from '../../http/errors.js';
import { hasRole, type Principal } from '../identity/principal.js';
import { sendXlsx, uploadedFile } from '../registry/excelReply.js';
import { exportList, parseEntries, readListWorkbook } from './reviewListExcel.js';
import {
  currentVersion,
  type ListVersion,
  listAgency,
  listVersions,
  REVIEW_LISTS,
  type ReviewListKind,
  saveVersion,
  versionById,
} from './reviewLists.js';

const tags = ['法制审核'];
/** Who may save a new version of a list. */
const EDITORS = ['admin', 'head', 'reviewer'] as const;

const kindParams = z.object({
  kind: z.string().describe('catalog（重大执法决定法制审核目录清单）或 benchmarks（行政处罚裁量基准）'),
});
const agencyQuery = z.object({ agencyId: z.coerce.number().int().positive().optional() });
const reasonText = z
  .string({ error: '请写明调整原因（如法律法规规章立改废）' })
  .trim()
  .min(1, '请写明调整原因（如法律法规规章立改废）')
  .max(500, '调整原因不能超过500个字');

/** The kind named in the URL; any other word is a list that does not exist. */
function kindOf(kind: string): ReviewListKind {
  if (kind === 'catalog' || kind === 'benchmarks') return kind;
  throw new DomainError(
    'NOT_FOUND',
    '没有这种清单：只有重大执法决定法制审核目录清单（catalog）和行政处罚裁量基准（benchmarks）',
    404,
  );
}

/** Whether the caller may save a new version of this agency's lists: editors of the agency itself; the justice bureau's administrator for an agency of its region. */
function mayEdit(p: Principal, agencyId: number): boolean {
  return hasRole(p, ...EDITORS) && (agencyId === p.agencyId || hasRole(p, 'admin'));
}

/** The agency whose list the caller saves (scope first: out of scope is 404, whatever the body). */
async function editableAgency(db: Db, p: Principal, agencyId: number | undefined) {
  const agency = await listAgency(db, p, agencyId);
  if (!mayEdit(p, agency.id)) {
    throw forbidden(
      '负责人、法制审核人员只能调整本单位的目录清单和裁量基准；其他执法主体的由本辖区司法行政机关的系统管理员调整',
    );
  }
  return agency;
}

const versionView = <T>(v: ListVersion<T>) => ({
  id: v.id,
  version: v.version,
  entries: v.entries,
  reason: v.reason,
  createdAt: v.createdAt,
});

const fileName = (agencyName: string, kind: ReviewListKind, v: ListVersion<unknown>) =>
  `${agencyName}${REVIEW_LISTS[kind].label}_${v.id === null ? '系统默认' : `第${v.version}版`}`;

/**
 * The two versioned lists of legal review (S-6): 重大执法决定法制审核目录清单 (`catalog`) and 行政处罚裁量基准
 * (`benchmarks`) of an agency. Staff read their own agency's, the justice bureau any agency's of its region
 * (`?agencyId`); a change is always a whole new version with its reason, in JSON or as a workbook.
 */
export const reviewListRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/review/lists/:kind',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '目录清单或裁量基准：当前版本和版本历史（本单位；司法行政机关为本辖区执法主体，?agencyId）',
          params: kindParams,
          querystring: agencyQuery,
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await listAgency(ctx.db, p, request.query.agencyId);
        const [current, versions] = await Promise.all([
          currentVersion(ctx.db, kind, agency.id),
          listVersions(ctx.db, kind, agency.id),
        ]);
        return {
          agencyId: agency.id,
          agencyName: agency.name,
          canEdit: mayEdit(p, agency.id),
          current: versionView(current),
          versions,
        };
      },
    );

    app.get(
      '/api/review/lists/:kind/versions/:id',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '目录清单或裁量基准的某一历史版本（只读）',
          params: kindParams.extend({ id: z.coerce.number().int().positive() }),
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const version = await versionById(ctx.db, kind, request.params.id);
        const { agencyId } = version as ListVersion<unknown> & { agencyId: number };
        try {
          await listAgency(ctx.db, p, agencyId);
        } catch (err) {
          if (err instanceof DomainError && err.status === 404) throw notFound(REVIEW_LISTS[kind].label);
          throw err;
        }
        return { ...versionView(version), agencyId };
      },
    );

    app.put(
      '/api/review/lists/:kind',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: '保存目录清单或裁量基准的新版本（整份清单，须写明调整原因；原版本保留）',
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
        const entries = parseEntries(kind, request.body.entries);
        return versionView(await saveVersion(ctx.db, p, kind, agency.id, entries, request.body.reason));
      },
    );

    app.get(
      '/api/review/lists/:kind.xlsx',
      {
        config: { access: ROLES },
        schema: {
          tags,
          summary: '导出目录清单或裁量基准的当前版本（Excel，同时作为导入模板）',
          params: kindParams,
          querystring: agencyQuery,
        },
      },
      async (request, reply) => {
        const kind = kindOf(request.params.kind);
        const agency = await listAgency(ctx.db, principalOf(request), request.query.agencyId);
        const current = await currentVersion(ctx.db, kind, agency.id);
        return sendXlsx(reply, fileName(agency.name, kind, current), await exportList(kind, agency.name, current));
      },
    );

    app.post(
      '/api/review/lists/:kind/import',
      {
        config: { access: EDITORS },
        schema: {
          tags,
          summary: '导入目录清单或裁量基准（Excel，整份文件保存为新版本，须写明调整原因；有错误时不导入并逐行说明）',
          params: kindParams,
          querystring: agencyQuery.extend({ reason: reasonText }),
        },
      },
      async (request) => {
        const kind = kindOf(request.params.kind);
        const p = principalOf(request);
        const agency = await editableAgency(ctx.db, p, request.query.agencyId);
        const entries = await readListWorkbook(kind, await uploadedFile(request));
        return versionView(await saveVersion(ctx.db, p, kind, agency.id, entries, request.query.reason));
      },
    );
  };
