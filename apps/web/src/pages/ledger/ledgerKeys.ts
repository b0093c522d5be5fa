import { api } from '../../api/client';
import type { LedgerKeys } from '../../api/types';

let keys: Promise<LedgerKeys> | null = null;

/** The ledger's origin, hash and public keys (GET /api/ledger/keys): fixed for a deployment, fetched once. */
export function ledgerKeys(): Promise<LedgerKeys> {
  if (!keys) {
    keys = api.get<LedgerKeys>('/api/ledger/keys');
    keys.catch(() => {
      keys = null;
    });
  }
  return keys;
}
