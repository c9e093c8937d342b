/**
 * `npm run size`: bundles, for each public subpath, a tiny browser app that imports only that subpath
 * (`import * as m from 'sonorisk/stats'` — everything it exports, nothing tree-shaken away) from the
 * packed and installed package, with esbuild (minify, platform browser, ESM, code splitting so lazily
 * loaded codecs land in their own chunks). Prints the minified and gzip size of the code loaded up front
 * (the entry chunk and its static imports) and of the lazy chunks, and checks them against
 * scripts/size-budget.json. Exit code 1 when a budget is exceeded or a forbidden module is bundled.
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { packAndInstall, root } from './pack-install.mjs';

export const budgets = JSON.parse(readFileSync(join(root, 'scripts', 'size-budget.json'), 'utf8'));

/** Modules that must never end up in a bundle of the named subpath (module paths in the metafile). */
const HEAVY = /onnxruntime|@tensorflow|tfjs|@cornerstonejs|codec-|jpeg-lossless|fflate/;

/**
 * Bundles one subpath app. Returns sizes (bytes) and the bundled input module paths.
 * @param {string} sub e.g. 'stats'
 * @param {string} consumer folder with node_modules/sonorisk installed
 */
export async function measure(sub, consumer) {
  const dir = mkdtempSync(join(consumer, `.size-${sub}-`));
  try {
    const entry = join(dir, 'app.js');
    writeFileSync(entry, `import * as m from 'sonorisk/${sub}';\nglobalThis.sonorisk = m;\n`);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: true,
      outdir: join(dir, 'out'),
      metafile: true,
      write: true,
      logLevel: 'silent',
      // The Emscripten codec loaders have a Node branch; browsers never take it.
      external: ['fs', 'path', 'crypto', 'module', 'url', 'worker_threads', 'node:*'],
    });
    const outputs = result.metafile.outputs;
    const entryOut = Object.keys(outputs).find((k) => outputs[k].entryPoint?.endsWith('app.js'));
    // Up front = the entry and what it imports statically (transitively); the rest is lazy.
    const eager = new Set();
    const visit = (k) => {
      if (eager.has(k)) return;
      eager.add(k);
      for (const imp of outputs[k].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) visit(imp.path);
    };
    visit(entryOut);
    let min = 0;
    let gzip = 0;
    let lazyMin = 0;
    let lazyGzip = 0;
    let eagerText = '';
    for (const k of Object.keys(outputs)) {
      if (!k.endsWith('.js')) continue;
      const bytes = readFileSync(join(process.cwd(), k));
      const g = gzipSync(bytes, { level: 9 }).length;
      if (eager.has(k)) {
        min += bytes.length;
        gzip += g;
        eagerText += bytes.toString('utf8');
      } else {
        lazyMin += bytes.length;
        lazyGzip += g;
      }
    }
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(consumer, join(process.cwd(), p)));
    return { sub, min, gzip, lazyMin, lazyGzip, inputs, eagerText };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Measures every subpath in the budget file. */
export async function measureAll() {
  const { dir } = packAndInstall();
  const out = [];
  for (const sub of Object.keys(budgets.subpaths)) out.push(await measure(sub, dir));
  return out;
}

/** Budget problems of one measurement (empty = fine). */
export function problems(m) {
  const b = budgets.subpaths[m.sub];
  const found = [];
  if (m.gzip > b.gzip) found.push(`sonorisk/${m.sub}: ${m.gzip} B gzip up front > budget ${b.gzip} B`);
  if (b.lazyGzip !== undefined && m.lazyGzip > b.lazyGzip) found.push(`sonorisk/${m.sub}: ${m.lazyGzip} B gzip lazy > budget ${b.lazyGzip} B`);
  if (b.noHeavy) {
    const heavy = m.inputs.filter((p) => HEAVY.test(p));
    if (heavy.length > 0) found.push(`sonorisk/${m.sub} bundles heavy modules: ${heavy.join(', ')}`);
    for (const marker of budgets.forbiddenMarkers) if (m.eagerText.includes(marker) || m.lazyMin > 0) found.push(`sonorisk/${m.sub} contains "${marker}" or lazy chunks`);
  }
  return [...new Set(found)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const rows = await measureAll();
  console.log('subpath              up front: min    gzip   | lazy chunks: min    gzip   | budget gzip');
  let bad = [];
  for (const m of rows) {
    const b = budgets.subpaths[m.sub];
    console.log(
      `sonorisk/${m.sub.padEnd(11)} ${kb(m.min).padStart(17)} ${kb(m.gzip).padStart(9)} | ${kb(m.lazyMin).padStart(18)} ${kb(m.lazyGzip).padStart(9)} | ${kb(b.gzip)}`,
    );
    bad = bad.concat(problems(m));
  }
  for (const p of bad) console.error(`over budget: ${p}`);
  process.exitCode = bad.length > 0 ? 1 : 0;
}
