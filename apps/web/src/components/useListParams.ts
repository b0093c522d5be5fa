import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A list page's filters and page live in the URL, so that links from the dashboards
 * (e.g. /officers?credential=expired) and the back button restore the same list.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  // biome-ignore lint/correctness/useExhaustiveDependencies: keys is a constant list
  const filters = useMemo(() => {
    const f = {} as Record<K, string | undefined>;
    for (const k of keys) f[k] = params.get(k) ?? undefined;
    return f;
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));

  const update = useCallback(
    (changes: Partial<Record<K | 'page' | 'pageSize', string | number | undefined | null>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          // A new filter starts from the first page.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { filters, page, pageSize, update };
}
