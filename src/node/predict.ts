import { join } from 'node:path';
import { type ModelSpec, predictRisk, type Runner } from '../models/index.js';
import { type CohortCase, formatCsv, inShard } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { type StudyClipOptions, forEachModelClip } from './case-models.js';
import { createCasePool, type WorkerOptions, workerCount } from './case-pool.js';
import { openCaseRecordings } from './cohort-files.js';
import { type CaseWork, type RunStageOptions, readCaseMarker, runStage, type StageSummary } from './cohort-runner.js';
import { caseFingerprints, sha256Json } from './fingerprints.js';
import { loadModel } from './model-files.js';
import { readModelManifests } from './model-specs-file.js';
import { lockOutDir } from './out-lock.js';

/** The models a cohort run uses: a spec and a runner per model id. */
export interface ModelSet {
  specs: ModelSpec[];
  runners: Record<string, Runner>;
  /** Per model id: a hash of its manifest and folds (what the completion markers record). */
  weights?: Record<string, string>;
  /** Non-fatal findings per model (e.g. a preprocessing version other than the library's). */
  warnings?: string[];
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
  const manifests = await readModelManifests(path);
  const specs: ModelSpec[] = [];
  const runners: Record<string, Runner> = {};
  const weights: Record<string, string> = {};
  const dispose = async () => {
    for (const r of Object.values(runners)) await r.dispose();
  };
  try {
    for (const m of manifests) {
      const loaded = await loadModel(m.path, options.threads === undefined ? {} : { threads: options.threads });
      specs.push(loaded.spec);
      runners[loaded.spec.id] = loaded.runner;
      weights[loaded.spec.id] = m.weights;
    }
  } catch (e) {
    await dispose();
    throw e;
  }
  return { specs, runners, weights, warnings: manifests.flatMap((m) => m.warnings.map((w) => `${m.spec.id} (${m.path}): ${w}`)), dispose };
}

/** One model's stored prediction for a case. */
export interface CasePrediction {
  probability: number;
  warnings: string[];
  /** Bytes fetched over DICOMweb for this case; absent when its recordings are files. */
  bytesFetched?: number;
}

/**
 * Runs the models in `todo` (default all) of the set on one case — what `predict` does per case.
 * Each model succeeds or fails alone; each distinct clip is built once.
 *
 * @example
 * ```ts
 * const results = await predictCase(cohort.cases[0], models);
 * results['R-CEUS'].result; // { probability: 0.42, warnings: [] }
 * ```
 */
export async function predictCase(
  c: CohortCase,
  models: ModelSet,
  todo: readonly string[] = models.specs.map((s) => s.id),
  clipOptions: Readonly<Record<string, StudyClipOptions>> = {},
): Promise<CaseWork> {
  const opened = await openCaseRecordings(c);
  try {
    const results = await forEachModelClip(c, opened, models.specs, todo, clipOptions, async (spec, built) => {
      const { predictions } = await predictRisk({
        cines: opened.cines,
        boxes: opened.boxes,
        injectionTime: c.injectionOffset,
        models: [spec],
        runners: models.runners,
        clipBuilder: async () => built,
      });
      const p = predictions[0]!;
      const prediction: CasePrediction = { probability: p.probability, warnings: [...opened.warnings, ...p.warnings] };
      return prediction;
    });
    const bytesFetched = opened.bytesFetched();
    return { models: results, ...(bytesFetched > 0 ? { bytesFetched } : {}) };
  } finally {
    await opened.close();
  }
}

/** Options of {@link predictCohort}. */
export interface PredictOptions extends Omit<RunStageOptions, 'fingerprints'>, WorkerOptions {
  /** onnxruntime intra-op threads per session (default 1). */
  threads?: number;
  /** Clip options per model id (allow partial windows, repeated frames). */
  clipOptions?: Readonly<Record<string, StudyClipOptions>>;
}

/**
 * `sonorisk predict`: runs every model on every case (each distinct clip built once) and writes
 * `<out>/predictions.csv` with columns `id, outcome, split, <model>...` (probabilities; empty where
 * a model has no prediction for a case — see `predict-summary.json` for why). Per-case results live
 * in `<out>/cases/<id>/predict.done.json`, per model with what produced them (model and fold hashes,
 * clip spec and options, input files, box, injection), so a rerun recomputes exactly the models
 * whose weights or inputs changed, and a model added later. Give a models folder to let it load the
 * models itself — in each worker thread when `workers` is set (the main thread then reads only the
 * manifests) — or a loaded {@link ModelSet} to run in-process.
 *
 * @example
 * ```ts
 * const summary = await predictCohort(cohort.cases, 'models/', { outDir: 'out', workers: 2 });
 * ```
 */
export async function predictCohort(
  cases: readonly CohortCase[],
  models: ModelSet | string,
  options: PredictOptions,
): Promise<StageSummary & { predictionsPath: string; warnings: string[] }> {
  const release = await lockOutDir(options.outDir);
  try {
    const modelsPath = typeof models === 'string' ? models : undefined;
    const n = modelsPath === undefined ? 0 : workerCount(options);
    const threads = options.threads ?? 1;
    const clipOptions = options.clipOptions ?? {};
    let loaded: ModelSet | undefined;
    let specs: ModelSpec[];
    let weights: Record<string, string>;
    let warnings: string[];
    if (typeof models !== 'string') {
      specs = models.specs;
      weights = models.weights ?? Object.fromEntries(models.specs.map((s) => [s.id, sha256Json({ unidentified: s.id })]));
      warnings = models.warnings ?? [];
    } else if (n > 0) {
      const manifests = await readModelManifests(models);
      specs = manifests.map((m) => m.spec);
      weights = Object.fromEntries(manifests.map((m) => [m.spec.id, m.weights]));
      warnings = manifests.flatMap((m) => m.warnings.map((w) => `${m.spec.id} (${m.path}): ${w}`));
    } else {
      loaded = await loadModelSet(models, { threads });
      specs = loaded.specs;
      weights = loaded.weights!;
      warnings = loaded.warnings ?? [];
    }
    const inProcess = typeof models === 'string' ? loaded : models;
    const pool = n > 0 ? await createCasePool({ stage: 'predict', modelsPath: modelsPath!, threads, clipOptions: { ...clipOptions } }, n, options) : undefined;
    let summary: StageSummary;
    try {
      summary = await runStage('predict', cases, (c, _dir, todo) => (pool ? pool.run(c, '', todo) : predictCase(c, inProcess!, todo, clipOptions)), {
        ...options,
        concurrency: pool ? pool.size : 1,
        fingerprints: (c) => caseFingerprints('predict', c, specs.map((spec) => ({ spec, weights: weights[spec.id]! })), clipOptions),
      });
    } finally {
      await pool?.close();
      await loaded?.dispose();
    }
    const predictionsPath = join(options.outDir, 'predictions.csv');
    await writePredictionsTable(cases, specs.map((s) => s.id), options, predictionsPath);
    return { ...summary, predictionsPath, warnings };
  } finally {
    await release();
  }
}

/** predictions.csv: every case of the shard in manifest order; a cell is empty where the model has no prediction. */
async function writePredictionsTable(cases: readonly CohortCase[], modelIds: string[], options: RunStageOptions, path: string): Promise<void> {
  const rows: (string | number | undefined)[][] = [];
  for (const c of cases) {
    if (options.shard && !inShard(c.id, options.shard)) continue;
    const stored = (await readCaseMarker(options.outDir, 'predict', c.id)) ?? {};
    const probability = (m: string) => {
      const s = stored[m];
      return s?.status === 'ok' ? (s.result as CasePrediction).probability : undefined;
    };
    rows.push([c.id, c.outcome, c.split, ...modelIds.map(probability)]);
  }
  await writeFileAtomic(path, formatCsv(['id', 'outcome', 'split', ...modelIds], rows));
}
