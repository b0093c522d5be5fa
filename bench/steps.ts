/**
 * Case-step benchmark (issue 4): step transitions per second and p95 latency with 50 concurrent
 * clients over HTTP, on PGlite and on PostgreSQL (when DATABASE_URL is set), against a baseline
 * measured in the same run on the same database: a bare `insert into case_steps` plus a ledger
 * append in one transaction, also from 50 concurrent callers.
 *
 *   npm run bench:steps                                        PGlite only
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:steps
 *   CLIENTS=50 CASES_PER_CLIENT=4 ENGINES=postgres …
 */

import { caseSteps, cases } from '../apps/server/src/db/schema.js';
import { DEMO_PASSWORD, loadDemoData } from '../apps/server/src/demo/demoData.js';
import { appendEntry, ensureLedger } from '../apps/server/src/modules/ledger/ledgerStore.js';
import { ensureRegions } from '../apps/server/src/modules/registry/regionData.js';
import { fillFields, prepareOfficers } from '../apps/server/test/support/caseFlow.js';
import { benchApps } from './benchApp.js';
import { freshDb } from './freshDatabase.js';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const CASES_PER_CLIENT = Number(process.env.CASES_PER_CLIENT ?? 3);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

/** Runs `work(client)` for every client at once; returns each call's latency in ms and the wall time. */
async function concurrently(clients: number, perClient: number, work: (client: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) {
        const s = performance.now();
        await work(client, i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - t0) / 1000 };
}

async function run(engine: 'pglite' | 'postgres') {
  const database = await freshDb(engine);
  const db = database.db;
  await ensureRegions(db);
  await ensureLedger(db, { origin: 'sanxiang.bench/steps' });
  await loadDemoData(db);
  const ids = await prepareOfficers(db);
  const apps = await benchApps(database, 'sanxiang.bench/steps');
  const { base } = await apps.start();

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'zhifa', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const post = async (url: string, body: unknown) => {
    const r = await fetch(`${base}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<{ id: number; version: number; case: { version: number } }>;
  };

  // Inspection cases: 现场检查 → 责令限期整改 → 整改复查, each step issuing a numbered instrument.
  const officerIds = [ids.li, ids.zhang];
  const made: { id: number; version: number }[] = [];
  for (let i = 0; i < CLIENTS * CASES_PER_CLIENT; i++) {
    made.push(
      await post('/api/cases', {
        procedure: 'inspection',
        field: 'emergency',
        title: `基准测试检查 ${i}`,
        source: 'other',
        leadOn: '2026-03-02',
        party: { type: 'person', name: '基准', idNumber: '', address: '示例县', phone: '', legalRepresentative: '' },
        officerIds,
      }),
    );
  }
  const steps: [string, Record<string, unknown>][] = [
    ['inspect', { officerIds, fields: fillFields(['inspectionRecord'], '2026-03-02') }],
    [
      'orderRectification',
      { officerIds, rectificationDays: 15, fields: fillFields(['rectificationOrder'], '2026-03-02') },
    ],
    [
      'reviewRectification',
      { officerIds, outcome: '已整改', fields: fillFields(['rectificationReview'], '2026-03-02') },
    ],
  ];
  const stepRun = await concurrently(CLIENTS, CASES_PER_CLIENT * steps.length, async (client, i) => {
    const c = made[client * CASES_PER_CLIENT + Math.floor(i / steps.length)];
    const [stepId, body] = steps[i % steps.length] as [string, Record<string, unknown>];
    if (!c) throw new Error('no case');
    const done = await post(`/api/cases/${c.id}/steps/${stepId}`, {
      expectedVersion: c.version,
      actOn: '2026-03-02',
      ...body,
    });
    c.version = done.case.version;
  });

  // Baseline: what any step must at least do — one row and one ledger entry in one transaction.
  const [someCase] = await db.select({ id: cases.id }).from(cases).limit(1);
  const caseId = someCase?.id ?? 1;
  const baseRun = await concurrently(CLIENTS, CASES_PER_CLIENT * steps.length, async (client, i) => {
    await db.transaction(async (tx) => {
      await tx.insert(caseSteps).values({
        caseId,
        step: 'bench',
        fromState: 'x',
        toState: 'x',
        actOn: '2026-03-02',
        data: { client, i },
      });
      await appendEntry(tx, {
        actor: { userId: null, name: '基准测试' },
        agencyId: null,
        subjectType: 'bench',
        subjectId: `${client}-${i}`,
        action: 'bench.step',
        payload: { client, i },
      });
    });
  });

  await apps.close();
  await database.close();
  const n = stepRun.latencies.length;
  const rate = n / stepRun.seconds;
  const baseRate = baseRun.latencies.length / baseRun.seconds;
  console.log(
    `${engine.padEnd(8)} steps: ${n} in ${stepRun.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s, ` +
      `p50 ${percentile(stepRun.latencies, 0.5).toFixed(0)} ms, p95 ${percentile(stepRun.latencies, 0.95).toFixed(0)} ms | ` +
      `baseline insert+ledger: ${baseRate.toFixed(0)}/s, p95 ${percentile(baseRun.latencies, 0.95).toFixed(0)} ms | ` +
      `ratio ${(rate / baseRate).toFixed(2)}×`,
  );
}

console.log(
  `Case steps with ${CLIENTS} concurrent clients over HTTP (each step: guards, instrument, deadlines, ledger)`,
);
const engines = (process.env.ENGINES ?? (process.env.DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',');
for (const engine of engines) await run(engine as 'pglite' | 'postgres');
