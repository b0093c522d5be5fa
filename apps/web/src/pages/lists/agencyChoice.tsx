import { Empty, Select, Spin } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useAgencyOptions } from '../../api/useAgencyOptions';
import { useMe } from '../../auth/SessionContext';

/**
 * Whose lists a page shows, kept in the address (?agencyId=, ?tab=): staff see their own agency's; the justice
 * bureau has no lists of its own and picks an agency of its county (the first one until it chooses).
 */
export function useAgencyChoice() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const regional = me.agency.role === 'supervisor';
  const { agencies } = useAgencyOptions();
  const agencyOptions = agencies.filter((a) => a.role === 'agency').map((a) => ({ value: a.id, label: a.name }));
  const chosen = Number(params.get('agencyId')) || undefined;
  const agencyId = regional ? (chosen ?? agencyOptions[0]?.value) : undefined;
  const set = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) next.set(k, v);
        return next;
      },
      { replace: true },
    );
  /** The bureau before there is an agency to show: still loading, or none in its county. */
  const waiting =
    regional && agencyId === undefined ? (
      agencies.length === 0 ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : (
        <Empty description="本辖区尚无执法主体" />
      )
    ) : null;
  /** The bureau's agency picker, for the page heading. */
  const agencySelect = regional && (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择执法主体"
      prefix="执法主体："
      value={agencyId}
      onChange={(id: number) => set({ agencyId: String(id) })}
      options={agencyOptions}
      style={{ width: 320 }}
      aria-label="执法主体"
    />
  );
  return { params, set, regional, agencyId, waiting, agencySelect };
}
