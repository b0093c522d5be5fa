import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  DEADLINE_RULES,
  flowchartSvg,
  INSTRUMENT_CATALOG,
  isHeavierPenalty,
  limitationWarning,
  reviewerStaffing,
  summaryProcedureProblem,
  WORKFLOWS,
  workflowsMarkdown,
} from '../src/index.js';

describe('workflow definitions', () => {
  for (const w of Object.values(WORKFLOWS)) {
    it(`${w.id}: every step's states, instruments, deadlines and rules exist`, () => {
      const states = new Set(w.states.map((s) => s.id));
      assert.ok(states.has(w.initial));
      for (const s of w.steps) {
        for (const f of s.from) assert.ok(states.has(f), `${s.id} from ${f}`);
        if (s.to) assert.ok(states.has(s.to), `${s.id} to ${s.to}`);
        for (const i of [...(s.instruments ?? []), ...(s.drafts ?? [])]) assert.ok(INSTRUMENT_CATALOG[i], i);
        for (const k of [...(s.opens ?? []), ...(s.meets ?? []), ...(s.cancels ?? [])]) {
          assert.ok(k === 'rectification' || DEADLINE_RULES[k], k);
        }
        for (const g of s.guards) assert.match(g, /^(P|C|G|S|L)-\d+$/);
        if (s.completes) assert.ok(w.steps.find((x) => x.id === s.completes)?.drafts, `${s.id} completes a draft`);
      }
      // Every state but the initial one is reachable, and every non-terminal state has a way out.
      for (const st of w.states) {
        if (st.id !== w.initial)
          assert.ok(
            w.steps.some((s) => s.to === st.id),
            `${st.id} reachable`,
          );
        if (!st.terminal)
          assert.ok(
            w.steps.some((s) => s.from.includes(st.id) && s.to),
            `${st.id} has a way out`,
          );
      }
    });
  }

  it('draws a flowchart with every state of the definition', () => {
    for (const w of Object.values(WORKFLOWS)) {
      const svg = flowchartSvg(w);
      for (const s of w.states) assert.ok(svg.includes(`>${s.label}<`), `${w.id}: ${s.label}`);
      assert.ok(!svg.includes('<script'));
    }
  });

  it('docs/workflows.md is generated from the definitions and up to date', () => {
    const file = readFileSync(new URL('../../../docs/workflows.md', import.meta.url), 'utf8');
    assert.equal(file, workflowsMarkdown(), 'run `npm run docs:workflows`');
  });
});

describe('penalty rules', () => {
  const fine = (yuan: number, kinds = ['fine']) =>
    ({ kinds, fineFen: yuan * 100, confiscationFen: 0, detail: '' }) as Parameters<typeof isHeavierPenalty>[0];

  it('P-45: larger fines and heavier new kinds are heavier; lighter kinds are not', () => {
    assert.equal(isHeavierPenalty(fine(5001), fine(5000)), true);
    assert.equal(isHeavierPenalty(fine(5000), fine(5000)), false);
    assert.equal(isHeavierPenalty(fine(1000, ['fine', 'suspendBusiness']), fine(5000)), true);
    assert.equal(isHeavierPenalty(fine(1000, ['warning']), fine(5000)), false);
  });

  it('P-51: summary limits at 200 yuan (person) and 3000 yuan (organisation), equal allowed', () => {
    assert.equal(summaryProcedureProblem('person', fine(200)), null);
    assert.match(summaryProcedureProblem('person', fine(201)) ?? '', /200元/);
    assert.equal(summaryProcedureProblem('organization', fine(3000)), null);
    assert.match(summaryProcedureProblem('organization', fine(3001)) ?? '', /3,000元/);
    assert.match(summaryProcedureProblem('person', fine(0, ['suspendBusiness'])) ?? '', /普通程序/);
  });

  it('P-36: two years, five where safety was harmed, none for continuing violations', () => {
    assert.equal(limitationWarning({ on: '2024-03-02', continuing: false, harmsSafety: false }, '2026-03-02'), null);
    assert.match(
      limitationWarning({ on: '2024-03-01', continuing: false, harmsSafety: false }, '2026-03-02') ?? '',
      /2年/,
    );
    assert.equal(limitationWarning({ on: '2022-03-01', continuing: false, harmsSafety: true }, '2026-03-02'), null);
    assert.equal(limitationWarning({ on: '2020-01-01', continuing: true, harmsSafety: false }, '2026-03-02'), null);
  });
});

describe('reviewer staffing', () => {
  it('G-5: reviewers at least 5 % of officers, rounded up, and at least one', () => {
    assert.equal(reviewerStaffing(0, 0).required, 1);
    assert.equal(reviewerStaffing(20, 1).short, false);
    assert.equal(reviewerStaffing(21, 1).required, 2);
    assert.equal(reviewerStaffing(21, 1).short, true);
    assert.match(reviewerStaffing(21, 1).message, /应不少于 2 名/);
    assert.equal(reviewerStaffing(40, 2).short, false);
  });
});
