/**
 * Vite builds the single-page app into dist/, which the server serves at `/` (same origin as
 * /trpc). In development Vite serves the app with hot reload and proxies the API to the server
 * started by `pnpm dev` (port 3000). The manifest lets the bench compute the initial JS size.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
  build: {
    manifest: true,
    target: 'es2022',
    reportCompressedSize: true,
    sourcemap: false,
  },
});
