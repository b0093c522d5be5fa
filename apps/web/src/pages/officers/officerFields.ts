/**
 * What the console calls each officer field: the officer form's labels, and the 全过程记录 (ledger trail) names a
 * field the same way when it shows what changed.
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
