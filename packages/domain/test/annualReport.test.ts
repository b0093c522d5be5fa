import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTION_KINDS,
  ANNUAL_REPORT_SECTIONS,
  annualReportDraftYear,
  annualReportDueOn,
  annualReportLate,
  annualReportTitle,
  countPenaltyDecision,
  credentialRate,
  emptyFigures,
  finishFigures,
  formatFigure,
  heaviestSanction,
  type Penalty,
  REPORT_PENALTY_TYPES,
  reportPenaltyTypeOf,
  reportSections,
  SANCTION_KINDS,
  SANCTION_REPORT_TYPE,
  sumFigures,
} from '../src/index.js';

const penalty = (kinds: Penalty['kinds'], fineFen = 0, confiscationFen = 0): Penalty => ({
  kinds,
  fineFen,
  confiscationFen,
  detail: '',
});

describe('行政执法统计年报 (G-4)', () => {
  it('G-4: every sanction of the case vocabulary has a report column, and the columns are in the published order', () => {
    for (const k of SANCTION_KINDS) assert.ok(REPORT_PENALTY_TYPES.includes(SANCTION_REPORT_TYPE[k]), k);
    const penaltyRows = ANNUAL_REPORT_SECTIONS.find((s) => s.key === 'penalty')?.rows.map((r) => r.label) ?? [];
    const order = [
      '警告',
      '通报批评',
      '罚款',
      '没收',
      '暂扣',
      '降低资质',
      '限制开展',
      '停产停业',
      '关闭',
      '吊销',
      '拘留',
    ];
    const positions = order.map((word) => penaltyRows.findIndex((l) => l.includes(word)));
    assert.ok(
      positions.every((p, i) => p > 0 && (i === 0 || p > (positions[i - 1] ?? 0))),
      positions.join(','),
    );
  });

  it('G-4: the heaviest type wins (行政处罚法 第九条 severity order)', () => {
    assert.equal(heaviestSanction(['fine', 'warning']), 'fine');
    assert.equal(reportPenaltyTypeOf(['warning', 'fine', 'confiscateIllegalGains']), 'confiscation');
    assert.equal(reportPenaltyTypeOf(['fine', 'suspendBusiness']), 'suspendBusiness');
    assert.equal(reportPenaltyTypeOf(['revokeLicense', 'fine']), 'revokeLicense');
    assert.equal(reportPenaltyTypeOf(['banFromPractice', 'revokeLicense']), 'closeOrBan');
    assert.equal(reportPenaltyTypeOf([]), null);
  });

  it('G-4: a decision with several penalties counts once, with its fine and stated confiscation', () => {
    const f = emptyFigures();
    countPenaltyDecision(f, penalty(['warning', 'fine'], 500_000));
    countPenaltyDecision(f, penalty(['fine', 'confiscateIllegalGains', 'suspendBusiness'], 2_000_000, 350_000));
    countPenaltyDecision(f, penalty(['warning']));
    finishFigures(f);
    assert.equal(f['penalty.total'], 3);
    assert.equal(f['penalty.fine'], 1);
    assert.equal(f['penalty.suspendBusiness'], 1);
    assert.equal(f['penalty.warning'], 1);
    assert.equal(f['penalty.confiscation'], 0);
    assert.equal(f['penalty.fineFen'], 2_500_000);
    assert.equal(f['penalty.confiscationFen'], 350_000);
    assert.equal(f['penalty.amountFen'], 2_850_000);
  });

  it('G-4: a confiscation adds to 罚没金额 only where the decision states an amount', () => {
    const f = emptyFigures();
    countPenaltyDecision(f, penalty(['confiscateIllegalProperty']));
    // An amount without a confiscation (a stray field) is not money confiscated.
    countPenaltyDecision(f, penalty(['warning'], 0, 90_000));
    countPenaltyDecision(f, penalty(['confiscateIllegalGains'], 0, 120_000));
    finishFigures(f);
    assert.equal(f['penalty.confiscation'], 2);
    assert.equal(f['penalty.confiscationFen'], 120_000);
    assert.equal(f['penalty.amountFen'], 120_000);
  });

  it('G-4: a kind the agency holds but did not use reports 0; a kind it has no power over is omitted', () => {
    const sections = reportSections(['penalty', 'inspection']);
    const kinds = sections.map((s) => s.kind).filter(Boolean);
    assert.deepEqual(kinds, ['penalty', 'inspection']);
    assert.ok(!sections.some((s) => s.kind === 'license'));
    // General sections (法制审核, 公示, 人员) always print.
    assert.ok(sections.some((s) => s.key === 'officers'));
    const f = finishFigures(emptyFigures());
    assert.equal(f['inspection.total'], 0);
    assert.equal(formatFigure({ unit: 'count' }, f['inspection.total']), '0');
    // Every kind has a section, in ACTION_KINDS order (other excepted).
    const all = reportSections(ACTION_KINDS).flatMap((s) => (s.kind ? [s.kind] : []));
    assert.deepEqual(
      all,
      ACTION_KINDS.filter((k) => k !== 'other'),
    );
  });

  it('持证率: valid credentials over officers, one decimal; none when there are no officers', () => {
    assert.equal(credentialRate(19, 20), 95);
    assert.equal(credentialRate(2, 3), 66.7);
    assert.equal(credentialRate(0, 0), null);
    assert.equal(formatFigure({ unit: 'percent' }, 66.7), '66.7%');
    assert.equal(formatFigure({ unit: 'percent' }, null), '－');
    assert.equal(formatFigure({ unit: 'fen' }, 2_850_000), '28,500.00');
  });

  it('a region sums its agencies and derives its rates again (never averages them)', () => {
    const a = finishFigures({ ...emptyFigures(), 'officers.total': 10, 'officers.credentialed': 10 });
    const b = finishFigures({ ...emptyFigures(), 'officers.total': 30, 'officers.credentialed': 15 });
    const r = sumFigures([a, b]);
    assert.equal(r['officers.total'], 40);
    assert.equal(r['officers.credentialRate'], 62.5);
  });

  it('G-4: due by 31 January of the following year; drafted in January; late once past due unpublished', () => {
    assert.equal(annualReportDueOn(2026), '2027-01-31');
    assert.equal(annualReportDraftYear('2027-01-02'), 2026);
    assert.equal(annualReportDraftYear('2026-11-29'), null);
    assert.equal(annualReportLate(2025, 'draft', '2026-01-31'), false);
    assert.equal(annualReportLate(2025, 'submitted', '2026-02-01'), true);
    assert.equal(annualReportLate(2025, 'published', '2026-03-01'), false);
    assert.equal(annualReportTitle('示例县应急管理局', 2026), '示例县应急管理局2026年度行政执法数据统计表');
  });
});
