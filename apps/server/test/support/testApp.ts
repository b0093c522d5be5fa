import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Database, openDatabase } from '../../src/db/connection.js';
import { DEMO_PASSWORD, loadDemoData } from '../../src/demo/demoData.js';
import { buildApp } from '../../src/http/app.js';
import { loadLedgerKeys } from '../../src/modules/ledger/ledgerKeys.js';
import { ensureLedger } from '../../src/modules/ledger/ledgerStore.js';
import { type FileStorage, type FileStore, temporaryFileStorage } from '../../src/modules/records/fileStore.js';
import { ensureRegions } from '../../src/modules/registry/regionData.js';
import { createScratchDatabase } from './scratchDatabase.js';

/**
 * A real database for one test file: an in-memory PGlite, or — when DATABASE_URL is set — a
 * fresh database on that PostgreSQL server, dropped afterwards. The same suite runs on both.
 */
export async function openTestDatabase(): Promise<Database & { engineLabel: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({});
    return { ...database, engineLabel: 'PGlite' };
  }
  const scratch = await createScratchDatabase(url, 'sanxiang_test');
  const database = await openDatabase({ databaseUrl: scratch.url });
  return {
    ...database,
    engineLabel: 'PostgreSQL',
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  keysDir: string;
  /** Evidence and AV storage in a temporary directory, removed on close. */
  files: FileStorage;
  close(): Promise<void>;
}

/** The whole HTTP application on a fresh database with the demo county loaded. */
export async function startTestApp(
  options: {
    demo?: boolean;
    secureCookies?: boolean;
    ledgerHash?: 'sm3' | 'sha256';
    /** A file store other than the temporary local one (its uploads are still staged in a temporary directory). */
    fileStore?: FileStore;
    /** Requests per minute to /api/public/* (default: the server's default). */
    publicRateLimit?: number;
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  await ensureRegions(database.db);
  await ensureLedger(database.db, { hash: options.ledgerHash, origin: 'sanxiang.test/app' });
  if (options.demo !== false) await loadDemoData(database.db);
  const keysDir = mkdtempSync(join(tmpdir(), 'sanxiang-keys-'));
  const temporary = await temporaryFileStorage();
  const files: FileStorage = { ...temporary, store: options.fileStore ?? temporary.store };
  const app = await buildApp({
    config: {
      secureCookies: options.secureCookies ?? false,
      sessionHours: 12,
      logLevel: 'silent',
      publicRateLimit: options.publicRateLimit,
    },
    database,
    ledgerKeys: loadLedgerKeys('sanxiang.test/app', keysDir),
    logger: false,
    files,
  });
  await app.ready();
  return {
    app,
    database,
    keysDir,
    files,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(keysDir, { recursive: true, force: true });
      await temporary.dispose();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  username: string;
}

export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sx_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: `sx_session=${cookie.value}`, csrfToken: res.json().csrfToken, username };
}

/** A request as the browser sends it: session cookie plus the CSRF header on writes. */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
