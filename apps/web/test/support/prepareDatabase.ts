/**
 * Writes to the database a browser test's server will use before the server starts (PGlite allows one
 * process at a time): opened, migrated and loaded with the demo county exactly as apps/server/src/main.ts
 * does on first start, then handed to `prepare`. The server then finds its data in place.
 */
import { loadConfig } from '../../../server/src/config.js';
import type { Db } from '../../../server/src/db/connection.js';
import { loadDemoCases } from '../../../server/src/demo/demoCases.js';
import { loadDemoData } from '../../../server/src/demo/demoData.js';
import { fileStorageFromConfig } from '../../../server/src/modules/records/fileStore.js';
import { openRuntime } from '../../../server/src/runtime.js';

export type Prepare = (db: Db) => Promise<void>;

export async function prepareDatabase(dataDir: string, databaseUrl: string | undefined, prepare: Prepare) {
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', DEMO_DATA: 'true' });
  const runtime = await openRuntime(config, (err) => {
    throw err;
  });
  try {
    const db = runtime.database.db;
    if (await loadDemoData(db)) await loadDemoCases(db, fileStorageFromConfig(config).store);
    await prepare(db);
  } finally {
    await runtime.close();
  }
}
