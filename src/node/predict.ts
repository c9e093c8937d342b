import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { type ModelSpec, predictRisk, type Runner } from '../models/index.js';
import { writeFileAtomic } from './atomic-write.js';
import type { CohortCase } from './cohort-manifest.js';
import { caseDir, type RunStageOptions, runStage, type StageSummary } from './cohort-runner.js';
import { openCase } from './cohort-files.js';
import { formatCsv } from './csv.js';
import { loadModel } from './model-files.js';
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
 * Finds model manifests: a manifest file itself, or every `*.json` that is a sonorisk model
 * manifest in a folder and its direct subfolders.
 *
 * @example
 * ```ts
 * const paths = await findModelManifests('models/'); // ['models/r-us/manifest.json', ...]
 * ```
 */
export async function findModelManifests(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new SonoriskError('INVALID_ARGUMENT', `Model path ${path} does not exist.`);
  });
  if (info.isFile()) return [path];
  const found: string[] = [];
  const scan = async (dir: string, depth: number): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory() && depth > 0) await scan(p, depth - 1);
      else if (entry.isFile() && entry.name.endsWith('.json') && (await readFile(p, 'utf8')).includes('"sonorisk-model-manifest"')) found.push(p);
    }
  };
  await scan(path, 1);
  if (found.length === 0) throw new SonoriskError('INVALID_ARGUMENT', `No sonorisk model manifest (*.json with "format": "sonorisk-model-manifest") in ${path}.`);
  return found;
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
    return { id: c.id, probabilities, warnings: [...opened.warnings, ...result.predictions.flatMap((p) => p.warnings)] };
  } finally {
    await opened.close();
  }
}

/**
 * `sonorisk predict`: runs every model on every case (each distinct clip built once) and writes
 * `<out>/predictions.csv` with columns `id, outcome, split, <model>...` (probabilities). Per-case
 * results live in `<out>/cases/<id>/predict.done.json`, so a rerun resumes.
 *
 * @example
 * ```ts
 * const models = await loadModelSet('models/');
 * const summary = await predictCohort(cohort.cases, models, { outDir: 'out' });
 * ```
 */
export async function predictCohort(
  cases: readonly CohortCase[],
  models: ModelSet,
  options: RunStageOptions & WorkerOptions & { modelsPath?: string; threads?: number },
): Promise<StageSummary & { predictionsPath: string }> {
  const n = options.modelsPath ? workerCount(options) : 1;
  const pool = n > 1 ? await createCasePool({ stage: 'predict', modelsPath: options.modelsPath!, threads: options.threads ?? 1 }, n) : undefined;
  let summary: StageSummary;
  try {
    summary = await runStage(
    'predict',
    cases,
    (c) => (pool ? pool.run(c, '') : predictCase(c, models)),
      { ...options, concurrency: pool ? pool.size : 1 },
    );
  } finally {
    await pool?.close();
  }
  const predictionsPath = join(options.outDir, 'predictions.csv');
  await writePredictionsTable(cases, models.specs.map((s) => s.id), options, predictionsPath);
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
