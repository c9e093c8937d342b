/**
 * The example page's Vite config. `npm run example:browser` first copies the codec, onnxruntime-web
 * and demo-model files into public/sonorisk (`sonorisk assets`), then serves the page.
 *
 * Copying this page into your own app: delete `resolve.alias` (inside this repository it points
 * `sonorisk` at the local build in ../../dist; your app gets it from node_modules) — the rest is the
 * Vite recipe of docs/runtimes.md.
 */
import { join } from 'node:path';
import { defineConfig } from 'vite';

const dist = join(import.meta.dirname, '..', '..', 'dist');

export default defineConfig({
  root: import.meta.dirname,
  resolve: {
    alias: [
      { find: /^sonorisk$/, replacement: join(dist, 'index.js') },
      { find: /^sonorisk\/(.*)$/, replacement: join(dist, '$1', 'index.js') },
    ],
  },
  worker: { format: 'es' }, // the worker loads codecs lazily: the default 'iife' cannot split
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { fs: { allow: [join(import.meta.dirname, '..', '..')] } },
});
