import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';

type Schema = typeof schema;
/** One query interface over both engines: PGlite and node-postgres drivers share it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = Db | Tx;

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  /** Runs one raw statement; used by health checks and tests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface OpenOptions {
  /** PostgreSQL connection string; without it PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `undefined` means in memory (tests). */
  pgliteDir?: string | undefined;
}

/** Opens the database and applies every pending migration, the same files on both engines. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    let closing = false;
    // An idle pooled connection that the server drops (restart, failover, an administrator's
    // terminate) emits 'error' on the pool; unhandled, that would crash the process. The pool
    // replaces the connection on next use, so this is logged, not fatal.
    pool.on('error', (err) => {
      if (!closing) console.error(`数据库连接中断（将自动重连）：${err.message}`);
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(drizzlePg(pool), { migrationsFolder });
    return {
      db,
      engine: 'postgres',
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => {
        closing = true;
        return pool.end();
      },
    };
  }
  // Loaded only for the embedded engine: a server on PostgreSQL never pays for the WASM build (~40 MB).
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
  if (options.pgliteDir) {
    mkdirSync(dirname(options.pgliteDir), { recursive: true });
    if (!existsSync(join(options.pgliteDir, 'PG_VERSION'))) {
      // Creating the cluster (initdb in WebAssembly) leaves the WASM heap ~350 MB larger than a
      // plain open needs, and WASM memory never shrinks: create, close, and open afresh.
      const creator = new PGlite(options.pgliteDir);
      await creator.waitReady;
      await creator.close();
    }
  }
  const client = options.pgliteDir ? new PGlite(options.pgliteDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return {
    db,
    engine: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
  };
}
