import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { type Role, residentIdCheckDigit } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  agencies,
  caseFiles as caseFileRows,
  caseOfficers as caseOfficerRows,
  cases,
  disclosures as disclosureRows,
  instruments as instrumentRows,
  legalReviews as legalReviewRows,
  officers,
  users,
} from '../src/db/schema.js';
import type { Access } from '../src/http/access.js';
import { createCheckpoint } from '../src/modules/ledger/checkpoints.js';
import { loadLedgerKeys } from '../src/modules/ledger/ledgerKeys.js';
import { appendEntry, entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { storageKeyFor } from '../src/modules/records/fileStore.js';
import { logOfficerCreated } from '../src/modules/registry/officerService.js';
import { pinnableVersion } from '../src/modules/review/reviewLists.js';
import { ANNUAL_REPORT_ROUTE_CASES } from './support/annualReportMatrix.js';
import { CREDENTIAL_CHECK_ROUTE_CASES } from './support/credentialCheckMatrix.js';
import { instrumentContext } from './support/instrumentFixture.js';
import { PUBLIC_LIST_ROUTE_CASES } from './support/publicListMatrix.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

/**
 * For every /api route, every role, and targets in the caller's own agency, in a sibling agency
 * of the same county, and in another county: the caller gets exactly what its role and scope
 * allow (DESIGN.md principle 5). A route without a row here fails the test.
 */

interface Actor {
  name: string;
  username: string | null;
  roles: Role[];
  /** 'yjj' = 示例县应急管理局 staff; 'county' = 示例县司法局 staff (region scope). */
  scope: 'yjj' | 'county' | null;
}

const ACTORS: Actor[] = [
  { name: 'anonymous', username: null, roles: [], scope: null },
  { name: 'admin of the justice bureau', username: 'admin', roles: ['admin'], scope: 'county' },
  { name: 'supervisor', username: 'jiandu', roles: ['supervisor'], scope: 'county' },
  { name: 'head', username: 'fuzeren', roles: ['head', 'officer'], scope: 'yjj' },
  { name: 'reviewer', username: 'shenhe', roles: ['reviewer'], scope: 'yjj' },
  { name: 'officer', username: 'zhifa', roles: ['officer'], scope: 'yjj' },
  { name: 'admin of an agency', username: 'yjadmin', roles: ['admin'], scope: 'yjj' },
];

type TargetName = 'own' | 'sibling' | 'otherCounty';
interface Target {
  agencyId: number;
  officerId: number;
  userId: number;
  regionCode: string;
  /** A ledger entry of the target officer. */
  seq: number;
}

function inScope(actor: Actor, target: TargetName): boolean {
  if (actor.scope === 'yjj') return target === 'own';
  if (actor.scope === 'county') return target !== 'otherCounty';
  return false;
}

let seq = 0;
const next = () => ++seq;
const rid = (n: number) => {
  const body = `530223198501${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + residentIdCheckDigit(body);
};

interface RouteCase {
  /** How a permitted, in-scope call answers. */
  ok: number;
  /** Uses a target (its scope decides 404); false for routes without one. */
  targeted: boolean;
  run(t: TestApp, s: Session | null, target: Target): Promise<LightMyRequestResponse>;
  /** Overrides the generic expectation where the rule is more specific. */
  expect?(actor: Actor, target: TargetName): number | undefined;
}

/** A case with one stored file in the target's agency, made on first use (evidence routes). */
type MatrixCase = { caseId: number; fileId: number; instrumentId: number };
const caseFiles = new Map<number, Promise<MatrixCase>>();
function caseFileOf(t: TestApp, target: Target): Promise<MatrixCase> {
  let made = caseFiles.get(target.agencyId);
  if (!made) {
    made = (async () => {
      const db = t.database.db;
      const [c] = await db
        .insert(cases)
        .values({
          agencyId: target.agencyId,
          caseNo: `矩阵〔2026〕${target.agencyId}号`,
          procedure: 'penalty.general',
          field: 'emergency',
          title: '权限矩阵测试案件',
          source: 'inspection',
          state: 'investigating',
          leadOn: '2026-11-20',
          party: { type: 'person', name: '测试', idNumber: '', address: '', phone: '', legalRepresentative: '' },
        })
        .returning();
      assert.ok(c);
      const bytes = Buffer.from('矩阵测试文件');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await t.files.store.write(storageKeyFor(sha256), Readable.from([bytes]));
      const [f] = await db
        .insert(caseFileRows)
        .values({
          caseId: c.id,
          agencyId: target.agencyId,
          kind: 'evidence',
          name: '矩阵.txt',
          mimeType: 'text/plain',
          size: bytes.length,
          sm3: createHash('sm3').update(bytes).digest('hex'),
          sha256,
          storageKey: storageKeyFor(sha256),
        })
        .returning();
      assert.ok(f);
      await db.insert(caseOfficerRows).values({ caseId: c.id, officerId: target.officerId, role: 'lead' });
      await db.transaction((tx) =>
        appendEntry(tx, {
          actor: { userId: null, name: '测试' },
          agencyId: target.agencyId,
          subjectType: 'case',
          subjectId: c.id,
          action: 'case.create',
          payload: { caseNo: c.caseNo },
        }),
      );
      const context = instrumentContext('priorNotice');
      const [i] = await db
        .insert(instrumentRows)
        .values({
          caseId: c.id,
          agencyId: target.agencyId,
          type: 'priorNotice',
          year: 2026,
          seq: target.agencyId,
          number: `矩阵告〔2026〕${target.agencyId}号`,
          context,
          contextDigest: 'x',
          issuedOn: '2026-11-20',
        })
        .returning();
      assert.ok(i);
      return { caseId: c.id, fileId: f.id, instrumentId: i.id };
    })();
    caseFiles.set(target.agencyId, made);
  }
  return made;
}

/** A published disclosure of a case in the target's agency, made on first use (public disclosure routes). */
const publishedDisclosures = new Map<number, Promise<number>>();
function publishedDisclosureOf(t: TestApp, target: Target): Promise<number> {
  let made = publishedDisclosures.get(target.agencyId);
  if (!made) {
    made = (async () => {
      const { caseId } = await caseFileOf(t, target);
      const [d] = await t.database.db
        .insert(disclosureRows)
        .values({
          agencyId: target.agencyId,
          caseId,
          category: 'penalty',
          status: 'published',
          decidedOn: '2026-11-20',
          dueOn: '2026-11-27',
          publishedOn: '2026-11-23',
          publicUntil: '2099-12-31',
          record: { agencyName: '示例县应急管理局', partyName: '测某', title: '权限矩阵测试案件' },
          searchText: '权限 矩阵 测试 案件',
        })
        .returning();
      assert.ok(d);
      return d.id;
    })();
    publishedDisclosures.set(target.agencyId, made);
  }
  return made;
}

/** A saved version of the target agency's benchmarks (review list routes), made on first use. */
const listVersions = new Map<number, Promise<number>>();
function listVersionOf(t: TestApp, target: Target): Promise<number> {
  let made = listVersions.get(target.agencyId);
  if (!made) {
    made = t.database.db.transaction((tx) => pinnableVersion(tx, 'benchmarks', target.agencyId)).then((v) => v.id);
    listVersions.set(target.agencyId, made);
  }
  return made;
}

/** A pending 法制审核 of the target agency's matrix case, made on first use (review routes). */
const reviews = new Map<number, Promise<number>>();
function reviewOf(t: TestApp, target: Target): Promise<number> {
  let made = reviews.get(target.agencyId);
  if (!made) {
    made = (async () => {
      const db = t.database.db;
      const { caseId } = await caseFileOf(t, target);
      const [someone] = await db.select().from(users).where(eq(users.agencyId, target.agencyId)).limit(1);
      assert.ok(someone);
      const [r] = await db
        .insert(legalReviewRows)
        .values({
          caseId,
          agencyId: target.agencyId,
          round: 1,
          package: {
            case: { party: { type: 'organization', name: '矩阵公司', idNumber: '', address: '', phone: '' } },
            major: { catalogVersion: 1, matches: [] },
            evidence: [],
            instruments: [],
          },
          submittedBy: someone.id,
          submittedOn: '2026-11-20',
          dueOn: '2026-11-27',
          reviewerUserId: someone.id,
          status: 'pending',
        })
        .returning();
      assert.ok(r);
      return r.id;
    })();
    reviews.set(target.agencyId, made);
  }
  return made;
}

/** A pending disclosure task of the target agency's matrix case, made on first use (disclosure routes). */
const disclosureTasks = new Map<number, Promise<number>>();
function disclosureOf(t: TestApp, target: Target): Promise<number> {
  let made = disclosureTasks.get(target.agencyId);
  if (!made) {
    made = (async () => {
      const { caseId } = await caseFileOf(t, target);
      const [d] = await t.database.db
        .insert(disclosureRows)
        .values({
          agencyId: target.agencyId,
          caseId,
          category: 'penalty',
          status: 'pending',
          decidedOn: '2026-11-20',
          dueOn: '2026-11-30',
        })
        .returning();
      assert.ok(d);
      return d.id;
    })();
    disclosureTasks.set(target.agencyId, made);
  }
  return made;
}

/** A tus request as tus-js-client sends it from the console. */
const tusHeaders = (s: Session | null): Record<string, string> => ({
  'tus-resumable': '1.0.0',
  ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrfToken } : {}),
});

const CASES: Record<string, RouteCase> = {
  ...PUBLIC_LIST_ROUTE_CASES,
  ...ANNUAL_REPORT_ROUTE_CASES,
  ...CREDENTIAL_CHECK_ROUTE_CASES,
  'GET /api/workflows': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/workflows') },
  'GET /api/workflows/:procedure/flowchart.svg': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/workflows/penalty.general/flowchart.svg'),
  },
  'GET /api/cases': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/cases') },
  'POST /api/cases': {
    // The body lacks its officers: a permitted caller gets the validation error.
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/cases', { procedure: 'penalty.general' }),
  },
  'GET /api/cases/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/cases/${(await caseFileOf(t, target)).caseId}`),
  },
  'GET /api/cases/:id/case-file': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/cases/${(await caseFileOf(t, target)).caseId}/case-file`),
  },
  'GET /api/cases/:id/next': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/cases/${(await caseFileOf(t, target)).caseId}/next`),
  },
  'POST /api/cases/:id/steps/:step': {
    // A stale version: a permitted caller in scope is told to refresh; nothing changes.
    ok: 409,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/cases/${(await caseFileOf(t, target)).caseId}/steps/finishInvestigation`, {
        expectedVersion: 999,
      }),
  },
  'POST /api/cases/:id/steps/:step/preview': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(
        t.app,
        s,
        'POST',
        `/api/cases/${(await caseFileOf(t, target)).caseId}/steps/finishInvestigation/preview?type=investigationReport`,
        {},
      ),
  },
  'POST /api/cases/:id/officers/:officerId/recusal': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(
        t.app,
        s,
        'POST',
        `/api/cases/${(await caseFileOf(t, target)).caseId}/officers/${target.officerId}/recusal`,
        {
          reason: '权限矩阵测试',
        },
      ),
  },
  'GET /api/tasks': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/tasks') },
  'GET /api/instruments/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/instruments/${(await caseFileOf(t, target)).instrumentId}`),
  },
  'GET /api/instruments/:id/pdf': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/instruments/${(await caseFileOf(t, target)).instrumentId}/pdf`),
  },
  'GET /api/instruments/:id/docx': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/instruments/${(await caseFileOf(t, target)).instrumentId}/docx`),
  },
  'POST /api/instruments/:id/corrections': {
    // Empty fields: in scope, the instrument's own validation answers.
    ok: 400,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'POST', `/api/instruments/${(await caseFileOf(t, target)).instrumentId}/corrections`, {
        reason: '权限矩阵测试',
        fields: {},
      }),
  },
  'GET /api/agencies/:id/instrument-settings': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/agencies/${target.agencyId}/instrument-settings`),
  },
  'PUT /api/agencies/:id/instrument-settings': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'PUT', `/api/agencies/${target.agencyId}/instrument-settings`, {
        abbreviation: '示测',
        numberPattern: '{abbr}{word}〔{year}〕{seq}号',
        reconsiderationBody: '示例县人民政府',
        court: '示例县人民法院',
        hearingThresholdPersonFen: 1000000,
        hearingThresholdOrganizationFen: 3000000,
      }),
  },
  'GET /api/cases/:id/review': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/cases/${(await caseFileOf(t, target)).caseId}/review`),
  },
  'PUT /api/cases/:id/assessment': {
    // An unknown discretion tier: a permitted caller gets the validation error; nothing changes.
    ok: 400,
    targeted: false,
    run: (t, s) =>
      call(t.app, s, 'PUT', '/api/cases/1/assessment', { discretion: { code: 'X', tier: 'none', reason: '矩阵测试' } }),
  },
  'POST /api/cases/:id/reviews': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/cases/1/reviews', { reviewerUserId: -1 }),
  },
  'GET /api/disclosures': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/disclosures') },
  'GET /api/disclosures/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/disclosures/${await disclosureOf(t, target)}`),
  },
  'POST /api/disclosures/:id/publish': {
    // A date in the wrong format: a permitted caller gets the validation error; nothing is published.
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/disclosures/1/publish', { actOn: '2026-13-01' }),
  },
  'POST /api/disclosures/:id/withdraw': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/disclosures/1/withdraw', { reversalKind: 'x' }),
  },
  'POST /api/disclosures/:id/corrections': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/disclosures/1/corrections', { reason: '' }),
  },
  'GET /api/reviews': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/reviews') },
  'GET /api/reviews/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/reviews/${await reviewOf(t, target)}`),
  },
  'POST /api/reviews/:id/assign': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/reviews/1/assign', {}),
  },
  'POST /api/reviews/:id/decide': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/reviews/1/decide', { opinion: 'maybe' }),
  },
  'POST /api/reviews/:id/dispute': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/reviews/1/dispute', { reason: '' }),
  },
  'POST /api/reviews/:id/coordinate': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/reviews/1/coordinate', { outcome: 'x' }),
  },
  'GET /api/review/staffing': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/review/staffing'),
  },
  'GET /api/review/lists/:kind': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/review/lists/catalog?agencyId=${target.agencyId}`),
  },
  'GET /api/review/lists/:kind/versions/:id': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/review/lists/benchmarks/versions/${await listVersionOf(t, target)}`),
  },
  'PUT /api/review/lists/:kind': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'PUT', '/api/review/lists/catalog', {
        agencyId: target.agencyId,
        reason: '权限矩阵测试',
        entries: [
          { code: 'M-1', label: '经过听证的决定', criterion: 'hearingHeld', requiresDeliberation: false, basis: '' },
        ],
      }),
  },
  'GET /api/review/lists/:kind.xlsx': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/review/lists/benchmarks.xlsx?agencyId=${target.agencyId}`),
  },
  'POST /api/review/lists/:kind/import': {
    // No file: in scope, a permitted caller is told to upload one.
    ok: 400,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', `/api/review/lists/catalog/import?agencyId=${target.agencyId}&reason=test`, {}),
  },
  'GET /api/calendar': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/calendar') },
  'PUT /api/calendar/:year': {
    ok: 200,
    targeted: false,
    run: (t, s) =>
      call(t.app, s, 'PUT', '/api/calendar/2099', { holidays: ['2099-01-01'], workdays: [], note: '权限矩阵测试' }),
    // The calendar serves the whole county: only the justice bureau's administrator enters it.
    expect: (actor) => (actor.scope === 'county' ? undefined : 403),
  },
  'GET /api/openapi.json': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/openapi.json') },
  'GET /api/health': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/health') },
  'POST /api/auth/login': {
    ok: 401,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/auth/login', { username: 'nobody', password: 'x' }),
  },
  'POST /api/auth/logout': {
    ok: 204,
    targeted: false,
    // A fresh session, so that the actor's own session survives.
    run: async (t, s) => call(t.app, s ? await login(t.app, s.username) : null, 'POST', '/api/auth/logout'),
  },
  'GET /api/auth/me': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/auth/me') },
  'POST /api/auth/password': {
    ok: 400,
    targeted: false,
    run: (t, s) =>
      call(t.app, s, 'POST', '/api/auth/password', { currentPassword: 'wrong-one-1', newPassword: 'Another2026' }),
  },
  'GET /api/users': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/users') },
  'POST /api/users': {
    ok: 201,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', '/api/users', {
        username: `u${next()}x`,
        displayName: '矩阵测试',
        password: 'Matrix2026',
        roles: ['officer'],
        agencyId: target.agencyId,
      }),
  },
  'POST /api/users/:id/unlock': {
    ok: 204,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'POST', `/api/users/${target.userId}/unlock`),
  },
  'GET /api/dashboard': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/dashboard') },
  'GET /api/regions': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/regions') },
  'GET /api/public/agencies': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/public/agencies'),
  },
  'GET /api/public/officers': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/public/officers'),
  },
  'GET /api/public/disclosures': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/public/disclosures?q=应急'),
  },
  'GET /api/public/disclosures/:id': {
    ok: 200,
    targeted: false,
    run: async (t, s, target) =>
      call(t.app, s, 'GET', `/api/public/disclosures/${await publishedDisclosureOf(t, target)}`),
  },
  'GET /api/public/disclosures.atom': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/public/disclosures.atom'),
  },
  'GET /api/public/withdrawals': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/public/withdrawals'),
  },
  'GET /api/agencies': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/agencies') },
  'GET /api/agencies/export.xlsx': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/agencies/export.xlsx'),
  },
  'GET /api/agencies/template.xlsx': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/agencies/template.xlsx'),
  },
  'POST /api/agencies/import': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/agencies/import', {}),
  },
  'GET /api/agencies/:id': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/agencies/${target.agencyId}`),
  },
  'POST /api/agencies': {
    ok: 201,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', '/api/agencies', {
        name: `矩阵测试局${next()}`,
        kind: 'administrative',
        regionCode: target.regionCode,
        field: 'market',
      }),
    // Only a justice bureau's admin registers agencies, and only in its region.
    expect: (actor, target) =>
      actor.roles.includes('admin') ? (actor.scope === 'county' && target !== 'otherCounty' ? 201 : 403) : undefined,
  },
  'PATCH /api/agencies/:id': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'PATCH', `/api/agencies/${target.agencyId}`, {
        officePhone: `0870-61${String(next()).padStart(5, '0')}`,
      }),
  },
  'POST /api/agencies/:id/units': {
    ok: 201,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', `/api/agencies/${target.agencyId}/units`, { name: `矩阵科室${next()}` }),
  },
  'GET /api/officers': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/officers') },
  'GET /api/officers/export.xlsx': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/officers/export.xlsx'),
  },
  'GET /api/officers/template.xlsx': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/officers/template.xlsx'),
  },
  'POST /api/officers/import': {
    ok: 400,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/officers/import', {}),
  },
  'GET /api/officers/:id': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/officers/${target.officerId}`),
  },
  'GET /api/officers/:id/history': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/officers/${target.officerId}/history`),
  },
  'POST /api/officers/:id/resident-id': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'POST', `/api/officers/${target.officerId}/resident-id`, { reason: '权限矩阵测试' }),
  },
  'GET /api/officers/:id/may-act': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'GET', `/api/officers/${target.officerId}/may-act?field=emergency&date=2026-11-23`),
  },
  'POST /api/officers': {
    ok: 201,
    targeted: true,
    run: (t, s, target) => {
      const n = next();
      return call(t.app, s, 'POST', '/api/officers', {
        name: '矩阵人员',
        gender: 'male',
        agencyId: target.agencyId,
        credentialNo: `M${String(n).padStart(8, '0')}`,
        fields: ['emergency'],
        validFrom: '2026-01-01',
        validTo: '2030-12-31',
        residentId: rid(n),
      });
    },
  },
  'GET /api/ledger/keys': { ok: 200, targeted: false, run: (t, s) => call(t.app, s, 'GET', '/api/ledger/keys') },
  'GET /api/ledger/checkpoint': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/ledger/checkpoint'),
  },
  'POST /api/ledger/checkpoints': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'POST', '/api/ledger/checkpoints'),
  },
  'GET /api/ledger/consistency': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/ledger/consistency?from=1&to=2'),
  },
  'GET /api/ledger/trail': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/ledger/trail?subjectType=officer&subjectId=${target.officerId}`),
  },
  'GET /api/ledger/entries/:seq/proof': {
    ok: 200,
    targeted: true,
    run: (t, s, target) => call(t.app, s, 'GET', `/api/ledger/entries/${target.seq}/proof`),
  },
  'GET /api/ledger/case-file': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'GET', `/api/ledger/case-file?subjectType=officer&subjectId=${target.officerId}`),
  },
  'GET /api/ledger/access-log': {
    ok: 200,
    targeted: false,
    run: (t, s) => call(t.app, s, 'GET', '/api/ledger/access-log'),
  },
  'PATCH /api/officers/:id': {
    ok: 200,
    targeted: true,
    run: (t, s, target) =>
      call(t.app, s, 'PATCH', `/api/officers/${target.officerId}`, { post: `岗位${next()}`, reason: '权限矩阵测试' }),
  },
  'POST /api/uploads': {
    ok: 201,
    targeted: true,
    run: async (t, s, target) => {
      const { caseId } = await caseFileOf(t, target);
      const meta = {
        caseId: String(caseId),
        kind: 'evidence',
        name: 'm.jpg',
        mimeType: 'image/jpeg',
        sha256: 'a'.repeat(64),
      };
      return t.app.inject({
        method: 'POST',
        url: '/api/uploads',
        headers: {
          ...tusHeaders(s),
          'upload-length': '10',
          'upload-metadata': Object.entries(meta)
            .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
            .join(','),
        },
      });
    },
  },
  'PATCH /api/uploads/:uploadId': {
    ok: 404,
    targeted: false,
    run: (t, s) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/uploads/${'0'.repeat(32)}`,
        headers: { ...tusHeaders(s), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        payload: Buffer.from('x'),
      }),
  },
  'DELETE /api/uploads/:uploadId': {
    ok: 404,
    targeted: false,
    run: (t, s) => t.app.inject({ method: 'DELETE', url: `/api/uploads/${'0'.repeat(32)}`, headers: tusHeaders(s) }),
  },
  'GET /api/cases/:caseId/files': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => call(t.app, s, 'GET', `/api/cases/${(await caseFileOf(t, target)).caseId}/files`),
  },
  'GET /api/cases/:caseId/files/:fileId/content': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => {
      const { caseId, fileId } = await caseFileOf(t, target);
      return call(t.app, s, 'GET', `/api/cases/${caseId}/files/${fileId}/content`);
    },
  },
  'POST /api/cases/:caseId/files/:fileId/access': {
    ok: 200,
    targeted: true,
    run: async (t, s, target) => {
      const { caseId, fileId } = await caseFileOf(t, target);
      return call(t.app, s, 'POST', `/api/cases/${caseId}/files/${fileId}/access`, { reason: '权限矩阵测试' });
    },
  },
};

function expected(access: Access, c: RouteCase, actor: Actor, target: TargetName): number {
  if (access === 'public') return c.ok;
  if (!actor.username) return 401;
  if (access !== 'authenticated' && !access.some((r) => actor.roles.includes(r))) return 403;
  const special = c.expect?.(actor, target);
  if (special !== undefined) return special;
  if (c.targeted && !inScope(actor, target)) return 404;
  return c.ok;
}

describe(`authorization matrix: every route × every role × own / sibling / other county (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  const sessions = new Map<string, Session>();
  const targets = {} as Record<TargetName, Target>;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    // Another county with its own bureau, agency, officer and supervisor.
    const [bureau] = await db
      .insert(agencies)
      .values({
        name: '另一区司法局',
        kind: 'administrative',
        role: 'supervisor',
        regionCode: '530102',
        field: 'justice',
      })
      .returning();
    const [other] = await db
      .insert(agencies)
      .values({
        name: '另一区应急管理局',
        kind: 'administrative',
        regionCode: '530102',
        field: 'emergency',
        parentId: bureau?.id,
      })
      .returning();
    assert.ok(bureau && other);
    const [otherOfficer] = await db
      .insert(officers)
      .values({
        agencyId: other.id,
        name: '外区人员',
        gender: 'male',
        regionCode: '530102',
        credentialNo: 'OTHER0001',
        fields: ['emergency'],
        validFrom: '2025-01-01',
        validTo: '2030-01-01',
        residentId: rid(999),
      })
      .returning();
    const [otherUser] = await db
      .insert(users)
      .values({
        username: 'otherperson',
        displayName: '外区用户',
        passwordHash: 'x',
        agencyId: other.id,
        roles: ['officer'],
      })
      .returning();
    assert.ok(otherOfficer && otherUser);

    const seqOf = async (officerId: number) => {
      const [e] = await entriesOf(db, 'officer', officerId);
      assert.ok(e, `ledger entry of officer ${officerId}`);
      return e.seq;
    };
    const pick = async (
      agencyName: string,
      officerName: string,
      username: string,
      regionCode: string,
    ): Promise<Target> => {
      const [a] = await db.select().from(agencies).where(eq(agencies.name, agencyName));
      const [o] = await db.select().from(officers).where(eq(officers.name, officerName));
      const [u] = await db.select().from(users).where(eq(users.username, username));
      assert.ok(a && o && u);
      return { agencyId: a.id, officerId: o.id, userId: u.id, regionCode, seq: await seqOf(o.id) };
    };
    targets.own = await pick('示例县应急管理局', '张海涛', 'zhifa2', '530223');
    targets.sibling = await pick('示例县能源局', '高建军', 'nengyuan', '530223');
    await db.transaction((tx) => logOfficerCreated(tx, { userId: null, name: '测试' }, otherOfficer, '新增'));
    targets.otherCounty = {
      agencyId: other.id,
      officerId: otherOfficer.id,
      userId: otherUser.id,
      regionCode: '530102',
      seq: await seqOf(otherOfficer.id),
    };
    await createCheckpoint(db, loadLedgerKeys('sanxiang.test/app', t.keysDir));
    for (const a of ACTORS) if (a.username) sessions.set(a.username, await login(t.app, a.username));
  });
  after(() => t.close());

  it('has a case for every /api route the server registers', () => {
    const registered = t.app.accessTable.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(registered, Object.keys(CASES).sort());
  });

  for (const actor of ACTORS) {
    it(`answers ${actor.name} as its role and scope allow`, async () => {
      const failures: string[] = [];
      for (const route of t.app.accessTable) {
        const key = `${route.method} ${route.url}`;
        const c = CASES[key];
        assert.ok(c, key);
        const session = actor.username ? (sessions.get(actor.username) ?? null) : null;
        for (const target of (c.targeted ? ['own', 'sibling', 'otherCounty'] : ['own']) as TargetName[]) {
          const res = await c.run(t, session, targets[target]);
          const want = expected(route.access, c, actor, target);
          if (res.statusCode !== want)
            failures.push(`${key} [${target}]: ${res.statusCode}, expected ${want} ${res.body.slice(0, 120)}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }

  it('lists only agencies, officers and users within the caller’s scope', async () => {
    for (const actor of ACTORS) {
      if (!actor.username) continue;
      const s = sessions.get(actor.username) ?? null;
      const officersRes = (await call(t.app, s, 'GET', '/api/officers?pageSize=200')).json();
      const agencyIds = new Set<number>(officersRes.items.map((o: { agencyId: number }) => o.agencyId));
      assert.ok(officersRes.items.length > 0, actor.name);
      assert.equal(agencyIds.has(targets.otherCounty.agencyId), false, `${actor.name} sees no other county`);
      assert.equal(agencyIds.has(targets.sibling.agencyId), actor.scope === 'county', `${actor.name} sibling agency`);
      const agenciesRes = (await call(t.app, s, 'GET', '/api/agencies?pageSize=200')).json();
      const ids = agenciesRes.items.map((a: { id: number }) => a.id);
      assert.equal(ids.includes(targets.otherCounty.agencyId), false);
      if (actor.scope === 'yjj') assert.deepEqual(ids, [targets.own.agencyId]);
      const dashboard = (await call(t.app, s, 'GET', '/api/dashboard')).json();
      assert.equal(dashboard.officers, officersRes.total, `${actor.name} dashboard counts its scope`);
    }
    const otherSupervisorAgency = await t.database.db.select().from(agencies).where(eq(agencies.name, '另一区司法局'));
    assert.equal(otherSupervisorAgency.length, 1);
  });

  it('gives anonymous callers only public fields', async () => {
    for (const url of ['/api/agencies', '/api/officers', '/api/users', '/api/dashboard']) {
      assert.equal((await call(t.app, null, 'GET', url)).statusCode, 401, url);
    }
    const pub = (await call(t.app, null, 'GET', '/api/public/officers?pageSize=200')).json();
    for (const o of pub.items) {
      assert.equal('residentIdMasked' in o || 'residentId' in o || 'status' in o, false);
    }
  });
});
