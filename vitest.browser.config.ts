/**
 * Browser tests (`npm run test:browser`): vitest browser mode driving Chromium through Playwright
 * (Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise), headless. `sonorisk` resolves to
 * the packed tarball installed in an empty folder (scripts/pack-install.mjs), exactly as an app
 * bundled by Vite would get it. Served locally, no CDN:
 *   /codecs/<file>.wasm   the codec WASM builds from the installed @cornerstonejs packages
 *   /ort/<file>           onnxruntime-web's wasm + loader files
 *   /dicom/<file>         the real ultrasound files from ../shared/data/dicom
 *   /dicom-web/…          forwarded to the Orthanc that test/browser/orthanc-setup.ts starts
 *   /__orthanc            200 with { direct, cors } (Orthanc's own origin and that of its CORS proxy,
 *                         test/helpers/cors-proxy.ts, or null) when that Orthanc runs, 404 when not
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { packAndInstall, root } from './scripts/pack-install.mjs';
import { codecFolders, serveFolders } from './scripts/vite-serve-folders.mjs';

const { dir: consumer } = packAndInstall();
const installed = join(consumer, 'node_modules');
const folders: Record<string, string[]> = {
  '/codecs/': codecFolders(installed),
  '/ort/': [join(root, 'node_modules', 'onnxruntime-web', 'dist')],
  '/dicom/': [join(root, '..', 'shared', 'data', 'dicom')],
};

/** Resolves `sonorisk` and its subpaths from the installed tarball. */
function packedSonorisk(): Plugin {
  return {
    name: 'packed-sonorisk',
    enforce: 'pre',
    async resolveId(id, _importer, options) {
      if (id !== 'sonorisk' && !id.startsWith('sonorisk/')) return null;
      return this.resolve(id, join(consumer, 'index.js'), { ...options, skipSelf: true });
    },
  };
}

/** Forwards /dicom-web/ to the test Orthanc (its origin is in SONORISK_BROWSER_ORTHANC once started). */
function orthancForward(): Plugin {
  return {
    name: 'orthanc-forward',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const origin = process.env['SONORISK_BROWSER_ORTHANC'];
        if (req.url === '/__orthanc') {
          res.statusCode = origin ? 200 : 404;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ direct: origin ?? null, cors: process.env['SONORISK_BROWSER_ORTHANC_CORS'] ?? null }));
          return;
        }
        if (!req.url?.startsWith('/dicom-web/')) return next();
        if (!origin) {
          res.statusCode = 502;
          res.end();
          return;
        }
        const { host: _host, ...headers } = req.headers;
        const out = request(`${origin}${req.url}`, { method: req.method ?? 'GET', headers }, (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        });
        out.on('error', () => res.destroy());
        req.pipe(out);
      });
    },
  };
}

export default defineConfig({
  plugins: [packedSonorisk(), serveFolders(folders), orthancForward()],
  server: { fs: { allow: [root, consumer] } },
  optimizeDeps: {
    exclude: ['sonorisk', 'onnxruntime-web'],
    include: ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl'],
  },
  test: {
    include: ['test/browser/**/*.spec.ts'],
    globalSetup: ['test/browser/orthanc-setup.ts'],
    testTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          // WebGL2 (tfjs-webgl.spec.ts) is ANGLE on SwiftShader, which headless Chromium 156 offers even
          // with --disable-gpu; --enable-unsafe-swiftshader keeps it once the automatic fallback goes.
          args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
