import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateSm2KeyPair, verifierKeyString, verifyCaseFile } from '@sanxiang/domain';
import { unzipSync } from 'fflate';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe(`电子案卷: export and offline verification (${engine})`, () => {
  let t: TestApp;
  let admin: Session;
  let zip: Uint8Array;
  let keys: { log: string; witness: string };
  let officerId: number;
  const dir = mkdtempSync(join(tmpdir(), 'sanxiang-casefile-'));
  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, 'yjadmin');
    const list = (await call(t.app, admin, 'GET', `/api/officers?q=${encodeURIComponent('李建国')}`)).json();
    officerId = list.items[0].id;
    await call(t.app, admin, 'PATCH', `/api/officers/${officerId}`, { post: '副大队长', reason: '岗位调整' });
    await call(t.app, admin, 'POST', `/api/officers/${officerId}/resident-id`, { reason: '核对证件申领材料' });
    const res = await call(t.app, admin, 'GET', `/api/ledger/case-file?subjectType=officer&subjectId=${officerId}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.match(decodeURIComponent(String(res.headers['content-disposition'])), /电子案卷_执法人员李建国_/);
    zip = new Uint8Array(res.rawPayload);
    const k = (await call(t.app, null, 'GET', '/api/ledger/keys')).json();
    keys = { log: k.log, witness: k.witness };
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every entry of the subject with proofs, the witnessed checkpoint and the keys', () => {
    const files = Object.keys(unzipSync(zip)).sort();
    assert.deepEqual(
      files.filter((f) => !f.startsWith('entries/')),
      ['README.txt', 'checkpoint.txt', 'keys.json', 'manifest.txt'],
    );
    assert.equal(files.filter((f) => f.endsWith('.entry.json')).length, 3, 'create, update, 调阅');
    const report = verifyCaseFile(zip, keys);
    assert.equal(report.problem, undefined);
    assert.ok(report.ok && report.witnessed);
    assert.deepEqual(
      report.manifest?.entries.map((e) => JSON.parse(new TextDecoder().decode(unzipSync(zip)[e.entry])).action),
      ['officer.create', 'officer.update', 'officer.residentId.view'],
    );
  });

  it('is rejected after any byte of it is changed', () => {
    // Every byte of the first and last 300 (headers, central directory) and 400 spread over the rest.
    const positions = new Set<number>();
    for (let i = 0; i < Math.min(300, zip.length); i++) positions.add(i).add(zip.length - 1 - i);
    for (let k = 0; k < 400; k++) positions.add(Math.floor((k * zip.length) / 400));
    const accepted: number[] = [];
    for (const i of positions) {
      const copy = zip.slice();
      copy[i] = (copy[i] as number) ^ 0x01;
      if (verifyCaseFile(copy, keys).ok) accepted.push(i);
    }
    assert.deepEqual(accepted, [], `${positions.size} positions flipped`);
  });

  it('is rejected with keys other than the published ones', () => {
    const other = generateSm2KeyPair();
    const report = verifyCaseFile(zip, {
      log: verifierKeyString(keys.log.split('+')[0] ?? '', other.publicKeyHex),
      witness: keys.witness,
    });
    assert.equal(report.ok, false);
    assert.match(report.problem ?? '', /签名/);
  });

  it('is refused for a subject outside the caller’s scope', async () => {
    const other = await login(t.app, 'nengyuan');
    const res = await call(t.app, other, 'GET', `/api/ledger/case-file?subjectType=officer&subjectId=${officerId}`);
    assert.equal(res.statusCode, 404);
  });

  it('is checked by `npm run verify -- FILE.zip` offline, which exits non-zero on a changed file', async () => {
    const good = join(dir, 'good.zip');
    const bad = join(dir, 'bad.zip');
    writeFileSync(good, zip);
    const broken = zip.slice();
    broken[Math.floor(zip.length / 2)] = (broken[Math.floor(zip.length / 2)] as number) ^ 0x20;
    writeFileSync(bad, broken);
    const runVerify = (file: string) =>
      new Promise<{ code: number | null; out: string }>((res) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/verify.ts', file, '--log-key', keys.log, '--witness-key', keys.witness],
          { cwd: serverDir, env: { ...process.env, DATABASE_URL: '', DATA_DIR: join(dir, 'none') } },
        );
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          out += d;
        });
        child.on('exit', (code) => res({ code, out }));
      });
    const ok = await runVerify(good);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /校验通过：电子案卷“执法人员李建国”共 3 条记录/);
    const ko = await runVerify(bad);
    assert.equal(ko.code, 1);
    assert.match(ko.out, /校验失败：/);
  });
});
