/**
 * 法制审核 in the console, end to end against the real server (issue 5's acceptance test; P-57, P-58, G-7, S-1): the
 * handler 李建国 (zhifa) submits a major case for review from the case page; the reviewer 刘晓敏 (shenhe) opens it from
 * her queue, works through the G-7 checklist and returns it for supplement (退回补充); the handler corrects the
 * discretion tier and resubmits; the reviewer sees what changed in round 2 and approves (同意) with every item 符合;
 * before that the head 陈志远 (fuzeren) finds the decision step blocked by P-58, and after it deliberates (P-57),
 * approves and issues the decision through the case's next-step forms. Two 法制审核意见书 are on file.
 *
 * The case is the demo's 未经安全评价擅自储存液氯案 (penalty.general, organisation party, proposed fine ¥150,000 ≥ the
 * default ¥100,000 threshold → catalog rule S2-3, which also requires collective deliberation; state `noticed` with the
 * statement waived).
 *
 * Dates: every review act (送审、审核、异议、协调日期) and every step is dated on a fixed day of October 2026 (ON below),
 * in order. The server refuses future act dates and dates before the previous act, and a deadline in a year without
 * holiday data (2027 in the calendar package used here) cannot be computed (CAL), so dates taken from "today" would fail
 * from late December 2026. The demo dates its cases' acts on or before 2026-09-27 (95 days before the calendar's last
 * covered day), so these dates follow them, and the deadlines they open (review periods, payment) end in 2026.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  COORDINATION_OUTCOME_LABELS,
  DISCRETION_TIER_LABELS,
  REVIEW_CHECK_ITEMS,
  REVIEW_CHECK_LABELS,
  REVIEW_FINDING_LABELS,
  REVIEW_OPINION_LABELS,
  REVIEW_STATUS_LABELS,
} from '@sanxiang/domain';
import type { Locator, Page } from 'playwright-core';
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
import {
  derivedValue,
  fillEditable,
  openStep,
  pickDate,
  settle,
  settleAtTop,
  submitStep,
} from './support/consoleForms.js';

const hasBrowser = browserAvailable();
if (!hasBrowser) it('法制审核浏览器测试', { skip: `未找到 ${CHROMIUM}` }, () => {});

/** Screenshots to look at (REVIEW_UI_DIR, e.g. /tmp/review-ui), by default with the other test results. */
const uiDir = process.env.REVIEW_UI_DIR ?? join(resultsDir, 'review-ui');

const TITLE = '未经安全评价擅自储存液氯案';
/** The demo benchmark item whose 一般 tier (法人 10–15 万元) fits the proposed ¥150,000; 轻微 (5–10 万元) does not. */
const BENCHMARK = 'AQ-099-2';

/** The act dates, in the order the acts happen (test 1, then the S-3 test on another case). */
const ON = {
  submit1: '2026-10-08',
  return1: '2026-10-09',
  submit2: '2026-10-12',
  approve2: '2026-10-13',
  deliberate: '2026-10-14',
  approveDecision: '2026-10-15',
  issueDecision: '2026-10-16',
  amend: '2026-10-19',
  dispute: '2026-10-20',
  coordinate: '2026-10-21',
} as const;

/** The case tab 法制审核 on the case page. */
async function openReviewTab(page: Page, base: string, caseId: number): Promise<Locator> {
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByRole('heading', { name: TITLE }).waitFor();
  await page.getByRole('tab', { name: '法制审核' }).click();
  const tab = page.locator('[data-tab="review"]');
  await tab.locator('[data-card="major"]').waitFor();
  return tab;
}

/** The case page with its 法制审核 tab, from the top (the console's header is fixed), once the confirmations are gone. */
async function shotTab(page: Page, path: string) {
  await settleAtTop(page);
  await shot(page, path, true);
}

/** Sets one checklist row: its finding and (optionally) its note. */
async function check(page: Page, item: (typeof REVIEW_CHECK_ITEMS)[number], finding: 'pass' | 'problem', note = '') {
  const row = page.locator(`[data-check="${item}"]`);
  await row.locator('.ant-radio-button-wrapper', { hasText: REVIEW_FINDING_LABELS[finding] }).click();
  if (note) await row.getByLabel(`${REVIEW_CHECK_LABELS[item]}：说明`, { exact: true }).fill(note);
}

/** 审核日期, then 出具审核意见 and its confirmation (which names the date); waits for the read-only opinion and returns the
 * opinion and its instrument number as the server issued them. */
async function issueOpinion(page: Page, decidedOn: string): Promise<string> {
  await pickDate(page.locator('[data-card="checklist"]'), '审核日期', decidedOn);
  await page.getByRole('button', { name: '出具审核意见' }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.getByText(`审核日期 ${decidedOn}`).waitFor();
  // Waits on the server's answer rather than on the 6-second success message, which a slow CI machine could let
  // come and go unseen (a CI run on 30 November failed there with the opinion issued).
  const [response] = await Promise.all([
    page.waitForResponse(
      (res) => res.request().method() === 'POST' && /\/api\/reviews\/[^/]+\/decide$/.test(res.url()),
      {
        timeout: 60_000,
      },
    ),
    confirm.getByRole('button', { name: '出具' }).click(),
  ]);
  assert.equal(response.status(), 200, await response.text());
  const issued = (await response.json()) as { opinionLabel?: string; opinionInstrument?: { number: string } | null };
  await page.locator('[data-card="decision"]').waitFor();
  return `${issued.opinionLabel ?? ''}，法制审核意见书 ${issued.opinionInstrument?.number ?? ''}`;
}

describe('legal review in Chromium: submit, return, resubmit, approve, decide (P-57, P-58, G-7, S-1)', {
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

  it('zhifa submits the major case, shenhe returns it, zhifa resubmits, shenhe approves, fuzeren decides', async () => {
    const { base } = harness;
    const officer = await openPage(harness.browser);
    const reviewer = await openPage(harness.browser);
    const head = await openPage(harness.browser);
    const o = officer.page;
    const r = reviewer.page;
    const h = head.page;
    try {
      await Promise.all([
        login(o, base, 'zhifa', PASSWORD),
        login(r, base, 'shenhe', PASSWORD),
        login(h, base, 'fuzeren', PASSWORD),
      ]);
      await o.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });
      await r.getByRole('heading', { name: '法制审核工作台' }).waitFor({ timeout: 20_000 });
      await h.getByRole('heading', { name: '负责人工作台' }).waitFor({ timeout: 20_000 });

      const found = (await (await o.request.get(`${base}/api/cases`, { params: { q: TITLE } })).json()) as {
        items: { id: number; title: string; stateLabel: string }[];
      };
      const caseId = found.items.find((c) => c.title === TITLE)?.id;
      assert.ok(caseId, `演示数据中应有“${TITLE}”`);

      // --- The handler: the case is major (S2-3, deliberation required), the gate is closed; 案件研判 with a tier that
      // does not fit the fine, so the discretion flag shows; then 送审 to 刘晓敏.
      let tab = await openReviewTab(o, base, caseId);
      const major = tab.locator('[data-card="major"]');
      await major.getByText('重大执法决定，须经法制审核').waitFor();
      await major.getByText('S2-3').waitFor();
      await major.getByText('须负责人集体讨论决定（P-57）').waitFor();
      await major
        .getByText(/目录清单/)
        .first()
        .waitFor();
      assert.equal(await tab.locator('[data-gate]').getAttribute('data-gate'), 'blocked');
      assert.match((await tab.locator('[data-gate]').textContent()) ?? '', /P-58/);

      const assessment = tab.locator('[data-form="assessment"]');
      await assessment.getByLabel('违法行为', { exact: true }).click();
      await o.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: BENCHMARK }).click();
      await chooseOption(o, assessment, '裁量阶次', DISCRETION_TIER_LABELS.minor);
      await assessment.locator('[data-tier-hint]').waitFor();
      await assessment
        .getByLabel('适用理由', { exact: true })
        .fill('涉及安全设备1台（套），责令限期改正后逾期未改正。');
      await assessment.getByRole('button', { name: '保存研判' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '案件研判已保存' }).waitFor();
      const flag = tab.locator('[data-card="major"] [data-discretion-flag]');
      await flag.waitFor();
      assert.match((await flag.textContent()) ?? '', /超出“轻微”阶次的罚款幅度/);

      const submitCard = tab.locator('[data-card="submit"]');
      await pickDate(submitCard, '送审日期', ON.submit1);
      await submitCard
        .getByLabel('送审说明', { exact: true })
        .fill('拟对当事人罚款人民币壹拾伍万元，属于较大数额罚款，现送法制审核。');
      await submitCard.getByLabel('审核人员', { exact: true }).click();
      await o.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘晓敏' }).click();
      await submitCard.getByRole('button', { name: '送法制审核' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '已送法制审核（第 1 次）' }).waitFor();
      const round1 = tab.locator('[data-review-round="1"]');
      await round1.getByText(REVIEW_STATUS_LABELS.pending).waitFor();
      await round1.getByText(ON.submit1, { exact: true }).waitFor();
      await tab.locator('[data-card="submit"]').getByText('第 1 次送审待审核').waitFor();
      await shotTab(o, join(uiDir, 'case-tab-submitted.png'));

      // --- The head, before any approval: the decision step is blocked, naming P-58.
      await h.goto(`${base}/cases/${caseId}`);
      await h.getByRole('heading', { name: TITLE }).waitFor();
      const approveStep = h.locator('[data-step="approveDecision"]');
      await approveStep.getByText('P-58').waitFor();
      assert.match((await approveStep.textContent()) ?? '', /法制审核/);
      assert.ok(await approveStep.locator('button').first().isDisabled(), '法制审核通过前，决定审批不可办理');

      // --- The reviewer: from her home's queue to the workspace; round 1 is returned for supplement.
      await r.reload();
      const task = r.locator('[data-task="review"]').filter({ hasText: TITLE });
      await task.getByRole('link').click();
      await r.getByRole('heading', { name: `法制审核：${TITLE}` }).waitFor();
      const reviewUrl = r.url();
      await r.locator('[data-card="materials"]').getByText('罚款150,000元').first().waitFor();
      await r.locator('[data-card="checklist"] [data-discretion-flag]').waitFor();
      await r.locator('[data-card="evidence"]').getByText('未附证据材料').waitFor();
      await shot(r, join(uiDir, 'workspace-round1.png'), true);
      for (const item of REVIEW_CHECK_ITEMS) {
        if (item === 'discretion') {
          await check(r, item, 'problem', '拟罚款15万元超出所选“轻微”阶次的罚款幅度，裁量阶次适用不当。');
        } else {
          await check(r, item, 'pass');
        }
      }
      await r.locator('[data-card="checklist"]').getByText(REVIEW_OPINION_LABELS.supplement, { exact: true }).click();
      await r
        .getByLabel('具体意见', { exact: true })
        .fill('请根据涉及安全设备的数量重新确定裁量阶次，并补充说明理由后重新送审。');
      const returned = await issueOpinion(r, ON.return1);
      assert.match(returned, /法制审核意见书 示应急法审〔\d{4}〕\d+号/);
      await r.locator('[data-opinion="supplement"]').waitFor();
      await r.locator('[data-opinion-instrument]').waitFor();
      await r.locator('[data-card="decision"]').getByText(`刘晓敏 · ${ON.return1}`).waitFor();

      // --- The handler: round 1 returned; the tier corrected to 一般 (the flag goes); resubmitted with a statement.
      tab = await openReviewTab(o, base, caseId);
      await tab.locator('[data-review-round="1"]').getByText(REVIEW_STATUS_LABELS.returned).waitFor();
      await tab.locator('[data-review-round="1"]').getByText(REVIEW_OPINION_LABELS.supplement).waitFor();
      await chooseOption(o, tab.locator('[data-form="assessment"]'), '裁量阶次', DISCRETION_TIER_LABELS.general);
      await tab
        .locator('[data-form="assessment"]')
        .getByLabel('适用理由', { exact: true })
        .fill('涉及液氯储罐安全设备2台（套），逾期未改正，适用一般阶次。');
      await tab.locator('[data-form="assessment"]').getByRole('button', { name: '保存研判' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '案件研判已保存' }).last().waitFor();
      await tab.locator('[data-card="major"] [data-discretion-flag]').waitFor({ state: 'detached' });
      // 补充证据: the inspection report of the tanks' safety equipment, through the case's evidence uploader.
      const report = Buffer.from('示例县特种设备检验所：液氯储罐安全阀、紧急切断装置检测报告（2台套，均不合格）。');
      const reportSm3 = createHash('sm3').update(report).digest('hex');
      await o.getByRole('tab', { name: '证据与音像' }).click();
      await o.locator('input[type=file]').setInputFiles({
        name: '液氯储罐安全设备检测报告.txt',
        mimeType: 'text/plain',
        buffer: report,
      });
      await o.getByText('已完成', { exact: true }).waitFor({ timeout: 20_000 });
      await o.getByRole('tab', { name: '法制审核' }).click();
      await pickDate(tab.locator('[data-card="submit"]'), '送审日期', ON.submit2);
      await tab
        .locator('[data-card="submit"]')
        .getByLabel('送审说明', { exact: true })
        .fill('已按审核意见将裁量阶次调整为“一般”，并补充说明了适用理由。');
      await tab.locator('[data-card="submit"]').getByRole('button', { name: '重新送审' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '已送法制审核（第 2 次）' }).waitFor();
      await tab.locator('[data-review-round="2"]').getByText(REVIEW_STATUS_LABELS.pending).waitFor();
      await tab.locator('[data-review-round="2"]').getByText(ON.submit2, { exact: true }).waitFor();

      // --- The reviewer: round 2 from the queue page; the changes are shown; approved with every item 符合.
      await r.getByRole('menuitem', { name: '法制审核' }).click();
      await r.getByRole('heading', { name: '法制审核' }).waitFor();
      const queueRow = r.locator('.ant-table-row').filter({ hasText: TITLE });
      await queueRow.getByText('第 2 次').waitFor();
      await settle(r);
      await shot(r, join(uiDir, 'queue.png'));
      await queueRow.getByRole('link').click();
      await r.getByRole('heading', { name: `法制审核：${TITLE}` }).waitFor();
      assert.notEqual(r.url(), reviewUrl, '第 2 次送审是新的审核');
      const changes = r.locator('[data-card="changes"]');
      await changes.waitFor();
      const tierChange = changes.locator('[data-change="discretion.tier"]');
      await tierChange.waitFor();
      assert.match((await tierChange.locator('del').textContent()) ?? '', /轻微/);
      assert.match((await tierChange.locator('ins').textContent()) ?? '', /一般/);
      await changes.locator('[data-change="statement"]').waitFor();
      await changes.locator('[data-change="evidence.added"]').getByText('液氯储罐安全设备检测报告.txt').waitFor();
      await r.locator('[data-card="evidence"]').getByText(`SM3 ${reportSm3}`).waitFor();
      assert.equal(await r.locator('[data-card="checklist"] [data-discretion-flag]').count(), 0);
      await r.reload();
      await changes.waitFor();
      await shot(r, join(uiDir, 'workspace-round2.png'), true);

      // The same workspace on a phone: stacked, materials first, nothing cut off.
      const phone = await openPage(harness.browser, { width: 390, height: 844 });
      try {
        await login(phone.page, base, 'shenhe', PASSWORD);
        await phone.page.getByRole('heading', { name: '法制审核工作台' }).waitFor({ timeout: 20_000 });
        await phone.page.goto(r.url());
        await phone.page.locator('[data-card="changes"]').waitFor();
        await phone.page.locator('[data-card="checklist"]').waitFor();
        const overflow = await phone.page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `手机上页面不应横向溢出（溢出 ${overflow}px）`);
        await shot(phone.page, join(uiDir, 'workspace-phone-top.png'));
        await phone.page
          .locator('[data-card="evidence"]')
          .screenshot({ path: join(uiDir, 'workspace-phone-evidence.png'), animations: 'disabled' });
        await phone.page
          .locator('[data-card="checklist"]')
          .screenshot({ path: join(uiDir, 'workspace-phone-checklist.png'), animations: 'disabled' });
        assert.deepEqual(phone.problems, [], phone.problems.join('\n'));
      } finally {
        await phone.context.close();
      }

      for (const item of REVIEW_CHECK_ITEMS) await check(r, item, 'pass');
      await r.locator('[data-card="checklist"]').getByText(REVIEW_OPINION_LABELS.approve, { exact: true }).click();
      const approved = await issueOpinion(r, ON.approve2);
      const opinionNo = /示应急法审〔\d{4}〕\d+号/.exec(approved)?.[0];
      assert.ok(opinionNo, `法制审核意见书文号：${approved}`);
      await r.locator('[data-opinion="approve"]').waitFor();
      await r.getByText(REVIEW_STATUS_LABELS.passed).first().waitFor();
      await r.reload();
      await r.locator('[data-card="decision"]').waitFor();
      await shot(r, join(uiDir, 'workspace-decided.png'), true);

      // --- The handler's tab: the gate is open now.
      tab = await openReviewTab(o, base, caseId);
      await tab.locator('[data-gate="passed"]').waitFor();
      await tab.locator('[data-review-round="2"]').getByText(REVIEW_STATUS_LABELS.passed).waitFor();
      await shotTab(o, join(uiDir, 'case-tab-passed.png'));

      // --- The head: collective deliberation (P-57, the catalog requires it), then 决定审批 and 作出处罚决定.
      await h.reload();
      await h.getByRole('heading', { name: TITLE }).waitFor();
      const approveNow = h.locator('[data-step="approveDecision"]');
      await approveNow.waitFor();
      assert.equal(await approveNow.getByText('P-58').count(), 0, '法制审核通过后不再因 P-58 受阻');
      let drawer = await openStep(h, 'deliberate', ON.deliberate);
      await pickDate(drawer, '开始时间', `${ON.deliberate} 09:00`);
      await pickDate(drawer, '结束时间', `${ON.deliberate} 10:00`);
      await fillEditable(drawer, {
        讨论地点: '示例县应急管理局三楼会议室',
        主持人: '陈志远',
        记录人: '张海涛',
        出席人员: '陈志远（局长）、王副局长、赵副局长',
        讨论内容: '陈志远：事实清楚，证据充分，法制审核已通过。\n王副局长：同意承办人意见。',
        讨论决定: '同意对当事人罚款人民币壹拾伍万元。',
      });
      await submitStep(h, '集体讨论');

      drawer = await openStep(h, 'approveDecision', ON.approveDecision);
      // 法制审核意见 is the server's, from the review that passed (read only): the opinion's number and date.
      assert.equal(await derivedValue(drawer, '法制审核意见'), `经法制审核，同意（${opinionNo}，${ON.approve2}）。`);
      await fillEditable(drawer, {
        陈述申辩或听证情况: '当事人明确放弃陈述、申辩和要求听证的权利。',
        承办人意见: '建议罚款人民币壹拾伍万元。',
        集体讨论意见: '同意对当事人罚款人民币壹拾伍万元。',
        负责人审批意见: '同意。',
      });
      await submitStep(h, '决定审批');
      drawer = await openStep(h, 'issueDecision', ON.issueDecision);
      const issued = await submitStep(h, '作出处罚决定');
      assert.match(issued, /示应急罚〔\d{4}〕\d+号/);

      // --- 文书: both 法制审核意见书 are on file; the approving one reads 同意.
      await h.getByRole('tab', { name: /^文书/ }).click();
      const opinionRows = h.locator('.ant-table-row').filter({ hasText: '法制审核意见书' });
      assert.equal(await opinionRows.count(), 2, '两次审核各有一份法制审核意见书');
      const approving = opinionRows.filter({ hasText: opinionNo });
      const href = await approving.getByRole('link', { name: /PDF/ }).getAttribute('href');
      assert.ok(href);
      const pdf = await h.request.get(new URL(href, base).toString());
      assert.equal(pdf.status(), 200);
      const pdfPath = join(resultsDir, 'legal-review-opinion.pdf');
      writeFileSync(pdfPath, await pdf.body());
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const expected of ['法制审核意见书', opinionNo, TITLE, REVIEW_CHECK_LABELS.discretion]) {
        assert.ok(text.includes(expected), `法制审核意见书 PDF 应包含“${expected}”：\n${text.slice(0, 600)}`);
      }

      assert.deepEqual(officer.problems, [], officer.problems.join('\n'));
      assert.deepEqual(reviewer.problems, [], reviewer.problems.join('\n'));
      assert.deepEqual(head.problems, [], head.problems.join('\n'));
    } catch (err) {
      // What each screen showed and logged when it failed.
      for (const [who, t] of [
        ['执法人员', officer],
        ['审核人员', reviewer],
        ['负责人', head],
      ] as const) {
        if (t.problems.length > 0) console.log(`# ${who}：${t.problems.join('；')}`);
      }
      await shot(o, 'legal-review-failure-officer.png', true).catch(() => undefined);
      await shot(r, 'legal-review-failure-reviewer.png', true).catch(() => undefined);
      await shot(h, 'legal-review-failure-head.png', true).catch(() => undefined);
      throw err;
    } finally {
      await officer.context.close();
      await reviewer.context.close();
      await head.context.close();
    }
  });

  it('S-3: the handler disputes an opinion, the head sees it in the agency queue and coordinates', async () => {
    const { base } = harness;
    const disputed = '液氨储罐区未设置泄漏报警装置案';
    const officer = await openPage(harness.browser);
    const reviewer = await openPage(harness.browser);
    const head = await openPage(harness.browser);
    const o = officer.page;
    const r = reviewer.page;
    const h = head.page;
    try {
      await Promise.all([
        login(o, base, 'zhifa', PASSWORD),
        login(r, base, 'shenhe', PASSWORD),
        login(h, base, 'fuzeren', PASSWORD),
      ]);
      await r.getByRole('heading', { name: '法制审核工作台' }).waitFor({ timeout: 20_000 });
      await h.getByRole('heading', { name: '负责人工作台' }).waitFor({ timeout: 20_000 });
      await o.getByRole('heading', { name: '执法人员工作台' }).waitFor({ timeout: 20_000 });

      // The reviewer's home: the demo's review submitted weeks ago is overdue, first and in red.
      const home = r.locator('[data-card="review-queue"]');
      await home.getByText(/\d+ 件已逾期/).waitFor();
      await home.locator('[data-task="review"]').first().getByText('已逾期').waitFor();
      await settle(r);
      await shot(r, join(uiDir, 'reviewer-home.png'));
      await home.locator('[data-task="review"]').filter({ hasText: disputed }).getByRole('link').click();
      await r.getByRole('heading', { name: `法制审核：${disputed}` }).waitFor();
      const reviewUrl = r.url();

      // 变更: the discretion found wanting, with the reason; the opinion says what to change.
      for (const item of REVIEW_CHECK_ITEMS) {
        if (item === 'discretion') await check(r, item, 'problem', '未说明选择该裁量阶次的理由，罚款数额偏重。');
        else await check(r, item, 'pass');
      }
      await r.locator('[data-card="checklist"]').getByText(REVIEW_OPINION_LABELS.amend, { exact: true }).click();
      // Without the 具体意见 the form says so before anything is sent.
      await r.getByRole('button', { name: '出具审核意见' }).click();
      await r.getByText('请写明审核意见的具体内容和理由').first().waitFor();
      await r.getByLabel('具体意见', { exact: true }).fill('建议将罚款数额变更为人民币拾万元。');
      await issueOpinion(r, ON.amend);
      await r.locator('[data-opinion="amend"]').waitFor();

      // The handler disagrees: 提出异议 from the case tab.
      const found = (await (await o.request.get(`${base}/api/cases`, { params: { q: disputed } })).json()) as {
        items: { id: number; title: string }[];
      };
      const caseId = found.items.find((c) => c.title === disputed)?.id;
      assert.ok(caseId, `演示数据中应有“${disputed}”`);
      await o.goto(`${base}/cases/${caseId}`);
      await o.getByRole('heading', { name: disputed }).waitFor();
      await o.getByRole('tab', { name: '法制审核' }).click();
      const round1 = o.locator('[data-review-round="1"]');
      await round1.getByText(REVIEW_STATUS_LABELS.returned).waitFor();
      await round1.getByRole('button', { name: '提出异议' }).click();
      await o
        .getByLabel('异议理由', { exact: true })
        .fill('当事人储存液氨数量大、整改期间仍未设置报警装置，罚款数额与违法情节相当，不同意变更。');
      await pickDate(o.locator('.ant-modal'), '异议日期', ON.dispute);
      await o.locator('.ant-modal').getByRole('button', { name: '提出异议' }).click();
      await o.locator('.ant-message-notice').filter({ hasText: '已提出异议' }).waitFor();
      await round1.getByText(REVIEW_STATUS_LABELS.disputed).waitFor();
      assert.match((await o.locator('[data-gate]').textContent()) ?? '', /待负责人协调/);

      // The head: the agency's queue holds the dispute; the coordination is recorded on the review.
      await h.getByRole('menuitem', { name: '法制审核' }).click();
      await h.getByRole('heading', { name: '法制审核' }).waitFor();
      await h
        .locator('.ant-table-row')
        .filter({ hasText: disputed })
        .getByText(REVIEW_STATUS_LABELS.disputed)
        .waitFor();
      await h.goto(reviewUrl);
      const coordination = h.locator('[data-card="coordination"]');
      await coordination.getByText(/不同意变更/).waitFor();
      await coordination.getByText(COORDINATION_OUTCOME_LABELS.proceed, { exact: true }).click();
      await coordination
        .getByLabel('协调说明', { exact: true })
        .fill('经协调，承办机构意见有事实依据，维持原拟处罚决定。');
      await pickDate(coordination, '协调日期', ON.coordinate);
      await coordination.getByRole('button', { name: '记录协调结果' }).click();
      await coordination.locator('[data-coordination-outcome="proceed"]').waitFor();
      await coordination.getByText(`陈志远 · ${ON.coordinate}`).waitFor();
      await coordination.getByText(`李建国 · ${ON.dispute}`).waitFor();
      await settle(h);
      await shot(h, join(uiDir, 'workspace-coordinated.png'), true);

      // The gate follows the head's decision (S-3: proceed).
      await o.reload();
      await o.getByRole('tab', { name: '法制审核' }).click();
      await o.locator('[data-gate="passed"]').waitFor();
      await o.locator('[data-review-round="1"]').getByText(REVIEW_STATUS_LABELS.coordinated).waitFor();

      assert.deepEqual(officer.problems, [], officer.problems.join('\n'));
      assert.deepEqual(reviewer.problems, [], reviewer.problems.join('\n'));
      assert.deepEqual(head.problems, [], head.problems.join('\n'));
    } catch (err) {
      await shot(o, 'legal-review-s3-failure-officer.png', true).catch(() => undefined);
      await shot(r, 'legal-review-s3-failure-reviewer.png', true).catch(() => undefined);
      await shot(h, 'legal-review-s3-failure-head.png', true).catch(() => undefined);
      throw err;
    } finally {
      await officer.context.close();
      await reviewer.context.close();
      await head.context.close();
    }
  });
});
