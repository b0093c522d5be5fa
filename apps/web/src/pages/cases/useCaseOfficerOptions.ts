import { useMemo } from 'react';
import type { Officer, Paged } from '../../api/types';
import { useFetch } from '../../api/useFetch';

/**
 * The agency's officers as options for a case: only holders of an enforcement credential valid today may be
 * chosen (P-42); the others are listed, disabled, with the reason, so nobody wonders where a colleague went.
 */
export function useCaseOfficerOptions(agencyId: number) {
  const { data, loading, error } = useFetch<Paged<Officer>>('/api/officers', { agencyId, page: 1, pageSize: 200 });
  const options = useMemo(
    () =>
      (data?.items ?? [])
        .filter((o) => o.credentialKind === 'enforcement')
        .map((o) => {
          const problem = !o.credentialNo ? '未持证' : o.credentialValidToday ? null : '证件无效';
          return {
            value: o.id,
            label: `${o.name}（${o.credentialNo ?? '未持证'}）${problem && o.credentialNo ? ` · ${problem}` : ''}`,
            disabled: problem !== null,
          };
        })
        .sort((a, b) => Number(a.disabled) - Number(b.disabled)),
    [data],
  );
  return { options, loading, error };
}
