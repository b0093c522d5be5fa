import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CalendarDataMissingError,
  type CalendarYearOverride,
  computeDeadline,
  DEADLINE_RULES,
  latePaymentPenaltyFen,
  WorkCalendar,
} from '../src/index.js';

const cal = new WorkCalendar();

/** Expand 'MM-DD..MM-DD' ranges within a year. */
function days(year: number, ...ranges: string[]): string[] {
  const out: string[] = [];
  for (const r of ranges) {
    const [a, b = a] = r.split('..') as [string, string?];
    for (let t = Date.parse(`${year}-${a}T00:00:00Z`); t <= Date.parse(`${year}-${b}T00:00:00Z`); t += 86_400_000) {
      out.push(new Date(t).toISOString().slice(0, 10));
    }
  }
  return out;
}

/** The State Council's notices (国务院办公厅关于部分节假日安排的通知). */
const OFFICIAL: Record<number, { holidays: string[]; workdays: string[] }> = {
  // 国办发明电〔2024〕12号
  2025: {
    holidays: days(2025, '01-01', '01-28..02-04', '04-04..04-06', '05-01..05-05', '05-31..06-02', '10-01..10-08'),
    workdays: days(2025, '01-26', '02-08', '04-27', '09-28', '10-11'),
  },
  // 国办发明电〔2025〕7号
  2026: {
    holidays: days(
      2026,
      '01-01..01-03',
      '02-15..02-23',
      '04-04..04-06',
      '05-01..05-05',
      '06-19..06-21',
      '09-25..09-27',
      '10-01..10-07',
    ),
    workdays: days(2026, '01-04', '02-14', '02-28', '05-09', '09-20', '10-10'),
  },
};

describe('working-day calendar', () => {
  for (const [year, notice] of Object.entries(OFFICIAL)) {
    it(`CAL: chinese-days agrees with the State Council notice for ${year} on every day of the year`, () => {
      const holidays = new Set(notice.holidays);
      const workdays = new Set(notice.workdays);
      const mismatches: string[] = [];
      for (const date of days(Number(year), '01-01..12-31')) {
        const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
        const expected = workdays.has(date) || (!holidays.has(date) && dow !== 0 && dow !== 6);
        if (cal.isWorkingDay(date) !== expected) mismatches.push(date);
      }
      assert.deepEqual(mismatches, []);
    });
  }

  it('CAL: covers 2004–2026 from the package data and nothing it does not have', () => {
    const years = cal.coveredYears();
    assert.equal(years[0], 2004);
    assert.equal(years.at(-1), 2026);
    assert.equal(years.length, 23);
    assert.equal(cal.hasYear(2026), true);
    assert.equal(cal.hasYear(2027), false);
    assert.equal(cal.hasYear(2003), false);
  });

  it('CAL: names holidays in Chinese, not make-up or ordinary days', () => {
    assert.equal(cal.holidayName('2025-10-01'), '国庆节');
    assert.equal(cal.holidayName('2025-10-06'), '中秋');
    assert.equal(cal.holidayName('2026-02-17'), '春节');
    assert.equal(cal.holidayName('2025-09-28'), null);
    assert.equal(cal.holidayName('2025-09-24'), null);
    assert.equal(cal.holidayName('2025-09-27'), null);
    assert.deepEqual(cal.dayInfo('2025-09-28'), {
      date: '2025-09-28',
      working: true,
      kind: 'makeUpWorkday',
      name: '国庆节',
    });
  });

  it('CAL: a make-up Saturday (调休上班) counts as a working day', () => {
    assert.equal(cal.isWorkingDay('2025-10-11'), true);
    assert.equal(cal.isWorkingDay('2026-02-28'), true);
    assert.equal(cal.isWorkingDay('2026-02-14'), true);
    assert.equal(cal.isWorkingDay('2025-10-18'), false); // an ordinary Saturday
    // 2026-02-13 (Fri) → 2026-02-14 (make-up Sat) is the first working day counted.
    assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-14');
    // A calendar-day period ending on a make-up Saturday is not extended.
    assert.equal(cal.addCalendarDays('2026-02-13', 15), '2026-02-28');
  });

  it('CAL-1: the start day is not counted', () => {
    assert.equal(cal.addWorkingDays('2025-03-03', 1), '2025-03-04');
    assert.equal(cal.addWorkingDays('2025-03-03', 0), '2025-03-03');
    assert.equal(cal.addCalendarDays('2025-03-03', 1), '2025-03-04');
    // Friday + 1 working day = Monday.
    assert.equal(cal.addWorkingDays('2025-03-07', 1), '2025-03-10');
    assert.equal(cal.workingDaysBetween('2025-03-03', '2025-03-03'), 0);
    assert.equal(cal.workingDaysBetween('2025-03-03', '2025-03-04'), 1);
    assert.equal(cal.workingDaysBetween('2025-03-10', '2025-03-03'), 0);
  });

  it('P-85: 7 working days from 2025-09-26 across 国庆 is 2025-10-13', () => {
    // 09-27 Sat rest; 09-28 Sun make-up (1); 09-29 (2); 09-30 (3); 10-01..10-08 holiday;
    // 10-09 (4); 10-10 (5); 10-11 Sat make-up (6); 10-12 Sun rest; 10-13 Mon (7).
    assert.equal(cal.addWorkingDays('2025-09-26', 7), '2025-10-13');
    assert.equal(cal.workingDaysBetween('2025-09-26', '2025-10-13'), 7);
    assert.equal(cal.workingDaysBetween('2025-09-30', '2025-10-09'), 1);
  });

  it('P-85: 3 working days from 2026-02-12 across 春节 is 2026-02-24', () => {
    // 02-13 Fri (1); 02-14 Sat make-up (2); 02-15..02-23 holiday; 02-24 Tue (3).
    assert.equal(cal.addWorkingDays('2026-02-12', 3), '2026-02-24');
    const d = computeDeadline(cal, DEADLINE_RULES.statementPeriod, '2026-02-12');
    assert.deepEqual(d, {
      ruleId: 'P-44',
      label: DEADLINE_RULES.statementPeriod.label,
      start: '2026-02-12',
      days: 3,
      count: 'working',
      due: '2026-02-24',
    });
  });

  it('C-69: 元旦 2026 with the 1月4日 make-up Sunday', () => {
    // 2025-12-31 Wed → 01-01..01-03 holiday; 01-04 Sun make-up (1); 01-05 (2).
    assert.equal(cal.addWorkingDays('2025-12-31', 2), '2026-01-05');
    assert.equal(cal.addWorkingDays('2025-12-31', 1), '2026-01-04');
  });

  it('CAL-2: a calendar-day period ending on a holiday moves to the next working day', () => {
    // 2025-09-16 + 15 = 2025-10-01 (国庆, off until 10-08).
    assert.equal(cal.addCalendarDays('2025-09-16', 15), '2025-10-09');
    // 2025-07-03 + 90 = 2025-10-01.
    assert.equal(computeDeadline(cal, DEADLINE_RULES.decision, '2025-07-03').due, '2025-10-09');
    // P-67: 2026-02-01 + 15 = 2026-02-16 (春节) → 2026-02-24.
    assert.equal(computeDeadline(cal, DEADLINE_RULES.finePayment, '2026-02-01').due, '2026-02-24');
  });

  it('CAL-2: a calendar-day period ending on a weekend moves to Monday', () => {
    assert.equal(cal.addCalendarDays('2025-03-03', 5), '2025-03-10'); // 03-08 is a Saturday
    assert.equal(cal.addCalendarDays('2025-03-03', 4), '2025-03-07');
  });

  it('C-19: the 24-hour limit is not extended over a holiday', () => {
    const d = computeDeadline(cal, DEADLINE_RULES.emergencyApproval, '2025-09-30');
    assert.equal(d.due, '2025-10-01');
    // Needs no holiday data, so it works at the edge of the covered years too.
    assert.equal(computeDeadline(cal, DEADLINE_RULES.emergencyApproval, '2026-12-31').due, '2027-01-01');
  });

  it('CAL: a deadline reaching 2027 throws CalendarDataMissingError with the Chinese message', () => {
    assert.throws(
      () => cal.addWorkingDays('2026-12-28', 7),
      (err: unknown) => {
        assert.ok(err instanceof CalendarDataMissingError);
        assert.equal(err.code, 'CALENDAR_DATA_MISSING');
        assert.equal(err.year, 2027);
        assert.equal(
          err.message,
          '2027 年的法定节假日安排尚未录入，无法计算期限；请系统管理员在“节假日设置”中录入国务院办公厅公布的 2027 年安排',
        );
        return true;
      },
    );
    assert.throws(() => computeDeadline(cal, DEADLINE_RULES.decision, '2026-11-01'), CalendarDataMissingError);
    assert.throws(() => cal.isWorkingDay('2027-03-01'), CalendarDataMissingError);
    assert.throws(() => cal.workingDaysBetween('2026-12-30', '2027-01-04'), CalendarDataMissingError);
    // A deadline that stays inside 2026 is fine.
    assert.equal(cal.addWorkingDays('2026-12-28', 3), '2026-12-31');
  });

  it('CAL: with an admin override for 2027 the same deadline works', () => {
    // Test data, not the real 2027 notice.
    const override: CalendarYearOverride = {
      year: 2027,
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workdays: [],
      note: '测试数据',
    };
    const withOverride = new WorkCalendar([override]);
    assert.equal(withOverride.hasYear(2027), true);
    assert.equal(withOverride.yearSource(2027), 'override');
    assert.equal(withOverride.yearSource(2026), 'package');
    // 12-29 (1), 12-30 (2), 12-31 (3), 01-01..01-03 off, 01-04 (4), 01-05 (5), 01-06 (6), 01-07 (7).
    assert.equal(withOverride.addWorkingDays('2026-12-28', 7), '2027-01-07');
    assert.equal(withOverride.holidayName('2027-01-01'), null);
    assert.equal(withOverride.isWorkingDay('2027-03-01'), true);
    assert.equal(withOverride.hasYear(2028), false);
  });

  it('CAL: an override replaces the package data for its whole year', () => {
    const c = new WorkCalendar([{ year: 2026, holidays: ['2026-01-01'], workdays: ['2026-01-10'] }]);
    assert.equal(c.isWorkingDay('2026-10-01'), true); // no longer a holiday
    assert.equal(c.isWorkingDay('2026-02-14'), false); // no longer a make-up day
    assert.equal(c.isWorkingDay('2026-01-10'), true);
    assert.equal(cal.isWorkingDay('2026-10-01'), false); // other calendars unaffected
  });

  it('CAL: rejects malformed overrides', () => {
    assert.throws(() => new WorkCalendar([{ year: 2027, holidays: [], workdays: [] }]), RangeError);
    assert.throws(() => new WorkCalendar([{ year: 2027, holidays: ['2026-10-01'], workdays: [] }]), RangeError);
    assert.throws(() => new WorkCalendar([{ year: 2027, holidays: ['2027-02-30'], workdays: [] }]), RangeError);
    // A make-up working day must be a weekend day; 2027-01-04 is a Monday.
    assert.throws(() => new WorkCalendar([{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-04'] }]));
    const twice: CalendarYearOverride = { year: 2027, holidays: ['2027-01-01'], workdays: [] };
    assert.throws(() => new WorkCalendar([twice, twice]), RangeError);
  });

  it('CAL: rejects malformed dates and counts', () => {
    assert.throws(() => cal.isWorkingDay('2025-9-1'), RangeError);
    assert.throws(() => cal.addWorkingDays('2025-09-01', -1), RangeError);
    assert.throws(() => cal.addCalendarDays('2025-09-01', 1.5), RangeError);
  });

  it('P-85: every deadline rule names its rule and says how it counts', () => {
    for (const [key, rule] of Object.entries(DEADLINE_RULES)) {
      assert.match(rule.ruleId, /^[A-Z]-\d+$/, key);
      assert.ok(rule.count === 'working' || rule.count === 'calendar', key);
      assert.ok(Number.isInteger(rule.days) && rule.days > 0, key);
      assert.ok(rule.label.length > 0, key);
      // P-85 / C-69: periods of ten days or less in P and C are working days (C-19 is hours).
      if (/^[PC]-/.test(rule.ruleId) && rule.days <= 10 && !('noHolidayExtension' in rule)) {
        assert.equal(rule.count, 'working', key);
      }
    }
    assert.equal(DEADLINE_RULES.decision.count, 'calendar');
    assert.equal(DEADLINE_RULES.seizure.days, 30);
  });

  it('G-1: disclosure due dates across 国庆 2026', () => {
    // 2026-09-30 Wed → 10-01..10-07 off; 10-08 (1), 10-09 (2), 10-10 Sat make-up (3), 10-12 (4) … 10-15 (7).
    assert.equal(computeDeadline(cal, DEADLINE_RULES.disclosurePenalty, '2026-09-30').due, '2026-10-15');
  });

  it('P-72: 3% of the fine per day overdue, floored, never more than the fine', () => {
    assert.equal(latePaymentPenaltyFen(10_000, 0), 0);
    assert.equal(latePaymentPenaltyFen(10_000, 1), 300);
    assert.equal(latePaymentPenaltyFen(10_000, 33), 9_900);
    assert.equal(latePaymentPenaltyFen(10_000, 34), 10_000);
    assert.equal(latePaymentPenaltyFen(10_000, 1_000), 10_000);
    assert.equal(latePaymentPenaltyFen(333, 1), 9); // 9.99 → 9
    assert.equal(latePaymentPenaltyFen(9_000_000_000_000_001, 1), 270_000_000_000_000); // exact for large fines
    assert.throws(() => latePaymentPenaltyFen(-1, 1), RangeError);
    assert.throws(() => latePaymentPenaltyFen(100, 0.5), RangeError);
  });
});
