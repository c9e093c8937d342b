import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { loadModelManifest } from '../models/index.js';
import { toCsv } from '../report/index.js';
import { type EvaluatedModelInfo, type EvaluateOptions, evaluatePredictions, parsePredictions, parseStageSummary, parseStudyFile, type StageSummary } from '../study/index.js';
import { writeFileAtomic } from './atomic-write.js';
import { findModelManifests } from './model-specs-file.js';

/** File inputs of {@link evaluateToFolder} on top of the pure {@link EvaluateOptions}. */
export interface EvaluateFolderOptions extends EvaluateOptions {
  /** Path of a study file (JSON); parsed with `parseStudyFile`. Ignored when `study` is given. */
  studyPath?: string;
  /**
   * Folder with `prepare-summary.json` / `predict-summary.json` for the patient flow; default the
   * folder of the predictions file and its parent (where `sonorisk predict --out` writes them).
   */
  summariesDir?: string;
  /** Folder of model manifests (as `predict --models`): clip specs and hashes for the Methods. */
  modelsPath?: string;
}

async function readSummary(paths: readonly string[]): Promise<StageSummary | undefined> {
  for (const p of paths) {
    const text = await readFile(p, 'utf8').catch(() => undefined);
    if (text !== undefined) return parseStageSummary(text);
  }
  return undefined;
}

/**
 * Model manifests' facts for the Methods: clip window, frames, size, frame strategy, manifest
 * SHA-256, and whether the manifest marks a demonstration model (`training.demonstration: true`).
 *
 * @example
 * ```ts
 * const models = await readModelInfo('models/'); // [{ id: 'R-US', clip: 'B-mode …', sha256: '…', demonstration: false }, …]
 * ```
 */
export async function readModelInfo(modelsPath: string): Promise<EvaluatedModelInfo[]> {
  const out: EvaluatedModelInfo[] = [];
  for (const path of await findModelManifests(modelsPath)) {
    const text = await readFile(path, 'utf8');
    const { manifest, spec } = loadModelManifest(JSON.parse(text));
    const w = spec.input.window;
    const end = Number.isFinite(w.end) ? `${w.end} s` : 'end';
    out.push({
      id: spec.id,
      clip: `${spec.input.source === 'bmode' ? 'B-mode' : `CEUS ${w.name} phase (${w.start} s to ${end} after injection)`}, ${spec.input.frames} frames of ${spec.input.size[0]} × ${spec.input.size[1]} px, ${manifest.folds.length}-fold ensemble`,
      frames: spec.input.strategy ?? 'uniform',
      sha256: createHash('sha256').update(text).digest('hex'),
      demonstration: manifest.training?.['demonstration'] === true,
    });
  }
  return out;
}

/**
 * `sonorisk evaluate`: reads predictions.csv (and optionally the cohort's covariates, the study
 * file, the stage summaries and the model manifests), writes the report bundle (`report.html`,
 * `report.md`, `figures/*.svg`, `tables/<name>.csv` with numeric columns) into `outDir`.
 *
 * @example
 * ```ts
 * await evaluateToFolder('out/predictions.csv', 'out/report', { cases: cohort.cases, studyPath: 'study.json' });
 * ```
 */
export async function evaluateToFolder(predictionsPath: string, outDir: string, options: EvaluateFolderOptions = {}): Promise<string[]> {
  const read = (path: string, what: string) =>
    readFile(path, 'utf8').catch((e: unknown) => {
      throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the ${what} ${path}: ${(e as Error).message}`, { path });
    });
  const text = await read(predictionsPath, 'predictions file');
  const { studyPath, summariesDir, modelsPath, ...pure } = options;
  if (pure.study === undefined && studyPath !== undefined) pure.study = parseStudyFile(await read(studyPath, 'study file'));
  if (pure.stages === undefined) {
    const dirs = summariesDir !== undefined ? [summariesDir] : [dirname(predictionsPath), dirname(dirname(predictionsPath))];
    const prepare = await readSummary(dirs.flatMap((d) => [join(d, 'prepare-summary.json'), join(d, 'prepare', 'prepare-summary.json')]));
    const predict = await readSummary(dirs.map((d) => join(d, 'predict-summary.json')));
    pure.stages = { ...(prepare ? { prepare } : {}), ...(predict ? { predict } : {}) };
  }
  if (pure.models === undefined && modelsPath !== undefined) pure.models = await readModelInfo(modelsPath);
  if (pure.software === undefined) pure.software = [{ name: 'node', version: process.version }];
  const report = evaluatePredictions(parsePredictions(text), pure);
  const files: Record<string, string> = { ...report.files };
  report.tables.forEach((t, k) => {
    files[`tables/${String(k + 1).padStart(2, '0')}-${report.tableIds[k]}.csv`] = toCsv(t, { values: true });
  });
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    await writeFileAtomic(join(outDir, name), content);
    written.push(name);
  }
  return written;
}
