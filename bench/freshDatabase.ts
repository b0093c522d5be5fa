import { type Database, openDatabase } from '../apps/server/src/db/connection.js';
import { createScratchDatabase } from '../apps/server/test/support/scratchDatabase.js';

/**
 * An empty, migrated database for one benchmark run: in-memory PGlite, or a new database on the
 * PostgreSQL server of DATABASE_URL, dropped on close.
 */
export async function freshDb(engine: 'pglite' | 'postgres'): Promise<Database & { url?: string }> {
  if (engine === 'pglite') return openDatabase({});
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is needed for the postgres engine');
  const scratch = await createScratchDatabase(url, 'sanxiang_bench');
  const d = await openDatabase({ databaseUrl: scratch.url });
  return {
    ...d,
    url: scratch.url,
    close: async () => {
      await d.close();
      await scratch.drop();
    },
  };
}
