/**
 * Benchmark (Chromium): sonorisk in a Web Worker (sonorisk/worker) vs the same calls on the page's
 * main thread, same page, same run — first-frame decode (open + frame 0, WASM codecs), clip build,
 * one R-US demo-model prediction (5 folds, onnxruntime-web wasm, 1 thread), and the longest
 * main-thread task seen meanwhile: its wall time (Long Tasks API) and the most main-thread CPU time in
 * one task (Chrome trace; wall time includes waiting for a core on a busy machine, CPU time does not).
 * Uses the packed tarball and the esbuild recipe of test/consumers.
 * Needs `npm run build`. Run: node --import tsx scripts/bench/worker.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { setUpConsumers } from '../../test/consumers/install.js';
import { serveStatic } from '../../test/consumers/serve.js';
import { TASK_CATEGORIES, type TraceEvent, mainThreadTasks } from '../../test/consumers/trace.js';

const REPS = 5;
const { dir, cases, realFiles } = setUpConsumers();
const bench = join(dir, 'bench');
mkdirSync(join(bench, 'public'), { recursive: true });
writeFileSync(
  join(bench, 'public', 'index.html'),
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><input id="files" type="file" multiple><script type="module" src="/build/main.js"></script>',
);
writeFileSync(
  join(bench, 'main.js'),
  `
import * as ort from 'onnxruntime-web/wasm';
import { configureCodecs, openDicomCine, onnxRunner, ensemble, loadModelManifest, clipForSpec } from 'sonorisk';
import { SonoriskWorker } from 'sonorisk/worker';
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const longest = async (fn) => {
  const seen = [];
  const o = new PerformanceObserver((l) => seen.push(...l.getEntries().map((e) => e.duration)));
  o.observe({ type: 'longtask' });
  const r = await fn();
  await new Promise((res) => setTimeout(res, 50));
  o.disconnect();
  return [r, Math.max(0, ...seen)];
};
async function onMain(file, box, reps) {
  performance.mark('bench:main:load:start');
  configureCodecs({ wasmBaseUrl: '/sonorisk/codecs/' });
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = { wasm: '/sonorisk/ort/ort-wasm-simd-threaded.wasm' };
  const base = new URL('/sonorisk/models/demo/r-us/', location.href);
  const loaded = loadModelManifest(await (await fetch(new URL('manifest.json', base))).text());
  const folds = [];
  for (const f of loaded.manifest.folds) {
    const bytes = new Uint8Array(await (await fetch(new URL(f.file, base))).arrayBuffer());
    folds.push(onnxRunner(await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] }), ort));
  }
  const runner = ensemble(folds, { combine: loaded.combine, output: loaded.spec.output });
  const t = { decode: [], clip: [], predict: [], longest: [] };
  performance.measure('bench:main:load', 'bench:main:load:start');
  performance.mark('bench:main:start'); // the trace's window: the repetitions, as the observer's
  for (let i = 0; i < reps; i++) {
    const [, long] = await longest(async () => {
      let t0 = performance.now();
      const cine = await openDicomCine(file);
      await cine.frame(0);
      t.decode.push(performance.now() - t0);
      t0 = performance.now();
      const built = await clipForSpec(cine, loaded.spec.input, { box, allowRepeats: true });
      t.clip.push(performance.now() - t0);
      t0 = performance.now();
      await runner.run(built.clip);
      t.predict.push(performance.now() - t0);
    });
    t.longest.push(long);
  }
  performance.measure('bench:main', 'bench:main:start');
  return t;
}
async function inWorker(file, box, reps) {
  performance.mark('bench:worker:load:start');
  const sw = new SonoriskWorker(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  await sw.configure({ codecs: { wasmBaseUrl: '/sonorisk/codecs/' } });
  const model = await sw.loadModel('/sonorisk/models/demo/r-us/manifest.json');
  const t = { decode: [], clip: [], predict: [], longest: [] };
  performance.measure('bench:worker:load', 'bench:worker:load:start');
  performance.mark('bench:worker:start');
  for (let i = 0; i < reps; i++) {
    const [, long] = await longest(async () => {
      const t0 = performance.now();
      const cine = await sw.open(file);
      await sw.frame(cine, 0);
      t.decode.push(performance.now() - t0);
      const r = await sw.predict({ cines: { bmode: cine.id }, boxes: { bmode: box }, models: [model.id], clipOptions: { allowRepeats: true } });
      t.clip.push(r.predictions[0].timings.clipMs);
      t.predict.push(r.predictions[0].timings.runMs);
      await sw.release({ cine });
    });
    t.longest.push(long);
  }
  performance.measure('bench:worker', 'bench:worker:start');
  sw.terminate();
  return t;
}
window.runBench = async (box, reps) => {
  const file = document.getElementById('files').files[0];
  // Baseline for the long-task column: the page idle (no worker, no work) for 3 s. On a machine
  // shared by many jobs even an idle page's few tasks stretch; the worker rows are read against it.
  const [, idle] = await longest(() => new Promise((res) => setTimeout(res, 3000)));
  const w = await inWorker(file, box, reps);
  const m = await onMain(file, box, reps);
  const sum = (t) => ({ firstDecode: t.decode[0], decode: median(t.decode), clip: median(t.clip), predict: median(t.predict), longest: Math.max(...t.longest) });
  return { worker: sum(w), main: sum(m), idle, file: file.name };
};
window.__ready = true;
`,
);
// The esbuild recipe of test/consumers, with this page's entry points.
const recipe = (await import(join(dir, 'esbuild', 'esbuild.config.mjs'))).default;
await build({
  ...recipe,
  entryPoints: { main: join(bench, 'main.js'), worker: join(dir, 'shared', 'worker.js') },
  outdir: join(bench, 'public', 'build'),
  logLevel: 'error',
  absWorkingDir: bench,
  nodePaths: [join(dir, 'node_modules')],
});
const { url, server } = await serveStatic([join(bench, 'public'), join(dir, 'esbuild', 'public')]);
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const inputs: { file: string; box: unknown; what: string }[] = [{ file: cases[0]!.file, box: cases[0]!.box, what: 'simulated B-mode, 128×96, JPEG baseline' }];
const ybr = realFiles.find((f) => f.endsWith('examples_ybr_color.dcm'));
if (ybr) inputs.push({ file: ybr, box: { x0: 80, y0: 60, x1: 240, y1: 180 }, what: 'examples_ybr_color.dcm, 320×240×3, 30 frames, JPEG baseline' });
console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
console.log(`Chromium ${browser.version()}, ${REPS} repetitions (median; "first" = the first, cold), R-US demo model (5 folds, 8×64×64)`);
console.log('file | where | first decode ms | decode ms | clip ms | predict ms | longest main-thread task ms (wall) | most main-thread CPU in one task ms');
for (const input of inputs) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as { __ready?: boolean }).__ready === true);
  await page.setInputFiles('#files', [input.file]);
  await browser.startTracing(page, { categories: TASK_CATEGORIES });
  const r = (await page.evaluate(([box, reps]) => (window as unknown as { runBench(b: unknown, n: number): Promise<unknown> }).runBench(box, reps as number), [input.box, REPS] as const)) as Record<
    'worker' | 'main',
    { firstDecode: number; decode: number; clip: number; predict: number; longest: number }
  > & { idle: number };
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const cpu = (name: string) => Math.max(0, ...(mainThreadTasks(events, name)?.tasks ?? []).map((t) => t.cpuMs));
  console.log(`${input.what} | idle page, 3 s (baseline for the long-task column) | | | | | ${r.idle.toFixed(0)} |`);
  for (const where of ['worker', 'main'] as const) {
    const t = r[where];
    console.log(
      `${input.what} | ${where === 'worker' ? 'Web Worker' : 'main thread (baseline)'} | ${t.firstDecode.toFixed(1)} | ${t.decode.toFixed(1)} | ${t.clip.toFixed(1)} | ${t.predict.toFixed(1)} | ${t.longest.toFixed(0)} | ${cpu(`bench:${where}`).toFixed(1)}`,
    );
  }
  console.log(`${input.what} | model load (5 ort sessions), Web Worker vs main thread | most main-thread CPU in one task ${cpu('bench:worker:load').toFixed(1)} vs ${cpu('bench:main:load').toFixed(1)} ms`);
  console.log(`load average after: ${loadavg()[0]!.toFixed(1)}`);
  await page.close();
}
await browser.close();
server.close();
