import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SonoriskError } from '../errors.js';
import { isModelId, loadModelManifest, type ModelSpec, type ModelSpecOverrides, modelSpec } from '../models/index.js';

/**
 * The model specs a command uses: from the model manifests under `modelsPath` (so `prepare` writes
 * exactly what those models eat), from a JSON file of overrides per model id
 * (`{ "R-US": { "frames": 8, "size": [64, 64] }, ... }`), or the four built-in defaults.
 *
 * @example
 * ```ts
 * const specs = await resolveSpecs({ modelsPath: 'models/demo' });
 * ```
 */
export async function resolveSpecs(source: { modelsPath?: string; specsPath?: string }): Promise<ModelSpec[] | undefined> {
  if (source.modelsPath) {
    const specs: ModelSpec[] = [];
    for (const path of await findModelManifests(source.modelsPath)) specs.push(loadModelManifest(JSON.parse(await readFile(path, 'utf8'))).spec);
    return specs;
  }
  if (source.specsPath) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(source.specsPath, 'utf8'));
    } catch (e) {
      throw new SonoriskError('INVALID_ARGUMENT', `Cannot read the specs file ${source.specsPath}: ${(e as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${source.specsPath} must map model ids to spec overrides, e.g. { "R-US": { "frames": 8 } }.`);
    }
    return Object.entries(data as Record<string, ModelSpecOverrides>).map(([id, overrides]) => {
      if (!isModelId(id)) throw new SonoriskError('INVALID_ARGUMENT', `${source.specsPath}: unknown model id '${id}' (use R-US, R-CEUS, R-CEUS45, R-CEUS2).`);
      return modelSpec(id, overrides);
    });
  }
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
