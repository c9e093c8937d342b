/**
 * The example page's Vite config: `npm run example:browser` (after `npm run build`). `sonorisk` is the
 * built package in ../../dist; codec and onnxruntime-web wasm files and the test model are served by
 * this dev server, so nothing comes from a CDN.
 */
import { join } from 'node:path';
import { defineConfig } from 'vite';
import { codecFolders, serveFolders } from '../../scripts/vite-serve-folders.mjs';

const root = join(import.meta.dirname, '..', '..');
const nm = join(root, 'node_modules');

export default defineConfig({
  root: import.meta.dirname,
  resolve: {
    alias: [
      { find: /^sonorisk$/, replacement: join(root, 'dist', 'index.js') },
      { find: /^sonorisk\/(.*)$/, replacement: join(root, 'dist', '$1', 'index.js') },
    ],
  },
  plugins: [
    serveFolders({
      '/codecs/': codecFolders(nm),
      '/ort/': [join(nm, 'onnxruntime-web', 'dist')],
      '/models/': [join(root, 'test', 'fixtures', 'models')],
    }),
  ],
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  server: { fs: { allow: [root] } },
});
