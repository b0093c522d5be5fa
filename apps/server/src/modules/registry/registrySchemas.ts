import {
  AGENCY_KINDS,
  AGENCY_ROLES,
  CREDENTIAL_KINDS,
  checkResidentId,
  checkUscc,
  FIELDS,
  GENDERS,
  isCalendarDate,
  isPhoneNumber,
  isRegionCode,
  OFFICER_STATUSES,
} from '@sanxiang/domain';
import { z } from 'zod';

/**
 * The one definition of a valid agency and officer: the API validates request bodies with these
 * and the Excel import validates each row with the same schemas, so both say the same thing.
 */
const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
const phone = z
  .string()
  .trim()
  .refine((s) => s === '' || isPhoneNumber(s), '电话号码格式不正确（手机号、带区号的座机号或服务热线）');
const regionCode = z.string().trim().refine(isRegionCode, '应为6位数字的行政区划代码（GB/T 2260）');
const calendarDate = z.string().trim().refine(isCalendarDate, '应为有效日期，格式 YYYY-MM-DD');

export const usccSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((s, ctx) => {
    const r = checkUscc(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((s, ctx) => {
    const r = checkResidentId(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

export const agencyFields = {
  name: text(100).min(2, '至少2个字'),
  kind: z.enum(AGENCY_KINDS),
  role: z.enum(AGENCY_ROLES),
  regionCode,
  field: z.enum(FIELDS),
  address: text(200),
  officePhone: phone,
  complaintPhone: phone,
  uscc: usccSchema.nullable(),
  parentId: z.number().int().positive().nullable(),
};

export const agencyCreateSchema = z.object({
  ...agencyFields,
  role: agencyFields.role.optional(),
  address: agencyFields.address.optional(),
  officePhone: agencyFields.officePhone.optional(),
  complaintPhone: agencyFields.complaintPhone.optional(),
  uscc: agencyFields.uscc.optional(),
  parentId: agencyFields.parentId.optional(),
  units: z.array(text(50).min(1)).optional(),
});
export type AgencyCreate = z.infer<typeof agencyCreateSchema>;

export const agencyPatchSchema = z.object(agencyFields).partial();
export type AgencyPatch = z.infer<typeof agencyPatchSchema>;

const officerObject = z.object({
  name: text(50).min(2, '至少2个字'),
  gender: z.enum(GENDERS),
  agencyId: z.number().int().positive(),
  unitId: z.number().int().positive().nullable(),
  post: text(50),
  credentialNo: text(30).min(4, '至少4位').nullable(),
  credentialKind: z.enum(CREDENTIAL_KINDS),
  fields: z.array(z.enum(FIELDS)),
  regionCode,
  validFrom: calendarDate.nullable(),
  validTo: calendarDate.nullable(),
  status: z.enum(OFFICER_STATUSES),
  legalQualification: z.boolean(),
  legalQualificationNo: text(40),
  residentId: residentIdSchema,
});

type OfficerShape = Partial<z.infer<typeof officerObject>>;

/** Cross-field rules: a credential has both dates in order and at least one field. */
function officerConsistency(o: OfficerShape, ctx: z.RefinementCtx) {
  if (o.validFrom && o.validTo && o.validFrom > o.validTo) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: '有效期止不能早于有效期起' });
  }
  if (o.credentialNo && (o.validFrom === null || o.validTo === null)) {
    ctx.addIssue({ code: 'custom', path: ['validFrom'], message: '持有执法证件的人员须填写证件有效期' });
  }
  if (o.credentialNo && o.fields && o.fields.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['fields'], message: '执法证件至少覆盖一个执法类别' });
  }
}

export const officerCreateSchema = officerObject
  .extend({
    unitId: officerObject.shape.unitId.optional(),
    post: officerObject.shape.post.optional(),
    credentialKind: officerObject.shape.credentialKind.optional(),
    regionCode: officerObject.shape.regionCode.optional(),
    status: officerObject.shape.status.optional(),
    legalQualification: officerObject.shape.legalQualification.optional(),
    legalQualificationNo: officerObject.shape.legalQualificationNo.optional(),
  })
  .superRefine(officerConsistency);
export type OfficerCreate = z.infer<typeof officerCreateSchema>;

export const officerPatchSchema = officerObject
  .partial()
  .extend({
    reason: text(200).min(2, '请填写变更原因'),
    /** Optimistic locking: the version the editor saw. */
    expectedVersion: z.number().int().positive().optional(),
  })
  .superRefine(officerConsistency);
export type OfficerPatch = z.infer<typeof officerPatchSchema>;

export const pagingSchema = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const idParams = z.object({ id: z.coerce.number().int().positive() });
