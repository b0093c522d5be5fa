import {
  CASE_SOURCES,
  FIELDS,
  isCalendarDate,
  isValidResidentId,
  isValidUscc,
  PARTY_TYPES,
  PROCEDURES,
  SANCTION_KINDS,
  SERVICE_METHODS,
} from '@sanxiang/domain';
import { z } from 'zod';

const date = (label: string) => z.string().refine(isCalendarDate, `${label}应为有效日期，格式 YYYY-MM-DD`);
const fen = (label: string) => z.number().int(`${label}应以分为单位的整数`).min(0, `${label}不能为负数`).max(1e13);

export const partySchema = z
  .object({
    type: z.enum(PARTY_TYPES),
    name: z.string().trim().min(1, '请填写当事人名称或姓名').max(100),
    idNumber: z.string().trim().toUpperCase().max(18),
    address: z.string().trim().max(200).default(''),
    phone: z.string().trim().max(30).default(''),
    legalRepresentative: z.string().trim().max(50).default(''),
  })
  .superRefine((p, ctx) => {
    if (!p.idNumber) return;
    const ok = p.type === 'person' ? isValidResidentId(p.idNumber) : isValidUscc(p.idNumber);
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['idNumber'],
        message: p.type === 'person' ? '公民身份号码无效（请核对校验位）' : '统一社会信用代码无效（请核对校验位）',
      });
    }
  });

export const penaltySchema = z.object({
  kinds: z.array(z.enum(SANCTION_KINDS)).max(SANCTION_KINDS.length),
  fineFen: fen('罚款金额').default(0),
  confiscationFen: fen('没收金额').default(0),
  detail: z.string().trim().max(2000).default(''),
});

export const caseCreateSchema = z.object({
  procedure: z.enum(PROCEDURES),
  field: z.enum(FIELDS),
  title: z.string().trim().min(2, '请填写案由').max(200),
  source: z.enum(CASE_SOURCES),
  place: z.string().trim().max(200).default(''),
  leadOn: date('线索登记日期'),
  violationOn: date('违法行为发生日期').nullish(),
  violationContinuing: z.boolean().default(false),
  harmsSafety: z.boolean().default(false),
  facts: z.string().trim().max(20000).default(''),
  party: partySchema,
  /** 主办 first, then 协办. */
  officerIds: z.array(z.number().int().positive()).min(1, '请选择承办人员').max(10),
});
export type CaseCreateInput = z.infer<typeof caseCreateSchema>;

/** What a step's form sends; which parts a step reads is listed in its definition's `inputs`. */
export const stepBodySchema = z.object({
  expectedVersion: z.number().int().positive(),
  actOn: date('办理日期').optional(),
  officerIds: z.array(z.number().int().positive()).max(10).optional(),
  fields: z.record(z.string(), z.string().max(20000)).default({}),
  avFileIds: z.array(z.number().int().positive()).max(100).default([]),
  penalty: penaltySchema.optional(),
  facts: z
    .object({
      facts: z.string().trim().min(1, '请填写违法事实').max(20000),
      violatedProvision: z.string().trim().min(1, '请填写违反的法律条款').max(2000),
      penaltyBasis: z.string().trim().min(1, '请填写处罚依据').max(2000),
    })
    .optional(),
  partyPresent: z.boolean().optional(),
  service: z
    .object({
      method: z.enum(SERVICE_METHODS),
      receivedOn: date('送达日期'),
      /** P-61: the party's signed consent to electronic service (an uploaded file of the case). */
      consentFileId: z.number().int().positive().optional(),
    })
    .optional(),
  payment: z.object({ paidOn: date('缴款日期'), paidFen: fen('缴款金额') }).optional(),
  waiver: z.boolean().optional(),
  hearingRequest: z.object({ requestedOn: date('申请听证日期'), hearingOn: date('听证日期') }).optional(),
  deliberationRequired: z.boolean().optional(),
  emergency: z.object({ reason: z.string().trim().min(2, '请写明情况紧急的理由').max(1000) }).optional(),
  /** C-18: the elements of an on-site coercive measure, each confirmed by the officers. */
  coercionChecklist: z
    .object({
      credentialsShown: z.boolean(),
      partyNotified: z.boolean(),
      reasonsExplained: z.boolean(),
      statementHeard: z.boolean(),
      transcriptSigned: z.enum(['party', 'refused', 'witness', 'none']),
    })
    .optional(),
  rectificationDays: z.number().int().min(1).max(365).optional(),
  outcome: z.string().trim().max(2000).optional(),
  /** P-42 summary procedure: the law that lets one officer act alone, when one does. */
  singleOfficerBasis: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).default(''),
});
export type StepBody = z.infer<typeof stepBodySchema>;
