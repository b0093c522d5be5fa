import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, withQuery } from './client';

type Query = Parameters<typeof withQuery>[1];

export interface FetchState<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (with `query`) whenever either changes; `null` path means "not yet". */
export function useFetch<T>(path: string | null, query?: Query): FetchState<T> {
  const url = path === null ? null : withQuery(path, query);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(url !== null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger
  useEffect(() => {
    if (url === null) return;
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(url, undefined, ctrl.signal)
      .then((d) => {
        setData(d);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [url, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
