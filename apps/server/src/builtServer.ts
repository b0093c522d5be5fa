import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server as `npm start` runs it (keep in step with the `start` script in apps/server/package.json):
 * the JavaScript that scripts/build.mjs compiles, started by plain node in SERVER_DIR. The tests
 * and benchmarks that start "the product" use these, so they run what a county runs.
 */
export const SERVER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_SERVER_ARGS = ['--conditions=sanxiang-dist', 'dist/main.js'];

/** Compiles the server and the domain package (about a quarter of a second). */
export function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVER_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
}
