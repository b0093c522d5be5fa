import type { LightMyRequestResponse } from 'fastify';
import { publicListVersions } from '../../src/db/schema.js';
import { call, type Session, type TestApp } from './testApp.js';

/**
 * The authorization matrix's rows for the 事前公开 list routes (publicListRoutes.ts), kept here so the
 * matrix file only spreads them in. Same shape as its RouteCase.
 */
interface Target {
  agencyId: number;
}
interface MatrixRow {
  ok: number;
  targeted: boolean;
  run(t: TestApp, s: Session | null, target: Target): Promise<LightMyRequestResponse>;
}

/** A stored (superseded) list version of the target's agency, made on first use. */
const versions = new Map<number, Promise<number>>();
function listVersionOf(t: TestApp, target: Target): Promise<number> {
  let made = versions.get(target.agencyId);
  if (!made) {
    made = t.database.db
      .insert(publicListVersions)
      .values({
        agencyId: target.agencyId,
        kind: 'serviceGuides',
        version: 100,
        entries: [],
        reason: '权限矩阵测试',
        status: 'superseded',
      })
      .returning({ id: publicListVersions.id })
      .then(([row]) => {
        if (!row) throw new Error('matrix list version not inserted');
        return row.id;
      });
    versions.set(target.agencyId, made);
  }
  return made;
}

const matter = {
  code: 'M-1',
  name: '权限矩阵测试事项',
  actionKind: 'penalty',
  basis: '《中华人民共和国安全生产法》第九十七条',
  unit: '执法大队',
};

export const PUBLIC_LIST_ROUTE_CASES: Record<string, MatrixRow> = {
  'GET /api/public-lists': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/public-lists?agencyId=${target.agencyId}`),
  },
  'GET /api/public-lists/:kind': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/public-lists/matters?agencyId=${target.agencyId}`),
  },
  'GET /api/public-lists/versions/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/public-lists/versions/${await listVersionOf(t, target)}`),
  },
  'GET /api/public-lists/versions/:id/export.xlsx': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/public-lists/versions/${await listVersionOf(t, target)}/export.xlsx`),
  },
  'GET /api/public-lists/:kind/template.xlsx': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'GET', `/api/public-lists/spotChecks/template.xlsx?agencyId=${target.agencyId}`),
  },
  'PUT /api/public-lists/:kind/draft': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'PUT', '/api/public-lists/matters/draft', {
        agencyId: target.agencyId,
        entries: [matter],
        reason: '权限矩阵测试',
      }),
  },
  'POST /api/public-lists/:kind/import': {
    // No file: in scope, a permitted caller is told to upload one.
    ok: 400,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', `/api/public-lists/matters/import?agencyId=${target.agencyId}&reason=test`, {}),
  },
  'POST /api/public-lists/:kind/submit': {
    // The 随机抽查事项清单 never has a draft here: a permitted caller is told to write one first.
    ok: 409,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'POST', '/api/public-lists/spotChecks/submit', { agencyId: target.agencyId }),
  },
  'POST /api/public-lists/versions/:id/approve': {
    // The version is not submitted: the agency's reviewer is told so.
    ok: 409,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/public-lists/versions/${await listVersionOf(t, target)}/approve`, {}),
  },
  'POST /api/public-lists/versions/:id/return': {
    ok: 409,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/public-lists/versions/${await listVersionOf(t, target)}/return`, {
        opinion: '权限矩阵测试',
      }),
  },
  'GET /api/public/agencies/:id/lists': {
    ok: 200,
    targeted: false,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/public/agencies/${target.agencyId}/lists`),
  },
  'GET /api/public/agencies/:id/lists/:kind': {
    ok: 200,
    targeted: false,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/public/agencies/${target.agencyId}/lists/avList`),
  },
  'GET /api/public/agencies/:id/lists/:kind/versions/:version': {
    // The demo 应急管理局's first 权责清单, superseded and still public.
    ok: 200,
    targeted: false,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/public/agencies/${target.agencyId}/lists/matters/versions/1`),
  },
};
