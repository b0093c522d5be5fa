import {
  INSTRUMENT_CATALOG,
  type InstrumentType,
  REVIEW_CHECK_ITEMS,
  usccCheckCharacter,
  WORKFLOWS,
} from '@sanxiang/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Db } from '../../src/db/connection.js';
import { agencies, officers } from '../../src/db/schema.js';
import { call, type Session } from './testApp.js';

/** Plausible values for every field of the instruments a step produces (what an officer would type). */
export function fillFields(types: readonly InstrumentType[], actOn: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const type of types) {
    for (const f of INSTRUMENT_CATALOG[type].fields) {
      if (fields[f.key] !== undefined) continue;
      fields[f.key] =
        f.kind === 'date'
          ? actOn
          : f.kind === 'datetime'
            ? `${actOn}T${f.key.toLowerCase().includes('end') ? '10:30' : '09:00'}`
            : f.kind === 'number'
              ? String(f.min ?? 1)
              : f.kind === 'yuan'
                ? '5000'
                : f.kind === 'select'
                  ? (f.options?.[0] ?? '')
                  : f.kind === 'textarea'
                    ? `关于${f.label}的记录：经现场核查，情况属实，当事人对上述内容无异议。`
                    : `${f.label}（示例）`;
    }
  }
  return fields;
}

export const ORGANIZATION_PARTY = {
  type: 'organization' as const,
  name: '示例县恒达化工有限公司',
  idNumber: `91530223MA6K3B2X8${usccCheckCharacter('91530223MA6K3B2X8')}`,
  address: '示例县工业园区纬二路8号',
  phone: '0871-66123456',
  legalRepresentative: '赵立新',
};

export interface CaseFlow {
  app: FastifyInstance;
  db: Db;
  officerIds: { li: number; zhang: number; chen: number; expired: number };
}

/** The demo 应急管理局's officers, with credentials valid over the fixed dates the tests use. */
export async function prepareOfficers(db: Db): Promise<CaseFlow['officerIds']> {
  const [yjj] = await db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
  if (!yjj) throw new Error('demo agency missing');
  const rows = await db.select().from(officers).where(eq(officers.agencyId, yjj.id));
  const id = (name: string) => {
    const o = rows.find((r) => r.name === name);
    if (!o) throw new Error(`demo officer ${name} missing`);
    return o.id;
  };
  const ids = { li: id('李建国'), zhang: id('张海涛'), chen: id('陈志远') };
  await db
    .update(officers)
    .set({ validFrom: '2020-01-01', validTo: '2030-12-31', status: 'active', fields: ['emergency'] })
    .where(and(inArray(officers.id, Object.values(ids))));
  const other = rows.find((r) => !Object.values(ids).includes(r.id) && r.credentialKind === 'enforcement');
  if (!other) throw new Error('no spare officer');
  await db
    .update(officers)
    .set({ validFrom: '2020-01-01', validTo: '2025-12-31', status: 'active' })
    .where(eq(officers.id, other.id));
  return { ...ids, expired: other.id };
}

export async function createCase(
  app: FastifyInstance,
  s: Session,
  body: Record<string, unknown>,
): Promise<{ id: number; caseNo: string; version: number }> {
  const res = await call(app, s, 'POST', '/api/cases', {
    procedure: 'penalty.general',
    field: 'emergency',
    title: '未按规定对重大危险源进行安全评估案',
    source: 'inspection',
    place: '示例县工业园区纬二路8号',
    leadOn: '2026-03-02',
    violationOn: '2026-02-20',
    facts: '',
    party: ORGANIZATION_PARTY,
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`create case: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Takes a step with the current version and filled instrument fields; returns the raw response. */
export async function step(
  app: FastifyInstance,
  s: Session,
  caseId: number,
  stepId: string,
  body: Record<string, unknown> & { actOn: string },
): Promise<LightMyRequestResponse> {
  const current = await call(app, s, 'GET', `/api/cases/${caseId}`);
  const c = current.json();
  const definition = WORKFLOWS[c.procedure as keyof typeof WORKFLOWS].steps.find((d) => d.id === stepId);
  const fields = {
    ...fillFields([...(definition?.drafts ?? []), ...(definition?.instruments ?? [])], body.actOn),
    ...((body.fields as object) ?? {}),
  };
  return call(app, s, 'POST', `/api/cases/${caseId}/steps/${stepId}`, {
    expectedVersion: c.version,
    ...body,
    fields,
  });
}

/** Same, failing the test with the server's message when the step is refused. */
export async function must(
  app: FastifyInstance,
  s: Session,
  caseId: number,
  stepId: string,
  body: Record<string, unknown> & { actOn: string },
) {
  const res = await step(app, s, caseId, stepId, body);
  if (res.statusCode !== 200) throw new Error(`${stepId}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const fine = (yuan: number) => ({ kinds: ['fine'], fineFen: yuan * 100, confiscationFen: 0, detail: '' });

export const FACTS = {
  facts:
    '经查，当事人示例县恒达化工有限公司自2025年10月起储存液氨12吨，构成危险化学品重大危险源，但未按照规定对重大危险源进行安全评估，未建立重大危险源档案，亦未将重大危险源及有关安全措施、应急措施报有关部门备案。上述事实有现场检查笔录、询问笔录、现场照片及当事人提供的储罐台账等证据证实。',
  violatedProvision: '《中华人民共和国安全生产法》第四十条第一款',
  penaltyBasis: '《中华人民共和国安全生产法》第一百零一条第二项',
};

/**
 * 法制审核 (P-58) through the API: the handler submits, the reviewer (demo user shenhe) approves with
 * every checklist item 符合, on `actOn`. For rule tests whose case the catalog makes major.
 */
export async function passReview(
  app: FastifyInstance,
  handler: Session,
  reviewer: Session,
  caseId: number,
  actOn: string,
) {
  const submitted = await call(app, handler, 'POST', `/api/cases/${caseId}/reviews`, { statement: '', actOn });
  if (submitted.statusCode !== 201) throw new Error(`submit review: ${submitted.statusCode} ${submitted.body}`);
  const findings = REVIEW_CHECK_ITEMS.map((item) => ({
    item,
    finding: 'pass',
    note: item === 'discretion' ? '罚款数额在法定幅度内，与违法情节相当。' : '',
  }));
  const decided = await call(app, reviewer, 'POST', `/api/reviews/${submitted.json().id}/decide`, {
    findings,
    opinion: 'approve',
    actOn,
  });
  if (decided.statusCode !== 200) throw new Error(`approve review: ${decided.statusCode} ${decided.body}`);
}
