/** Chinese names of request fields, so that a 400 names the field as the form shows it. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  roles: '角色',
  name: '名称',
  kind: '主体类别',
  role: '机构性质',
  regionCode: '行政区划代码',
  field: '执法领域',
  fields: '执法类别',
  address: '地址',
  officePhone: '办公电话',
  complaintPhone: '投诉电话',
  uscc: '统一社会信用代码',
  parentId: '上级监督机关',
  agencyId: '执法主体',
  unitId: '科室',
  gender: '性别',
  post: '职务',
  credentialNo: '执法证号',
  credentialKind: '证件类型',
  validFrom: '有效期起',
  validTo: '有效期止',
  status: '状态',
  legalQualification: '法律职业资格',
  legalQualificationNo: '法律职业资格证书编号',
  residentId: '公民身份号码',
  reason: '原因',
  page: '页码',
  pageSize: '每页条数',
  date: '日期',
  id: '编号',
  file: '文件',
  q: '检索词',
  from: '起始日期',
  to: '截止日期',
  category: '类别',
  disclosureId: '公开信息编号',
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  if (!last) return '请求';
  return FIELD_LABELS[last] ?? last;
}
