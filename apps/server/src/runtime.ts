import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connection.js';
import { lockDataDir } from './db/dataDirLock.js';
import { type LedgerKeys, loadLedgerKeys } from './modules/ledger/ledgerKeys.js';
import { ensureLedger } from './modules/ledger/ledgerStore.js';
import { ensureRegions } from './modules/registry/regionData.js';

export interface Runtime {
  database: Database;
  ledgerKeys: LedgerKeys;
  close(): Promise<void>;
}

/**
 * Opens the configured database the same way for the server and the CLI: PGlite under an
 * exclusive lock of the data directory, or the PostgreSQL server of DATABASE_URL; then migrates.
 */
export async function openRuntime(config: Config, onLockLost: (err: Error) => void): Promise<Runtime> {
  const release = config.databaseUrl ? undefined : await lockDataDir(config.dataDir, onLockLost);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'db') });
    await ensureRegions(database.db);
    const ledger = await ensureLedger(database.db, {
      hash: config.ledgerHash,
      origin: config.ledgerOrigin ?? `sanxiang.local/${randomBytes(6).toString('hex')}`,
    });
    if (!ledger) throw new Error('ledger not initialised');
    return {
      database,
      ledgerKeys: loadLedgerKeys(ledger.origin, config.keysDir, config.witnessKeyFile),
      close: async () => {
        await database.close();
        await release?.();
      },
    };
  } catch (err) {
    await release?.();
    throw err;
  }
}
