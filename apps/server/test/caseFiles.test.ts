import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it, mock } from 'node:test';
import { Upload } from '@tus/server';
import { and, eq, sql } from 'drizzle-orm';
import { Upload as TusClientUpload } from 'tus-js-client';
import { loadConfig } from '../src/config.js';
import { agencies, caseFiles, cases, ledgerEntries, officers, users } from '../src/db/schema.js';
import { DEMO_PASSWORD } from '../src/demo/demoData.js';
import { hashPassword } from '../src/modules/identity/password.js';
import { fileStorageFromConfig, LocalFileStore, S3FileStore, storageKeyFor } from '../src/modules/records/fileStore.js';
import { parseRange } from '../src/modules/records/httpRange.js';
import { DigestingFileStore } from '../src/modules/records/stagingStore.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sm3 = (b: Buffer) => createHash('sm3').update(b).digest('hex');

/** The API's error body. */
const errorOf = async (r: Response) => (await r.json()) as { code: string; message: string };

function encodeMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v, 'utf8').toString('base64')}`)
    .join(',');
}

describe(`证据与音像记录：可续传上传、摘要、留痕与调阅 (${engine})`, () => {
  let t: TestApp;
  let base: string;
  let zhifa: Session;
  let fuzeren: Session;
  let jiandu: Session;
  let nengyuan: Session;
  let bureauOfficer: Session;
  let caseId: number;
  let siblingCaseId: number;
  let officerId: number;

  const headers = (s: Session, extra: Record<string, string> = {}) => ({
    cookie: s.cookie,
    'x-csrf-token': s.csrfToken,
    'tus-resumable': '1.0.0',
    ...extra,
  });

  function metadataFor(bytes: Buffer, extra: Record<string, string> = {}): Record<string, string> {
    return {
      caseId: String(caseId),
      kind: 'av',
      step: 'inspect',
      name: '现场检查执法记录仪视频.mp4',
      mimeType: 'video/mp4',
      sha256: sha256(bytes),
      confidentiality: 'internal',
      device: '执法记录仪 DSJ-V9 #0231',
      capturedAt: '2026-11-23T09:30:00+08:00',
      capturedByOfficerId: String(officerId),
      place: '示例县城关镇建设路56号',
      ...extra,
    };
  }

  async function createUpload(s: Session, length: number, meta: Record<string, string>) {
    return fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: headers(s, { 'upload-length': String(length), 'upload-metadata': encodeMetadata(meta) }),
    });
  }

  async function patch(s: Session, location: string, offset: number, body: Buffer) {
    return fetch(new URL(location, base), {
      method: 'PATCH',
      headers: headers(s, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
      body,
    });
  }

  async function head(s: Session, location: string) {
    return fetch(new URL(location, base), { method: 'HEAD', headers: headers(s) });
  }

  /** Uploads in one PATCH; returns the case file id. */
  async function upload(s: Session, bytes: Buffer, meta: Record<string, string>): Promise<number> {
    const created = await createUpload(s, bytes.length, meta);
    assert.equal(created.status, 201, await created.text());
    const location = created.headers.get('location');
    assert.ok(location);
    const res = await patch(s, location, 0, bytes);
    assert.equal(res.status, 204, await res.text());
    return Number(res.headers.get('x-case-file-id'));
  }

  const fileCount = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(caseFiles))[0]?.n ?? 0;
  const uploadEntries = async () =>
    t.database.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.action, 'file.upload'), eq(ledgerEntries.subjectId, String(caseId))));
  const staged = () => readdirSync(t.files.uploadsDir);

  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const db = t.database.db;
    const agency = async (name: string) => {
      const [a] = await db.select().from(agencies).where(eq(agencies.name, name));
      assert.ok(a, name);
      return a;
    };
    const yjj = await agency('示例县应急管理局');
    const nyj = await agency('示例县能源局');
    const sfj = await agency('示例县司法局');
    const newCase = async (agencyId: number, caseNo: string) => {
      const [c] = await db
        .insert(cases)
        .values({
          agencyId,
          caseNo,
          procedure: 'penalty.general',
          field: 'emergency',
          title: '某化工有限公司未按规定进行安全生产教育培训案',
          source: 'inspection',
          state: 'investigating',
          leadOn: '2026-11-20',
          party: {
            type: 'organization',
            name: '示例县某化工有限公司',
            idNumber: '91530223MA6K000000',
            address: '示例县工业园区1号',
            phone: '0870-6000000',
            legalRepresentative: '赵某',
          },
        })
        .returning();
      assert.ok(c);
      return c.id;
    };
    caseId = await newCase(yjj.id, '示应急立〔2026〕1号');
    siblingCaseId = await newCase(nyj.id, '示能立〔2026〕1号');
    const [o] = await db.select().from(officers).where(eq(officers.name, '李建国'));
    assert.ok(o);
    officerId = o.id;
    // A justice-bureau user with the officer role: region scope, so it may read but not upload.
    await db.insert(users).values({
      username: 'sfjofficer',
      displayName: '周丽娟',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      agencyId: sfj.id,
      roles: ['officer'],
    });
    zhifa = await login(t.app, 'zhifa');
    fuzeren = await login(t.app, 'fuzeren');
    jiandu = await login(t.app, 'jiandu');
    nengyuan = await login(t.app, 'nengyuan');
    bureauOfficer = await login(t.app, 'sfjofficer');
  });
  after(() => t.close());

  it('resumes a 20 MB upload cut mid-way (HEAD + PATCH): stored bytes identical, SM3 and SHA-256 as openssl computes them', async (ctx) => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const created = await createUpload(zhifa, bytes.length, metadataFor(bytes));
    assert.equal(created.status, 201, await created.text());
    const location = created.headers.get('location') ?? '';
    assert.match(location, /^\/api\/uploads\/[0-9a-f]{32}$/);

    // First PATCH announces the whole file but the connection dies after ~8 MB.
    const cutAt = 8 * 1024 * 1024 + 12345;
    await new Promise<void>((resolve) => {
      const req = http.request(new URL(location, base), {
        method: 'PATCH',
        headers: headers(zhifa, {
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length),
        }),
      });
      req.on('error', () => resolve());
      req.on('response', (res) => {
        res.resume();
        resolve();
      });
      let sent = 0;
      const pump = () => {
        while (sent < cutAt) {
          const chunk = bytes.subarray(sent, Math.min(cutAt, sent + 256 * 1024));
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        setTimeout(() => req.destroy(), 300);
      };
      pump();
    });

    // The server keeps what arrived; HEAD tells where to go on once the aborted PATCH has settled.
    let offset = -1;
    for (let i = 0; i < 50; i++) {
      const res = await head(zhifa, location);
      assert.equal(res.status, 200);
      const now = Number(res.headers.get('upload-offset'));
      if (now === offset) break;
      offset = now;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(offset > 0 && offset <= cutAt, `resumes from ${offset}`);
    ctx.diagnostic(`cut after ${cutAt} bytes sent; the server kept ${offset}, resumed from there`);
    assert.equal(await fileCount(), 0, 'nothing recorded before the upload is complete');

    const res = await patch(zhifa, location, offset, bytes.subarray(offset));
    assert.equal(res.status, 204, await res.text());
    const fileId = Number(res.headers.get('x-case-file-id'));
    assert.ok(fileId > 0);

    const list = await call(t.app, zhifa, 'GET', `/api/cases/${caseId}/files`);
    assert.equal(list.statusCode, 200, list.body);
    const file = list.json().find((f: { id: number }) => f.id === fileId);
    assert.ok(file);
    const dir = mkdtempSync(join(tmpdir(), 'sanxiang-digest-'));
    try {
      writeFileSync(join(dir, 'f'), bytes);
      const openssl = (alg: string) =>
        execFileSync('openssl', ['dgst', `-${alg}`, '-r', join(dir, 'f')], { encoding: 'utf8' }).split(' ')[0];
      assert.equal(file.sha256, openssl('sha256'));
      assert.equal(file.sm3, openssl('sm3'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(file.sm3, sm3(bytes));
    assert.equal(file.size, bytes.length);
    assert.equal(file.kind, 'av');
    assert.equal(file.step, 'inspect');
    assert.equal(file.device, '执法记录仪 DSJ-V9 #0231');
    assert.equal(file.place, '示例县城关镇建设路56号');
    assert.equal(new Date(file.capturedAt).toISOString(), '2026-11-23T01:30:00.000Z');
    assert.equal(file.capturedByName, '李建国');
    assert.equal(file.uploaderName, '李建国');

    const store = t.files.store as LocalFileStore;
    assert.ok(readFileSync(store.pathOf(storageKeyFor(file.sha256))).equals(bytes), 'stored file is byte-identical');
    assert.deepEqual(staged(), [], 'staging is cleaned up');

    // Range: what a video player asks for when seeking.
    const url = `${base}/api/cases/${caseId}/files/${fileId}/content`;
    const mid = await fetch(url, { headers: { cookie: zhifa.cookie, range: 'bytes=1000000-1000999' } });
    assert.equal(mid.status, 206);
    assert.equal(mid.headers.get('content-range'), `bytes 1000000-1000999/${bytes.length}`);
    assert.equal(mid.headers.get('content-type'), 'video/mp4');
    assert.ok(Buffer.from(await mid.arrayBuffer()).equals(bytes.subarray(1000000, 1001000)));
    const open = await fetch(url, { headers: { cookie: zhifa.cookie, range: `bytes=${bytes.length - 10}-` } });
    assert.equal(open.status, 206);
    assert.ok(Buffer.from(await open.arrayBuffer()).equals(bytes.subarray(bytes.length - 10)));
    const beyond = await fetch(url, { headers: { cookie: zhifa.cookie, range: `bytes=${bytes.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${bytes.length}`);
    await beyond.arrayBuffer();
    const probe = await fetch(url, { method: 'HEAD', headers: { cookie: zhifa.cookie } });
    assert.equal(probe.status, 200);
    assert.equal(probe.headers.get('content-length'), String(bytes.length));
    const whole = await fetch(url, { headers: { cookie: zhifa.cookie } });
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.equal(
      whole.headers.get('content-disposition'),
      `inline; filename="${'_'.repeat(11)}.mp4"; filename*=UTF-8''${encodeURIComponent('现场检查执法记录仪视频.mp4')}`,
    );
    assert.equal(sha256(Buffer.from(await whole.arrayBuffer())), file.sha256);
  });

  it('writes the upload to the case’s ledger trail with the digests and capture metadata', async () => {
    const bytes = Buffer.from('询问笔记录音（测试内容）');
    const fileId = await upload(zhifa, bytes, metadataFor(bytes, { kind: 'evidence', name: '询问录音.txt' }));
    const trail = await call(t.app, fuzeren, 'GET', `/api/ledger/trail?subjectType=case&subjectId=${caseId}`);
    assert.equal(trail.statusCode, 200, trail.body);
    const entry = trail.json().find((e: { payload: { fileId?: number } }) => e.payload.fileId === fileId);
    assert.ok(entry);
    assert.equal(entry.action, 'file.upload');
    assert.equal(entry.actor, '李建国');
    assert.deepEqual(entry.payload, {
      fileId,
      name: '询问录音.txt',
      kind: 'evidence',
      step: 'inspect',
      mimeType: 'video/mp4',
      size: bytes.length,
      sm3: sm3(bytes),
      sha256: sha256(bytes),
      confidentiality: 'internal',
      device: '执法记录仪 DSJ-V9 #0231',
      capturedAt: '2026-11-23T01:30:00.000Z',
      capturedByOfficerId: officerId,
      place: '示例县城关镇建设路56号',
    });
    const listed = (await call(t.app, zhifa, 'GET', `/api/cases/${caseId}/files`))
      .json()
      .find((f: { id: number }) => f.id === fileId);
    assert.equal(listed.ledgerSeq, entry.seq);
  });

  it('rejects a file whose SHA-256 is not the declared one: 460, Chinese message, no row, no ledger entry, nothing staged', async () => {
    const bytes = randomBytes(300_000);
    const [filesBefore, entriesBefore] = [await fileCount(), (await uploadEntries()).length];
    const created = await createUpload(zhifa, bytes.length, metadataFor(bytes, { sha256: sha256(Buffer.from('x')) }));
    assert.equal(created.status, 201);
    const location = created.headers.get('location');
    assert.ok(location);
    const res = await patch(zhifa, location, 0, bytes);
    assert.equal(res.status, 460);
    const body = await errorOf(res);
    assert.equal(body.code, 'DIGEST_MISMATCH');
    assert.match(body.message, /SHA-256.*不一致.*未保存/);
    assert.equal(await fileCount(), filesBefore);
    assert.equal((await uploadEntries()).length, entriesBefore);
    assert.deepEqual(staged(), []);
    assert.equal((await head(zhifa, location)).status, 404);
  });

  it('refuses to create uploads outside the caller’s case scope, for supervisors, and with bad metadata — creating nothing', async () => {
    const bytes = Buffer.from('scope');
    const other = await createUpload(zhifa, bytes.length, metadataFor(bytes, { caseId: String(siblingCaseId) }));
    assert.equal(other.status, 404);
    assert.match((await errorOf(other)).message, /未找到该案件/);
    const sibling = await createUpload(nengyuan, bytes.length, metadataFor(bytes, { capturedByOfficerId: '' }));
    assert.equal(sibling.status, 404);
    await sibling.arrayBuffer();
    const region = await createUpload(bureauOfficer, bytes.length, metadataFor(bytes));
    assert.equal(region.status, 403);
    assert.match((await errorOf(region)).message, /只能调阅案件材料，不能上传/);
    const supervisor = await createUpload(jiandu, bytes.length, metadataFor(bytes));
    assert.equal(supervisor.status, 403);
    await supervisor.arrayBuffer();
    const anonymous = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-length': '5',
        'upload-metadata': encodeMetadata(metadataFor(bytes)),
      },
    });
    assert.equal(anonymous.status, 401);
    await anonymous.arrayBuffer();
    const noCsrf = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: { cookie: zhifa.cookie, 'tus-resumable': '1.0.0', 'upload-length': '5' },
    });
    assert.equal(noCsrf.status, 403);
    await noCsrf.arrayBuffer();
    const badMeta: [Record<string, string>, RegExp][] = [
      [{ sha256: 'abc' }, /SHA-256 摘要应为 64 位十六进制/],
      [{ kind: 'photo' }, /材料类别/],
      [{ confidentiality: 'secret' }, /密级/],
      [{ capturedAt: 'yesterday' }, /采集时间/],
      [{ caseId: '' }, /缺少案件编号/],
      [{ name: '' }, /缺少文件名/],
    ];
    for (const [change, message] of badMeta) {
      const res = await createUpload(zhifa, bytes.length, metadataFor(bytes, change));
      assert.equal(res.status, 400, JSON.stringify(change));
      assert.match((await errorOf(res)).message, message);
    }
    const foreignOfficer = (await t.database.db.select().from(officers).where(eq(officers.name, '高建军')))[0];
    const res = await createUpload(
      zhifa,
      bytes.length,
      metadataFor(bytes, { capturedByOfficerId: String(foreignOfficer?.id) }),
    );
    assert.equal(res.status, 400);
    assert.match((await errorOf(res)).message, /采集人员不是本案执法主体的执法人员/);
    assert.deepEqual(staged(), [], 'no upload was created');
  });

  it('lets only the uploader resume or cancel an upload', async () => {
    const bytes = randomBytes(1000);
    const created = await createUpload(zhifa, bytes.length, metadataFor(bytes));
    const location = created.headers.get('location');
    assert.ok(location);
    assert.equal((await head(fuzeren, location)).status, 404);
    const wrongOffset = await patch(zhifa, location, 10, bytes.subarray(10));
    assert.equal(wrongOffset.status, 409);
    assert.match((await errorOf(wrongOffset)).message, /续传位置与服务器记录不一致/);
    const foreign = await patch(fuzeren, location, 0, bytes);
    assert.equal(foreign.status, 404);
    await foreign.arrayBuffer();
    const cancel = await fetch(new URL(location, base), { method: 'DELETE', headers: headers(zhifa) });
    assert.equal(cancel.status, 204);
    assert.deepEqual(staged(), []);
  });

  it('works with tus-js-client, the console’s uploader', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const fileId = await new Promise<number>((resolve, reject) => {
      const u = new TusClientUpload(bytes, {
        endpoint: `${base}/api/uploads`,
        headers: { cookie: zhifa.cookie, 'x-csrf-token': zhifa.csrfToken },
        chunkSize: 1024 * 1024,
        metadata: metadataFor(bytes, { name: '现场照片.jpg', mimeType: 'image/jpeg', kind: 'evidence' }),
        onSuccess: (payload) => resolve(Number(payload.lastResponse.getHeader('X-Case-File-Id'))),
        onError: reject,
      });
      u.start();
    });
    const [row] = await t.database.db.select().from(caseFiles).where(eq(caseFiles.id, fileId));
    assert.equal(row?.sha256, sha256(bytes));
    assert.equal(row?.sm3, sm3(bytes));
    assert.equal(row?.size, bytes.length);
  });

  it('S-5: a confidential file opens only after its access is recorded with a reason, for 30 minutes, for that user', async () => {
    const bytes = randomBytes(5000);
    const fileId = await upload(
      zhifa,
      bytes,
      metadataFor(bytes, { confidentiality: 'confidential', name: '举报人身份材料.pdf', mimeType: 'application/pdf' }),
    );
    const content = `/api/cases/${caseId}/files/${fileId}/content`;
    const denied = await call(t.app, fuzeren, 'GET', content);
    assert.equal(denied.statusCode, 403);
    assert.match(denied.json().message, /调阅事由.*S-5/);

    const noReason = await call(t.app, fuzeren, 'POST', `/api/cases/${caseId}/files/${fileId}/access`, { reason: ' ' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /请填写调阅事由/);
    const granted = await call(t.app, fuzeren, 'POST', `/api/cases/${caseId}/files/${fileId}/access`, {
      reason: '案件审查需核实举报人身份',
    });
    assert.equal(granted.statusCode, 200, granted.body);
    const { access } = granted.json();
    const opened = await call(t.app, fuzeren, 'GET', `${content}?access=${access}`);
    assert.equal(opened.statusCode, 200);
    assert.equal(opened.headers['cache-control'], 'no-store');
    assert.ok(opened.rawPayload.equals(bytes));

    // Another user cannot ride on it; another file cannot be opened with it.
    assert.equal((await call(t.app, zhifa, 'GET', `${content}?access=${access}`)).statusCode, 403);
    const plain = randomBytes(10);
    const otherFile = await upload(zhifa, plain, metadataFor(plain, { confidentiality: 'confidential' }));
    const otherContent = `/api/cases/${caseId}/files/${otherFile}/content?access=${access}`;
    assert.equal((await call(t.app, fuzeren, 'GET', otherContent)).statusCode, 403);

    // The justice bureau supervises: it may open it too, through its own recorded access.
    const sup = await call(t.app, jiandu, 'POST', `/api/cases/${caseId}/files/${fileId}/access`, {
      reason: '案卷评查',
    });
    assert.equal(sup.statusCode, 200);
    assert.equal((await call(t.app, jiandu, 'GET', `${content}?access=${sup.json().access}`)).statusCode, 200);
    // …but a sibling agency sees neither the case nor its files.
    assert.equal((await call(t.app, nengyuan, 'GET', `/api/cases/${caseId}/files`)).statusCode, 404);

    // 31 minutes later the same access no longer opens it.
    mock.timers.enable({ apis: ['Date'], now: Date.now() + 31 * 60_000 });
    try {
      const expired = await call(t.app, fuzeren, 'GET', `${content}?access=${access}`);
      assert.equal(expired.statusCode, 403);
      assert.match(expired.json().message, /超过 30 分钟/);
    } finally {
      mock.timers.reset();
    }

    const log = await call(t.app, fuzeren, 'GET', '/api/ledger/access-log');
    assert.equal(log.statusCode, 200);
    const entry = log.json().find((e: { seq: number }) => e.seq === access);
    assert.ok(entry, 'the access is in the S-5 access log');
    assert.equal(entry.payload.reason, '案件审查需核实举报人身份');
    assert.equal(entry.payload.fileId, fileId);
    assert.equal(entry.subjectType, 'case');
  });
});

/**
 * The same path with an S3-compatible store: runs only when S3_TEST_ENDPOINT names one (MinIO,
 * Ceph, or s3rver for a quick check), since none is available to CI here.
 */
const s3Endpoint = process.env.S3_TEST_ENDPOINT;
describe(`上传到 S3 兼容对象存储 (${engine})`, { skip: s3Endpoint ? false : 'S3_TEST_ENDPOINT 未设置' }, () => {
  let t: TestApp;
  let base: string;
  let s: Session;
  let caseId: number;
  before(async () => {
    const store = new S3FileStore({
      endpoint: s3Endpoint,
      bucket: process.env.S3_TEST_BUCKET ?? 'sanxiang',
      region: process.env.S3_TEST_REGION ?? 'us-east-1',
      accessKeyId: process.env.S3_TEST_ACCESS_KEY_ID ?? 'S3RVER',
      secretAccessKey: process.env.S3_TEST_SECRET_ACCESS_KEY ?? 'S3RVER',
      forcePathStyle: true,
    });
    t = await startTestApp({ fileStore: store });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const [yjj] = await t.database.db.select().from(agencies).where(eq(agencies.name, '示例县应急管理局'));
    assert.ok(yjj);
    const [c] = await t.database.db
      .insert(cases)
      .values({
        agencyId: yjj.id,
        caseNo: '示应急立〔2026〕2号',
        procedure: 'penalty.general',
        field: 'emergency',
        title: 'S3 存储测试',
        source: 'inspection',
        state: 'investigating',
        leadOn: '2026-11-20',
        party: { type: 'person', name: '测试', idNumber: '', address: '', phone: '', legalRepresentative: '' },
      })
      .returning();
    assert.ok(c);
    caseId = c.id;
    s = await login(t.app, 'zhifa');
  });
  after(() => t?.close());

  it('stores a 40 MB upload as a multipart object and serves ranges from it', async () => {
    const bytes = randomBytes(40 * 1024 * 1024 + 7);
    const tus = { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'tus-resumable': '1.0.0' };
    const meta = { caseId: String(caseId), kind: 'av', name: 'a.mp4', mimeType: 'video/mp4', sha256: sha256(bytes) };
    const created = await fetch(`${base}/api/uploads`, {
      method: 'POST',
      headers: { ...tus, 'upload-length': String(bytes.length), 'upload-metadata': encodeMetadata(meta) },
    });
    assert.equal(created.status, 201);
    const res = await fetch(new URL(created.headers.get('location') ?? '', base), {
      method: 'PATCH',
      headers: { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
      body: bytes,
    });
    assert.equal(res.status, 204, await res.text());
    const fileId = Number(res.headers.get('x-case-file-id'));
    assert.equal(await t.files.store.size(storageKeyFor(sha256(bytes))), bytes.length);
    const part = await fetch(`${base}/api/cases/${caseId}/files/${fileId}/content`, {
      headers: { cookie: s.cookie, range: 'bytes=30000000-30000099' },
    });
    assert.equal(part.status, 206);
    assert.ok(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(30000000, 30000100)));
  });
});

describe('file storage parts', () => {
  it('DigestingFileStore rebuilds the hashes of the stored prefix when a resumed write finds no live state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanxiang-staging-'));
    try {
      const bytes = randomBytes(3 * 1024 * 1024 + 5);
      const first = new DigestingFileStore({ directory: dir });
      const id = randomBytes(16).toString('hex');
      await first.create(new Upload({ id, size: bytes.length, offset: 0 }));
      const half = 1024 * 1024 + 3;
      assert.equal(await first.write(Readable.from([bytes.subarray(0, half)]), id, 0), half);
      // A new process (restart, or another server behind the balancer) continues the upload.
      const second = new DigestingFileStore({ directory: dir });
      assert.equal(await second.write(Readable.from([bytes.subarray(half)]), id, half), bytes.length);
      assert.deepEqual(await second.digests(id, bytes.length), { sm3: sm3(bytes), sha256: sha256(bytes) });
      await Promise.all([first.close(), second.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('LocalFileStore writes atomically and reads ranges', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanxiang-store-'));
    try {
      const store = new LocalFileStore(dir);
      const bytes = randomBytes(10_000);
      const key = storageKeyFor(sha256(bytes));
      await store.write(key, Readable.from([bytes]));
      assert.equal(await store.size(key), bytes.length);
      const chunks: Buffer[] = [];
      for await (const c of await store.read(key, { start: 10, end: 19 })) chunks.push(c as Buffer);
      assert.ok(Buffer.concat(chunks).equals(bytes.subarray(10, 20)));
      await store.remove(key);
      await assert.rejects(store.size(key), /不存在/);
      assert.throws(() => store.pathOf('../etc/passwd'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads FILES_DIR, UPLOADS_DIR and the S3 settings from the environment', () => {
    const local = loadConfig({ INIT_CWD: '/srv/sanxiang' });
    assert.equal(local.filesDir, '/srv/sanxiang/data/files');
    assert.equal(local.uploadsDir, '/srv/sanxiang/data/uploads');
    assert.equal(local.s3, undefined);
    assert.ok(fileStorageFromConfig(local).store instanceof LocalFileStore);
    const s3 = loadConfig({
      INIT_CWD: '/srv/sanxiang',
      UPLOADS_DIR: '/fast/uploads',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'evidence',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
    });
    assert.equal(s3.uploadsDir, '/fast/uploads');
    assert.deepEqual(s3.s3, {
      endpoint: 'http://minio:9000',
      bucket: 'evidence',
      region: 'us-east-1',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    });
    assert.ok(fileStorageFromConfig(s3).store instanceof S3FileStore);
  });

  it('parses Range headers', () => {
    assert.deepEqual(parseRange('bytes=0-', 10), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=2-4', 10), { start: 2, end: 4 });
    assert.deepEqual(parseRange('bytes=5-100', 10), { start: 5, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=4-2', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,3-4', 10), undefined);
    assert.equal(parseRange('items=0-1', 10), undefined);
  });

  // Always runs: the client is built as S3-compatible stores need it. The upload path against a
  // live store is the S3_TEST_ENDPOINT suite above.
  it('S3FileStore builds its client for S3-compatible stores (path-style, endpoint, region)', async () => {
    const store = new S3FileStore({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'sanxiang',
      region: 'us-east-1',
      accessKeyId: 'minio',
      secretAccessKey: 'minio-secret',
      forcePathStyle: true,
    });
    assert.equal(store.kind, 's3');
    assert.equal(store.bucket, 'sanxiang');
    assert.equal(await store.client.config.region(), 'us-east-1');
    assert.equal(store.client.config.forcePathStyle, true);
    const endpoint = await store.client.config.endpoint?.();
    assert.equal(endpoint?.hostname, '127.0.0.1');
  });
});
