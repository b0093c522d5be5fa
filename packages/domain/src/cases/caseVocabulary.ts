/**
 * Case handling's closed vocabularies (GLOSSARY.md): one code per value and the Chinese label
 * every screen, instrument and export uses for it.
 */
export const PROCEDURES = ['penalty.general', 'penalty.summary', 'coercion.seizure', 'inspection'] as const;
export type ProcedureId = (typeof PROCEDURES)[number];
export const PROCEDURE_LABELS: Record<ProcedureId, string> = {
  'penalty.general': '行政处罚（普通程序）',
  'penalty.summary': '行政处罚（简易程序）',
  'coercion.seizure': '行政强制（查封、扣押）',
  inspection: '行政检查（现场检查）',
};

export const PARTY_TYPES = ['person', 'organization'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];
export const PARTY_TYPE_LABELS: Record<PartyType, string> = { person: '自然人', organization: '法人或其他组织' };

/** 当事人. `idNumber` is a resident ID for a person, a unified social credit code for an organisation. */
export interface Party {
  type: PartyType;
  name: string;
  idNumber: string;
  address: string;
  phone: string;
  /** 法定代表人（负责人）, organisations only. */
  legalRepresentative: string;
}

export const CASE_SOURCES = ['inspection', 'complaint', 'referral', 'assigned', 'selfReport', 'other'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  inspection: '监督检查发现',
  complaint: '投诉举报',
  referral: '其他机关移送',
  assigned: '上级交办',
  selfReport: '当事人主动报告',
  other: '其他',
};

/**
 * 行政处罚的种类 (行政处罚法 第9条), ordered from lightest to heaviest: the order decides which
 * decision is "heavier" (P-45) and under which type a decision with several penalties is counted.
 */
export const SANCTION_KINDS = [
  'warning',
  'publicCriticism',
  'fine',
  'confiscateIllegalGains',
  'confiscateIllegalProperty',
  'suspendLicense',
  'downgradeQualification',
  'restrictBusiness',
  'suspendBusiness',
  'revokeLicense',
  'closeDown',
  'banFromPractice',
  'detention',
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];
export const SANCTION_KIND_LABELS: Record<SanctionKind, string> = {
  warning: '警告',
  publicCriticism: '通报批评',
  fine: '罚款',
  confiscateIllegalGains: '没收违法所得',
  confiscateIllegalProperty: '没收非法财物',
  suspendLicense: '暂扣许可证件',
  downgradeQualification: '降低资质等级',
  restrictBusiness: '限制开展生产经营活动',
  suspendBusiness: '责令停产停业',
  revokeLicense: '吊销许可证件',
  closeDown: '责令关闭',
  banFromPractice: '限制从业',
  detention: '行政拘留',
};

/** A penalty as proposed in a prior notice or decided. Money is integer fen (DESIGN.md principle 6). */
export interface Penalty {
  kinds: SanctionKind[];
  fineFen: number;
  confiscationFen: number;
  /** Free text, e.g. 没收的物品清单 or the license revoked. */
  detail: string;
}

export function formatYuan(fen: number): string {
  const yuan = fen / 100;
  return `${yuan.toLocaleString('zh-CN', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })}元`;
}

/** 送达方式 (民事诉讼法 as applied by 行政处罚法 第六十一条). */
export const SERVICE_METHODS = ['direct', 'left', 'mail', 'entrusted', 'electronic', 'announcement'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];
export const SERVICE_METHOD_LABELS: Record<ServiceMethod, string> = {
  direct: '直接送达',
  left: '留置送达',
  mail: '邮寄送达',
  entrusted: '委托送达',
  electronic: '电子送达',
  announcement: '公告送达',
};
