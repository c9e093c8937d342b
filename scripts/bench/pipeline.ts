/**
 * Benchmark: the cohort pipeline on a synthetic cohort (demo settings, 24 cases) with the bundled
 * demo models. Figures: `prepare` with 1 and 2 worker threads, and `predict` per case, against
 * the raw runtime in the same run — onnxruntime `session.run` on the same clips (the model compute
 * alone), so the difference is what decoding, cropping, windowing and bookkeeping cost.
 * Needs `npm run build` (worker threads run the built worker). Run: npm run bench pipeline
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
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

const DIR = '.bench/pipeline';
const N = 24;

async function main() {
  rmSync(DIR, { recursive: true, force: true });
  const t0 = performance.now();
  const manifest = await writeSyntheticCohort({ outDir: join(DIR, 'data'), n: N, seed: 'bench', overrides: DEMO_RENDER });
  const simulateS = (performance.now() - t0) / 1000;
  const { cases } = await readCohortManifest(manifest);
  const models = await loadModelSet('models/demo', { threads: 1 });
  const time = async (f: () => Promise<unknown>) => {
    const s = performance.now();
    await f();
    return (performance.now() - s) / 1000;
  };
  const prep1 = await time(() => prepareCohort(cases, { outDir: join(DIR, 'prep1'), specs: models.specs, workers: 1 }));
  const prep2 = await time(() => prepareCohort(cases, { outDir: join(DIR, 'prep2'), specs: models.specs, workers: 2 }));
  const predict = await time(() => predictCohort(cases, models, { outDir: join(DIR, 'pred'), workers: 1 }));
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
  console.log(`prepare, 1 worker:                 ${prep1.toFixed(2)} s  (${ms(prep1)})`);
  console.log(`prepare, 2 worker threads:         ${prep2.toFixed(2)} s  (${ms(prep2)}; ${(prep1 / prep2).toFixed(2)}× the 1-worker speed, incl. worker start-up)`);
  console.log(`predict (4 models × 5 folds):      ${predict.toFixed(2)} s  (${ms(predict)})`);
  console.log(`baseline, model compute alone:     ${raw.toFixed(2)} s  (${ms(raw)}) — predict spends ${(predict / raw).toFixed(2)}× the raw runtime`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
