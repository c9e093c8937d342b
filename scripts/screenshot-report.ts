/**
 * Renders the demo study report in headless Chromium and screenshots every figure. Not part of
 * `npm test`. The default report is computed end to end from a synthetic cohort
 * (test/report/demo-computed.ts); `--fixed` renders the fixed-input demo the snapshots use.
 *
 *   apt-get install -y chromium && npm install   # playwright-core is a devDependency
 *   npx tsx scripts/screenshot-report.ts [outDir]   # default outDir: docs/figures
 *
 * Writes <outDir>/<figure-id>.png, one per figure. `--page` also writes <outDir>/report-page.png
 * (the whole page; large, not committed). `--bundle` writes the HTML + Markdown + SVG bundle to
 * <outDir>/../report-demo/. `--study` renders evaluatePredictions on a simulated 6-model study
 * (test/helpers/study-cohort.ts); `--html <file>` renders any report.html (e.g. from `sonorisk demo`). Fails on console errors or a figure that renders smaller than 100 px.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { demoComputedReport } from '../test/report/demo-computed.js';
import { demoStudyReport } from '../test/report/demo-report.js';
import { evaluatePredictions } from '../src/study/index.js';
import { studyCohort } from '../test/helpers/study-cohort.js';

const args = process.argv.slice(2);
const outDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--html') ?? 'docs/figures';
// Default: the end-to-end demo (synthetic cohort → sonorisk/stats → adapters). --fixed: the fixed-input demo the snapshots use.
// --study: evaluatePredictions on a simulated 6-model study with a study file; --html <file>: any report.html (e.g. `sonorisk demo`'s)
const htmlArg = args.indexOf('--html');
const report: { html: string; files: Record<string, string> } =
  htmlArg >= 0
    ? { html: readFileSync(args[htmlArg + 1]!, 'utf8'), files: {} }
    : args.includes('--study')
      ? (() => {
          const c = studyCohort({ n: 400, models: 6, missing: 5 });
          return evaluatePredictions(c.table, { cases: c.cases, study: c.study, generatedAt: '2026-12-06' });
        })()
      : args.includes('--fixed')
        ? demoStudyReport()
        : demoComputedReport();
mkdirSync(outDir, { recursive: true });
if (args.includes('--bundle')) {
  const dir = join(outDir, '..', 'report-demo');
  for (const [name, content] of Object.entries(report.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setContent(report.html, { waitUntil: 'load' });
  const figures = await page.$$('figure');
  for (const fig of figures) {
    const id = (await fig.getAttribute('id'))!.replace(/^fig-/, '');
    const svg = await fig.$('svg');
    const box = await svg!.boundingBox();
    if (!box || box.width < 100 || box.height < 100) throw new Error(`figure ${id} rendered at ${JSON.stringify(box)}`);
    await svg!.screenshot({ path: join(outDir, `${id}.png`) });
    console.log(`${id}.png  ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  if (args.includes('--page')) await page.screenshot({ path: join(outDir, 'report-page.png'), fullPage: true });
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);
} finally {
  await browser.close();
}
