import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { type ModelSpec, predictRisk, type Runner } from '../models/index.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CohortCase } from './cohort-manifest.js';
import { caseDir, type RunStageOptions, runStage, type StageSummary } from './cohort-runner.js';
import { openCase } from './cohort-files.js';
import { formatCsv } from './csv.js';
import { loadModel } from './model-files.js';
import { findModelManifests, resolveSpecs } from './model-specs-file.js';
import { inShard } from './shard.js';
import { createCasePool, type WorkerOptions, workerCount } from './case-pool.js';

/** The models a cohort run uses: a spec and a runner per model id. */
export interface ModelSet {
  specs: ModelSpec[];
  runners: Record<string, Runner>;
  /** Releases every runner. */
  dispose(): Promise<void>;
}

/**
 * Loads every model manifest found under `path` with onnxruntime-node (folds → ensemble).
 *
 * @example
 * ```ts
 * const models = await loadModelSet('models/', { threads: 2 });
 * ```
 */
export async function loadModelSet(path: string, options: { threads?: number } = {}): Promise<ModelSet> {
  const specs: ModelSpec[] = [];
  const runners: Record<string, Runner> = {};
  const dispose = async () => {
    for (const r of Object.values(runners)) await r.dispose();
  };
  try {
    for (const manifestPath of await findModelManifests(path)) {
      const loaded = await loadModel(manifestPath, options.threads === undefined ? {} : { threads: options.threads });
      if (runners[loaded.spec.id]) throw new SonoriskError('INVALID_ARGUMENT', `Two manifests define the model ${loaded.spec.id}.`);
      specs.push(loaded.spec);
      runners[loaded.spec.id] = loaded.runner;
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return { specs, runners, dispose };
}

/** One case's stored prediction: probability per model (missing when the case lacks that recording). */
export interface CasePrediction {
  id: string;
  probabilities: Record<string, number>;
  warnings: string[];
  /** Bytes fetched over DICOMweb for this case; absent when its recordings are files. */
  bytesFetched?: number;
}

/**
 * Runs every model of the set on one case (what `predict` does per case).
 *
 * @example
 * ```ts
 * const { probabilities } = await predictCase(cohort.cases[0], models);
 * ```
 */
export async function predictCase(c: CohortCase, models: ModelSet): Promise<CasePrediction> {
  const opened = await openCase(c);
  try {
    const usable = models.specs.filter((s) => opened.cines[s.input.source] !== undefined);
    const result = await predictRisk({
      cines: opened.cines,
      boxes: opened.boxes,
      injectionTime: c.injectionOffset,
      models: usable,
      runners: models.runners,
    });
    const probabilities: Record<string, number> = {};
    for (const p of result.predictions) probabilities[p.model] = p.probability;
    const bytesFetched = opened.bytesFetched();
    return { id: c.id, probabilities, warnings: [...opened.warnings, ...result.predictions.flatMap((p) => p.warnings)], ...(bytesFetched > 0 ? { bytesFetched } : {}) };
  } finally {
    await opened.close();
  }
}

/**
 * `sonorisk predict`: runs every model on every case (each distinct clip built once) and writes
 * `<out>/predictions.csv` with columns `id, outcome, split, <model>...` (probabilities). Per-case
 * results live in `<out>/cases/<id>/predict.done.json`, so a rerun resumes. Give a models folder
 * to let it load the models itself — in each worker thread when `workers` > 1 (the main thread
 * then reads only the specs) — or a loaded {@link ModelSet} to run in-process.
 *
 * @example
 * ```ts
 * const summary = await predictCohort(cohort.cases, 'models/', { outDir: 'out', workers: 2 });
 * ```
 */
export async function predictCohort(
  cases: readonly CohortCase[],
  models: ModelSet | string,
  options: RunStageOptions & WorkerOptions & { threads?: number },
): Promise<StageSummary & { predictionsPath: string }> {
  const modelsPath = typeof models === 'string' ? models : undefined;
  const n = modelsPath === undefined ? 1 : workerCount(options);
  const threads = options.threads ?? 1;
  let loaded: ModelSet | undefined;
  let specs: ModelSpec[];
  if (typeof models !== 'string') specs = models.specs;
  else if (n > 1) specs = (await resolveSpecs({ modelsPath: models }))!;
  else {
    loaded = await loadModelSet(models, { threads });
    specs = loaded.specs;
  }
  const inProcess = typeof models === 'string' ? loaded : models;
  const pool = n > 1 ? await createCasePool({ stage: 'predict', modelsPath: modelsPath!, threads }, n) : undefined;
  let summary: StageSummary;
  try {
    summary = await runStage('predict', cases, (c) => (pool ? pool.run(c, '') : predictCase(c, inProcess!)), {
      ...options,
      concurrency: pool ? pool.size : 1,
    });
  } finally {
    await pool?.close();
    await loaded?.dispose();
  }
  const predictionsPath = join(options.outDir, 'predictions.csv');
  await writePredictionsTable(cases, specs.map((s) => s.id), options, predictionsPath);
  return { ...summary, predictionsPath };
}

async function writePredictionsTable(cases: readonly CohortCase[], modelIds: string[], options: RunStageOptions, path: string): Promise<void> {
  const rows: (string | number | undefined)[][] = [];
  for (const c of cases) {
    if (options.shard && !inShard(c.id, options.shard)) continue;
    const marker = join(caseDir(options.outDir, c.id), 'predict.done.json');
    const stored = await readFile(marker, 'utf8').then((t) => (JSON.parse(t) as { result: CasePrediction }).result, () => undefined);
    if (!stored) continue; // failed case: listed in predict-summary.json
    rows.push([c.id, c.outcome, c.split, ...modelIds.map((m) => stored.probabilities[m])]);
  }
  await writeFileAtomic(path, formatCsv(['id', 'outcome', 'split', ...modelIds], rows));
}
