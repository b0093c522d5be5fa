import type { OfficerStatus } from './vocabulary.js';

/** Why a credential is not valid on a day: the public check (事中公示) names each reason in Chinese. */
export type CredentialStandingProblem =
  | { code: 'CREDENTIAL_MISSING'; message: string }
  | { code: 'CREDENTIAL_REVOKED'; message: string }
  | { code: 'CREDENTIAL_SUSPENDED'; message: string }
  | { code: 'CREDENTIAL_NOT_YET_VALID'; message: string }
  | { code: 'CREDENTIAL_EXPIRED'; message: string };

export interface CredentialStanding {
  valid: boolean;
  problems: CredentialStandingProblem[];
}

/**
 * Is a credential valid on `date` (an Asia/Shanghai calendar date), whatever the matter? This is what a
 * citizen scanning an officer's credential QR code is told (P-42: enforcement only by officers holding a
 * valid credential). validFrom and validTo are inclusive, as in `mayAct`, which adds the field check.
 */
export function credentialStanding(
  credential: {
    status: OfficerStatus | string;
    credentialNo: string | null;
    validFrom: string | null;
    validTo: string | null;
  },
  date: string,
): CredentialStanding {
  const problems: CredentialStandingProblem[] = [];
  if (!credential.credentialNo || !credential.validFrom || !credential.validTo) {
    problems.push({ code: 'CREDENTIAL_MISSING', message: '未持有有效的行政执法证件' });
    return { valid: false, problems };
  }
  if (credential.status === 'revoked') {
    problems.push({ code: 'CREDENTIAL_REVOKED', message: '证件已注销，持证人不得从事行政执法活动' });
  } else if (credential.status !== 'active') {
    problems.push({ code: 'CREDENTIAL_SUSPENDED', message: '证件已被暂扣，持证人暂停从事行政执法活动' });
  }
  if (date < credential.validFrom) {
    problems.push({
      code: 'CREDENTIAL_NOT_YET_VALID',
      message: `证件尚未生效（自${credential.validFrom}起生效）`,
    });
  }
  if (date > credential.validTo) {
    problems.push({ code: 'CREDENTIAL_EXPIRED', message: `证件已过期（有效期至${credential.validTo}）` });
  }
  return { valid: problems.length === 0, problems };
}

/** What the public learns from a credential QR code: the verdict and the officer's public data, nothing else. */
export interface CredentialCheckAnswer {
  valid: boolean;
  /** 有效 / 无效 */
  verdict: string;
  reasons: { code: string; message: string }[];
  /** The day the answer is for (Asia/Shanghai). */
  checkedOn: string;
  officer: {
    name: string;
    agencyName: string;
    credentialNo: string;
    fields: { code: string; label: string }[];
    regionCode: string;
    regionName: string | null;
    validTo: string | null;
  };
  agency: { name: string; complaintPhone: string; officePhone: string };
}
