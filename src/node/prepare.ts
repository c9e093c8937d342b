import { join } from 'node:path';
import { MODELS, type ModelSpec } from '../models/index.js';
import { clipForSpec } from '../phases/index.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CohortCase } from './cohort-manifest.js';
import { type RunStageOptions, runStage, type StageSummary } from './cohort-runner.js';
import { openCase } from './cohort-files.js';
import { encodeNpy } from './npy.js';
import { createCasePool, type WorkerOptions, workerCount } from './case-pool.js';

/** Options of {@link prepareCohort}. */
export interface PrepareOptions extends RunStageOptions, WorkerOptions {
  /** Model specs whose input tensors to write; default the four built-in MODELS. */
  specs?: readonly ModelSpec[];
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
 * Writes one case's clip tensors and sidecars into `dir` (what `prepare` does per case).
 *
 * @example
 * ```ts
 * await prepareCase(cohort.cases[0], 'prepared/cases/P001', Object.values(MODELS));
 * ```
 */
export async function prepareCase(c: CohortCase, dir: string, specs: readonly ModelSpec[]): Promise<{ models: string[]; bytesFetched?: number }> {
  const opened = await openCase(c);
  try {
    const written: string[] = [];
    for (const spec of specs) {
      const cine = opened.cines[spec.input.source];
      const box = opened.boxes[spec.input.source];
      if (!cine || !box) continue;
      const built = await clipForSpec(cine, spec.input, { box, injectionTime: c.injectionOffset });
      const file = `${spec.id}.npy`;
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
      written.push(spec.id);
    }
    const bytesFetched = opened.bytesFetched();
    return { models: written, ...(bytesFetched > 0 ? { bytesFetched } : {}) };
  } finally {
    await opened.close();
  }
}

/**
 * `sonorisk prepare`: for every case, writes each model's input clip as `<out>/cases/<id>/<model>.npy`
 * (float32, NCDHW — load with `numpy.load`) with a JSON sidecar (frames used, times, box, spec), so
 * a model can be trained in PyTorch/MONAI on exactly the tensors sonorisk will feed it. Models whose
 * recording the case lacks are skipped.
 *
 * @example
 * ```ts
 * const summary = await prepareCohort(cohort.cases, { outDir: 'prepared' });
 * ```
 */
export async function prepareCohort(cases: readonly CohortCase[], options: PrepareOptions): Promise<StageSummary> {
  const specs = options.specs ?? Object.values(MODELS);
  const pool = workerCount(options) > 1 ? await createCasePool({ stage: 'prepare', specs: [...specs] }, workerCount(options)) : undefined;
  try {
    return await runStage('prepare', cases, (c, dir) => (pool ? pool.run(c, dir) : prepareCase(c, dir, specs)), {
      ...options,
      concurrency: pool ? pool.size : 1,
    });
  } finally {
    await pool?.close();
  }
}

/** JSON has no Infinity: window ends at Infinity are written as null ("to the end of the clip"). */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}
