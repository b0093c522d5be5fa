/**
 * The legal time limits (期限) used by the procedures, one definition each, and their computation on the working-day
 * calendar (see ./workingDays.ts for the counting rules P-85, C-69, L-82, CAL, CAL-1, CAL-2).
 */
import { type DayCount, shiftDate, type WorkCalendar } from './workingDays.js';

export interface DeadlineRule {
  ruleId: string;
  days: number;
  count: DayCount;
  label: string;
  /**
   * For limits that are really counted in hours (C-19: 24 hours): the due date is the plain calendar date and CAL-2
   * does not move it off a holiday. Alerts for such limits should use the actual timestamps.
   */
  noHolidayExtension?: true;
}

export interface Deadline {
  ruleId: string;
  label: string;
  start: string;
  days: number;
  count: DayCount;
  due: string;
}

/**
 * `start` is the day the period starts from (decision, service, receipt, filing); it is not counted (CAL-1).
 * Throws CalendarDataMissingError when the computation reaches a year without holiday data (CAL).
 */
export function computeDeadline(calendar: WorkCalendar, rule: DeadlineRule, start: string): Deadline {
  let due: string;
  if (rule.count === 'working') {
    // P-85 / C-69 / L-82: working days.
    due = calendar.addWorkingDays(start, rule.days);
  } else if (rule.noHolidayExtension) {
    if (!Number.isSafeInteger(rule.days) || rule.days < 0) throw new RangeError(`天数应为非负整数：${rule.days}`);
    due = shiftDate(start, rule.days);
  } else {
    // CAL-2: calendar-day periods ending on a rest day move to the next working day.
    due = calendar.addCalendarDays(start, rule.days);
  }
  return { ruleId: rule.ruleId, label: rule.label, start, days: rule.days, count: rule.count, due };
}

/** The legal time limits used by the procedures, one definition each (labels in Chinese). */
export const DEADLINE_RULES = {
  /** P-56: start = the day evidence was registered and preserved. */
  evidencePreservation: { ruleId: 'P-56', days: 7, count: 'working', label: '先行登记保存处理决定期限（7个工作日）' },
  /** P-44/P-62: start = the day the prior notice was served. */
  statementPeriod: { ruleId: 'P-44', days: 3, count: 'working', label: '陈述、申辩期限（3个工作日）' },
  /** P-44/P-62 where hearing rights apply (P-63). */
  statementPeriodHearing: {
    ruleId: 'P-44',
    days: 5,
    count: 'working',
    label: '陈述、申辩及要求听证期限（5个工作日）',
  },
  /** P-64: start = the day the hearing-rights notice was served. */
  hearingRequest: { ruleId: 'P-64', days: 5, count: 'working', label: '要求听证期限（告知后5个工作日内）' },
  /** P-64: start = the day the hearing notice is served; due = the earliest day the hearing may be held. */
  hearingNoticeLead: {
    ruleId: 'P-64',
    days: 7,
    count: 'working',
    label: '听证通知提前期（听证7个工作日前通知，到期日为最早可举行听证之日）',
  },
  /** P-60: start = the filing date. */
  decision: { ruleId: 'P-60', days: 90, count: 'calendar', label: '作出处罚决定期限（立案之日起90日）' },
  /** P-60: extension with approval; start = the original due date. */
  decisionExtension: { ruleId: 'P-60', days: 30, count: 'calendar', label: '处罚决定延长期限（经批准延长30日）' },
  /** P-61: start = the decision date, party absent. */
  service: { ruleId: 'P-61', days: 7, count: 'working', label: '处罚决定书送达期限（当事人不在场，7个工作日）' },
  /** P-67: start = the day the decision was received. */
  finePayment: { ruleId: 'P-67', days: 15, count: 'calendar', label: '缴纳罚款期限（收到决定书之日起15日）' },
  /** C-19: really 24 hours; the date is the calendar day after the act, not extended over holidays. */
  emergencyApproval: {
    ruleId: 'C-19',
    days: 1,
    count: 'calendar',
    label: '紧急情况补办批准手续期限（24小时）',
    noHolidayExtension: true,
  },
  /** C-25: start = the day of seizure/sealing. */
  seizure: { ruleId: 'C-25', days: 30, count: 'calendar', label: '查封、扣押期限（30日）' },
  /** C-25: one extension with head approval; start = the original due date. */
  seizureExtension: { ruleId: 'C-25', days: 30, count: 'calendar', label: '查封、扣押延长期限（经批准延长30日）' },
  /** G-1: start = the decision date of a penalty or license decision. */
  disclosurePenalty: {
    ruleId: 'G-1',
    days: 7,
    count: 'working',
    label: '行政处罚、行政许可决定公示期限（7个工作日）',
  },
  /** G-1: other decisions. */
  disclosureOther: { ruleId: 'G-1', days: 20, count: 'working', label: '其他执法决定公示期限（20个工作日）' },
  /** P-48/G-2: start = the day the decision was changed, revoked, confirmed illegal or void. */
  disclosureWithdrawal: {
    ruleId: 'P-48',
    days: 3,
    count: 'working',
    label: '公开的决定撤回期限（3个工作日）',
  },
  /** P-58: local default; a region may configure another (e.g. 7 working days, +3). */
  legalReview: { ruleId: 'P-58', days: 5, count: 'working', label: '法制审核期限（默认5个工作日，可按地方规定调整）' },
  /** L-32: start = the day the application was received. */
  licenseIncompleteNotice: {
    ruleId: 'L-32',
    days: 5,
    count: 'working',
    label: '一次告知补正材料期限（5个工作日）',
  },
  /** L-42: start = the day the application was accepted. */
  licenseDecision: { ruleId: 'L-42', days: 20, count: 'working', label: '作出行政许可决定期限（20个工作日）' },
  /** L-42: extension with head approval; start = the original due date. */
  licenseDecisionExtension: {
    ruleId: 'L-42',
    days: 10,
    count: 'working',
    label: '行政许可决定延长期限（经批准延长10个工作日）',
  },
  /** L-44: start = the decision date. */
  licenseCertificate: { ruleId: 'L-44', days: 10, count: 'working', label: '颁发、送达许可证件期限（10个工作日）' },
} as const satisfies Record<string, DeadlineRule>;

export type DeadlineRuleKey = keyof typeof DEADLINE_RULES;

/** P-72: late-payment penalty 3% of the fine per day overdue, never more than the fine. Integer fen, floor. */
export function latePaymentPenaltyFen(fineFen: number, daysOverdue: number): number {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0) throw new RangeError(`罚款金额（分）应为非负整数：${fineFen}`);
  if (!Number.isSafeInteger(daysOverdue) || daysOverdue < 0) {
    throw new RangeError(`逾期天数应为非负整数：${daysOverdue}`);
  }
  // P-72: 3% per day, capped at the fine itself.
  const penalty = (BigInt(fineFen) * 3n * BigInt(daysOverdue)) / 100n;
  return penalty >= BigInt(fineFen) ? fineFen : Number(penalty);
}

/**
 * Periods the party has (to make statements, to ask for a hearing) rather than time limits on the
 * agency: when one ends the agency may proceed, so its end is shown as 已届满, never as an overdue alert.
 */
export const PARTY_PERIOD_KINDS: readonly DeadlineRuleKey[] = [
  'statementPeriod',
  'hearingRequest',
  'hearingNoticeLead',
];
