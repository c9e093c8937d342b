/**
 * Drives the example page (examples/browser/) in headless Chromium: copies its assets
 * (`sonorisk assets --ort wasm --models` into examples/browser/public/sonorisk), loads a DICOM cine
 * through the file input, checks that a box under 16×16 px keeps Predict disabled, drags a real box,
 * runs the R-US demo model in the page's Web Worker (progress bar), reads the phases table and the
 * risk, and saves a screenshot to docs/figures/browser-example.png.
 * Not part of `npm test`. Run after `npm run build`: `node scripts/browser-example.mjs [--build] [file.dcm]`.
 * With --build the page is first bundled for production (`vite build`, code-split codec chunks) and
 * served by `vite preview`; the screenshot is then not rewritten.
 * Uses /usr/bin/chromium unless CHROMIUM_PATH says otherwise.
 * @module
 */
import { join } from 'node:path';
import { chromium } from 'playwright';
import { build, createServer, preview } from 'vite';
import { copyBrowserAssets } from '../dist/node/index.js';
import { root } from './pack-install.mjs';

const production = process.argv.includes('--build');
const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'data', 'dicom', 'examples_ybr_color.dcm');
const configFile = join(root, 'examples', 'browser', 'vite.config.ts');
await copyBrowserAssets(join(root, 'examples', 'browser', 'public', 'sonorisk'), { ort: 'wasm', models: true, cwd: root });
let server;
if (production) {
  const outDir = join(root, 'node_modules', '.cache', 'sonorisk-example-dist');
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
} else {
  server = await createServer({ configFile, server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  await server.listen();
}
const url = server.resolvedUrls?.local[0];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => /frames/.test(document.getElementById('meta')?.textContent ?? ''));
  await page.waitForFunction(() => document.querySelectorAll('#phases tr').length === 5);
  // Drag from image pixel (40, 30) to (250, 200) on the canvas (drawn at 2× CSS size).
  const r = await page.locator('#frame').boundingBox();
  const w = await page.evaluate(() => document.getElementById('frame').width);
  const h = await page.evaluate(() => document.getElementById('frame').height);
  const at = (x, y) => [r.x + ((x + 0.5) / w) * r.width, r.y + ((y + 0.5) / h) * r.height];
  // A one-click box (2×2 px) must not be predictable.
  await page.mouse.move(...at(100, 100));
  await page.mouse.down();
  await page.mouse.move(...at(101, 101));
  await page.mouse.up();
  const tooSmall = { disabled: await page.isDisabled('#predict'), text: await page.textContent('#box') };
  await page.mouse.move(...at(40, 30));
  await page.mouse.down();
  await page.mouse.move(...at(150, 120), { steps: 5 });
  await page.mouse.move(...at(250, 200), { steps: 5 });
  await page.mouse.up();
  await page.click('#predict');
  await page.waitForFunction(() => /p = |Error|[A-Z_]+:/.test(document.getElementById('risk')?.textContent ?? ''), undefined, { timeout: 120_000 });
  const result = {
    meta: await page.textContent('#meta'),
    box: await page.textContent('#box'),
    phases: await page.$$eval('#phases tr[data-phase]', (rows) => rows.map((tr) => [...tr.children].map((td) => td.textContent))),
    risk: await page.textContent('#risk'),
    p: Number(await page.getAttribute('#risk b', 'data-p')),
    tooSmall,
    progress: Number(await page.getAttribute('#progress', 'value')),
    status: await page.textContent('#status'),
    errors,
  };
  if (!production) await page.screenshot({ path: join(root, 'docs', 'figures', 'browser-example.png'), fullPage: true });
  console.log(JSON.stringify(result, null, 1));
  if (errors.length > 0 || !Number.isFinite(result.p) || !tooSmall.disabled || !/too small/.test(tooSmall.text ?? '') || result.progress !== 1) process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
