import { emptyFigures, finishFigures } from '@sanxiang/domain';
import type { LightMyRequestResponse } from 'fastify';
import { annualReports } from '../../src/db/schema.js';
import { call, type Session, type TestApp } from './testApp.js';

/**
 * The authorization matrix's rows for the 年报 routes (statistics/annualReportRoutes.ts), kept here so
 * the matrix file only spreads them in. Same shape as its RouteCase. Changing routes get a fresh
 * report each call, so the order the matrix walks them in does not matter.
 */
interface Target {
  agencyId: number;
}
interface MatrixActor {
  scope: 'yjj' | 'county' | null;
}
type TargetName = 'own' | 'sibling' | 'otherCounty';
interface MatrixRow {
  ok: number;
  targeted: boolean;
  run(t: TestApp, s: Session | null, target: Target): Promise<LightMyRequestResponse>;
  expect?(actor: MatrixActor, target: TargetName): number | undefined;
}

let n = 0;
async function reportOf(t: TestApp, target: Target, status: 'draft' | 'submitted' | 'published'): Promise<number> {
  const [row] = await t.database.db
    .insert(annualReports)
    .values({
      subjectKey: `matrix:${++n}`,
      agencyId: target.agencyId,
      subjectName: '权限矩阵测试单位',
      year: 2023,
      status,
      heldKinds: ['penalty'],
      figures: finishFigures(emptyFigures()),
      dueOn: '2024-01-31',
      draftedOn: '2024-01-02',
      publishedOn: status === 'published' ? '2024-01-20' : null,
    })
    .returning({ id: annualReports.id });
  if (!row) throw new Error('matrix report not inserted');
  return row.id;
}

/** The bureau's staff see an agency's report but prepare and review only their own (region) reports. */
const ownersOnly = (actor: MatrixActor, target: TargetName) =>
  actor.scope === 'county' && target !== 'otherCounty' ? 403 : undefined;

export const ANNUAL_REPORT_ROUTE_CASES: Record<string, MatrixRow> = {
  'GET /api/annual-reports': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/annual-reports') },
  'POST /api/annual-reports': {
    ok: 201,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/annual-reports', { year: 2023 }),
  },
  'GET /api/annual-reports/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/annual-reports/${await reportOf(t, target, 'draft')}`),
  },
  'GET /api/annual-reports/:id.xlsx': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/annual-reports/${await reportOf(t, target, 'draft')}.xlsx`),
  },
  'GET /api/annual-reports/:id.pdf': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/annual-reports/${await reportOf(t, target, 'draft')}.pdf`),
  },
  'POST /api/annual-reports/:id/regenerate': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/annual-reports/${await reportOf(t, target, 'draft')}/regenerate`, {}),
    expect: ownersOnly,
  },
  'PUT /api/annual-reports/:id/notes': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'PUT', `/api/annual-reports/${await reportOf(t, target, 'draft')}/notes`, { notes: '说明' }),
    expect: ownersOnly,
  },
  'POST /api/annual-reports/:id/submit': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/annual-reports/${await reportOf(t, target, 'draft')}/submit`, {}),
    expect: ownersOnly,
  },
  'POST /api/annual-reports/:id/return': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/annual-reports/${await reportOf(t, target, 'submitted')}/return`, {
        note: '请核对数据',
      }),
    expect: ownersOnly,
  },
  'POST /api/annual-reports/:id/publish': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/annual-reports/${await reportOf(t, target, 'submitted')}/publish`, {}),
    expect: ownersOnly,
  },
  'GET /api/public/reports': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/public/reports') },
  'GET /api/public/reports/:id': {
    ok: 200,
    targeted: false,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/public/reports/${await reportOf(t, target, 'published')}`),
  },
  'GET /api/public/reports/:id.xlsx': {
    ok: 200,
    targeted: false,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/public/reports/${await reportOf(t, target, 'published')}.xlsx`),
  },
  'GET /api/public/reports/:id.pdf': {
    ok: 200,
    targeted: false,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/public/reports/${await reportOf(t, target, 'published')}.pdf`),
  },
};
