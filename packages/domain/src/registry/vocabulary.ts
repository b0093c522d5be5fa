/**
 * The registry's closed vocabularies: one code per value (GLOSSARY.md) and the
 * Chinese label every screen, export and import uses for it.
 */
export const ROLES = ['admin', 'officer', 'reviewer', 'head', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  officer: '执法人员',
  reviewer: '法制审核人员',
  head: '负责人',
  supervisor: '执法监督人员',
};

export const AGENCY_KINDS = ['administrative', 'authorized', 'entrusted'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  administrative: '行政机关',
  authorized: '法律法规授权组织',
  entrusted: '受委托组织',
};

/** `supervisor`: a justice bureau supervising its region; `agency`: an enforcement body. */
export const AGENCY_ROLES = ['agency', 'supervisor'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];
export const AGENCY_ROLE_LABELS: Record<AgencyRole, string> = {
  agency: '执法主体',
  supervisor: '执法监督机关（司法行政机关）',
};

/** 执法领域 / 执法类别 covered by agencies and credentials. */
export const FIELDS = [
  'emergency',
  'energy',
  'education',
  'commerce',
  'agriculture',
  'animalHealth',
  'market',
  'ecology',
  'transport',
  'culture',
  'naturalResources',
  'housing',
  'health',
  'justice',
  'comprehensive',
] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_LABELS: Record<Field, string> = {
  emergency: '应急管理',
  energy: '能源',
  education: '教育',
  commerce: '商务',
  agriculture: '农业农村',
  animalHealth: '动物卫生',
  market: '市场监管',
  ecology: '生态环境',
  transport: '交通运输',
  culture: '文化旅游',
  naturalResources: '自然资源',
  housing: '住房城乡建设',
  health: '卫生健康',
  justice: '司法行政',
  comprehensive: '综合行政执法',
};

export const OFFICER_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type OfficerStatus = (typeof OFFICER_STATUSES)[number];
export const OFFICER_STATUS_LABELS: Record<OfficerStatus, string> = {
  active: '在岗',
  suspended: '暂扣',
  revoked: '注销',
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const CREDENTIAL_KINDS = ['enforcement', 'supervision'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
export const CREDENTIAL_KIND_LABELS: Record<CredentialKind, string> = {
  enforcement: '行政执法证',
  supervision: '行政执法监督证',
};

/** Reverse lookup for imports: the Chinese label (or the code itself) to the code. */
export function codeForLabel<C extends string>(labels: Record<C, string>, input: string): C | undefined {
  const s = input.trim();
  for (const [code, label] of Object.entries(labels) as [C, string][]) {
    if (label === s || code === s) return code;
  }
  return undefined;
}
