/**
 * Compiles the server and the domain package to plain JavaScript for `npm start`: one esbuild
 * transpile per file (no bundling, the same tree under dist/), the SQL migrations copied beside
 * them. Running the TypeScript sources through tsx instead costs the server about 40 MB of
 * memory for as long as it runs (tsx's loader thread and its compiled-source cache) and is what
 * the tests and the CLI tools keep using. The built server finds the domain package's dist/ by
 * the `sanxiang-dist` export condition (BUILT_SERVER_ARGS in src/builtServer.ts).
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const started = performance.now();
for (const pkg of ['packages/domain', 'apps/server']) {
  const src = join(root, pkg, 'src');
  const out = join(root, pkg, 'dist');
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: sources(src),
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    // Node 20.19 keeps `with { type: 'json' }`; a plain node20 target would strip it.
    target: 'node20.19',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
cpSync(join(root, 'apps/server/src/db/migrations'), join(root, 'apps/server/dist/db/migrations'), { recursive: true });
console.log(
  `服务端已编译（apps/server/dist、packages/domain/dist），用时 ${Math.round(performance.now() - started)} ms`,
);
