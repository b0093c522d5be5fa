import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

// The server (apps/server) serves dist/ and answers /api; in development Vite proxies /api to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': process.env.SANXIANG_API ?? 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: { treeshake: { moduleSideEffects: pureModule } },
  },
});
