/** What the console calls each agency field: the agency form's labels, reused by the 全过程记录. */
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
