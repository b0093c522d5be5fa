import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * packages/domain is pure (no I/O, no global state), and so is sm-crypto-v2 as the domain uses it. Saying so lets
 * the bundler drop a module none of whose exports a chunk uses: the ledger's SM2/SM3 code (checkpointNote.ts
 * computes a constant at load time, which otherwise counts as a side effect) then ships only with the screens
 * that verify proofs, not with every page that needs a label from the domain.
 */
const pureModule = (id: string): boolean | undefined =>
  /[\\/]packages[\\/]domain[\\/]src[\\/]/.test(id) || /[\\/]node_modules[\\/]sm-crypto-v2[\\/]/.test(id)
    ? false
    : undefined;

/** The public portal (portal.html, src/portal/) answers every address under /portal, as the server does. */
const portalPages: Plugin = {
  name: 'sanxiang-portal-pages',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url && /^\/portal(?:[/?#]|$)/.test(req.url)) req.url = '/portal.html';
      next();
    });
  },
};

// The server (apps/server) serves dist/ and answers /api; in development Vite proxies /api to it.
// Two entries: the console (index.html) and the public portal (portal.html, no React, no antd).
export default defineConfig({
  plugins: [react(), portalPages],
  server: {
    proxy: { '/api': process.env.SANXIANG_API ?? 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        portal: fileURLToPath(new URL('portal.html', import.meta.url)),
      },
      treeshake: { moduleSideEffects: pureModule },
    },
  },
});
