/**
 * What are the main-thread long tasks while sonorisk's worker predicts? Builds the esbuild consumer
 * app of test/consumers (packed tarball), drives it in Chromium under a Chrome trace, and prints every
 * main-thread task of ≥ `--min` ms (default 50) inside the app's measured window
 * (`performance.measure('sonorisk:predict')`): its wall time, the main thread's CPU time during it
 * (trace `tdur`: wall ≫ CPU means the thread was waiting for a core, not working) and what ran in it
 * (script functions, GC, layout, message handling), with the load average. Needs `npm run build`.
 *
 * Run: node --import tsx scripts/trace-longtasks.ts [--min 50] [--runs 1]
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { setUpConsumers } from '../test/consumers/install.js';
import { serveStatic } from '../test/consumers/serve.js';
import { TASK_CATEGORIES, type TraceEvent, mainThreadTasks } from '../test/consumers/trace.js';

const { values } = parseArgs({ options: { min: { type: 'string', default: '50' }, runs: { type: 'string', default: '1' } } });
const minMs = Number(values.min);
const { dir, cases, realFiles } = setUpConsumers();
const project = join(dir, 'esbuild');
await build({ ...(await import(join(project, 'esbuild.config.mjs'))).default, absWorkingDir: project, logLevel: 'error' });
const { url, server } = await serveStatic([join(project, 'public'), project]);
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
console.log(`Chromium ${browser.version()}, ${cpus().length} cores; tasks ≥ ${minMs} ms on the page's main thread inside 'sonorisk:predict'`);
for (let run = 0; run < Number(values.runs); run++) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
  const loadBefore = loadavg()[0]!;
  await browser.startTracing(page, {
    categories: [...TASK_CATEGORIES, 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'disabled-by-default-v8.gc'],
  });
  await page.setInputFiles('#files', [...realFiles, ...cases.map((c) => c.file)]);
  await page.waitForFunction(() => (window as { __result?: unknown; __error?: unknown }).__result ?? (window as { __error?: unknown }).__error, undefined, { timeout: 180_000, polling: 250 });
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  const result = (await page.evaluate(() => (window as { __result?: { longTasks: number[] } }).__result)) ?? { longTasks: [] };
  const events = trace.traceEvents;
  const found = mainThreadTasks(events, 'sonorisk:predict');
  if (!found) {
    console.log('no sonorisk:predict measure or renderer main thread in the trace');
    continue;
  }
  const [t0, t1] = found.window;
  const onMain = events.filter((e) => e.pid === found.pid && e.tid === found.tid && e.ph === 'X' && e.ts >= t0 && e.ts <= t1);
  const tasks = found.tasks.filter((t) => t.wallMs >= minMs || t.cpuMs >= minMs);
  console.log(`\nrun ${run + 1}: window ${((t1 - t0) / 1000).toFixed(0)} ms, load average ${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} (${(loadavg()[0]! / cpus().length).toFixed(2)} per core)`);
  console.log(`PerformanceObserver long tasks: ${JSON.stringify(result.longTasks.map((d) => Math.round(d)))}`);
  console.log(`trace: ${found.tasks.length} main-thread tasks, ${tasks.length} of ≥ ${minMs} ms (wall or CPU)`);
  for (const task of tasks) {
    const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.wallMs * 1000 && e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask');
    const byName = new Map<string, number>();
    for (const e of inside) {
      const d = e.args?.data;
      const what = d?.functionName !== undefined ? `${e.name} ${d.functionName || '(anonymous)'} ${d.url?.split('/').pop() ?? ''}` : d?.type ? `${e.name} ${d.type}` : e.name;
      byName.set(what.trim(), Math.max(byName.get(what.trim()) ?? 0, (e.dur ?? 0) / 1000));
    }
    const top = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(
      `  task at +${((task.ts - t0) / 1000).toFixed(0)} ms: wall ${task.wallMs.toFixed(1)} ms, main-thread CPU ${task.cpuMs.toFixed(1)} ms; inside (wall ms): ${top.map(([n, d]) => `${n} ${d.toFixed(1)}`).join('; ') || '(nothing traced)'}`,
    );
  }
  const longest = found.tasks.reduce((m, t) => (t.wallMs > m.wallMs ? t : m), { wallMs: 0, cpuMs: 0, ts: 0 });
  const busiest = found.tasks.reduce((m, t) => Math.max(m, t.cpuMs), 0);
  console.log(`longest main-thread task: wall ${longest.wallMs.toFixed(1)} ms (CPU ${longest.cpuMs.toFixed(1)} ms); most CPU in one task: ${busiest.toFixed(1)} ms`);
  await page.close();
}
await browser.close();
server.close();
