/**
 * How the browser tests fill the console's forms as a person would: dates typed into antd DatePickers,
 * the step drawer of the case page opened from 下一步 and submitted, fields the server derives read
 * back (never typed). Shared by the case, legal review and disclosure walk-throughs.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The open step form (the console's other drawer is the phone menu). */
export const drawerOf = (page: Page) => page.locator('.step-form-drawer .ant-drawer-section');

/** Types a date (or date and time) into an antd DatePicker and commits it. */
export async function pickDate(scope: Locator, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Fills text fields by their labels. */
export async function fill(scope: Locator, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await scope.getByLabel(label, { exact: true }).fill(value);
}

/** Fills the fields the form lets the person type (the server fills derived ones itself: shown read-only). */
export async function fillEditable(scope: Locator, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const input = scope.getByLabel(label, { exact: true });
    if ((await input.count()) === 0) continue;
    if (await input.isEditable()) await input.fill(value);
  }
}

/** A field the server fills (DerivedField: shown disabled, never typed): its value, after checking it is read only. */
export async function derivedValue(scope: Locator, label: string): Promise<string> {
  const field = scope.getByLabel(label, { exact: true });
  await field.waitFor();
  assert.ok(await field.isDisabled(), `“${label}”由系统填写，应为只读`);
  return field.inputValue();
}

/** Opens a step from the 下一步 panel (it must be allowed) and sets its act date. */
export async function openStep(page: Page, stepId: string, actOn: string): Promise<Locator> {
  const button = page.locator(`[data-step="${stepId}"] button`).first();
  await button.waitFor();
  await button.click();
  const drawer = drawerOf(page);
  await drawer.waitFor();
  await pickDate(drawer, '办理日期', actOn);
  return drawer;
}

/** Submits the open step and waits for the server's confirmation and the drawer to close; the confirmation's text. */
export async function submitStep(page: Page, label: string): Promise<string> {
  await drawerOf(page).getByRole('button', { name: '提交' }).click();
  const notice = page.locator('.ant-message-notice').filter({ hasText: `已办理“${label}”` });
  await notice.waitFor({ timeout: 20_000 });
  await drawerOf(page).waitFor({ state: 'hidden' });
  return (await notice.textContent()) ?? '';
}

/** Waits until the floating confirmations are gone, so that a screenshot shows the page itself. */
export async function settle(page: Page) {
  await page
    .locator('.ant-message-notice')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
}

/** settle, then back to the top of the page (the console's header is fixed), for a full-page screenshot. */
export async function settleAtTop(page: Page) {
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
}
