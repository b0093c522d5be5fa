/**
 * Browser test of the 统计年报 (G-4) in the console and on the portal, against the real server with the demo
 * county: an officer opens the draft the demo generated, submits it, the legal reviewer publishes it in the
 * console; the portal then lists it and shows its charts (Charts.css tables) and the full table at phone
 * and desktop size with axe-core finding no serious or critical violation. Build first:
 * npm run build -w @sanxiang/web.
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
if (!hasBrowser) it('统计年报浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

describe('统计年报 in Chromium against the real server (G-4)', { skip: !hasBrowser }, () => {
  let harness: Harness;
  let base: string;
  let reportId = 0;

  before(async () => {
    process.env.PUBLIC_RATE_LIMIT = '1000';
    harness = await startHarness();
    base = harness.base;
  });
  after(async () => {
    await harness?.stop();
  });

  it('G-4: the officer submits the demo draft in the console and the legal reviewer publishes it', async () => {
    const officer = await openPage(harness.browser);
    try {
      const { page } = officer;
      await login(page, base, 'zhifa', PASSWORD);
      await page.getByRole('menuitem', { name: '统计年报' }).click();
      await page.getByRole('heading', { level: 2, name: '统计年报' }).waitFor();
      const year = new Date().getFullYear();
      await page.getByRole('link', { name: `示例县应急管理局${year}年度行政执法数据统计表` }).click();
      await page.getByRole('columnheader', { name: '指标' }).waitFor();
      reportId = Number(/\/statistics\/(\d+)/.exec(page.url())?.[1]);
      assert.ok(reportId > 0);
      await page.getByRole('cell', { name: '行政处罚决定总数' }).waitFor();
      await page.getByLabel(/对数据作出说明/).fill('行政复议、行政诉讼和投诉举报情况：本年度无。');
      await page.getByRole('button', { name: '保存说明' }).click();
      await page.getByText('说明已保存').waitFor();
      await page.getByRole('button', { name: /提交审核/ }).click();
      await page.getByText('已提交审核').waitFor();
      await shot(page, 'statistics-submitted-1366.png', true);
      assert.deepEqual(officer.problems, [], officer.problems.join('\n'));
    } finally {
      await officer.context.close();
    }

    const reviewer = await openPage(harness.browser, { width: 390, height: 844 });
    try {
      const { page } = reviewer;
      await login(page, base, 'shenhe', PASSWORD);
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto(`${base}/statistics/${reportId}`);
      await page.getByRole('button', { name: /审核通过并公开/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /审核通过并公开/ })
        .click();
      await page.getByText('年报已公开').waitFor();
      await page.getByText('已公开', { exact: true }).first().waitFor();
      await shot(page, 'statistics-published-390.png', true);
      assert.deepEqual(reviewer.problems, [], reviewer.problems.join('\n'));
    } finally {
      await reviewer.context.close();
    }
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`G-4: the portal lists the published report and shows its charts and table, accessibly (${size})`, async () => {
      const t = await openPage(harness.browser, viewport);
      try {
        const { page } = t;
        await page.goto(`${base}/portal/`);
        await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计年报' }).click();
        await page.getByRole('heading', { level: 1, name: '行政执法统计年报' }).waitFor();
        assert.deepEqual(await blockingViolations(page), []);
        await shot(page, `portal-reports-${size}.png`, true);
        await page.getByRole('link', { name: /示例县应急管理局\d{4}年度行政执法数据统计表/ }).click();
        await page.getByRole('heading', { level: 1, name: /年度行政执法数据统计表/ }).waitFor();
        // The charts are tables: their rows are the text alternative.
        const penalties = page.getByRole('table', { name: '行政处罚决定（按处罚种类）' });
        await penalties.waitFor();
        assert.equal(await penalties.getByRole('row').count(), 12);
        await penalties.getByRole('rowheader', { name: '罚款' }).waitFor();
        await page
          .getByRole('table', { name: '行政执法行为（按类别）' })
          .getByRole('rowheader', { name: '行政检查' })
          .waitFor();
        await page.getByRole('cell', { name: '持证率' }).waitFor();
        await page.getByText('行政复议、行政诉讼和投诉举报情况：本年度无。').waitFor();
        assert.equal(
          await page.getByRole('link', { name: '下载 Excel' }).getAttribute('href'),
          `/api/public/reports/${reportId}.xlsx`,
        );
        assert.deepEqual(await blockingViolations(page), []);
        await shot(page, `portal-report-${size}.png`, true);
        assert.deepEqual(t.problems, [], t.problems.join('\n'));
      } finally {
        await t.context.close();
      }
    });
  }
});
