import { useMemo } from 'react';
import type { Agency, Paged } from './types';
import { useFetch } from './useFetch';

/** The agencies in the caller's scope, as select options (filters, officer and user forms). */
export function useAgencyOptions() {
  const { data } = useFetch<Paged<Agency>>('/api/agencies', { page: 1, pageSize: 200 });
  return useMemo(() => {
    const agencies: Agency[] = data?.items ?? [];
    return { agencies, options: agencies.map((a) => ({ value: a.id, label: a.name })) };
  }, [data]);
}
