/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { offlinePlugin } from './scripts/vite-offline-plugin.ts';
import { cspPlugin } from './scripts/vite-csp-plugin.ts';

// Relative base: the build works from any static host and any sub-path. The offline plugin writes
// the service worker (sw.js) with the build's file list into the build.
export default defineConfig({
  base: './',
  plugins: [react(), offlinePlugin(), cspPlugin()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['engine/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Engine tests train real networks: on a loaded 2-core machine some take longer than vitest's
    // 5 s default. A slow machine is not a failure; a hang still is, after a minute.
    testTimeout: 60_000,
  },
});
