import { shiftDate } from '../calendar/workingDays.js';
import { formatYuan, type PartyType, type Penalty, SANCTION_KINDS, type SanctionKind } from './caseVocabulary.js';

const rank = (k: SanctionKind) => SANCTION_KINDS.indexOf(k);
const heaviest = (p: Penalty) => Math.max(-1, ...p.kinds.map(rank));

/**
 * P-45: is `proposed` heavier than `noticed`? A larger fine or confiscation, or a sanction kind the
 * notice did not name that is heavier than every kind it did name.
 */
export function isHeavierPenalty(proposed: Penalty, noticed: Penalty): boolean {
  if (proposed.fineFen > noticed.fineFen || proposed.confiscationFen > noticed.confiscationFen) return true;
  const ceiling = heaviest(noticed);
  return proposed.kinds.some((k) => !noticed.kinds.includes(k) && rank(k) > ceiling);
}

/** P-51: summary procedure only for a warning or a fine ≤ 200 yuan (person) / ≤ 3000 yuan (organisation). */
export const SUMMARY_FINE_LIMIT_FEN: Record<PartyType, number> = { person: 20_000, organization: 300_000 };

export function summaryProcedureProblem(partyType: PartyType, penalty: Penalty): string | null {
  const other = penalty.kinds.filter((k) => k !== 'warning' && k !== 'fine');
  if (penalty.kinds.length === 0) return '简易程序须写明处罚种类（警告或者罚款）';
  if (other.length > 0) return '简易程序只能给予警告或者罚款，其他处罚种类须适用普通程序';
  if (penalty.confiscationFen > 0) return '简易程序不得没收财物';
  const limit = SUMMARY_FINE_LIMIT_FEN[partyType];
  if (penalty.kinds.includes('fine') && penalty.fineFen <= 0) return '罚款金额应大于零';
  if (penalty.fineFen > limit) {
    const who = partyType === 'person' ? '公民' : '法人或者其他组织';
    return `简易程序对${who}的罚款不得超过${formatYuan(limit)}，本案拟罚${formatYuan(penalty.fineFen)}，须适用普通程序`;
  }
  return null;
}

/** Sanctions that always carry hearing rights (P-63), whatever the amount. */
const HEARING_KINDS: SanctionKind[] = [
  'downgradeQualification',
  'revokeLicense',
  'restrictBusiness',
  'suspendBusiness',
  'closeDown',
  'banFromPractice',
];

/** P-63: a large fine or confiscation (较大数额, set locally per party type) or a heavy sanction carries hearing rights. */
export function hearingRightApplies(penalty: Penalty, thresholdFen: number): boolean {
  return (
    penalty.kinds.some((k) => HEARING_KINDS.includes(k)) ||
    penalty.fineFen >= thresholdFen ||
    penalty.confiscationFen >= thresholdFen
  );
}

/**
 * P-36: a violation undiscovered for two years (five where life, health or financial safety was
 * harmed) is no longer punished; a continuing violation counts from its end. Returns the warning
 * to show at filing, or null.
 */
export function limitationWarning(
  violation: { on: string | null; continuing: boolean; harmsSafety: boolean },
  discoveredOn: string,
): string | null {
  if (!violation.on || violation.continuing) return null;
  const years = violation.harmsSafety ? 5 : 2;
  const limit = `${String(Number(violation.on.slice(0, 4)) + years).padStart(4, '0')}${violation.on.slice(4)}`;
  // 2 月 29 日 + n years: the limit ends on 3 月 1 日 of a non-leap year.
  const end = limit.endsWith('-02-29') && !isLeap(Number(limit.slice(0, 4))) ? shiftDate(limit, 1) : limit;
  if (discoveredOn <= end) return null;
  return `违法行为发生于${violation.on}，至发现之日${discoveredOn}已超过${years}年追责时效（行政处罚法第三十六条），依法不再给予行政处罚，请核实是否属于连续或者继续状态`;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
