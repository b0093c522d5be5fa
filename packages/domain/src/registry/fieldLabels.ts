/**
 * What the product calls each field of an officer and of an agency: the forms' labels, the
 * officer history and the 全过程记录 name a field the same way.
 */
export const OFFICER_FIELD_LABELS = {
  name: '姓名',
  residentId: '公民身份号码',
  gender: '性别',
  agencyId: '执法主体',
  unitId: '科室',
  post: '职务',
  credentialNo: '执法证号',
  credentialKind: '证件类型',
  status: '状态',
  fields: '执法类别',
  validity: '有效期',
  validFrom: '有效期起',
  validTo: '有效期止',
  regionCode: '发证行政区划',
  legalQualification: '法律职业资格',
  legalQualificationNo: '资格证书编号',
  reason: '变更原因',
} as const;

export const AGENCY_FIELD_LABELS = {
  name: '名称',
  role: '机构性质',
  kind: '主体类别',
  field: '执法领域',
  regionCode: '行政区划',
  uscc: '统一社会信用代码',
  parentId: '上级监督机关',
  address: '地址',
  officePhone: '办公电话',
  complaintPhone: '投诉电话',
  units: '科室',
} as const;

/** The fields an officer record holds: what each version keeps and the officer form edits. */
export const OFFICER_RECORD_FIELDS = [
  'name',
  'gender',
  'agencyId',
  'unitId',
  'post',
  'credentialNo',
  'credentialKind',
  'fields',
  'regionCode',
  'validFrom',
  'validTo',
  'status',
  'legalQualification',
  'legalQualificationNo',
  'residentId',
] as const satisfies readonly (keyof typeof OFFICER_FIELD_LABELS)[];
