/**
 * Global setup of the browser tests: starts an Orthanc (test/helpers/orthanc.ts; no authentication,
 * loopback only) with the real US files of ../shared/data/dicom stored, for test/browser/dicomweb.spec.ts.
 * The Vite dev server forwards /dicom-web/ to it (vitest.browser.config.ts), so the page reads it
 * same-origin; and when nginx is installed, a CORS reverse proxy (test/helpers/cors-proxy.ts) lets
 * the page read it from another origin. Skipped (the spec then skips) when Orthanc or the shared
 * files are absent; the cross-origin test skips without nginx.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corsProxyMissing, startCorsProxy } from '../helpers/cors-proxy.js';
import { orthancMissing, startOrthanc } from '../helpers/orthanc.js';

export default async function setup(): Promise<() => Promise<void>> {
  const shared = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'dicom');
  const missing = orthancMissing() ?? (existsSync(shared) ? undefined : `${shared} is absent`);
  if (missing) {
    console.warn(`test/browser/dicomweb.spec.ts skipped: ${missing}`);
    return async () => undefined;
  }
  const orthanc = await startOrthanc({ config: { AuthenticationEnabled: false } });
  for (const f of readdirSync(shared).filter((n) => n.endsWith('.dcm'))) await orthanc.upload(new Uint8Array(readFileSync(join(shared, f))));
  process.env['SONORISK_BROWSER_ORTHANC'] = orthanc.origin;
  const noProxy = corsProxyMissing();
  if (noProxy) {
    console.warn(`test/browser/dicomweb.spec.ts: the cross-origin test skips: ${noProxy}`);
    return () => orthanc.stop();
  }
  // The test page is served from http://localhost:<vite port>; only such origins are allowed.
  const proxy = await startCorsProxy(orthanc.origin, '^http://(localhost|127\\.0\\.0\\.1):[0-9]+$');
  process.env['SONORISK_BROWSER_ORTHANC_CORS'] = proxy.origin;
  return async () => {
    await proxy.stop();
    await orthanc.stop();
  };
}
