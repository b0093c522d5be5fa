import type { Field, OfficerStatus } from './vocabulary.js';
import { FIELD_LABELS, OFFICER_STATUS_LABELS } from './vocabulary.js';

export interface CredentialHolder {
  name: string;
  status: OfficerStatus;
  credentialNo: string | null;
  /** Asia/Shanghai calendar dates, YYYY-MM-DD. */
  validFrom: string | null;
  validTo: string | null;
  fields: readonly Field[];
}

export type CredentialProblem =
  | { code: 'CREDENTIAL_MISSING'; message: string }
  | { code: 'CREDENTIAL_NOT_ACTIVE'; message: string }
  | { code: 'CREDENTIAL_NOT_YET_VALID'; message: string }
  | { code: 'CREDENTIAL_EXPIRED'; message: string }
  | { code: 'CREDENTIAL_FIELD_NOT_COVERED'; message: string };

export type MayActResult = { ok: true } | { ok: false; problems: CredentialProblem[] };

/**
 * May this officer act on a matter of `field` on `date`? (P-42: enforcement only by officers
 * holding a valid credential that covers the matter.) Dates are compared as calendar dates;
 * validFrom and validTo are both inclusive.
 */
export function mayAct(officer: CredentialHolder, matter: { field: Field; date: string }): MayActResult {
  const problems: CredentialProblem[] = [];
  if (!officer.credentialNo || !officer.validFrom || !officer.validTo) {
    problems.push({ code: 'CREDENTIAL_MISSING', message: `${officer.name}未持有行政执法证件` });
    return { ok: false, problems };
  }
  if (officer.status !== 'active') {
    problems.push({
      code: 'CREDENTIAL_NOT_ACTIVE',
      message: `${officer.name}的执法证件状态为“${OFFICER_STATUS_LABELS[officer.status]}”，不得从事执法活动`,
    });
  }
  if (matter.date < officer.validFrom) {
    problems.push({
      code: 'CREDENTIAL_NOT_YET_VALID',
      message: `${officer.name}的执法证件自${officer.validFrom}起生效，${matter.date}尚未生效`,
    });
  }
  if (matter.date > officer.validTo) {
    problems.push({
      code: 'CREDENTIAL_EXPIRED',
      message: `${officer.name}的执法证件已于${officer.validTo}到期`,
    });
  }
  if (!officer.fields.includes(matter.field)) {
    problems.push({
      code: 'CREDENTIAL_FIELD_NOT_COVERED',
      message: `${officer.name}的执法证件执法类别不含“${FIELD_LABELS[matter.field]}”`,
    });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
