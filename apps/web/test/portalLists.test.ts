/**
 * Browser test of 事前公开 (issue 6): a citizen on a phone finds the 权责清单 of a demo agency from the portal's
 * home page; every list page and a flowchart pass axe-core (no serious or critical violation); and in the
 * console an officer revises the 随机抽查事项清单, submits it, and the agency's legal reviewer compares and
 * approves it, after which the portal shows the new version. Real server, real Chromium.
 * Build first: npm run build -w @sanxiang/web.
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
  type TestPage,
} from './support/browserHarness.js';

const hasBrowser = browserAvailable();
if (!hasBrowser) it('事前公开清单浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

describe('事前公开清单 in Chromium: portal on a phone, console review', { skip: !hasBrowser }, () => {
  let harness: Harness;
  let base: string;
  let agencyId: number;

  before(async () => {
    process.env.PUBLIC_RATE_LIMIT = '1000';
    harness = await startHarness();
    base = harness.base;
    const agencies = (await (await fetch(`${base}/api/public/agencies?pageSize=200`)).json()) as {
      items: { id: number; name: string }[];
    };
    agencyId = agencies.items.find((a) => a.name === '示例县应急管理局')?.id ?? 0;
    assert.ok(agencyId > 0);
  });
  after(async () => {
    await harness?.stop();
  });

  describe('portal at 390x844', () => {
    let t: TestPage;
    before(async () => {
      t = await openPage(harness.browser, { width: 390, height: 844 });
    });
    after(async () => {
      await t?.context.close();
    });

    it('a citizen finds the 权责清单 of the 应急管理局 from the home page', async () => {
      const { page } = t;
      await page.goto(`${base}/portal/`);
      await page.getByRole('heading', { level: 1, name: '示例县行政执法公示' }).waitFor();
      await page.getByRole('link', { name: '示例县应急管理局' }).first().click();
      await page.getByRole('heading', { level: 1, name: '示例县应急管理局' }).waitFor();
      const block = page.getByRole('region', { name: '事前公开清单' });
      await block.getByText(/第2版 · 10 项/).waitFor();
      await block.getByRole('link', { name: /行政执法事项清单（权责清单）/ }).click();
      await page.getByRole('heading', { level: 1, name: '行政执法事项清单（权责清单）' }).waitFor();
      assert.ok((await page.getByRole('article').count()) >= 8);
      // Grouped by action kind; the licenses are one tap away.
      await page.getByRole('link', { name: '行政许可 2' }).click();
      await page.getByRole('heading', { level: 3, name: '危险化学品经营许可（不带储存设施）' }).waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `no horizontal scrolling (${width}px)`);
      assert.deepEqual(await blockingViolations(page), []);
      await shot(page, 'portal-lists-matters-390.png', true);
      // The earlier version stays readable, marked as history.
      await page.getByText(/版本历史/).click();
      await page.getByRole('link', { name: '第1版' }).click();
      await page.getByText('这是已被替代的历史版本（第1版），仅供查阅。').waitFor();
      assert.deepEqual(t.problems, [], t.problems.join('\n'));
    });

    for (const [kind, heading] of [
      ['spotChecks', '随机抽查事项清单'],
      ['serviceGuides', '服务指南'],
      ['avList', '音像记录事项清单'],
      ['catalog', '重大执法决定法制审核目录清单'],
      ['benchmarks', '行政处罚裁量基准'],
    ] as const) {
      it(`${heading}: readable on a phone, no serious axe finding`, async () => {
        const { page } = t;
        await page.goto(`${base}/portal/agencies/${agencyId}/lists/${kind}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `${kind}: no horizontal scrolling (${width}px)`);
        assert.deepEqual(await blockingViolations(page), []);
        await shot(page, `portal-lists-${kind}-390.png`, true);
        assert.deepEqual(t.problems, [], t.problems.join('\n'));
      });
    }

    it('a flowchart drawn from the workflow definition, with its steps as text', async () => {
      const { page } = t;
      await page.goto(`${base}/portal/agencies/${agencyId}`);
      await page.getByRole('link', { name: '行政处罚（普通程序）' }).click();
      await page.getByRole('heading', { level: 1, name: '行政处罚（普通程序）流程图' }).waitFor();
      const img = page.getByRole('img', { name: /行政处罚（普通程序）流程图/ });
      await img.waitFor();
      assert.ok(
        await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0),
      );
      assert.ok((await page.getByRole('region', { name: '办理环节' }).getByRole('listitem').count()) >= 5);
      assert.deepEqual(await blockingViolations(page), []);
      assert.deepEqual(t.problems, [], t.problems.join('\n'));
    });

    it('a list an agency has not published says so', async () => {
      const { page } = t;
      const agencies = (await (await fetch(`${base}/api/public/agencies?pageSize=200`)).json()) as {
        items: { id: number; name: string }[];
      };
      const nyj = agencies.items.find((a) => a.name === '示例县能源局')?.id;
      t.expectRefusal(`/api/public/agencies/${nyj}/lists/matters`);
      await page.goto(`${base}/portal/agencies/${nyj}/lists/matters`);
      await page.getByText('本单位尚未公示该清单。清单经本单位法制机构审核后公示。').waitFor();
      assert.deepEqual(await blockingViolations(page), []);
    });
  });

  it('console: an officer revises the 随机抽查事项清单, the legal reviewer compares and approves, the portal shows it', async () => {
    const o = await openPage(harness.browser);
    const r = await openPage(harness.browser);
    try {
      // --- the officer: revise one item's ratio, save the draft with its reason, submit.
      await login(o.page, base, 'zhifa', PASSWORD);
      await o.page.getByRole('menuitem', { name: '事前公开清单' }).click();
      await o.page.getByRole('heading', { name: '事前公开清单' }).waitFor();
      await o.page.getByRole('tab', { name: /随机抽查事项清单/ }).click();
      const panel = o.page.getByRole('tabpanel', { name: /随机抽查事项清单/ });
      await panel.getByRole('button', { name: '修订现行版本' }).click();
      await panel
        .getByRole('row', { name: /YJ-CC-02/ })
        .getByRole('button', { name: '编辑' })
        .click();
      const dialog = o.page.getByRole('dialog', { name: '编辑“YJ-CC-02”' });
      await dialog.getByLabel('抽查比例').fill('不低于30%');
      await dialog.getByRole('button', { name: '确定' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await panel.getByRole('button', { name: '保存草稿' }).click();
      const save = o.page.getByRole('dialog', { name: '保存草稿' });
      await save.getByRole('button', { name: '保存草稿' }).click();
      await save.getByText('请写明调整原因').waitFor();
      await save.getByLabel('调整原因（S-6）').fill('春节前烟花爆竹零售网点抽查比例提高');
      await save.getByRole('button', { name: '保存草稿' }).click();
      await save.waitFor({ state: 'hidden' });
      await panel.getByRole('button', { name: '提交审核' }).click();
      await o.page.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
      await panel.getByText(/审核期间不能修改/).waitFor();
      await shot(o.page, 'public-lists-officer-submitted.png', true);

      // --- the reviewer: the diff names the field, then approve.
      await login(r.page, base, 'shenhe', PASSWORD);
      await r.page.getByRole('menuitem', { name: '事前公开清单' }).click();
      await r.page.getByRole('tab', { name: /随机抽查事项清单/ }).click();
      const rp = r.page.getByRole('tabpanel', { name: /随机抽查事项清单/ });
      await rp.getByRole('tab', { name: '与现行版本对比' }).click();
      await rp.getByText('新增 0 项，修改 1 项，删除 0 项').waitFor();
      await rp.getByRole('cell', { name: '不低于30%' }).waitFor();
      await shot(r.page, 'public-lists-reviewer-diff.png', true);
      await rp.getByRole('button', { name: '审核通过并公示' }).click();
      const approve = r.page.getByRole('dialog', { name: '审核通过并公示' });
      await approve.getByRole('button', { name: '审核通过并公示' }).click();
      await approve.waitFor({ state: 'hidden' });
      await rp.getByRole('button', { name: '审核通过并公示' }).waitFor({ state: 'detached' });
      await rp.getByRole('cell', { name: '第1版' }).waitFor();
      assert.deepEqual([...o.problems, ...r.problems], []);
    } finally {
      await o.context.close();
      await r.context.close();
    }
    const pub = (await (await fetch(`${base}/api/public/agencies/${agencyId}/lists/spotChecks`)).json()) as {
      version: number;
      entries: { code: string; ratio: string }[];
    };
    assert.equal(pub.version, 2);
    assert.equal(pub.entries.find((e) => e.code === 'YJ-CC-02')?.ratio, '不低于30%');
  });
});
