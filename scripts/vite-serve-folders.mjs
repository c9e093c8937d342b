/**
 * A tiny Vite plugin that serves files by name from local folders under URL prefixes — how the browser
 * test (vitest.browser.config.ts) and the example page (examples/browser/vite.config.ts) serve the codec
 * `.wasm` files, onnxruntime-web's wasm, models and DICOM files without a CDN. In a production app,
 * copy the same files into your static folder instead (docs/runtimes.md).
 * @module
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename, join } from 'node:path';

const TYPES = { wasm: 'application/wasm', mjs: 'text/javascript', js: 'text/javascript', json: 'application/json', dcm: 'application/dicom' };

/**
 * @param {Record<string, string[]>} folders URL prefix (e.g. '/codecs/') → folders searched in order
 * @returns {import('vite').Plugin}
 */
export function serveFolders(folders) {
  const middleware = (req, res, next) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    const prefix = Object.keys(folders).find((p) => url.startsWith(p));
    if (prefix === undefined) return next();
    const name = basename(url);
    const file = folders[prefix].map((d) => join(d, name)).find((f) => existsSync(f));
    if (file === undefined) return next();
    res.setHeader('Content-Type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    createReadStream(file).pipe(res);
  };
  return {
    name: 'sonorisk-serve-folders',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

/** The three codec `.wasm` files' folders inside a node_modules folder. */
export function codecFolders(nodeModules) {
  return ['codec-libjpeg-turbo-8bit', 'codec-openjpeg', 'codec-charls'].map((p) => join(nodeModules, '@cornerstonejs', p, 'dist'));
}
