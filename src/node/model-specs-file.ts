import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as v from 'valibot';
import { SonoriskError } from '../errors.js';
import { type LoadedModelManifest, loadModelManifest, type ModelSpec, type ModelSpecOverrides, modelSpec, SpecOverridesSchema } from '../models/index.js';
import { schemaProblems } from '../schema-problems.js';
import type { StudyClipOptions } from './case-models.js';
import { sha256Json } from './fingerprints.js';

/** A model manifest found on disk, with what identifies its weights. */
export interface ModelManifestFile extends LoadedModelManifest {
  /** The manifest file. */
  path: string;
  /** sha256 over the manifest and its folds' hashes: changes when the weights or the manifest change. */
  weights: string;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The path of a manifest's fold file; throws `MODEL_FILE_MISSING` naming it when it does not exist.
 *
 * @example
 * ```ts
 * const onnx = await foldFilePath('models/r-us/manifest.json', 'fold-1.onnx'); // 'models/r-us/fold-1.onnx'
 * ```
 */
export async function foldFilePath(manifestPath: string, file: string): Promise<string> {
  const path = isAbsolute(file) ? file : join(dirname(resolve(manifestPath)), file);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new SonoriskError('MODEL_FILE_MISSING', `The model manifest ${manifestPath} lists the fold file ${file}, but there is no file at ${path}. Copy the weights there or fix the manifest's folds.`, { manifest: manifestPath, path });
  }
  return path;
}

/**
 * Reads every model manifest under `path` (see {@link findModelManifests}), validates it, and hashes
 * what produced its outputs: the manifest and each fold (the manifest's `sha256` where given, else
 * the file's). Throws `MANIFEST_INVALID` (unknown keys with a did-you-mean), `MODEL_FILE_MISSING`
 * for a missing fold file, `INVALID_ARGUMENT` for two manifests with the same model id.
 *
 * @example
 * ```ts
 * for (const m of await readModelManifests('models/')) console.log(m.spec.id, m.warnings);
 * ```
 */
export async function readModelManifests(path: string): Promise<ModelManifestFile[]> {
  const out: ModelManifestFile[] = [];
  for (const manifestPath of await findModelManifests(path)) {
    const text = await readFile(manifestPath, 'utf8');
    let loaded: LoadedModelManifest;
    try {
      loaded = loadModelManifest(text);
    } catch (e) {
      throw new SonoriskError((e as SonoriskError).code ?? 'MANIFEST_INVALID', `${manifestPath}: ${(e as Error).message}`, { path: manifestPath });
    }
    const other = out.find((m) => m.spec.id === loaded.spec.id);
    if (other) throw new SonoriskError('INVALID_ARGUMENT', `Two manifests define the model ${loaded.spec.id}: ${other.path} and ${manifestPath}.`);
    const folds: string[] = [];
    for (const fold of loaded.manifest.folds) {
      const file = await foldFilePath(manifestPath, fold.file);
      folds.push(fold.sha256 ?? (await sha256File(file)));
    }
    out.push({ ...loaded, path: manifestPath, weights: sha256Json({ manifest: text, folds }) });
  }
  return out;
}

/** One entry of a specs file: spec overrides (as a model manifest's `spec`) and clip options. */
const SpecsFileEntrySchema = v.strictObject({
  ...SpecOverridesSchema.entries,
  allowPartial: v.optional(v.boolean()),
  allowRepeats: v.optional(v.boolean()),
});
const CLIP_OPTION_KEYS = ['allowPartial', 'allowRepeats'];

/** What a specs file (`--specs`) gives: model specs and clip options per model id. */
export interface SpecsFile {
  /** Specs built from the overrides (only the entries that override a spec). */
  specs: ModelSpec[];
  clipOptions: Record<string, StudyClipOptions>;
}

/**
 * Reads a specs file: `{ "<model id>": { <spec overrides>, "allowPartial"?, "allowRepeats"? } }`.
 * Ids are the built-in models' or the study's own (then `source` and `window` are required).
 * With `clipOnly` (the specs come from model manifests), entries may carry only the clip options.
 * Unknown keys are `MANIFEST_INVALID` errors with a did-you-mean.
 *
 * @example
 * ```ts
 * const { specs, clipOptions } = await readSpecsFile('specs.json'); // { "R-CEUS2": { "allowPartial": true } }
 * ```
 */
export async function readSpecsFile(path: string, options: { clipOnly?: boolean } = {}): Promise<SpecsFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the specs file ${path}: ${(e as Error).message}`, { path });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SonoriskError('MANIFEST_INVALID', `${path} must map model ids to spec overrides and clip options, e.g. { "R-US": { "frames": 8 }, "R-CEUS2": { "allowPartial": true } }.`, { path });
  }
  const specs: ModelSpec[] = [];
  const clipOptions: Record<string, StudyClipOptions> = {};
  for (const [id, raw] of Object.entries(data as Record<string, unknown>)) {
    const r = v.safeParse(SpecsFileEntrySchema, raw);
    if (!r.success) throw new SonoriskError('MANIFEST_INVALID', `${path}, model ${id}: ${schemaProblems(SpecsFileEntrySchema, r.issues).join('; ')}.`, { path, model: id });
    const { allowPartial, allowRepeats, ...overrides } = r.output;
    if (allowPartial !== undefined || allowRepeats !== undefined) {
      clipOptions[id] = { ...(allowPartial !== undefined ? { allowPartial } : {}), ...(allowRepeats !== undefined ? { allowRepeats } : {}) };
    }
    if (Object.keys(overrides).length === 0) continue;
    if (options.clipOnly) {
      throw new SonoriskError(
        'MANIFEST_INVALID',
        `${path}, model ${id}: with --models the model manifests fix the specs; here only ${CLIP_OPTION_KEYS.join(' and ')} may be given (found ${Object.keys(overrides).join(', ')}).`,
        { path, model: id },
      );
    }
    try {
      specs.push(modelSpec(id, overrides as ModelSpecOverrides));
    } catch (e) {
      throw new SonoriskError('MANIFEST_INVALID', `${path}, model ${id}: ${(e as Error).message}`, { path, model: id });
    }
  }
  return { specs, clipOptions };
}

/**
 * The model specs a command uses: from the model manifests under `modelsPath` (so `prepare` writes
 * exactly what those models eat), from a specs file of overrides per model id
 * (`{ "R-US": { "frames": 8, "size": [64, 64] }, ... }`), or undefined (the four built-in defaults).
 *
 * @example
 * ```ts
 * const specs = await resolveSpecs({ modelsPath: 'models/demo' });
 * ```
 */
export async function resolveSpecs(source: { modelsPath?: string; specsPath?: string }): Promise<ModelSpec[] | undefined> {
  if (source.modelsPath) return (await readModelManifests(source.modelsPath)).map((m) => m.spec);
  if (source.specsPath) return (await readSpecsFile(source.specsPath)).specs;
  return undefined;
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
