/**
 * 事中公示 in Chromium against the real server with the demo county: the page a credential QR code opens
 * (/portal/credentials/<code>) for a valid, an expired and an unknown code, at phone and desktop size,
 * with axe-core finding no serious or critical violation; and the console's print dialog on an officer's
 * page. Build first: npm run build -w @sanxiang/web.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { blockingViolations } from './support/axe.js';
import {
  browserAvailable,
  CHROMIUM,
  type Harness,
  login,
  openPage,
  PASSWORD,
  shot,
  startHarness,
} from './support/browserHarness.js';

const hasBrowser = browserAvailable();
if (!hasBrowser) it('执法证件核验浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('执法证件核验 page and print dialog in Chromium', { skip: !hasBrowser }, () => {
  let harness: Harness;
  let base: string;
  let valid: { id: number; name: string; credentialNo: string; url: string };
  let expired: { name: string; url: string; validTo: string };

  before(async () => {
    process.env.PUBLIC_RATE_LIMIT = '1000';
    harness = await startHarness();
    base = harness.base;
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'yjadmin', password: PASSWORD }),
    });
    assert.equal(res.status, 200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const api = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : null,
      });
      assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
      return r.json() as Promise<Record<string, unknown>>;
    };
    const list = (await api('GET', '/api/officers?credential=valid&pageSize=50')).items as {
      id: number;
      name: string;
      credentialNo: string;
    }[];
    const [a, b] = list;
    assert.ok(a && b);
    valid = { ...a, url: (await api('GET', `/api/officers/${a.id}/credential-qr`)).url as string };
    const url = (await api('GET', `/api/officers/${b.id}/credential-qr`)).url as string;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const validTo = addDays(today, -3);
    await api('PATCH', `/api/officers/${b.id}`, {
      validFrom: addDays(today, -1500),
      validTo,
      reason: '浏览器测试：证件到期',
    });
    expired = { name: b.name, url, validTo };
    assert.ok(valid.url.startsWith(`${base}/portal/credentials/`), valid.url);
  });
  after(async () => {
    await harness?.stop();
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`P-42 at ${size}: a valid credential shows 证件有效 in green with the holder; an expired one 证件无效 with why`, async () => {
      const t = await openPage(harness.browser, viewport);
      try {
        await t.page.goto(valid.url);
        await t.page.getByRole('heading', { level: 1, name: '执法证件核验' }).waitFor();
        const verdict = t.page.locator('.credential-verdict');
        await verdict.getByText('证件有效').waitFor();
        assert.match((await verdict.getAttribute('class')) ?? '', /is-valid/);
        const body = (await t.page.locator('main').textContent()) ?? '';
        for (const word of [valid.name, valid.credentialNo, '示例县应急管理局', '投诉举报', '地址栏', '北京时间']) {
          assert.ok(body.includes(word), word);
        }
        assert.deepEqual(await blockingViolations(t.page), []);
        await shot(t.page, `credential-valid-${size}.png`, true);

        await t.page.goto(expired.url);
        await t.page.locator('.credential-verdict').getByText('证件无效').waitFor();
        assert.match((await t.page.locator('.credential-verdict').getAttribute('class')) ?? '', /is-invalid/);
        await t.page.locator('.credential-reasons').getByText(`证件已过期（有效期至${expired.validTo}）`).waitFor();
        assert.deepEqual(await blockingViolations(t.page), []);
        await shot(t.page, `credential-expired-${size}.png`, true);

        t.expectRefusal('/api/public/credential-checks/abcdefghijkmnpqr');
        await t.page.goto(`${base}/portal/credentials/abcdefghijkmnpqr`);
        await t.page.locator('.credential-verdict').getByText('无法核验').waitFor();
        await t.page
          .getByText(/官方域名/)
          .first()
          .waitFor();
        assert.deepEqual(await blockingViolations(t.page), []);
        await shot(t.page, `credential-unknown-${size}.png`, true);
        assert.deepEqual(t.problems, [], t.problems.join('\n'));
      } finally {
        await t.context.close();
      }
    });
  }

  it('console: the officer page opens the print dialog with the QR code and the board form', async () => {
    const t = await openPage(harness.browser, { width: 1366, height: 900 });
    try {
      await login(t.page, base, 'yjadmin', PASSWORD);
      await t.page
        .getByRole('heading', { name: /工作台|首页|待办/ })
        .first()
        .waitFor()
        .catch(() => {});
      await t.page.goto(`${base}/officers/${valid.id}`);
      await t.page.getByRole('button', { name: '打印证件二维码/公示牌' }).click();
      const dialog = t.page.getByRole('dialog');
      const img = dialog.getByRole('img', { name: `${valid.name}的执法证件核验二维码` });
      await img.waitFor();
      await t.page.waitForFunction((name) => {
        const el = document.querySelector(`img[alt="${name}的执法证件核验二维码"]`) as HTMLImageElement | null;
        return !!el && el.complete && el.naturalWidth > 0;
      }, valid.name);
      await dialog.getByText(valid.url).waitFor();
      await shot(t.page, 'credential-print-dialog-qr.png');
      await dialog.getByRole('tab', { name: '岗位信息公示牌' }).click();
      await dialog.getByLabel('窗口名称').fill('3号窗口 安全生产行政许可');
      const download = t.page.waitForEvent('download');
      await dialog.getByRole('button', { name: /生成公示牌/ }).click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^岗位信息公示牌-3号窗口/);
      await shot(t.page, 'credential-print-dialog-board.png');
      assert.deepEqual(t.problems, [], t.problems.join('\n'));
    } finally {
      await t.context.close();
    }
  });
});
