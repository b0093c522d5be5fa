import { join } from 'node:path';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connection.js';
import { lockDataDir } from './db/dataDirLock.js';
import { ensureRegions } from './modules/registry/regionData.js';

export interface Runtime {
  database: Database;
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
    return {
      database,
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
