import {
  ACTION_KIND_LABELS,
  ANNUAL_REPORT_STATUS_LABELS,
  type AnnualReportDocument,
  reportSections,
  shanghaiDate,
} from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { annualReports } from '../../db/schema.js';
import { principalOf } from '../../http/access.js';
import type { AppContext } from '../../http/app.js';
import { notFound } from '../../http/errors.js';
import { XLSX_TYPE } from '../registry/excelReply.js';
import { annualReportPdf, annualReportXlsx, reportFileName } from './annualReportExport.js';
import {
  type AnnualReportRow,
  generateDraft,
  listReports,
  publishedReports,
  publishReport,
  regenerateDraft,
  reportInScope,
  reportView,
  returnReport,
  saveNotes,
  submitReport,
} from './annualReportService.js';

const tags = ['统计年报'];
const STAFF = ['admin', 'officer', 'reviewer', 'head', 'supervisor'] as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });
const versionBody = z.object({ expectedVersion: z.number().int().positive().optional() });
const noteText = z.string().trim().max(2000, '意见不能超过2000个字');

/** The layout the report prints (sections held, in the published order), for clients drawing the table. */
const layoutOf = (row: Pick<AnnualReportRow, 'heldKinds'>) =>
  reportSections(row.heldKinds as never).map((s) => ({
    key: s.key,
    title: s.title,
    kind: s.kind ?? null,
    rows: s.rows.map((r) => ({
      key: r.key,
      label: r.label,
      unit: r.unit,
      level: r.level ?? 0,
      noSource: !!r.noSource,
    })),
  }));

const documentOf = (row: AnnualReportRow): AnnualReportDocument => ({
  subjectName: row.subjectName,
  year: row.year,
  heldKinds: row.heldKinds as AnnualReportDocument['heldKinds'],
  figures: row.figures as AnnualReportDocument['figures'],
  notes: row.notes,
  date: row.publishedOn ?? row.draftedOn,
  published: row.status === 'published',
});

async function sendFile(reply: FastifyReply, row: AnnualReportRow, format: 'xlsx' | 'pdf') {
  const doc = documentOf(row);
  const body = format === 'xlsx' ? await annualReportXlsx(doc) : await annualReportPdf(doc);
  return reply
    .type(format === 'xlsx' ? XLSX_TYPE : 'application/pdf')
    .header(
      'content-disposition',
      `${format === 'pdf' ? 'inline' : 'attachment'}; filename="annual-report.${format}"; filename*=UTF-8''${reportFileName(doc, format)}`,
    )
    .send(body);
}

/** Public fields of a published report (nothing about who drafted or reviewed it internally). */
const publicView = (row: AnnualReportRow) => ({
  id: row.id,
  kind: row.regionCode ? 'region' : 'agency',
  agencyId: row.regionCode ? null : row.agencyId,
  regionCode: row.regionCode,
  subjectName: row.subjectName,
  title: `${row.subjectName}${row.year}年度行政执法数据统计表`,
  year: row.year,
  heldKinds: row.heldKinds,
  heldKindLabels: row.heldKinds.map((k) => ACTION_KIND_LABELS[k as keyof typeof ACTION_KIND_LABELS] ?? k),
  figures: row.figures,
  notes: row.notes,
  dueOn: row.dueOn,
  publishedOn: row.publishedOn,
  publishedLate: row.publishedOn !== null && row.publishedOn > row.dueOn,
});

export const annualReportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/annual-reports',
      {
        config: { access: STAFF },
        schema: {
          tags,
          summary: '行政执法统计年报列表（本单位或本辖区）',
          querystring: z.object({ year: z.coerce.number().int().optional() }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        return { items: await listReports(ctx.db, p, request.query), statusLabels: ANNUAL_REPORT_STATUS_LABELS };
      },
    );

    app.post(
      '/api/annual-reports',
      {
        config: { access: ['admin', 'officer', 'head', 'supervisor'] },
        schema: {
          tags,
          summary: '生成年报草稿（G-4；已有草稿则重新生成）',
          body: z.object({
            year: z.number({ error: '请选择统计年度' }).int('统计年度应为整数'),
            region: z.boolean().optional(),
          }),
        },
      },
      async (request, reply) => {
        const p = principalOf(request);
        const row = await generateDraft(ctx.db, p, request.body);
        return reply.status(201).send(await reportView(ctx.db, row, p));
      },
    );

    app.get(
      '/api/annual-reports/:id',
      { config: { access: STAFF }, schema: { tags, summary: '年报（数据、说明、状态）', params: idParams } },
      async (request) => {
        const p = principalOf(request);
        const row = await reportInScope(ctx.db, p, request.params.id);
        return { ...(await reportView(ctx.db, row, p)), sections: layoutOf(row) };
      },
    );

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(
        `/api/annual-reports/:id.${format}`,
        {
          config: { access: STAFF },
          schema: { tags, summary: `下载年报（${format.toUpperCase()}）`, params: idParams },
        },
        async (request, reply) =>
          sendFile(reply, await reportInScope(ctx.db, principalOf(request), request.params.id), format),
      );
    }

    app.post(
      '/api/annual-reports/:id/regenerate',
      {
        config: { access: ['admin', 'officer', 'head', 'supervisor'] },
        schema: { tags, summary: '重新生成草稿（按当前数据重新统计）', params: idParams, body: versionBody },
      },
      async (request) => {
        const p = principalOf(request);
        const row = await regenerateDraft(ctx.db, p, request.params.id, request.body.expectedVersion);
        return reportView(ctx.db, row, p);
      },
    );

    app.put(
      '/api/annual-reports/:id/notes',
      {
        config: { access: ['admin', 'officer', 'head', 'supervisor'] },
        schema: {
          tags,
          summary: '填写年报说明',
          params: idParams,
          body: versionBody.extend({ notes: z.string().trim().max(5000, '说明不能超过5000个字') }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const row = await saveNotes(ctx.db, p, request.params.id, request.body.notes, request.body.expectedVersion);
        return reportView(ctx.db, row, p);
      },
    );

    app.post(
      '/api/annual-reports/:id/submit',
      {
        config: { access: ['admin', 'officer', 'head', 'supervisor'] },
        schema: { tags, summary: '提交审核', params: idParams, body: versionBody },
      },
      async (request) => {
        const p = principalOf(request);
        return reportView(ctx.db, await submitReport(ctx.db, p, request.params.id, request.body.expectedVersion), p);
      },
    );

    app.post(
      '/api/annual-reports/:id/return',
      {
        config: { access: ['reviewer', 'head', 'supervisor'] },
        schema: { tags, summary: '审核退回', params: idParams, body: versionBody.extend({ note: noteText }) },
      },
      async (request) => {
        const p = principalOf(request);
        const row = await returnReport(ctx.db, p, request.params.id, request.body.note, request.body.expectedVersion);
        return reportView(ctx.db, row, p);
      },
    );

    app.post(
      '/api/annual-reports/:id/publish',
      {
        config: { access: ['reviewer', 'head', 'supervisor'] },
        schema: {
          tags,
          summary: '审核通过并公开（G-4：每年1月31日前）',
          params: idParams,
          body: versionBody.extend({ note: noteText.optional() }),
        },
      },
      async (request) => {
        const p = principalOf(request);
        const row = await publishReport(
          ctx.db,
          p,
          request.params.id,
          request.body.note ?? '',
          request.body.expectedVersion,
          shanghaiDate(),
        );
        return reportView(ctx.db, row, p);
      },
    );

    // Public: published reports only.
    app.get(
      '/api/public/reports',
      {
        config: { access: 'public' },
        schema: {
          tags: ['公开信息'],
          summary: '已公开的行政执法统计年报',
          querystring: z.object({
            regionCode: z
              .string()
              .regex(/^\d{6}$/, '行政区划代码应为6位数字')
              .optional(),
            agencyId: z.coerce.number().int().positive().optional(),
          }),
        },
      },
      async (request) => {
        const rows = await publishedReports(ctx.db, request.query);
        return {
          items: rows.map((r) => {
            const { figures: _f, notes: _n, ...rest } = publicView(r);
            return rest;
          }),
        };
      },
    );

    const publishedById = async (id: number) => {
      const [row] = await ctx.db.select().from(annualReports).where(eq(annualReports.id, id));
      if (row?.status !== 'published') throw notFound('年报');
      return row;
    };

    app.get(
      '/api/public/reports/:id',
      { config: { access: 'public' }, schema: { tags: ['公开信息'], summary: '已公开的年报', params: idParams } },
      async (request) => {
        const row = await publishedById(request.params.id);
        return { ...publicView(row), sections: layoutOf(row) };
      },
    );
    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(
        `/api/public/reports/:id.${format}`,
        {
          config: { access: 'public' },
          schema: { tags: ['公开信息'], summary: `下载已公开的年报（${format.toUpperCase()}）`, params: idParams },
        },
        async (request, reply) => sendFile(reply, await publishedById(request.params.id), format),
      );
    }
  };
