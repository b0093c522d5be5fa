/**
 * 行政处罚裁量基准: per violation, tiers with the sanctions allowed and the fine range per party
 * type. The case records the tier chosen and why; a proposed penalty outside the tier is flagged on
 * the review checklist's 裁量 item (G-7), which cannot pass without a reasoned finding.
 */
import {
  formatYuan,
  type PartyType,
  type Penalty,
  SANCTION_KIND_LABELS,
  type SanctionKind,
} from '../cases/caseVocabulary.js';

/** 不予处罚 (first violation, minor and corrected in time: 行政处罚法 第三十三条), then 轻微 → 严重. */
export const DISCRETION_TIERS = ['exempt', 'minor', 'general', 'serious', 'severe'] as const;
export type DiscretionTier = (typeof DISCRETION_TIERS)[number];
export const DISCRETION_TIER_LABELS: Record<DiscretionTier, string> = {
  exempt: '不予处罚',
  minor: '轻微',
  general: '一般',
  serious: '较重',
  severe: '严重',
};

export interface FineRange {
  minFen: number;
  maxFen: number;
}

export interface BenchmarkTier {
  tier: DiscretionTier;
  /** 情形: when this tier applies. */
  circumstances: string;
  sanctions: SanctionKind[];
  /** Per party type; absent when the tier imposes no fine. */
  fine?: Record<PartyType, FineRange>;
}

export interface BenchmarkItem {
  /** Stable code of the violation within the agency's benchmarks, e.g. AQ-001. */
  code: string;
  /** 违法行为. */
  violation: string;
  /** 违反条款 and 处罚依据. */
  violatedProvision: string;
  penaltyBasis: string;
  tiers: BenchmarkTier[];
}

/** The tier chosen on a case, and why (recorded on the case). */
export interface DiscretionChoice {
  code: string;
  tier: DiscretionTier;
  reason: string;
}

/**
 * Why a proposed penalty does not fit the chosen tier, or null when it fits. The message is shown
 * on the review checklist's 裁量 item.
 */
export function discretionFlag(
  items: readonly BenchmarkItem[],
  choice: DiscretionChoice | null,
  partyType: PartyType,
  penalty: Penalty | null,
): string | null {
  if (!choice) return '未选择适用的裁量基准和裁量阶次';
  const item = items.find((i) => i.code === choice.code);
  if (!item) return `裁量基准中没有编号为“${choice.code}”的违法行为`;
  const tier = item.tiers.find((t) => t.tier === choice.tier);
  if (!tier) return `“${item.violation}”的裁量基准没有“${DISCRETION_TIER_LABELS[choice.tier]}”阶次`;
  const kinds = penalty?.kinds ?? [];
  if (choice.tier === 'exempt') {
    return kinds.length > 0 ? '所选裁量阶次为不予处罚，但拟作出行政处罚' : null;
  }
  const outside = kinds.filter((k) => !tier.sanctions.includes(k));
  if (outside.length > 0) {
    return `拟处罚种类${outside.map((k) => SANCTION_KIND_LABELS[k]).join('、')}不在“${DISCRETION_TIER_LABELS[tier.tier]}”阶次允许的种类（${tier.sanctions.map((k) => SANCTION_KIND_LABELS[k]).join('、') || '无'}）之内`;
  }
  if (kinds.includes('fine') && tier.fine) {
    const range = tier.fine[partyType];
    const fine = penalty?.fineFen ?? 0;
    if (fine < range.minFen || fine > range.maxFen) {
      return `拟罚款${formatYuan(fine)}超出“${DISCRETION_TIER_LABELS[tier.tier]}”阶次的罚款幅度（${formatYuan(range.minFen)}至${formatYuan(range.maxFen)}）`;
    }
  }
  return null;
}

/** A benchmark item's problems before it is saved (Chinese messages). */
export function benchmarkItemProblems(item: BenchmarkItem): string[] {
  const problems: string[] = [];
  if (!item.code.trim()) problems.push('违法行为编号不能为空');
  if (!item.violation.trim()) problems.push(`“${item.code}”的违法行为名称不能为空`);
  if (item.tiers.length === 0) problems.push(`“${item.code}”至少应有一个裁量阶次`);
  const seen = new Set<string>();
  for (const t of item.tiers) {
    if (seen.has(t.tier)) problems.push(`“${item.code}”的“${DISCRETION_TIER_LABELS[t.tier]}”阶次重复`);
    seen.add(t.tier);
    for (const [who, range] of Object.entries(t.fine ?? {})) {
      if (!(range.minFen >= 0 && range.maxFen >= range.minFen)) {
        problems.push(
          `“${item.code}”“${DISCRETION_TIER_LABELS[t.tier]}”阶次${who === 'person' ? '自然人' : '法人或其他组织'}的罚款幅度无效`,
        );
      }
    }
  }
  return problems;
}

const yuanFen = (yuan: number) => yuan * 100;
const range = (personMin: number, personMax: number, orgMin: number, orgMax: number) => ({
  person: { minFen: yuanFen(personMin), maxFen: yuanFen(personMax) },
  organization: { minFen: yuanFen(orgMin), maxFen: yuanFen(orgMax) },
});

/**
 * A starting set for an emergency-management agency (安全生产法 第九十七条): editable, and only a
 * default until the agency imports its own.
 */
export const DEFAULT_BENCHMARKS: readonly BenchmarkItem[] = [
  {
    code: 'AQ-097-1',
    violation: '未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师',
    violatedProvision: '《中华人民共和国安全生产法》第二十四条',
    penaltyBasis: '《中华人民共和国安全生产法》第九十七条第（一）项',
    tiers: [
      {
        tier: 'exempt',
        circumstances: '首次违法、危害后果轻微并及时改正',
        sanctions: [],
      },
      {
        tier: 'minor',
        circumstances: '责令限期改正，逾期未改正，从业人员50人以下',
        sanctions: ['fine'],
        fine: range(0, 0, 100_000, 130_000),
      },
      {
        tier: 'general',
        circumstances: '逾期未改正，从业人员50人以上100人以下',
        sanctions: ['fine'],
        fine: range(0, 0, 130_000, 160_000),
      },
      {
        tier: 'serious',
        circumstances: '逾期未改正，从业人员100人以上',
        sanctions: ['fine', 'suspendBusiness'],
        fine: range(0, 0, 160_000, 200_000),
      },
    ],
  },
  {
    code: 'AQ-097-3',
    violation: '未按照规定对从业人员进行安全生产教育和培训，或者未如实记录',
    violatedProvision: '《中华人民共和国安全生产法》第二十八条',
    penaltyBasis: '《中华人民共和国安全生产法》第九十七条第（三）项',
    tiers: [
      { tier: 'exempt', circumstances: '首次违法、危害后果轻微并及时改正', sanctions: [] },
      {
        tier: 'minor',
        circumstances: '责令限期改正，逾期未改正，涉及从业人员10人以下',
        sanctions: ['fine'],
        fine: range(0, 0, 30_000, 60_000),
      },
      {
        tier: 'general',
        circumstances: '逾期未改正，涉及从业人员10人以上30人以下',
        sanctions: ['fine'],
        fine: range(0, 0, 60_000, 100_000),
      },
      {
        tier: 'severe',
        circumstances: '逾期未改正，涉及从业人员30人以上，或者因此发生生产安全事故',
        sanctions: ['fine', 'suspendBusiness'],
        fine: range(0, 0, 100_000, 200_000),
      },
    ],
  },
  {
    code: 'AQ-099-2',
    violation: '安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准',
    violatedProvision: '《中华人民共和国安全生产法》第三十六条',
    penaltyBasis: '《中华人民共和国安全生产法》第九十九条第（二）项',
    tiers: [
      {
        tier: 'minor',
        circumstances: '责令限期改正，逾期未改正，涉及安全设备1台（套）',
        sanctions: ['fine'],
        fine: range(10_000, 20_000, 50_000, 100_000),
      },
      {
        tier: 'general',
        circumstances: '逾期未改正，涉及安全设备2台（套）以上',
        sanctions: ['fine'],
        fine: range(20_000, 20_000, 100_000, 150_000),
      },
      {
        tier: 'severe',
        circumstances: '拒不改正或者造成事故隐患',
        sanctions: ['fine', 'suspendBusiness'],
        fine: range(20_000, 20_000, 150_000, 200_000),
      },
    ],
  },
];
