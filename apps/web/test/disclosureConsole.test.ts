/**
 * 事后公开 in the console, end to end against the real server (issue 6; G-1, G-2, G-3, P-48): the officer 李建国 (zhifa)
 * finds the demo's one pending disclosure (overdue) on 决定公开, opens it, reads the server's masked preview, publishes
 * it on a fixed day after its due date — it leaves the 待公开 list, is marked 逾期公开, and the home's 公开逾期 figure
 * drops to 0; then he withdraws a published penalty after it was changed on reconsideration, and the page shows 已撤回
 * with the 3-working-day due date the domain computes, as does the case page's 公开 tab.
 *
 * Dates: fixed days of October 2026 (ON below), after every demo decision (the demo dates its acts on or before
 * 2026-09-27) and before today, like legalReview.test.ts; the server refuses future act dates.
 */

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type DisclosureRecord, REVERSAL_KIND_LABELS, WorkCalendar, withdrawDeadline } from '@sanxiang/domain';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  CHROMIUM,
  chooseOption,
  type Harness,
  login,
  openPage,
  PASSWORD,
  resultsDir,
  shot,
  startHarness,
} from './support/browserHarness.js';
import { pickDate, settleAtTop } from './support/consoleForms.js';

const hasBrowser = browserAvailable();
if (!hasBrowser) it('决定公开浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

/** Screenshots to look at (DISCLOSURE_UI_DIR), by default with the other test results. */
const uiDir = process.env.DISCLOSURE_UI_DIR ?? join(resultsDir, 'disclosure-ui');

const ON = { publish: '2026-10-20', reversed: '2026-10-21', withdraw: '2026-10-22' } as const;

interface Summary {
  id: number;
  caseId: number;
  title: string;
  category: string;
  status: string;
  decidedOn: string;
  dueOn: string;
  overdue: boolean;
}

async function listOf(page: Page, base: string, status: string): Promise<Summary[]> {
  const res = await page.request.get(`${base}/api/disclosures`, { params: { status } });
  assert.equal(res.status(), 200);
  return ((await res.json()) as { items: Summary[] }).items;
}

describe('decision disclosure in Chromium: preview, publish, withdraw (G-1, G-2, G-3, P-48)', {
  skip: !hasBrowser,
}, () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
    mkdirSync(uiDir, { recursive: true });
  });

  after(async () => {
    await harness?.stop();
  });

  it('zhifa publishes the overdue pending disclosure, then withdraws a published penalty', async () => {
    const { base } = harness;
    const officer = await openPage(harness.browser, { width: 1366, height: 900 });
    const phone = await openPage(harness.browser, { width: 390, height: 844 });
    const o = officer.page;
    const p = phone.page;
    try {
      await Promise.all([login(o, base, 'zhifa', PASSWORD), login(p, base, 'zhifa', PASSWORD)]);
      await o.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });
      await p.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });

      // The home's alert figure: one decision past its G-1 due date.
      const figure = o.locator('.ant-card').filter({ hasText: '公开逾期' });
      await figure.locator('.ant-statistic-content-value').getByText('1', { exact: true }).waitFor();

      const pendingBefore = await listOf(o, base, 'pending');
      assert.equal(pendingBefore.length, 1, '演示数据应有一件待公开事项');
      const task = pendingBefore[0] as Summary;
      assert.ok(task.overdue, '演示的待公开事项应已逾期');
      assert.ok(ON.publish >= task.decidedOn && ON.publish > task.dueOn);

      // --- 决定公开 from the menu: the pending task, red with 逾期.
      await figure.getByRole('link').click();
      await o.getByRole('heading', { name: '决定公开' }).waitFor();
      const row = o.locator(`tr[data-row-key="${task.id}"]`);
      await row.waitFor();
      await row.locator('[data-overdue]').getByText('逾期').waitFor();
      assert.match((await row.textContent()) ?? '', new RegExp(task.dueOn));
      await o.locator('[data-overdue-count="1"]').waitFor();
      await shot(o, join(uiDir, 'list-pending.png'), true);
      await p.goto(`${base}/disclosures`);
      await p.locator(`[data-disclosure="${task.id}"]`).getByText('逾期').waitFor();
      await shot(p, join(uiDir, 'list-pending-phone.png'), true);

      // --- The preview: what the server would publish, masked by the server (G-3), shown as is.
      await row.getByRole('link', { name: task.title }).click();
      await o.getByRole('heading', { name: task.title }).waitFor();
      const recordCard = o.locator('[data-card="record"]');
      await recordCard.getByText('公开内容预览').waitFor();
      const detail = (await (await o.request.get(`${base}/api/disclosures/${task.id}`)).json()) as {
        record: DisclosureRecord;
        leaks: string[];
      };
      assert.deepEqual(detail.leaks, []);
      const record = recordCard.locator('[data-record]');
      await record.locator('[data-record-party]').getByText(detail.record.partyName, { exact: true }).waitFor();
      const shown = (await record.textContent()) ?? '';
      for (const value of [detail.record.title, detail.record.conclusion, detail.record.instrumentNumber]) {
        assert.ok(shown.includes(value), `预览应显示“${value}”`);
      }
      // Nothing the server left out of the record appears: the party's phone and address are on the case only.
      const kase = (await (await o.request.get(`${base}/api/cases/${task.caseId}`)).json()) as {
        party: { phone: string; address: string };
      };
      for (const hidden of [kase.party.phone, kase.party.address].filter(Boolean)) {
        assert.ok(!shown.includes(hidden), `预览不应显示“${hidden}”`);
      }
      const note = (await o.locator('[data-masking-note]').textContent()) ?? '';
      assert.match(note, /服务器脱敏/);
      assert.match(note, /G-3/);
      assert.match(note, /张某某/);
      assert.equal(await o.locator('[data-leaks]').count(), 0);
      await shot(o, join(uiDir, 'detail-pending.png'), true);
      await p.goto(`${base}/disclosures/${task.id}`);
      await p.locator('[data-card="record"]').getByText('公开内容预览').waitFor();
      await shot(p, join(uiDir, 'detail-pending-phone.png'), true);

      // --- 公开 on a fixed day after the due date: confirmed, then 已公开 with 逾期公开.
      const publish = o.locator('[data-card="publish"]');
      await pickDate(publish, '公开日期', ON.publish);
      await publish.getByRole('button', { name: '公开' }).click();
      const confirm = o.locator('.ant-modal-confirm');
      await confirm.getByText(`公开日期 ${ON.publish}`).waitFor();
      await confirm.getByRole('button', { name: '公开' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '已公开' }).waitFor({ timeout: 20_000 });
      const facts = o.locator('[data-card="status"]');
      await facts.locator('[data-disclosure-status="published"]').waitFor();
      await facts.getByText(ON.publish).waitFor();
      await facts.getByText('逾期公开').waitFor();
      await recordCard.getByText('公开内容（第 1 版）').waitFor();
      assert.equal(await o.locator('[data-card="publish"]').count(), 0, '公开后不再显示公开操作');
      await settleAtTop(o);
      await shot(o, join(uiDir, 'detail-published.png'), true);

      // It has left the 待公开 list, and shows under 已公开.
      await o.getByRole('button', { name: '决定公开列表' }).click();
      await o.getByRole('heading', { name: '决定公开' }).waitFor();
      await o.locator(`tr[data-row-key]`).first().waitFor();
      await o.locator('.ant-segmented-item', { hasText: '待公开' }).click();
      await o.getByText('没有待公开的执法决定').waitFor();
      assert.equal(await o.locator(`tr[data-row-key="${task.id}"]`).count(), 0);
      assert.deepEqual(await listOf(o, base, 'pending'), []);
      await o.locator('.ant-segmented-item', { hasText: '已公开' }).click();
      await o.locator(`tr[data-row-key="${task.id}"]`).getByText('逾期公开').waitFor();
      await o.goto(`${base}/`);
      await figure.locator('.ant-statistic-content-value').getByText('0', { exact: true }).waitFor();

      // --- 撤回 a published penalty changed on reconsideration (G-2, P-48), due within 3 working days.
      const published = await listOf(o, base, 'published');
      const penalty = published.find((d) => d.category === 'penalty' && d.id !== task.id);
      assert.ok(penalty, '演示数据应有已公开的行政处罚决定');
      assert.ok(ON.reversed >= penalty.decidedOn);
      const due = withdrawDeadline(new WorkCalendar(), ON.reversed).due;
      await o.goto(`${base}/disclosures/${penalty.id}`);
      await o.getByRole('heading', { name: penalty.title }).waitFor();
      await o.locator('[data-card="actions"]').getByRole('button', { name: '撤回' }).click();
      const modal = o.locator('.disclosure-withdraw-modal .ant-modal');
      await modal.getByText('3个工作日内撤回').waitFor();
      await chooseOption(o, modal, '撤回原因种类', REVERSAL_KIND_LABELS.changed);
      await pickDate(modal, '决定被撤销、变更等的日期', ON.reversed);
      await modal
        .getByLabel('撤回理由', { exact: true })
        .fill('经行政复议，示例县人民政府决定将罚款数额变更为人民币五百元');
      await pickDate(modal, '撤回日期', ON.withdraw);
      await shot(o, join(uiDir, 'withdraw-modal.png'));
      await modal.getByRole('button', { name: '撤回' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '已撤回公开信息' }).waitFor({ timeout: 20_000 });
      await modal.waitFor({ state: 'detached' });
      await facts.locator('[data-disclosure-status="withdrawn"]').waitFor();
      assert.equal((await facts.locator('[data-withdraw-due]').textContent())?.trim(), due);
      await facts.locator('[data-withdrawn-on]').getByText(ON.withdraw).waitFor();
      await facts.getByText(ON.withdraw <= due ? '按期撤回' : '逾期撤回').waitFor();
      await facts.getByText(`原决定${REVERSAL_KIND_LABELS.changed}`).waitFor();
      await recordCard.getByText('已撤回的公开内容').waitFor();
      await recordCard.getByText(/将罚款数额变更为人民币五百元/).waitFor();
      await settleAtTop(o);
      await shot(o, join(uiDir, 'detail-withdrawn.png'), true);
      await p.goto(`${base}/disclosures/${penalty.id}`);
      await p.locator('[data-card="status"] [data-withdraw-due]').getByText(due).waitFor();
      await shot(p, join(uiDir, 'detail-withdrawn-phone.png'), true);

      // The 已撤回 list and the case page's 公开 tab say the same.
      await o.goto(`${base}/disclosures?status=withdrawn`);
      const withdrawnRow = o.locator(`tr[data-row-key="${penalty.id}"]`);
      await withdrawnRow.getByText(due).waitFor();
      await withdrawnRow.getByText(ON.withdraw).waitFor();
      await o.goto(`${base}/cases/${penalty.caseId}`);
      await o.getByRole('heading', { name: penalty.title }).waitFor();
      await o.getByRole('tab', { name: '公开' }).click();
      const caseTab = o.locator(`[data-tab="disclosure"] [data-case-disclosure="${penalty.id}"]`);
      await caseTab.locator('[data-disclosure-status="withdrawn"]').waitFor();
      await caseTab.getByText(ON.withdraw).waitFor();
      await settleAtTop(o);
      await shot(o, join(uiDir, 'case-tab.png'), true);

      assert.deepEqual(officer.problems, [], officer.problems.join('\n'));
      assert.deepEqual(phone.problems, [], phone.problems.join('\n'));
    } catch (err) {
      await shot(o, join(uiDir, 'failure.png'), true).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n服务器输出：\n${harness.serverLog()}`, { cause: err });
    } finally {
      await officer.context.close();
      await phone.context.close();
    }
  });
});
