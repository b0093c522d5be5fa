/**
 * Browser test of the web console against the real server (apps/server) with its demo data,
 * driven through real Chromium (Debian's /usr/bin/chromium, never a downloaded browser).
 * Build first: npm run build -w @sanxiang/web.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyCaseFile } from '@sanxiang/domain';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  CHROMIUM,
  type Harness,
  login as loginAt,
  openPage as openPageIn,
  PASSWORD,
  resultsDir,
  shot,
  startHarness,
  until,
} from './support/browserHarness.js';

const hasBrowser = browserAvailable();
if (!hasBrowser) it('浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

/** Each demo login and the heading of the home it must land on. */
const ROLES = [
  { username: 'admin', home: '系统管理首页' },
  { username: 'jiandu', home: '执法监督首页' },
  { username: 'fuzeren', home: '负责人工作台' },
  { username: 'shenhe', home: '法制审核工作台' },
  { username: 'zhifa', home: '执法人员工作台' },
] as const;

describe('web console in Chromium against the real server', { skip: !hasBrowser }, () => {
  let harness: Harness;
  let base: string;

  before(async () => {
    harness = await startHarness();
    base = harness.base;
  });

  after(async () => {
    await harness?.stop();
  });

  const openPage = (viewport?: { width: number; height: number }) => openPageIn(harness.browser, viewport);
  const login = (page: Page, username: string, password: string) => loginAt(page, base, username, password);

  it('refuses a wrong password with 用户名或密码错误', async () => {
    const { context, page } = await openPage();
    try {
      await login(page, 'admin', 'wrong-password-1');
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor({ timeout: 15_000 });
      assert.equal(new URL(page.url()).pathname, '/login');
      await shot(page, 'login-wrong-password.png');
    } finally {
      await context.close();
    }
  });

  it('shows a Chinese 404 page', async () => {
    const { context, page } = await openPage();
    try {
      await login(page, 'zhifa', PASSWORD);
      await page.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });
      await page.goto(`${base}/no-such-page`);
      await page.getByText('页面不存在', { exact: true }).waitFor({ timeout: 10_000 });
    } finally {
      await context.close();
    }
  });

  for (const role of ROLES) {
    it(`${role.username}: logs in, lands on ${role.home}, lists officers`, async () => {
      const { context, page, problems } = await openPage();
      try {
        await login(page, role.username, PASSWORD);
        await page.getByRole('heading', { name: role.home }).waitFor({ timeout: 20_000 });
        await shot(page, `${role.username}-home.png`, true);

        await page.getByRole('menuitem', { name: '执法人员' }).click();
        await page.getByRole('heading', { name: '执法人员', exact: true }).waitFor();
        const rows = page.locator('.ant-table-tbody tr.ant-table-row');
        await rows.first().waitFor({ timeout: 15_000 });
        const count = await rows.count();
        assert.ok(count > 0, '执法人员列表应有数据');
        const names = await rows.locator('td:first-child a').allTextContents();
        assert.ok(
          names.length > 0 && names.every((n) => /^[\u4e00-\u9fa5·]{2,}$/.test(n.trim())),
          `姓名应为中文：${names.join(',')}`,
        );
        assert.equal(await page.locator('.ant-alert-error').count(), 0, '页面不应显示错误');
        await shot(page, `${role.username}-officers.png`, true);
        assert.deepEqual(problems, [], problems.join('\n'));
      } finally {
        await context.close();
      }
    });
  }

  it('admin: agency detail, officer edit with 变更原因 into 变更记录, full resident ID, users', async () => {
    const { context, page, problems, expectRefusal } = await openPage();
    try {
      await login(page, 'admin', PASSWORD);
      await page.getByRole('heading', { name: '系统管理首页' }).waitFor({ timeout: 20_000 });

      await page.getByRole('menuitem', { name: '执法主体' }).click();
      await page.getByRole('link', { name: '示例县应急管理局' }).waitFor();
      await shot(page, 'admin-agencies.png', true);
      await page.getByRole('button', { name: '新增' }).click();
      await page.getByRole('dialog').getByText('新增执法主体').waitFor();
      await page.getByRole('dialog').getByLabel('统一社会信用代码').fill('91530223MA6N00000X');
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await page.getByRole('dialog').getByText('统一社会信用代码校验位不正确').waitFor();
      await shot(page, 'admin-agency-new.png');
      await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      // Export, then import the same file: the server upserts by name, so it succeeds unchanged.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出' }).click(),
      ]);
      assert.match(download.suggestedFilename(), /\.xlsx$/);
      const exported = join(resultsDir, 'agencies-export.xlsx');
      await download.saveAs(exported);
      await page.locator('input[type=file]').setInputFiles(exported);
      await page.getByText(/导入完成：新增执法主体 0 条，更新 0 条，无变化 7 条/).waitFor();
      // A file that is not a workbook is refused with a message, not a crash.
      expectRefusal('/api/agencies/import');
      await page.locator('input[type=file]').setInputFiles({
        name: 'wrong.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from('not an excel file'),
      });
      await page.getByText('无法读取文件').waitFor();
      await shot(page, 'admin-agency-import-refused.png');

      await page.getByRole('link', { name: '示例县应急管理局' }).click();
      await page.getByRole('heading', { name: '示例县应急管理局' }).waitFor();
      await page.getByText('综合行政执法大队').first().waitFor();
      await shot(page, 'admin-agency-detail.png', true);

      await page.getByRole('menuitem', { name: '执法人员' }).click();
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
      // The officer export goes back in unchanged; the same file with two bad cells is refused
      // row by row, and the refusal must arrive as the 行号 / 字段 / 原因 table.
      const [officerExport] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出' }).click(),
      ]);
      const officersFile = join(resultsDir, 'officers-export.xlsx');
      await officerExport.saveAs(officersFile);
      await page.locator('input[type=file]').setInputFiles(officersFile);
      await page.getByText(/导入完成：新增执法人员 0 条，更新 0 条，无变化 \d+ 条/).waitFor();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(officersFile);
      const sheet = workbook.worksheets[0];
      assert.ok(sheet);
      const headers = sheet.getRow(1).values as string[];
      sheet.getRow(2).getCell(headers.indexOf('性别')).value = '未知';
      sheet.getRow(3).getCell(headers.indexOf('执法类别')).value = '航天';
      const brokenFile = join(resultsDir, 'officers-broken.xlsx');
      await workbook.xlsx.writeFile(brokenFile);
      expectRefusal('/api/officers/import');
      await page.locator('input[type=file]').setInputFiles(brokenFile);
      const refusal = page.getByRole('dialog').filter({ hasText: '导入未完成' });
      await refusal.getByRole('columnheader', { name: '行号' }).waitFor();
      await refusal.getByRole('columnheader', { name: '原因' }).waitFor();
      assert.ok((await refusal.locator('.ant-table-tbody tr.ant-table-row').count()) > 0);
      await shot(page, 'admin-officer-import-errors.png');
      await refusal.getByRole('button', { name: '知道了' }).click();
      await refusal.waitFor({ state: 'hidden' });

      await page.getByPlaceholder('姓名或执法证号').fill('李建国');
      await page.getByPlaceholder('姓名或执法证号').press('Enter');
      await until(
        async () => (await page.locator('.ant-table-tbody tr.ant-table-row').count()) === 1,
        '搜索结果应只有李建国',
      );
      await page.getByRole('link', { name: '李建国' }).click();
      await page.getByRole('heading', { name: '李建国' }).waitFor();

      await page.getByRole('button', { name: '查看身份证号' }).click();
      await page.getByRole('textbox', { name: '调阅事由' }).fill('核对证件申领材料');
      await page.getByRole('button', { name: '确定调阅' }).click();
      await page.getByText(/^\d{17}[\dX]$/).waitFor();

      await page.getByRole('button', { name: '编辑' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('职务').fill('副大队长');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.getByText('请填写变更原因').waitFor();
      await dialog.getByLabel('变更原因').fill('岗位调整');
      await shot(page, 'admin-officer-edit.png');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('第 2 版').first().waitFor();
      await page.getByText('原因：岗位调整').waitFor();
      await page.getByText(/职务：.*→ 副大队长/).waitFor();
      await shot(page, 'admin-officer-detail.png', true);

      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.getByRole('heading', { name: '用户管理' }).waitFor();
      await page.getByRole('cell', { name: 'jiandu' }).waitFor();
      await shot(page, 'admin-users.png', true);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  /** The 调阅 reason this file's own reveal states; the supervisor must find it in 调阅记录. */
  const VIEW_REASON = '浏览器测试：核对执法证信息';

  it('admin: 全过程记录 verifies entries in the browser; 留痕与验证 shows the keys and a witnessed checkpoint', async () => {
    const { context, page, problems } = await openPage();
    try {
      await login(page, 'admin', PASSWORD);
      await page.getByRole('heading', { name: '系统管理首页' }).waitFor({ timeout: 20_000 });

      // An agency's trail: its creation, with the units it was registered with.
      await page.getByRole('menuitem', { name: '执法主体' }).click();
      await page.getByRole('link', { name: '示例县应急管理局' }).click();
      await page.getByRole('heading', { name: '示例县应急管理局' }).waitFor();
      const agencyTrail = page.locator('.ant-card').filter({ hasText: '全过程记录' });
      await agencyTrail.getByText('新增执法主体').first().waitFor();
      await agencyTrail.getByText('操作人：系统（演示数据）').first().waitFor();

      await page.getByRole('menuitem', { name: '执法人员' }).click();
      await page.getByPlaceholder('姓名或执法证号').fill('张海涛');
      await page.getByPlaceholder('姓名或执法证号').press('Enter');
      await until(
        async () => (await page.locator('.ant-table-tbody tr.ant-table-row').count()) === 1,
        '搜索结果应只有张海涛',
      );
      await page.getByRole('link', { name: '张海涛' }).click();
      await page.getByRole('heading', { name: '张海涛' }).waitFor();

      // A 调阅 of this test's own, so 调阅记录 below has one whatever else ran.
      await page.getByRole('button', { name: '查看身份证号' }).click();
      await page.getByRole('textbox', { name: '调阅事由' }).fill(VIEW_REASON);
      await page.getByRole('button', { name: '确定调阅' }).click();
      await page.getByText(/^\d{17}[\dX]$/).waitFor();

      await page.getByRole('tab', { name: '全过程记录' }).click();
      const entries = page.locator('[data-seq]');
      await entries.first().getByText('新增执法人员').waitFor();
      // The 调阅 is the trail's newest entry, with its 事由.
      const viewed = entries.last();
      await viewed.getByText('调阅公民身份号码').waitFor();
      await viewed.getByText(`事由：${VIEW_REASON}`).waitFor();

      const first = entries.first();
      const seq = await first.getAttribute('data-seq');
      await first.getByRole('button', { name: '验证' }).click();
      await first
        .getByText(new RegExp(`^已验证：第 ${seq} 条记录包含在经见证的检查点（树大小 \\d+）中$`))
        .waitFor({ timeout: 20_000 });
      // The 调阅 was appended after the last checkpoint: the proof comes with a freshly signed, witnessed one.
      const viewedSeq = await viewed.getAttribute('data-seq');
      await viewed.getByRole('button', { name: '验证' }).click();
      await viewed
        .getByText(new RegExp(`^已验证：第 ${viewedSeq} 条记录包含在经见证的检查点（树大小 \\d+）中$`))
        .waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('[data-seq] .ant-alert-error').count(), 0, '验证不应失败');
      await shot(page, 'admin-officer-trail.png', true);
      // 导出电子案卷: the downloaded ZIP verifies offline with the published keys.
      const [caseFile] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /导出电子案卷/ }).click(),
      ]);
      assert.match(caseFile.suggestedFilename(), /^电子案卷_执法人员.+\.zip$/);
      const zipPath = join(resultsDir, 'case-file.zip');
      await caseFile.saveAs(zipPath);
      const published = (await (await fetch(`${base}/api/ledger/keys`)).json()) as { log: string; witness: string };
      const report = verifyCaseFile(new Uint8Array(readFileSync(zipPath)), published);
      assert.equal(report.problem, undefined);
      assert.ok(report.ok);

      // The browser does not take the server's word: one altered hash in the proof and verification fails.
      const proofs = '**/api/ledger/entries/*/proof';
      await page.route(proofs, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { proof: string[] };
        body.proof[0] = `${body.proof[0]?.startsWith('0') ? '1' : '0'}${body.proof[0]?.slice(1)}`;
        await route.fulfill({ response, json: body });
      });
      await first.getByRole('button', { name: '验证' }).click();
      await first.getByText('验证未通过').waitFor();
      await first.getByText(/^包含证明不成立/).waitFor();
      await page.unroute(proofs);
      await shot(page, 'admin-officer-trail-tampered.png');

      await page.getByRole('menuitem', { name: '留痕与验证' }).click();
      await page.getByRole('heading', { name: '留痕与验证' }).waitFor();
      const keys = (await (await fetch(`${base}/api/ledger/keys`)).json()) as {
        origin: string;
        log: string;
        witness: string;
      };
      await page.getByText(keys.log, { exact: true }).waitFor();
      await page.getByText(keys.witness, { exact: true }).waitFor();
      await page.getByText('已经见证方联署').waitFor();
      await page
        .locator('pre')
        .filter({ hasText: `— ${keys.origin}/witness ` })
        .waitFor();
      await page.getByRole('button', { name: '立即签发检查点' }).click();
      // Verifying the 调阅 above already had its entry signed, so there may be nothing new to sign.
      await page
        .getByText(/^(已签发检查点（树大小 \d+）|自上次签发以来没有新记录，最新检查点仍为树大小 \d+)，见证方已联署$/)
        .waitFor();
      await page.getByRole('button', { name: '在浏览器中核验签名' }).click();
      await page.getByText(/^签名有效：账本（.+），见证方（.+）已联署$/).waitFor();
      await shot(page, 'admin-ledger.png', true);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  it('jiandu: 调阅记录 shows who opened a resident ID, when and why', async () => {
    const { context, page, problems } = await openPage();
    try {
      await login(page, 'jiandu', PASSWORD);
      await page.getByRole('heading', { name: '执法监督首页' }).waitFor({ timeout: 20_000 });
      await page.getByRole('menuitem', { name: '调阅记录' }).click();
      await page.getByRole('heading', { name: '调阅记录' }).waitFor();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: VIEW_REASON });
      await row.waitFor();
      await row.getByRole('link', { name: '张海涛' }).waitFor();
      await row.getByText('系统管理员').waitFor();
      await row.getByText('示例县应急管理局').waitFor();
      await row.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).waitFor();
      // Newest first: this test's 调阅 was the last one.
      assert.match(
        (await page.locator('.ant-table-tbody tr.ant-table-row').first().textContent()) ?? '',
        new RegExp(VIEW_REASON),
      );
      await shot(page, 'jiandu-access-log.png', true);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  it('a new user must change the initial password first, then lands on the home', async () => {
    const { context, page, problems } = await openPage();
    try {
      await login(page, 'admin', PASSWORD);
      await page.getByRole('heading', { name: '系统管理首页' }).waitFor({ timeout: 20_000 });
      await page.getByRole('menuitem', { name: '用户管理' }).click();
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill('ceshi01');
      await dialog.getByLabel('姓名').fill('赵测试');
      await dialog.getByLabel('所属单位').click();
      await dialog.getByLabel('所属单位').fill('应急管理局');
      await dialog.getByLabel('所属单位').press('Enter');
      await dialog.getByLabel('角色').click();
      await dialog.getByLabel('角色').fill('执法人员');
      await dialog.getByLabel('角色').press('Enter');
      await dialog.getByLabel('角色').press('Escape');
      await dialog.getByLabel('初始密码').fill('Chushi2026');
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: 'ceshi01' }).waitFor();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('button', { name: '登录' }).waitFor();

      await login(page, 'ceshi01', 'Chushi2026');
      await page.getByText('首次登录须先修改初始密码').waitFor({ timeout: 20_000 });
      await shot(page, 'ceshi01-change-password.png');
      await page.getByLabel('当前密码').fill('Chushi2026');
      await page.getByLabel('新密码', { exact: true }).fill('ceshi01abc');
      await page.getByLabel('确认新密码').fill('ceshi01abc');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByText('密码不得包含用户名').waitFor();
      await page.getByLabel('新密码', { exact: true }).fill('Xinmima2026');
      await page.getByLabel('确认新密码').fill('Xinmima2026');
      await page.getByRole('button', { name: '修改密码' }).click();
      await page.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  it('zhifa on a phone: menu folds into a drawer, the credential card shows', async () => {
    const { context, page, problems } = await openPage({ width: 390, height: 844 });
    try {
      await login(page, 'zhifa', PASSWORD);
      await page.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });
      await page.getByText('我的执法证件').waitFor();
      await page.getByText('执法证号').first().waitFor();
      await shot(page, 'zhifa-phone-home.png', true);
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('menuitem', { name: '执法人员' }).click();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
      await shot(page, 'zhifa-phone-officers.png', true);
      assert.deepEqual(problems, [], problems.join('\n'));
    } finally {
      await context.close();
    }
  });
});
