/**
 * Benchmark: the cohort pipeline on a synthetic cohort.
 *
 * 1. Demo settings (24 cases, the bundled demo models): `prepare` with 1 and 2 worker threads, and
 *    `predict` per case against the raw runtime in the same run (the model compute alone).
 * 2. A model of the paper's size: a 3D ResNet-18 (r3d-18 layout, 33 M parameters, seeded random
 *    weights; scripts/bench/models_torch.py `folds`, needs /usr/bin/python3 with torch + onnx) as a
 *    2-fold ensemble on 1×1×16×112×112 clips. `predict` wall time per case (from the stage summary:
 *    open the DICOM files, decode and crop the frames, run both folds, write the marker) with 1 and
 *    2 worker threads (intra-op threads per session = cores / workers), against the sum of the raw
 *    onnxruntime `session.run` times of its folds on the same clips, same threads, same run.
 *    Goal: ≤ 1.15× with one worker; two workers never slower (cohort wall time) than one.
 *
 * Needs `npm run build` (worker threads run the built worker). Run: npm run bench pipeline
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  DEMO_RENDER,
  loadModelSet,
  openCase,
  predictCohort,
  prepareCohort,
  readCohortManifest,
  writeSyntheticCohort,
} from '../../src/node/index.js';
import { clipForSpec } from '../../src/phases/index.js';
import { modelSpec } from '../../src/models/index.js';

const DIR = '.bench/pipeline';
const R3D = '.bench/pipeline-r3d18';
const N = 24;
const N_R3D = Number(process.env['BENCH_R3D_CASES'] ?? 6);
const FOLDS = 2;

const time = async (f: () => Promise<unknown>) => {
  const s = performance.now();
  await f();
  return (performance.now() - s) / 1000;
};

async function demoSettings() {
  rmSync(DIR, { recursive: true, force: true });
  const t0 = performance.now();
  const manifest = await writeSyntheticCohort({ outDir: join(DIR, 'data'), n: N, seed: 'bench', overrides: DEMO_RENDER });
  const simulateS = (performance.now() - t0) / 1000;
  const { cases } = await readCohortManifest(manifest);
  const models = await loadModelSet('models/demo', { threads: 1 });
  const prep1 = await time(() => prepareCohort(cases, { outDir: join(DIR, 'prep1'), specs: models.specs }));
  const prep2 = await time(() => prepareCohort(cases, { outDir: join(DIR, 'prep2'), specs: models.specs, workers: 2 }));
  const predict = await time(() => predictCohort(cases, models, { outDir: join(DIR, 'pred') }));
  // Baseline: the model compute alone — every model's runner on clips built beforehand.
  const clips: { id: string; clip: Awaited<ReturnType<typeof clipForSpec>>['clip'] }[] = [];
  for (const c of cases) {
    const opened = await openCase(c);
    for (const spec of models.specs) {
      const built = await clipForSpec(opened.cines[spec.input.source]!, spec.input, { box: opened.boxes[spec.input.source]!, injectionTime: c.injectionOffset });
      clips.push({ id: spec.id, clip: built.clip });
    }
    await opened.close();
  }
  const raw = await time(async () => {
    for (const { id, clip } of clips) await models.runners[id]!.run(clip);
  });
  await models.dispose();
  const ms = (s: number) => `${((s / N) * 1000).toFixed(1)} ms/case`;
  console.log(`synthetic cohort: ${N} cases (B-mode + 2-min CEUS DICOM), simulated in ${simulateS.toFixed(1)} s`);
  console.log(`prepare, in-process:               ${prep1.toFixed(2)} s  (${ms(prep1)})`);
  console.log(`prepare, 2 worker threads:         ${prep2.toFixed(2)} s  (${ms(prep2)}; ${(prep1 / prep2).toFixed(2)}× the in-process speed, incl. worker start-up)`);
  console.log(`predict (4 demo models × 5 folds): ${predict.toFixed(2)} s  (${ms(predict)})`);
  console.log(`baseline, model compute alone:     ${raw.toFixed(2)} s  (${ms(raw)}) — predict spends ${(predict / raw).toFixed(2)}× the raw runtime`);
}

async function paperSize() {
  const cores = availableParallelism();
  const fold = (k: number) => join(R3D, `r3d18-c1-fold-${k}.onnx`);
  if (!existsSync(fold(FOLDS))) {
    console.log(`\nbuilding ${R3D} (r3d-18, 1 input channel, ${FOLDS} folds) with /usr/bin/python3 ...`);
    const r = spawnSync('/usr/bin/python3', ['scripts/bench/models_torch.py', 'folds', R3D, String(FOLDS)], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.log('skipped the paper-size figures: needs /usr/bin/python3 with torch and onnx (apt-get install python3-torch python3-onnx)');
      return;
    }
  }
  const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  writeFileSync(
    join(R3D, 'manifest.json'),
    JSON.stringify({
      format: 'sonorisk-model-manifest', formatVersion: 1, model: 'R-CEUS', runtime: 'onnx', name: 'r3d-18 layout, random weights (benchmark only)',
      folds: Array.from({ length: FOLDS }, (_, i) => ({ file: `r3d18-c1-fold-${i + 1}.onnx`, sha256: sha(fold(i + 1)) })),
      preprocessing: { version: 'sonorisk-clip/1' },
    }),
  );
  const data = join(R3D, 'data');
  rmSync(data, { recursive: true, force: true });
  const manifest = await writeSyntheticCohort({ outDir: data, n: N_R3D, seed: 'bench-r3d', overrides: DEMO_RENDER });
  const { cases } = await readCohortManifest(manifest);
  const spec = modelSpec('R-CEUS'); // 16 × 112 × 112, one channel: the paper's clip
  console.log(`\npaper-size model: r3d-18 layout (33 M parameters), ${FOLDS}-fold ensemble, 1×1×16×112×112 clips; ${N_R3D} cases; ${cores} cores`);
  const rows: { workers: number; threads: number; wall: number; perCase: number; raw: number }[] = [];
  for (const workers of [1, 2]) {
    const threads = Math.max(1, Math.floor(cores / workers));
    const out = join(R3D, `pred-${workers}`);
    rmSync(out, { recursive: true, force: true });
    let perCase = 0;
    const wall = await time(async () => {
      const s = await predictCohort(cases, R3D, { outDir: out, workers, threads });
      if (s.ok !== cases.length) throw new Error(`predict failed: ${JSON.stringify(s.cases.filter((c) => c.status !== 'ok'))}`);
      perCase = s.cases.reduce((a, c) => a + c.seconds, 0) / s.cases.length;
    });
    // Baseline in the same run: the raw session.run of each fold on the same clips, same threads.
    const sessions = await Promise.all(
      Array.from({ length: FOLDS }, (_, i) => ort.InferenceSession.create(fold(i + 1), { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' })),
    );
    let raw = 0;
    for (const c of cases) {
      const opened = await openCase(c);
      const { clip } = await clipForSpec(opened.cines.ceus!, spec.input, { box: opened.boxes.ceus!, injectionTime: c.injectionOffset });
      await opened.close();
      for (const s of sessions) {
        const t = performance.now();
        await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', clip.data, clip.shape) });
        raw += (performance.now() - t) / 1000;
      }
    }
    for (const s of sessions) await s.release();
    rows.push({ workers, threads, wall, perCase, raw: raw / cases.length });
  }
  for (const r of rows) {
    console.log(
      `predict, ${r.workers} worker${r.workers > 1 ? 's' : ' '} × ${r.threads} thread${r.threads > 1 ? 's' : ' '}: ${(r.perCase * 1000).toFixed(0)} ms/case (in its worker)` +
        ` vs raw session.run of its ${FOLDS} folds ${(r.raw * 1000).toFixed(0)} ms → ${(r.perCase / r.raw).toFixed(3)}×` +
        (r.workers === 1 ? ' (goal ≤ 1.15×)' : ' (two cases at once, each on one core: compare the cohort wall times)') +
        `; cohort wall ${r.wall.toFixed(1)} s (${((r.wall / N_R3D) * 1000).toFixed(0)} ms/case incl. worker start-up and model load)`,
    );
  }
  const [one, two] = rows;
  console.log(`2 workers vs 1: cohort wall ${two!.wall.toFixed(1)} s vs ${one!.wall.toFixed(1)} s → ${(one!.wall / two!.wall).toFixed(2)}× the 1-worker throughput (goal ≥ 1.00)`);
}

async function main() {
  await demoSettings();
  await paperSize();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
