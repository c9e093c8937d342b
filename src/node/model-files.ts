import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { type LoadedModelManifest, type Runner, loadModelManifest } from '../models/index.js';
import { checkFoldDigest, runnerFromFolds } from '../models/internal.js';
import { foldFilePath } from './model-specs-file.js';
import { type OnnxSessionOptions, createOnnxRunner } from './onnx-session.js';

/** A model ready to run: the manifest's spec and one runner over all its folds. */
export interface LoadedModel extends LoadedModelManifest {
  /** The folds combined per the manifest's `ensemble` (a single fold is returned as is). */
  runner: Runner;
}

/**
 * Reads a model manifest and opens every fold it lists (ONNX, paths relative to the manifest) with
 * onnxruntime-node; a missing fold file is `MODEL_FILE_MISSING` naming its path; checks each file's
 * `sha256` when given (`MANIFEST_INVALID` on a mismatch) and the
 * spec against each graph's input (`INPUT_SHAPE_MISMATCH`), before anything runs.
 *
 * @example
 * ```ts
 * import { loadModel } from 'sonorisk/node';
 * const { spec, runner } = await loadModel('models/r-ceus/manifest.json', { threads: 2 });
 * const logits = await runner.run(clip);
 * ```
 */
export async function loadModel(manifestPath: string, options: OnnxSessionOptions = {}): Promise<LoadedModel> {
  if (typeof manifestPath !== 'string' || manifestPath.length === 0) throw new SonoriskError('INVALID_ARGUMENT', 'loadModel needs the path of a manifest JSON file.');
  const text = await readFile(manifestPath, 'utf8').catch((e: unknown) => {
    throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the manifest ${manifestPath}: ${(e as Error).message}`, { path: manifestPath });
  });
  const loaded = loadModelManifest(text);
  if (loaded.manifest.runtime !== 'onnx') {
    throw new SonoriskError('INVALID_ARGUMENT', `loadModel opens ONNX folds; this manifest's runtime is '${loaded.manifest.runtime}' — load its GraphModels with tfjs and use tfjsRunner.`);
  }
  const runner = await runnerFromFolds(loaded, async (fold) => {
    const path = await foldFilePath(manifestPath, fold.file);
    if (fold.sha256 !== undefined) checkFoldDigest(fold, createHash('sha256').update(await readFile(path)).digest('hex'));
    return createOnnxRunner(path, options);
  });
  return { ...loaded, runner };
}

/** A tfjs GraphModel's files read into memory, ready for `tf.io.fromMemory`. */
export interface TfjsArtifacts {
  modelTopology: unknown;
  weightSpecs: unknown[];
  weightData: ArrayBuffer;
  format?: string;
}

/**
 * Reads a tfjs GraphModel (model.json and its weight shards) from disk, for
 * `tfconv.loadGraphModel(tf.io.fromMemory(artifacts))` — tfjs without tfjs-node has no file loader.
 *
 * @example
 * ```ts
 * const model = await loadGraphModel(tf.io.fromMemory(await readTfjsArtifacts('r-us/model.json')));
 * const runner = tfjsRunner(model, tf);
 * ```
 */
export async function readTfjsArtifacts(modelJsonPath: string): Promise<TfjsArtifacts> {
  let json: { modelTopology?: unknown; format?: string; weightsManifest?: { paths: string[]; weights: unknown[] }[] };
  try {
    json = JSON.parse(await readFile(modelJsonPath, 'utf8'));
  } catch (e) {
    throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the tfjs model ${modelJsonPath}: ${(e as Error).message}`, { path: modelJsonPath });
  }
  if (typeof json !== 'object' || json === null || json.modelTopology === undefined || !Array.isArray(json.weightsManifest)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${modelJsonPath} is not a tfjs model.json (no modelTopology / weightsManifest).`);
  }
  const dir = dirname(modelJsonPath);
  const shards: Uint8Array[] = [];
  const weightSpecs: unknown[] = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) shards.push(await readFile(join(dir, p)));
    weightSpecs.push(...group.weights);
  }
  const total = shards.reduce((s, b) => s + b.byteLength, 0);
  const weightData = new Uint8Array(total);
  let at = 0;
  for (const s of shards) {
    weightData.set(s, at);
    at += s.byteLength;
  }
  return { modelTopology: json.modelTopology, weightSpecs, weightData: weightData.buffer, ...(json.format !== undefined && { format: json.format }) };
}
