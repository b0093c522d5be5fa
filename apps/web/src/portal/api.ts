/** The public API the portal reads (apps/server: publicRegistryRoutes.ts, publicDisclosureRoutes.ts). */
import type { DisclosureRecord } from '@sanxiang/domain';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(res.status, body?.code ?? 'HTTP', body?.message ?? `请求失败（${res.status}），请稍后重试`);
  }
  return (await res.json()) as T;
}

/** A query string of the values that are set. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface Page<T> {
  items: T[];
  total: number;
  /** The search counts up to a limit: true when there are more than `total`. */
  totalCapped?: boolean;
  page?: number;
  pageSize?: number;
}

export type { PublicSearchPage as SearchPage } from '@sanxiang/domain';

export interface Agency {
  id: number;
  name: string;
  kind: string;
  role: string;
  field: string;
  regionCode: string;
  regionName: string | null;
  address: string;
  officePhone: string;
  complaintPhone: string;
  uscc: string | null;
}

export interface Officer {
  id: number;
  name: string;
  agencyName: string;
  credentialNo: string;
  fields: string[];
  regionCode: string;
  validToday: boolean;
}

export interface Disclosure {
  id: number;
  version: number;
  publishedOn: string;
  record: DisclosureRecord;
}

export interface DisclosureDetail extends Disclosure {
  correctionReason: string | null;
  history: { version: number; publishedOn: string; record: DisclosureRecord; correctionReason: string }[];
}

export interface Withdrawal {
  id: number;
  agencyId: number;
  agencyName: string;
  instrumentNumber: string;
  category: string;
  categoryLabel: string;
  publishedOn: string;
  withdrawnOn: string;
  reversalKind: string | null;
  reversalKindLabel: string;
  withdrawReason: string;
}

let agencies: Promise<Agency[]> | undefined;
/** The region's agencies (a county has a few dozen), read once per visit. */
export function allAgencies(): Promise<Agency[]> {
  agencies ??= getJson<Page<Agency>>('/api/public/agencies?pageSize=200').then((p) => p.items);
  agencies.catch(() => {
    agencies = undefined;
  });
  return agencies;
}
