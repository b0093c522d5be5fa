/**
 * 重大执法决定法制审核目录清单 (S-2, seed 002): the rules that decide whether a proposed decision is
 * major and so needs legal review before it is made (P-58), and whether heads must deliberate on it
 * collectively (P-57). Each agency keeps its own catalog, versioned (S-6); a case pins the version
 * that classified it.
 */
import { type PartyType, SANCTION_KIND_LABELS, type SanctionKind } from '../cases/caseVocabulary.js';

/** Decisions other than penalties that the catalog can name (seed 002 审核范围). */
export const MAJOR_MEASURES = [
  'licenseByTender',
  'licenseWithdrawal',
  'depositTransfer',
  'demolition',
  'auctionProperty',
  'expropriation',
] as const;
export type MajorMeasure = (typeof MAJOR_MEASURES)[number];
export const MAJOR_MEASURE_LABELS: Record<MajorMeasure, string> = {
  licenseByTender: '采取招标、拍卖或者经过听证等方式作出行政许可',
  licenseWithdrawal: '撤回或者撤销行政许可',
  depositTransfer: '划拨存款、汇款',
  demolition: '拆除建筑物、构筑物',
  auctionProperty: '拍卖或者变卖当事人财物抵缴罚款',
  expropriation: '征收、征用房屋、土地、车辆、设施、设备等财产',
};

/** What a catalog rule looks at. */
export const MAJOR_CRITERIA = [
  'sanction',
  'measure',
  'amount',
  'hearingHeld',
  'deliberation',
  'referral',
  'complex',
  'publicInterest',
] as const;
export type MajorCriterion = (typeof MAJOR_CRITERIA)[number];
export const MAJOR_CRITERION_LABELS: Record<MajorCriterion, string> = {
  sanction: '处罚种类',
  measure: '其他执法决定',
  amount: '罚没数额',
  hearingHeld: '经过听证',
  deliberation: '须集体讨论',
  referral: '移送公安或监察机关',
  complex: '案情复杂、涉及多个法律关系',
  publicInterest: '涉及重大公共利益或者社会影响较大',
};

export interface MajorRule {
  /** Stable within the catalog, e.g. `S2-sanction`. */
  code: string;
  /** How the catalog names the rule, e.g. 吊销许可证件、责令停产停业. */
  label: string;
  criterion: MajorCriterion;
  /** criterion `sanction`: any of these. */
  sanctions?: SanctionKind[];
  /** criterion `measure`: any of these. */
  measures?: MajorMeasure[];
  /** criterion `amount`: fine plus confiscation at or above (以上, inclusive) the threshold, in fen, per party type. */
  thresholdFen?: Record<PartyType, number>;
  /** P-57: a decision this rule catches is decided by heads collectively. */
  requiresDeliberation: boolean;
  /** Where the rule comes from (law, article, local rule). */
  basis: string;
}

/** The facts of a proposed decision that the catalog is evaluated on. */
export interface MajorFacts {
  partyType: PartyType;
  sanctions: SanctionKind[];
  fineFen: number;
  confiscationFen: number;
  measures: MajorMeasure[];
  hearingHeld: boolean;
  deliberationRequired: boolean;
  referred: boolean;
  complex: boolean;
  publicInterest: boolean;
}

export interface MajorMatch {
  code: string;
  label: string;
  criterion: MajorCriterion;
  requiresDeliberation: boolean;
  /** Why this rule matched, in Chinese, naming the facts. */
  why: string;
}

const yuan = (fen: number) =>
  `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}元`;

/** Which rules of the catalog the proposed decision meets. Empty: the decision is not major. */
export function evaluateMajor(rules: readonly MajorRule[], facts: MajorFacts): MajorMatch[] {
  const matches: MajorMatch[] = [];
  for (const rule of rules) {
    const why = ruleMatch(rule, facts);
    if (why !== null) {
      matches.push({
        code: rule.code,
        label: rule.label,
        criterion: rule.criterion,
        requiresDeliberation: rule.requiresDeliberation,
        why,
      });
    }
  }
  return matches;
}

function ruleMatch(rule: MajorRule, f: MajorFacts): string | null {
  switch (rule.criterion) {
    case 'sanction': {
      const hit = f.sanctions.filter((k) => rule.sanctions?.includes(k));
      return hit.length > 0 ? `拟作出${hit.map((k) => SANCTION_KIND_LABELS[k]).join('、')}` : null;
    }
    case 'measure': {
      const hit = f.measures.filter((m) => rule.measures?.includes(m));
      return hit.length > 0 ? `拟作出${hit.map((m) => MAJOR_MEASURE_LABELS[m]).join('、')}的决定` : null;
    }
    case 'amount': {
      const threshold = rule.thresholdFen?.[f.partyType];
      if (threshold === undefined || threshold <= 0) return null;
      const amount = f.fineFen + f.confiscationFen;
      if (amount < threshold) return null;
      const who = f.partyType === 'person' ? '公民' : '法人或者其他组织';
      return `对${who}拟罚没${yuan(amount)}，达到${yuan(threshold)}以上`;
    }
    case 'hearingHeld':
      return f.hearingHeld ? '本案经过听证' : null;
    case 'deliberation':
      return f.deliberationRequired ? '本案已列为须负责人集体讨论决定' : null;
    case 'referral':
      return f.referred ? '本案拟移送公安机关或者监察机关' : null;
    case 'complex':
      return f.complex ? '承办机构认定案情复杂、涉及多个法律关系' : null;
    case 'publicInterest':
      return f.publicInterest ? '承办机构认定涉及重大公共利益或者社会影响较大' : null;
  }
}

/** A catalog rule's problems before it is saved (Chinese messages). */
export function majorRuleProblems(rule: MajorRule): string[] {
  const problems: string[] = [];
  if (!rule.code.trim()) problems.push('规则编号不能为空');
  if (!rule.label.trim()) problems.push(`规则“${rule.code}”的名称不能为空`);
  if (!MAJOR_CRITERIA.includes(rule.criterion)) problems.push(`规则“${rule.code}”的判断依据无效`);
  if (rule.criterion === 'sanction' && !rule.sanctions?.length) problems.push(`规则“${rule.code}”须选择处罚种类`);
  if (rule.criterion === 'measure' && !rule.measures?.length) problems.push(`规则“${rule.code}”须选择执法决定种类`);
  if (rule.criterion === 'amount') {
    const t = rule.thresholdFen;
    if (!t || !(t.person > 0) || !(t.organization > 0)) {
      problems.push(`规则“${rule.code}”须分别设定自然人和法人或其他组织的数额标准（大于 0）`);
    }
  }
  return problems;
}

/**
 * The default catalog (seed 002 审核范围, S-2). Amount thresholds are the common 较大数额 of
 * provincial rules (公民 1 万元、法人或者其他组织 10 万元); each agency sets its own.
 */
export const DEFAULT_MAJOR_CATALOG: readonly MajorRule[] = [
  {
    code: 'S2-1',
    label: '暂扣、吊销许可证件或者营业执照',
    criterion: 'sanction',
    sanctions: ['suspendLicense', 'revokeLicense'],
    requiresDeliberation: true,
    basis: '《重大执法决定法制审核目录清单》（行政处罚）；《中华人民共和国行政处罚法》第五十八条',
  },
  {
    code: 'S2-2',
    label: '责令停产停业、责令关闭、限制从业',
    criterion: 'sanction',
    sanctions: ['suspendBusiness', 'closeDown', 'banFromPractice', 'restrictBusiness'],
    requiresDeliberation: true,
    basis: '《重大执法决定法制审核目录清单》（行政处罚）；《中华人民共和国行政处罚法》第五十八条',
  },
  {
    code: 'S2-3',
    label: '较大数额罚款、没收较大数额违法所得或者非法财物',
    criterion: 'amount',
    thresholdFen: { person: 1_000_000, organization: 10_000_000 },
    requiresDeliberation: true,
    basis: '省人民政府关于行政处罚听证范围中较大数额罚款数额的规定；《中华人民共和国行政处罚法》第五十七条、第五十八条',
  },
  {
    code: 'S2-4',
    label: '经过听证程序作出的行政处罚决定',
    criterion: 'hearingHeld',
    requiresDeliberation: false,
    basis: '《中华人民共和国行政处罚法》第五十八条第一款第（二）项',
  },
  {
    code: 'S2-5',
    label: '因案情复杂需要提请负责人集体讨论的决定',
    criterion: 'deliberation',
    requiresDeliberation: true,
    basis: '《中华人民共和国行政处罚法》第五十七条第二款',
  },
  {
    code: 'S2-6',
    label: '向公安机关移送涉嫌犯罪案件、向监察机关移送涉嫌职务违法犯罪案件',
    criterion: 'referral',
    requiresDeliberation: false,
    basis: '《行政执法机关移送涉嫌犯罪案件的规定》第五条',
  },
  {
    code: 'S2-7',
    label: '案件情况疑难复杂、涉及多个法律关系',
    criterion: 'complex',
    requiresDeliberation: true,
    basis: '《中华人民共和国行政处罚法》第五十八条第一款第（三）项',
  },
  {
    code: 'S2-8',
    label: '涉及重大公共利益或者可能造成重大社会影响',
    criterion: 'publicInterest',
    requiresDeliberation: false,
    basis: '《中华人民共和国行政处罚法》第五十八条第一款第（一）项',
  },
  {
    code: 'S2-9',
    label: '重大行政许可决定及撤回、撤销行政许可',
    criterion: 'measure',
    measures: ['licenseByTender', 'licenseWithdrawal'],
    requiresDeliberation: false,
    basis: '《中华人民共和国行政许可法》第四十六条、第五十三条、第八条、第六十九条',
  },
  {
    code: 'S2-10',
    label: '划拨存款汇款、拆除建筑物构筑物、拍卖变卖财物抵缴罚款等重大行政强制决定',
    criterion: 'measure',
    measures: ['depositTransfer', 'demolition', 'auctionProperty'],
    requiresDeliberation: false,
    basis: '《中华人民共和国行政强制法》第四十四条、第四十六条、第四十七条',
  },
  {
    code: 'S2-11',
    label: '对合法财产的征收、征用决定',
    criterion: 'measure',
    measures: ['expropriation'],
    requiresDeliberation: false,
    basis: '《重大执法决定法制审核目录清单》（行政征收征用）',
  },
];
