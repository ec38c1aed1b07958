/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

// The query service serves the built app under /ui/ (from classpath:ui inside the
// vigil-dashboard jar) and the REST API at the root of the same origin.
const apiTarget = process.env.VIGIL_API_URL ?? 'http://localhost:8080'

// API paths the dev server forwards to the query service; add new endpoints here.
const apiPaths = ['/login', '/logs', '/alerts', '/metrics', '/rules', '/dlq', '/me', '/health', '/streams']

export default defineConfig({
  base: '/ui/',
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: apiTarget, changeOrigin: true, secure: false }])),
  },
  build: {
    // Maven copies this into the jar under ui/ (see pom.xml).
    outDir: 'target/dist',
    emptyOutDir: true,
    // ECharts (tree-shaken) makes the metrics page's lazily loaded chunk ~560 kB (190 kB gzip);
    // only that page loads it.
    chunkSizeWarningLimit: 650,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
})
