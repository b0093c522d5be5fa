/**
 * 法制审核's closed vocabularies: the checklist of G-7, the opinions of S-1, the findings on each
 * checklist item, and the coordination outcomes of S-3. One code per value, one Chinese label.
 */

/** G-7: the review checklist is exactly these items, in this order. */
export const REVIEW_CHECK_ITEMS = [
  'agencyCompetent',
  'officersQualified',
  'procedureLawful',
  'factsClear',
  'evidenceSufficient',
  'lawApplied',
  'discretion',
  'noExcessOfPower',
  'instrumentsProper',
  'crimeTransfer',
] as const;
export type ReviewCheckItem = (typeof REVIEW_CHECK_ITEMS)[number];
export const REVIEW_CHECK_LABELS: Record<ReviewCheckItem, string> = {
  agencyCompetent: '执法主体是否合法',
  officersQualified: '执法人员是否具备执法资格',
  procedureLawful: '执法程序是否合法',
  factsClear: '案件事实是否清楚',
  evidenceSufficient: '证据是否合法充分',
  lawApplied: '适用法律、法规、规章是否准确',
  discretion: '行政裁量基准适用是否适当',
  noExcessOfPower: '是否超越法定职权或者滥用职权',
  instrumentsProper: '执法文书是否规范齐备',
  crimeTransfer: '违法行为是否涉嫌犯罪需要移送司法机关',
};

/** A finding on one checklist item. */
export const REVIEW_FINDINGS = ['pass', 'problem', 'notApplicable'] as const;
export type ReviewFinding = (typeof REVIEW_FINDINGS)[number];
export const REVIEW_FINDING_LABELS: Record<ReviewFinding, string> = {
  pass: '符合',
  problem: '存在问题',
  notApplicable: '不适用',
};

/** S-1 (seed 003 第五篇（十一）): the one opinion a review gives. */
export const REVIEW_OPINIONS = [
  'approve',
  'doNotIssue',
  'amend',
  'correctProcedure',
  'supplement',
  'mitigate',
  'transfer',
] as const;
export type ReviewOpinion = (typeof REVIEW_OPINIONS)[number];
export const REVIEW_OPINION_LABELS: Record<ReviewOpinion, string> = {
  approve: '同意',
  doNotIssue: '不予作出决定',
  amend: '变更（定性、适用依据或者裁量不当）',
  correctProcedure: '纠正（程序违法）',
  supplement: '退回补充（事实不清、证据不足或者文书不规范）',
  mitigate: '从轻、减轻或者不予处罚',
  transfer: '移送（超出本机关管辖范围或者涉嫌犯罪）',
};

/** S-3: how the head settles a disagreement between the handler and the reviewer. */
export const COORDINATION_OUTCOMES = ['adoptReview', 'proceed'] as const;
export type CoordinationOutcome = (typeof COORDINATION_OUTCOMES)[number];
export const COORDINATION_OUTCOME_LABELS: Record<CoordinationOutcome, string> = {
  adoptReview: '采纳法制审核意见，承办机构按审核意见修改后重新送审',
  proceed: '维持承办机构意见，依法作出决定',
};

/** Where a submission stands. */
export const REVIEW_STATUSES = ['pending', 'passed', 'returned', 'disputed', 'coordinated'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: '待审核',
  passed: '审核通过',
  returned: '已出具审核意见',
  disputed: '意见不一致，待负责人协调',
  coordinated: '负责人已协调',
};

/** The default review time limit (working days), configurable per agency. */
export const DEFAULT_REVIEW_DAYS = 5;

export interface ReviewCheckFinding {
  item: ReviewCheckItem;
  finding: ReviewFinding;
  note: string;
}

/** A note long enough to be a reason, not a tick. */
export const MIN_REASONED_NOTE = 10;

/**
 * The problems with a reviewer's checklist and opinion before it is recorded (G-7, S-1, and the
 * discretion rule): every item once with a finding; an item found wanting has a note; 同意 only when
 * no item is found wanting; a flagged discretion item passes only with a reasoned note.
 */
export function reviewDecisionProblems(
  findings: readonly ReviewCheckFinding[],
  opinion: ReviewOpinion,
  opinionNote: string,
  discretionFlag: string | null,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  for (const item of REVIEW_CHECK_ITEMS) {
    const entries = findings.filter((f) => f.item === item);
    if (entries.length !== 1) {
      problems.push({ field: `findings.${item}`, message: `请对“${REVIEW_CHECK_LABELS[item]}”逐项作出审核结论` });
      continue;
    }
    const f = entries[0];
    if (f && f.finding === 'problem' && !f.note.trim()) {
      problems.push({ field: `findings.${item}`, message: `“${REVIEW_CHECK_LABELS[item]}”存在问题，请写明具体问题` });
    }
  }
  const extra = findings.filter((f) => !REVIEW_CHECK_ITEMS.includes(f.item));
  if (extra.length > 0) problems.push({ field: 'findings', message: '审核清单中有不属于法定审核内容的项目' });
  if (opinion === 'approve') {
    const wanting = findings.filter((f) => f.finding === 'problem');
    if (wanting.length > 0) {
      problems.push({
        field: 'opinion',
        message: `${wanting.map((f) => `“${REVIEW_CHECK_LABELS[f.item]}”`).join('、')}存在问题，不能提出同意的意见`,
      });
    }
    const d = findings.find((f) => f.item === 'discretion');
    if (
      discretionFlag &&
      d &&
      d.finding !== 'problem' &&
      (d.finding !== 'pass' || d.note.trim().length < MIN_REASONED_NOTE)
    ) {
      problems.push({
        field: 'findings.discretion',
        message: `${discretionFlag}。认定裁量适当的，须在“行政裁量基准适用是否适当”一项写明理由（不少于${MIN_REASONED_NOTE}字）`,
      });
    }
  } else if (!opinionNote.trim()) {
    problems.push({ field: 'opinionNote', message: '请写明审核意见的具体内容和理由' });
  }
  return problems;
}
