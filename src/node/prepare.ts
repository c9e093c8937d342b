import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { MODELS, type ModelSpec } from '../models/index.js';
import { type CohortCase, encodeNpy } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { type StudyClipOptions, forEachModelClip } from './case-models.js';
import { createCasePool, type WorkerOptions, workerCount } from './case-pool.js';
import { openCaseRecordings } from './cohort-files.js';
import { type CaseWork, type RunStageOptions, runStage, type StageSummary } from './cohort-runner.js';
import { caseFingerprints, jsonNumbers } from './fingerprints.js';
import { lockOutDir } from './out-lock.js';

/** Options of {@link prepareCohort}. */
export interface PrepareOptions extends Omit<RunStageOptions, 'fingerprints'>, WorkerOptions {
  /** Model specs whose input tensors to write; default the four built-in MODELS. */
  specs?: readonly ModelSpec[];
  /** Clip options per model id (allow partial windows, repeated frames). */
  clipOptions?: Readonly<Record<string, StudyClipOptions>>;
}

/** The JSON sidecar written next to each clip tensor. */
export interface ClipSidecar {
  caseId: string;
  model: string;
  file: string;
  shape: number[];
  dtype: 'float32';
  layout: 'NCDHW';
  frameIndices: number[];
  /** Seconds from the cine's first frame. */
  frameTimes: number[];
  timesAfterInjection?: number[];
  box: { x0: number; y0: number; x1: number; y1: number };
  source: 'bmode' | 'ceus';
  injectionTime: number;
  spec: ModelSpec;
  warnings: string[];
}

/**
 * Writes one case's clip tensors and sidecars into `dir` for the models in `todo` (default all) —
 * what `prepare` does per case. Each model succeeds or fails alone (see `forEachModelClip`); a model
 * that fails or is skipped leaves no tensor or sidecar behind.
 *
 * @example
 * ```ts
 * const results = await prepareCase(cohort.cases[0], 'prepared/cases/P001', Object.values(MODELS));
 * results['R-US'].status; // 'ok'
 * ```
 */
export async function prepareCase(
  c: CohortCase,
  dir: string,
  specs: readonly ModelSpec[],
  todo: readonly string[] = specs.map((s) => s.id),
  clipOptions: Readonly<Record<string, StudyClipOptions>> = {},
): Promise<CaseWork> {
  const opened = await openCaseRecordings(c);
  try {
    const results = await forEachModelClip(c, opened, specs, todo, clipOptions, async (spec, built) => {
      const file = `${spec.id}.npy`;
      const box = opened.boxes[spec.input.source]!;
      await writeFileAtomic(join(dir, file), encodeNpy(built.clip.data, built.clip.shape));
      const sidecar: ClipSidecar = {
        caseId: c.id,
        model: spec.id,
        file,
        shape: [...built.clip.shape],
        dtype: 'float32',
        layout: 'NCDHW',
        frameIndices: built.frameIndices,
        frameTimes: Array.from(built.frameTimes),
        ...(spec.input.source === 'ceus' ? { timesAfterInjection: Array.from(built.timesAfterInjection) } : {}),
        box: { ...box },
        source: spec.input.source,
        injectionTime: c.injectionOffset,
        spec,
        warnings: [...opened.warnings, ...built.warnings],
      };
      await writeFileAtomic(join(dir, `${spec.id}.json`), `${JSON.stringify(sidecar, jsonNumbers, 2)}\n`);
      return { file };
    });
    for (const [id, r] of Object.entries(results)) {
      if (r.status !== 'ok') await Promise.all([rm(join(dir, `${id}.npy`), { force: true }), rm(join(dir, `${id}.json`), { force: true })]);
    }
    const bytesFetched = opened.bytesFetched();
    return { models: results, ...(bytesFetched > 0 ? { bytesFetched } : {}) };
  } finally {
    await opened.close();
  }
}

/**
 * `sonorisk prepare`: for every case, writes each model's input clip as `<out>/cases/<id>/<model>.npy`
 * (float32, NCDHW — load with `numpy.load`) with a JSON sidecar (frames used, times, box, spec), so
 * a model can be trained in PyTorch/MONAI on exactly the tensors sonorisk will feed it. Each model
 * of a case succeeds or fails alone; a rerun recomputes only models whose inputs, spec or clip
 * options changed (per-model markers, see `runStage`).
 *
 * @example
 * ```ts
 * const summary = await prepareCohort(cohort.cases, { outDir: 'prepared' });
 * ```
 */
export async function prepareCohort(cases: readonly CohortCase[], options: PrepareOptions): Promise<StageSummary> {
  const specs = [...(options.specs ?? Object.values(MODELS))];
  const clipOptions = options.clipOptions ?? {};
  const release = await lockOutDir(options.outDir);
  try {
    const n = workerCount(options);
    const pool = n > 0 ? await createCasePool({ stage: 'prepare', specs, clipOptions: { ...clipOptions } }, n, options) : undefined;
    try {
      return await runStage('prepare', cases, (c, dir, todo) => (pool ? pool.run(c, dir, todo) : prepareCase(c, dir, specs, todo, clipOptions)), {
        ...options,
        concurrency: pool ? pool.size : 1,
        fingerprints: (c) => caseFingerprints('prepare', c, specs.map((spec) => ({ spec })), clipOptions),
      });
    } finally {
      await pool?.close();
    }
  } finally {
    await release();
  }
}
