/**
 * axe-core (the accessibility rules engine) run inside a page of the real browser: what the portal's
 * browser tests assert on. Issue 6: no serious or critical violation on any portal page.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const serious = (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical';

/** Runs axe-core in the page; the violations, serious and critical ones apart, each with where it is. */
export async function axeViolations(page: Page): Promise<{ blocking: string[]; other: string[] }> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  const describe = (v: AxeViolation) =>
    `${v.impact} ${v.id}: ${v.help} — ${v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join('; ')}`;
  const all = violations as AxeViolation[];
  return {
    blocking: all.filter(serious).map(describe),
    other: all.filter((v) => !serious(v)).map(describe),
  };
}

/** The serious and critical violations only: what must be none. */
export async function blockingViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page)).blocking;
}
