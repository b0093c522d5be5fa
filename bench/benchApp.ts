import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../apps/server/src/db/connection.js';
import { type AppOptions, buildApp } from '../apps/server/src/http/app.js';
import { loadLedgerKeys } from '../apps/server/src/modules/ledger/ledgerKeys.js';
import { temporaryFileStorage } from '../apps/server/src/modules/records/fileStore.js';

/**
 * The server's app in this process, served over HTTP as the benchmarks measure it: every app started
 * from here shares one set of ledger keys (for `origin`) and one file store, in temporary places that
 * `close()` removes with the apps. Each app listens on a free port of 127.0.0.1.
 */
export async function benchApps(database: Database, origin: string) {
  const keysDir = mkdtempSync(join(tmpdir(), 'sanxiang-bench-keys-'));
  const files = await temporaryFileStorage();
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  return {
    async start(config: Partial<AppOptions['config']> = {}) {
      const app = await buildApp({
        config: { secureCookies: false, sessionHours: 12, logLevel: 'silent', ...config },
        database,
        ledgerKeys: loadLedgerKeys(origin, keysDir),
        logger: false,
        files,
      });
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
    },
    async close() {
      for (const app of apps) await app.close();
      await files.dispose();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
