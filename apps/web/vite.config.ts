import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  },
});
