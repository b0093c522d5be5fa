import { OFFICER_STATUS_LABELS, type OfficerStatus, shanghaiDate } from '@sanxiang/domain';
import { Tag, Tooltip } from 'antd';
import type { Officer } from '../../api/types';

/** Days before validTo from which a credential counts as expiring (same as the server's filter). */
export const EXPIRING_DAYS = 90;

export type CredentialState = 'none' | 'notYetValid' | 'expired' | 'expiring' | 'valid';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Where the credential stands on `today` (an Asia/Shanghai date), whatever the officer's status. */
export function credentialState(
  o: Pick<Officer, 'credentialNo' | 'validFrom' | 'validTo'>,
  today = shanghaiDate(),
): CredentialState {
  if (!o.credentialNo || !o.validFrom || !o.validTo) return 'none';
  if (o.validTo < today) return 'expired';
  if (o.validFrom > today) return 'notYetValid';
  if (o.validTo <= addDays(today, EXPIRING_DAYS)) return 'expiring';
  return 'valid';
}

const CREDENTIAL_TAGS: Record<CredentialState, { color: string; text: string }> = {
  none: { color: 'default', text: '未持证' },
  notYetValid: { color: 'gold', text: '尚未生效' },
  expired: { color: 'red', text: '已过期' },
  expiring: { color: 'orange', text: '即将到期' },
  valid: { color: 'green', text: '有效' },
};

export function CredentialTag({ officer }: { officer: Pick<Officer, 'credentialNo' | 'validFrom' | 'validTo'> }) {
  const state = credentialState(officer);
  const t = CREDENTIAL_TAGS[state];
  return <Tag color={t.color}>{t.text}</Tag>;
}

const STATUS_COLORS: Record<OfficerStatus, string> = { active: 'green', suspended: 'orange', revoked: 'default' };

/**
 * The officer's status as a coloured tag. An active officer whose credential has expired is
 * shown as 已过期 in red: the card no longer permits enforcement (P-42), whatever the record says.
 */
export function OfficerStatusTag({
  officer,
}: {
  officer: Pick<Officer, 'status' | 'credentialNo' | 'validFrom' | 'validTo'>;
}) {
  if (officer.status === 'active' && credentialState(officer) === 'expired') {
    return (
      <Tooltip title={`执法证件已于 ${officer.validTo} 到期`}>
        <Tag color="red">已过期</Tag>
      </Tooltip>
    );
  }
  return <Tag color={STATUS_COLORS[officer.status]}>{OFFICER_STATUS_LABELS[officer.status]}</Tag>;
}

export function validityText(o: Pick<Officer, 'validFrom' | 'validTo'>): string {
  if (!o.validFrom || !o.validTo) return '—';
  return `${o.validFrom} 至 ${o.validTo}`;
}

const VALIDITY_COLORS: Partial<Record<CredentialState, string>> = { expired: '#cf1322', expiring: '#d46b08' };

/** The validity period, in red when expired and orange when it ends within 90 days. */
export function ValidityText({ officer }: { officer: Pick<Officer, 'credentialNo' | 'validFrom' | 'validTo'> }) {
  const state = credentialState(officer);
  const color = VALIDITY_COLORS[state];
  return (
    <span style={color ? { color } : undefined} title={state === 'expiring' ? `${EXPIRING_DAYS}日内到期` : undefined}>
      {validityText(officer)}
    </span>
  );
}
