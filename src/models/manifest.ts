import * as v from 'valibot';
import { SonoriskError } from '../errors.js';
import { idProblem } from '../safe-id.js';
import { schemaProblems } from '../schema-problems.js';
import { type ModelSpec, type ModelSpecOverrides, SpecOverridesSchema, modelSpec } from './model-spec.js';
import type { EnsembleCombine } from './ensemble.js';
import type { InputShape } from './runner.js';

/**
 * Version of the clip-building contract (frame selection, box crop, MONAI-equivalent area resize +
 * symmetric pad, normalisation, NCDHW) that docs/models.md describes. A manifest states the version
 * its model was trained with; a different one gives a warning.
 *
 * @example
 * ```ts
 * const manifest = { ..., preprocessing: { version: PREPROCESSING_VERSION } };
 * ```
 */
export const PREPROCESSING_VERSION = 'sonorisk-clip/1';

const ManifestSchema = v.strictObject({
  format: v.literal('sonorisk-model-manifest'),
  formatVersion: v.literal(1),
  model: v.pipe(
    v.string(),
    v.check((id) => idProblem(id) === undefined, (issue) => `model id ${idProblem(issue.input)}`),
  ),
  name: v.optional(v.string()),
  runtime: v.picklist(['onnx', 'tfjs']),
  spec: v.optional(SpecOverridesSchema),
  folds: v.pipe(
    v.array(v.strictObject({ file: v.pipe(v.string(), v.nonEmpty()), sha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))) })),
    v.minLength(1),
    v.maxLength(100),
  ),
  ensemble: v.optional(v.picklist(['mean-probability', 'mean-logit'])),
  preprocessing: v.strictObject({ version: v.pipe(v.string(), v.nonEmpty()), notes: v.optional(v.string()) }),
  training: v.optional(v.record(v.string(), v.unknown())),
});

/**
 * A model manifest as stored next to the weights (JSON). `spec` overrides the built-in spec of
 * `model`; `folds` lists the weight files of the cross-validation folds (combined with `ensemble`).
 *
 * @example
 * ```json
 * {
 *   "format": "sonorisk-model-manifest", "formatVersion": 1, "model": "R-CEUS", "runtime": "onnx",
 *   "spec": { "frames": 16, "size": [112, 112], "threshold": 0.42 },
 *   "folds": [{ "file": "r-ceus-fold1.onnx" }, { "file": "r-ceus-fold2.onnx" }],
 *   "ensemble": "mean-probability",
 *   "preprocessing": { "version": "sonorisk-clip/1" }
 * }
 * ```
 */
export interface ModelManifest {
  format: 'sonorisk-model-manifest';
  formatVersion: 1;
  /**
   * The model's id: a built-in one (R-US, R-CEUS, R-CEUS45, R-CEUS2 — `spec` overrides its spec) or
   * the study's own (letters, digits, `.`, `_`, `-`; `spec` then gives at least `source` and `window`).
   */
  model: string;
  /** Free name of this trained model. */
  name?: string;
  runtime: 'onnx' | 'tfjs';
  /** Overrides of the built-in spec: what the model was trained with. */
  spec?: ModelSpecOverrides;
  /** Weight files of the folds (relative to the manifest), with optional sha256 checksums. */
  folds: { file: string; sha256?: string }[];
  /** How folds combine; default 'mean-probability'. */
  ensemble?: EnsembleCombine;
  /** The preprocessing contract the model was trained with (see {@link PREPROCESSING_VERSION}). */
  preprocessing: { version: string; notes?: string };
  /** Free-form training record (cohort, split, epochs...). */
  training?: Record<string, unknown>;
}

/** What {@link loadModelManifest} returns. */
export interface LoadedModelManifest {
  manifest: ModelManifest;
  /** The built-in spec with the manifest's overrides applied and validated. */
  spec: ModelSpec;
  combine: EnsembleCombine;
  /** Non-fatal findings (e.g. a different preprocessing version). */
  warnings: string[];
}

/**
 * Checks a spec's input against a graph's NCDHW input shape (`null` = dynamic); throws
 * `INPUT_SHAPE_MISMATCH` naming the first disagreeing axis.
 *
 * @example
 * ```ts
 * checkSpecAgainstShape(MODELS['R-US'], runner.inputShape); // throws if the graph wants 32 frames
 * ```
 * @internal
 */
export function checkSpecAgainstShape(spec: ModelSpec, shape: InputShape | readonly (number | string | null)[]): void {
  if (!Array.isArray(shape) || shape.length !== 5) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `The graph input is ${Array.isArray(shape) ? `${shape.length}-D` : 'not stated'}; a clip model takes 5-D NCDHW.`, { shape });
  }
  const want = [spec.input.channels, spec.input.frames, spec.input.size[0], spec.input.size[1]];
  const axes = ['C (channels)', 'T (frames)', 'H (height)', 'W (width)'];
  for (let a = 0; a < 4; a++) {
    const g = shape[a + 1];
    if (typeof g === 'number' && g > 0 && g !== want[a]) {
      throw new SonoriskError(
        'INPUT_SHAPE_MISMATCH',
        `Spec of ${spec.id} builds ${axes[a]} = ${want[a]}, but the graph input [${shape.map((d) => d ?? '?').join(', ')}] wants ${g}. Fix the manifest's spec to what the model was trained with.`,
        { axis: axes[a], spec: want[a], graph: g, shape },
      );
    }
  }
}

/**
 * Parses and validates a model manifest (a JSON string or an already parsed object) with a schema,
 * applies its overrides to the built-in spec, and — when `inputShape` is given (e.g. `runner.inputShape`)
 * — rejects a spec that disagrees with the graph's input with `INPUT_SHAPE_MISMATCH`, before anything
 * runs. A malformed manifest throws `MANIFEST_INVALID` listing each problem with its path.
 *
 * @example
 * ```ts
 * const runner = onnxRunner(await ort.InferenceSession.create('r-ceus-fold1.onnx'), ort);
 * const { spec, manifest } = loadModelManifest(await readFile('r-ceus.json', 'utf8'), { inputShape: runner.inputShape });
 * ```
 */
export function loadModelManifest(
  json: unknown,
  options: { inputShape?: InputShape | readonly (number | string | null)[] } = {},
): LoadedModelManifest {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new SonoriskError('MANIFEST_INVALID', `The model manifest is not valid JSON: ${(e as Error).message}`, undefined, { cause: e });
    }
  }
  const parsed = v.safeParse(ManifestSchema, value);
  if (!parsed.success) {
    const problems = schemaProblems(ManifestSchema, parsed.issues);
    throw new SonoriskError('MANIFEST_INVALID', `The model manifest is invalid — ${problems.join('; ')}.`, { problems });
  }
  // The schema's output has exactly the interface's fields (window.end null → Infinity by the transform).
  const manifest = parsed.output as ModelManifest;
  let spec: ModelSpec;
  try {
    spec = modelSpec(manifest.model, manifest.spec ?? {});
  } catch (e) {
    throw new SonoriskError('MANIFEST_INVALID', `The model manifest's spec is invalid: ${(e as Error).message}`, undefined, { cause: e });
  }
  if (options.inputShape !== undefined) checkSpecAgainstShape(spec, options.inputShape);
  const warnings: string[] = [];
  if (manifest.preprocessing.version !== PREPROCESSING_VERSION) {
    warnings.push(
      `The model was trained with preprocessing '${manifest.preprocessing.version}', this library builds clips per '${PREPROCESSING_VERSION}'; check docs/models.md that they agree.`,
    );
  }
  return { manifest, spec, combine: manifest.ensemble ?? 'mean-probability', warnings };
}
