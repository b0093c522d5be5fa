/**
 * 事中公示 (issue 6): credential QR codes, the public check they open, the printable 岗位信息公示牌 and
 * QR cards. Officers are put into each state through the officer API (with reasons), as an admin would.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckDigit, shanghaiDate } from '@sanxiang/domain';
import { eq } from 'drizzle-orm';
import jsQRModule from 'jsqr';
import { credentialCheckCodes } from '../src/db/schema.js';
import { entriesOf } from '../src/modules/ledger/ledgerStore.js';
import { call, login, type Session, startTestApp, type TestApp } from './support/testApp.js';

const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
/** jsqr is CommonJS: its function is the module's `default` export's `default`. */
const jsQR = jsQRModule.default;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Reads the QR code back out of the SVG the server sent, as a phone would out of its picture: the path's
 * runs (`M x y h n m dx dy …`, one unit per module) are painted into a bitmap that jsQR decodes.
 */
function decodeSvgQr(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)?.[1];
  assert.ok(size > 0 && d, 'an SVG of qrcode');
  const dark = new Uint8Array(size * size);
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = (args ?? '')
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === 'M') [x, y] = [n[0] ?? 0, n[1] ?? 0];
    else if (cmd === 'm') [x, y] = [x + (n[0] ?? 0), y + (n[1] ?? 0)];
    else {
      const len = n[0] ?? 0;
      const to = cmd === 'H' ? len : x + len;
      for (let c = x; c < to; c++) dark[Math.floor(y) * size + c] = 1;
      x = to;
    }
  }
  const scale = 6;
  const w = size * scale;
  const rgba = new Uint8ClampedArray(w * w * 4).fill(255);
  for (let py = 0; py < w; py++) {
    for (let px = 0; px < w; px++) {
      if (!dark[Math.floor(py / scale) * size + Math.floor(px / scale)]) continue;
      const i = (py * w + px) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    }
  }
  return jsQR(rgba, w, w)?.data;
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sanxiang-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface OfficerItem {
  id: number;
  name: string;
  credentialNo: string | null;
  agencyId: number;
  status: string;
  credentialValidToday: boolean;
  validTo: string | null;
}

describe(`事中公示: credential QR codes and the public check (${engine})`, () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let bureau: Session;
  let staff: OfficerItem[];
  const today = shanghaiDate();

  before(async () => {
    t = await startTestApp();
    admin = await login(t.app, 'yjadmin');
    officer = await login(t.app, 'zhifa');
    bureau = await login(t.app, 'jiandu');
    const res = await call(t.app, admin, 'GET', '/api/officers?pageSize=200&credential=valid');
    staff = res.json().items;
    assert.ok(staff.length >= 7, 'demo agency has officers with valid credentials');
  });
  after(() => t?.close());

  async function qrUrl(session: Session, id: number): Promise<string> {
    const res = await call(t.app, session, 'GET', `/api/officers/${id}/credential-qr`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().url;
  }
  const codeOf = (url: string) => url.split('/').pop() as string;
  const check = (code: string) => t.app.inject({ method: 'GET', url: `/api/public/credential-checks/${code}` });
  async function patch(id: number, body: Record<string, unknown>) {
    const res = await call(t.app, admin, 'PATCH', `/api/officers/${id}`, body);
    assert.equal(res.statusCode, 200, res.body);
  }

  it('issues one random code per credential (P-42), with a ledger entry, and puts the official address in the QR code', async () => {
    const o = staff[0] as OfficerItem;
    const url = await qrUrl(officer, o.id);
    assert.match(url, /^http:\/\/localhost(:\d+)?\/portal\/credentials\/[a-km-np-z2-9]{16}$/);
    assert.equal(await qrUrl(admin, o.id), url, 'the same code on every print');
    assert.ok(!url.includes(o.credentialNo as string), 'the code is not the (sequential, guessable) credential number');
    const entries = await entriesOf(t.database.db, 'officer', o.id);
    const issued = entries.filter((e) => e.action === 'credentialCheck.issue');
    assert.equal(issued.length, 1);
    assert.equal(JSON.stringify(issued[0]).includes(codeOf(url)), false, 'the ledger keeps a digest, not the code');

    const svg = await call(t.app, officer, 'GET', `/api/officers/${o.id}/credential-qr.svg`);
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    assert.equal(decodeSvgQr(svg.body), url, 'the SVG decodes to the check address');
  });

  it('answers 有效 for a valid credential with the public fields and nothing else (no resident ID, phone, status internals)', async () => {
    const o = staff[0] as OfficerItem;
    const res = await check(codeOf(await qrUrl(admin, o.id)));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const a = res.json();
    assert.equal(a.valid, true);
    assert.equal(a.verdict, '有效');
    assert.deepEqual(a.reasons, []);
    assert.equal(a.checkedOn, today);
    assert.deepEqual(Object.keys(a).sort(), ['agency', 'checkedOn', 'officer', 'reasons', 'valid', 'verdict']);
    assert.deepEqual(Object.keys(a.officer).sort(), [
      'agencyName',
      'credentialNo',
      'fields',
      'name',
      'regionCode',
      'regionName',
      'validTo',
    ]);
    assert.deepEqual(Object.keys(a.agency).sort(), ['complaintPhone', 'name', 'officePhone']);
    assert.equal(a.officer.name, o.name);
    assert.equal(a.officer.credentialNo, o.credentialNo);
    assert.equal(a.officer.validTo, o.validTo);
    assert.equal(a.officer.agencyName, '示例县应急管理局');
    assert.ok(a.officer.fields.some((f: { label: string }) => f.label === '应急管理'));
    const full = await t.database.db.query.officers.findFirst({ where: (x, { eq }) => eq(x.id, o.id) });
    assert.ok(full);
    for (const secret of [full.residentId, full.legalQualificationNo].filter(Boolean)) {
      assert.equal(res.body.includes(secret), false, 'no private field in the answer');
    }
    assert.equal(/residentId|gender|legalQualification|post|unit/.test(res.body), false);
  });

  it('P-42: answers 无效 for an expired credential, saying since when', async () => {
    const o = staff[1] as OfficerItem;
    const code = codeOf(await qrUrl(admin, o.id));
    const validTo = addDays(today, -1);
    await patch(o.id, { validFrom: addDays(today, -1800), validTo, reason: '测试：证件到期' });
    const a = (await check(code)).json();
    assert.equal(a.valid, false);
    assert.equal(a.verdict, '无效');
    assert.deepEqual(
      a.reasons.map((r: { code: string }) => r.code),
      ['CREDENTIAL_EXPIRED'],
    );
    assert.equal(a.reasons[0].message, `证件已过期（有效期至${validTo}）`);
  });

  it('P-42: answers 无效 for a revoked (注销) and a suspended (暂扣) credential', async () => {
    const revoked = staff[2] as OfficerItem;
    const suspended = staff[3] as OfficerItem;
    const rc = codeOf(await qrUrl(admin, revoked.id));
    const sc = codeOf(await qrUrl(admin, suspended.id));
    await patch(revoked.id, { status: 'revoked', reason: '测试：调离执法岗位，证件注销' });
    await patch(suspended.id, { status: 'suspended', reason: '测试：暂扣证件' });
    const r = (await check(rc)).json();
    assert.equal(r.valid, false);
    assert.match(r.reasons[0].message, /已注销/);
    assert.equal(r.officer.name, revoked.name, 'the citizen still sees whose card it is');
    const s = (await check(sc)).json();
    assert.equal(s.valid, false);
    assert.deepEqual(
      s.reasons.map((x: { code: string }) => x.code),
      ['CREDENTIAL_SUSPENDED'],
    );
    assert.match(s.reasons[0].message, /暂扣/);
  });

  it('P-42: answers 无效 for a credential not yet valid, saying from when', async () => {
    const o = staff[4] as OfficerItem;
    const code = codeOf(await qrUrl(admin, o.id));
    const validFrom = addDays(today, 10);
    await patch(o.id, { validFrom, validTo: addDays(today, 1800), reason: '测试：新证件尚未生效' });
    const a = (await check(code)).json();
    assert.equal(a.valid, false);
    assert.deepEqual(
      a.reasons.map((x: { code: string }) => x.code),
      ['CREDENTIAL_NOT_YET_VALID'],
    );
    assert.equal(a.reasons[0].message, `证件尚未生效（自${validFrom}起生效）`);
  });

  it('retires the code of a replaced credential number and of a reissued QR code; unknown codes are 404 in Chinese', async () => {
    const o = staff[5] as OfficerItem;
    const old = codeOf(await qrUrl(admin, o.id));
    await patch(o.id, { credentialNo: `${o.credentialNo}X`, reason: '测试：换发新证' });
    const a = (await check(old)).json();
    assert.equal(a.valid, false);
    assert.equal(a.reasons[0].code, 'CHECK_CODE_REVOKED');
    assert.match(a.reasons[0].message, /已换发/);
    assert.equal(a.officer.credentialNo, o.credentialNo, 'the old card’s number, not the new one');
    assert.equal(a.officer.validTo, null);
    const fresh = codeOf(await qrUrl(admin, o.id));
    assert.notEqual(fresh, old);
    assert.equal((await check(fresh)).json().valid, true);

    const refused = await call(t.app, officer, 'POST', `/api/officers/${o.id}/credential-qr/reissue`, {
      reason: '证件遗失',
    });
    assert.equal(refused.statusCode, 403, 'only an admin reissues');
    const noReason = await call(t.app, admin, 'POST', `/api/officers/${o.id}/credential-qr/reissue`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    const re = await call(t.app, admin, 'POST', `/api/officers/${o.id}/credential-qr/reissue`, {
      reason: '证件遗失补办',
    });
    assert.equal(re.statusCode, 200, re.body);
    const newest = codeOf(re.json().url);
    assert.equal((await check(fresh)).json().reasons[0].code, 'CHECK_CODE_REVOKED');
    assert.equal((await check(newest)).json().valid, true);
    const live = await t.database.db
      .select()
      .from(credentialCheckCodes)
      .where(eq(credentialCheckCodes.officerId, o.id));
    assert.equal(live.filter((r) => r.revokedAt === null).length, 1, 'one live code per officer');
    const reissued = (await entriesOf(t.database.db, 'officer', o.id)).filter(
      (e) => e.action === 'credentialCheck.reissue',
    );
    assert.ok(reissued.length >= 1);

    for (const bad of ['abcdefghijkmnpqr', '53022301001', '../../etc']) {
      const res = await check(encodeURIComponent(bad));
      assert.equal(res.statusCode, 404, bad);
      assert.equal(res.json().code, 'CHECK_CODE_UNKNOWN');
      assert.match(res.json().message, /官方域名/);
    }
  });

  it('refuses a QR code for someone without a credential (422) and for an officer outside the caller’s scope (404)', async () => {
    const agencyId = staff[0]?.agencyId;
    const created = await call(t.app, admin, 'POST', '/api/officers', {
      name: '窗口受理员',
      gender: 'female',
      agencyId,
      post: '政务服务窗口受理',
      credentialNo: null,
      credentialKind: 'enforcement',
      fields: [],
      validFrom: null,
      validTo: null,
      residentId: `53022319900101002${residentIdCheckDigit('53022319900101002')}`,
    });
    assert.equal(created.statusCode, 201, created.body);
    const res = await call(t.app, admin, 'GET', `/api/officers/${created.json().id}/credential-qr.svg`);
    assert.equal(res.statusCode, 422);
    assert.match(res.json().message, /未登记行政执法证号/);

    const others = (await call(t.app, bureau, 'GET', '/api/officers?pageSize=200')).json().items as OfficerItem[];
    const elsewhere = others.find((x) => x.agencyId !== agencyId && x.credentialNo);
    assert.ok(elsewhere);
    const out = await call(t.app, officer, 'GET', `/api/officers/${elsewhere.id}/credential-qr.svg`);
    assert.equal(out.statusCode, 404);
    const anonymous = await call(t.app, null, 'GET', `/api/officers/${staff[0]?.id}/credential-qr.svg`);
    assert.equal(anonymous.statusCode, 401);
  });

  it('prints a 岗位信息公示牌 (PDF) with names, posts, credential numbers, validity and the complaint phone', async () => {
    const board = [staff[0], staff[6] ?? staff[0]] as OfficerItem[];
    const ids = board.map((o) => o.id).join(',');
    const q = new URLSearchParams({
      officerIds: ids,
      windowName: '3号窗口 安全生产行政许可',
      business: '危险化学品经营许可证核发、变更、延续',
      duties: '受理申请，一次性告知所需材料，按时办结',
      progressQuery: '凭受理通知书在本窗口或门户网站查询',
    });
    const res = await call(t.app, officer, 'GET', `/api/officers/post-board.pdf?${q}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const text = pdfText(res.rawPayload).replace(/\s+/g, '');
    for (const word of [
      '岗位信息公示牌',
      '3号窗口',
      '危险化学品经营许可证核发',
      '投诉举报',
      '示例县应急管理局',
      '扫码核验执法身份',
    ]) {
      assert.ok(text.includes(word), word);
    }
    for (const o of board) {
      assert.ok(text.includes(o.name), o.name);
      assert.ok(text.includes(o.credentialNo as string), o.credentialNo as string);
    }
    const agencies = (await call(t.app, null, 'GET', '/api/public/agencies?q=应急管理局')).json().items;
    const phone = agencies[0]?.complaintPhone as string;
    assert.ok(phone && text.includes(phone), `complaint phone ${phone}`);

    const five = staff
      .slice(0, 5)
      .map((o) => o.id)
      .join(',');
    const tooMany = await call(
      t.app,
      officer,
      'GET',
      `/api/officers/post-board.pdf?officerIds=${five}&windowName=1号窗口`,
    );
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.json().message, /最多选择 4 人/);
    const noWindow = await call(t.app, officer, 'GET', `/api/officers/post-board.pdf?officerIds=${staff[0]?.id}`);
    assert.equal(noWindow.statusCode, 400);
  });

  it('prints QR cards (PDF) for several officers, each with name and credential number', async () => {
    const list = staff.slice(0, 3);
    const res = await call(
      t.app,
      admin,
      'GET',
      `/api/officers/credential-cards.pdf?officerIds=${list.map((o) => o.id).join(',')}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const text = pdfText(res.rawPayload).replace(/\s+/g, '');
    assert.ok(text.includes('行政执法证件核验'));
    for (const o of list) {
      assert.ok(text.includes(o.name), o.name);
      assert.ok(text.includes(o.credentialNo as string), o.credentialNo as string);
    }
  });
});

describe(`事中公示: the public check is rate-limited like the rest of /api/public/ (${engine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ publicRateLimit: 3 });
  });
  after(() => t?.close());

  it('answers 429 in Chinese past the limit', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/credential-checks/abcdefghijkmnpqr' });
      assert.equal(res.statusCode, 404);
      assert.equal(res.headers['x-ratelimit-limit'], '3');
    }
    const refused = await t.app.inject({ method: 'GET', url: '/api/public/credential-checks/abcdefghijkmnpqr' });
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().code, 'RATE_LIMITED');
  });
});
