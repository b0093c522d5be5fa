/**
 * The instrument (文书) types the procedures produce. The catalog with each type's name, number
 * word, form fields and layout lives in `instrumentCatalog.ts`; this list is the contract the
 * workflow definitions and the server use.
 */
export const INSTRUMENT_TYPES = [
  'filingApproval', // 立案审批表
  'inspectionRecord', // 现场检查笔录
  'onSiteRecord', // 现场笔录（行政强制措施）
  'inquiryRecord', // 询问笔录
  'preservationNotice', // 先行登记保存证据通知书
  'coercionApproval', // 行政强制措施审批表
  'seizureDecision', // 查封扣押决定书
  'seizureExtension', // 延长查封扣押期限决定书
  'seizureRelease', // 解除查封扣押决定书
  'rectificationOrder', // 责令限期整改指令书
  'rectificationReview', // 整改复查意见书
  'investigationReport', // 案件调查终结报告
  'priorNotice', // 行政处罚事先告知书
  'statementRecord', // 陈述申辩笔录
  'hearingRightsNotice', // 听证告知书
  'hearingNotice', // 听证通知书
  'hearingRecord', // 听证笔录
  'legalReviewOpinion', // 法制审核意见书
  'deliberationRecord', // 集体讨论记录
  'extensionApproval', // 延长办案期限审批表
  'decisionApproval', // 行政处罚决定审批表
  'penaltyDecision', // 行政处罚决定书
  'summaryDecision', // 当场行政处罚决定书
  'serviceReceipt', // 送达回证
  'paymentDemand', // 催告书
  'referralLetter', // 案件移送函
  'closingApproval', // 结案审批表
  'archiveCover', // 案卷封面
  'archiveIndex', // 卷内目录
] as const;
export type InstrumentType = (typeof INSTRUMENT_TYPES)[number];
