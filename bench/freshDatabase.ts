import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../apps/server/src/db/connection.js';

/**
 * An empty, migrated database for one benchmark run: in-memory PGlite, or a new database on the
 * PostgreSQL server of DATABASE_URL, dropped on close.
 */
export async function freshDb(engine: 'pglite' | 'postgres'): Promise<Database & { url?: string }> {
  if (engine === 'pglite') return openDatabase({});
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is needed for the postgres engine');
  const name = `sanxiang_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: u.toString() });
  return {
    ...d,
    url: u.toString(),
    close: async () => {
      await d.close();
      await admin(`drop database ${name} with (force)`);
    },
  };
}
