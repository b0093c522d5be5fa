import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packCaseFile, verifyCaseFile } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { instruments } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { createCase, FACTS, fillFields, must, prepareOfficers } from './support/caseFlow.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sanxiang-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('case instruments: numbering, freezing, corrections, rendering', () => {
  let t: TestApp;
  let officer: Session;
  let ids: Awaited<ReturnType<typeof prepareOfficers>>;

  before(async () => {
    t = await startTestApp();
    ids = await prepareOfficers(t.database.db);
    officer = await login(t.app, 'zhifa');
  });
  after(() => t.close());

  it('numbers instruments per agency, type and year, unique and without gaps under concurrency', async () => {
    const made = [];
    for (let i = 0; i < 12; i++) {
      made.push(await createCase(t.app, officer, { procedure: 'inspection', officerIds: [ids.li, ids.zhang] }));
    }
    const results = await Promise.all(
      made.map((c) =>
        call(t.app, officer, 'POST', `/api/cases/${c.id}/steps/inspect`, {
          expectedVersion: c.version,
          actOn: '2026-03-02',
          officerIds: [ids.li, ids.zhang],
          fields: fillFields(['inspectionRecord'], '2026-03-02'),
        }),
      ),
    );
    for (const r of results) assert.equal(r.statusCode, 200, r.body);
    const numbers = results.map((r) => r.json().instruments[0].number as string);
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号$/.exec(n)?.[1])).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    assert.ok(
      numbers.every((n) => n.startsWith('示应急检〔2026〕')),
      numbers[0],
    );
  });

  it('keeps an issued instrument frozen; a correction is a new version under the same number', async () => {
    const c = await createCase(t.app, officer, { procedure: 'inspection', officerIds: [ids.li, ids.zhang] });
    const done = await must(t.app, officer, c.id, 'inspect', { actOn: '2026-03-03', officerIds: [ids.li, ids.zhang] });
    const id = done.instruments[0].id as number;
    const [before] = await t.database.db.select().from(instruments).where(eq(instruments.id, id));
    assert.ok(before);
    const fields = { ...fillFields(['inspectionRecord'], '2026-03-03'), situation: FACTS.facts };
    const res = await call(t.app, officer, 'POST', `/api/instruments/${id}/corrections`, {
      reason: '检查情况记录有误，据实更正',
      fields,
    });
    assert.equal(res.statusCode, 201, res.body);
    const corrected = res.json();
    assert.equal(corrected.number, before.number);
    assert.equal(corrected.version, 2);
    const [old] = await t.database.db.select().from(instruments).where(eq(instruments.id, id));
    assert.deepEqual(old?.context, before.context, 'the issued version is unchanged');
    assert.equal(old?.supersededById, corrected.id);
    const again = await call(t.app, officer, 'POST', `/api/instruments/${id}/corrections`, {
      reason: '再次更正',
      fields,
    });
    assert.equal(again.statusCode, 409);
    const trail = await entriesOf(t.database.db, 'case', String(c.id));
    assert.equal(trail.at(-1)?.action, 'instrument.correct');
    // No route edits an instrument (the authorization matrix lists every route): correction is the only way.
  });

  it('renders an issued instrument as PDF and DOCX with its number and the case facts', async (ctx) => {
    const c = await createCase(t.app, officer, { officerIds: [ids.li, ids.zhang] });
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li, ids.zhang] });
    const head = await login(t.app, 'fuzeren');
    const approved = await must(t.app, head, c.id, 'approveFiling', {
      actOn: '2026-03-03',
      fields: { headOpinion: '同意立案，由李建国、张海涛承办。' },
    });
    const instrument = approved.instruments[0];
    assert.equal(instrument.type, 'filingApproval');
    const docx = await call(t.app, officer, 'GET', `/api/instruments/${instrument.id}/docx?download=1`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-disposition']), /attachment; .*filename\*=UTF-8''/);
    const pdf = await call(t.app, officer, 'GET', `/api/instruments/${instrument.id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    if (!hasPdftotext) {
      ctx.diagnostic('pdftotext missing: PDF text not checked (install poppler-utils)');
      return;
    }
    const text = pdfText(pdf.rawPayload).replace(/\s+/g, '');
    assert.ok(text.includes('立案审批表'), text.slice(0, 200));
    assert.ok(text.includes(instrument.number), instrument.number);
    assert.ok(text.includes('同意立案，由李建国、张海涛承办。'), 'the head’s opinion is on the form');
    assert.ok(
      text.includes('案件基本情况（示例）') || text.includes('关于案件基本情况的记录'),
      'the proposer’s draft is on the form',
    );
  });

  it('exports the case as a self-verifying 电子案卷 with its instruments in archive order', async () => {
    const c = await createCase(t.app, officer, { officerIds: [ids.li, ids.zhang] });
    await must(t.app, officer, c.id, 'proposeFiling', { actOn: '2026-03-02', officerIds: [ids.li, ids.zhang] });
    const head = await login(t.app, 'fuzeren');
    await must(t.app, head, c.id, 'approveFiling', { actOn: '2026-03-03' });
    await must(t.app, officer, c.id, 'inspect', { actOn: '2026-03-04', officerIds: [ids.li, ids.zhang] });
    const res = await call(t.app, officer, 'GET', `/api/cases/${c.id}/case-file`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    const zip = new Uint8Array(res.rawPayload);
    const report = verifyCaseFile(zip);
    assert.equal(report.ok, true, report.problem);
    const docs = Object.keys(report.manifest?.files ?? {}).filter((f) => f.startsWith('文书/'));
    assert.deepEqual(
      docs.map((d) => d.split('_')[1]),
      ['立案审批表', '现场检查笔录'],
    );
    // Change one byte inside the first document: the verifier names the file.
    const files = unzipSync(zip);
    const first = docs[0] as string;
    const bytes = files[first] as Uint8Array;
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 1;
    const tampered = verifyCaseFile(packCaseFile(files));
    assert.equal(tampered.ok, false);
    assert.match(tampered.problem ?? '', /文书/);
    const other = await login(t.app, 'nengyuan');
    assert.equal((await call(t.app, other, 'GET', `/api/cases/${c.id}/case-file`)).statusCode, 404);
  });
});
