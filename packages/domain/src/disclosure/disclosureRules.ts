/**
 * 事后公开 (G-1, G-2, G-3a, P-48): which decisions are disclosed, by when, and for how long.
 */
import { computeDeadline, type Deadline, type DeadlineRule } from '../calendar/deadlines.js';
import type { WorkCalendar } from '../calendar/workingDays.js';
import type { PartyType } from '../cases/caseVocabulary.js';

export const DISCLOSURE_CATEGORIES = ['penalty', 'license', 'coercion', 'inspection'] as const;
export type DisclosureCategory = (typeof DISCLOSURE_CATEGORIES)[number];
export const DISCLOSURE_CATEGORY_LABELS: Record<DisclosureCategory, string> = {
  penalty: '行政处罚',
  license: '行政许可',
  coercion: '行政强制',
  inspection: '行政检查',
};

/** The steps whose decision is disclosed, per procedure, and under which category. */
export const DISCLOSURE_TRIGGERS: Record<string, DisclosureCategory> = {
  'penalty.general:issueDecision': 'penalty',
  'penalty.summary:decideOnSpot': 'penalty',
  'coercion.seizure:seize': 'coercion',
  'coercion.seizure:emergencySeize': 'coercion',
  'inspection:orderRectification': 'inspection',
  'inspection:closeWithoutIssue': 'inspection',
};

export const disclosureCategoryOf = (procedure: string, step: string): DisclosureCategory | undefined =>
  DISCLOSURE_TRIGGERS[`${procedure}:${step}`];

/** G-1: 7 working days for penalties and licenses, 20 for other decisions; start = the decision date. */
export function publishRule(category: DisclosureCategory): DeadlineRule {
  const days = category === 'penalty' || category === 'license' ? 7 : 20;
  return {
    ruleId: 'G-1',
    days,
    count: 'working',
    label: `${DISCLOSURE_CATEGORY_LABELS[category]}决定信息公开期限（${days}个工作日）`,
  };
}

/** G-2 / P-48: withdrawn within 3 working days of the reversal (revoked, changed, confirmed illegal or void). */
export const WITHDRAW_RULE: DeadlineRule = {
  ruleId: 'G-2',
  days: 3,
  count: 'working',
  label: '撤回公开信息期限（决定被撤销、变更、确认违法或者无效之日起3个工作日）',
};

export const publishDeadline = (calendar: WorkCalendar, category: DisclosureCategory, decidedOn: string): Deadline =>
  computeDeadline(calendar, publishRule(category), decidedOn);

export const withdrawDeadline = (calendar: WorkCalendar, reversedOn: string): Deadline =>
  computeDeadline(calendar, WITHDRAW_RULE, reversedOn);

/** Why a published decision is withdrawn (G-2, P-48). */
export const REVERSAL_KINDS = ['revoked', 'changed', 'illegal', 'void', 'redo'] as const;
export type ReversalKind = (typeof REVERSAL_KINDS)[number];
export const REVERSAL_KIND_LABELS: Record<ReversalKind, string> = {
  revoked: '被依法撤销',
  changed: '被依法变更',
  illegal: '被确认违法',
  void: '被确认无效',
  redo: '被责令重新作出',
};

/**
 * G-3a: how long a disclosure stays on the public list, in years, per category and party type (then
 * archived, never deleted). The period is set locally (each agency's settings); by default 2 years
 * where the party is a natural person, 5 years otherwise.
 */
export type DisclosurePeriods = Record<DisclosureCategory, Record<PartyType, number>>;
export const DEFAULT_DISCLOSURE_PERIODS: DisclosurePeriods = {
  penalty: { person: 2, organization: 5 },
  license: { person: 2, organization: 5 },
  coercion: { person: 2, organization: 5 },
  inspection: { person: 2, organization: 5 },
};
/** A period, in years, that settings may hold. */
export const MAX_DISCLOSURE_YEARS = 20;

export function publicUntil(
  publishedOn: string,
  category: DisclosureCategory,
  partyType: PartyType,
  periods: DisclosurePeriods = DEFAULT_DISCLOSURE_PERIODS,
): string {
  const years = periods[category]?.[partyType] ?? DEFAULT_DISCLOSURE_PERIODS[category][partyType];
  const [y, m, d] = publishedOn.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February of a leap year ends on 28 February.
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}
