import * as v from 'valibot';
import { didYouMean } from '../closest-name.js';
import { SonoriskError } from '../errors.js';
import { ClipSpecSchema, PhaseWindowSchema } from '../phases/internal.js';
import { idProblem } from '../safe-id.js';
import { schemaProblems } from '../schema-problems.js';
import type { ClipNormalization } from '../preprocess/index.js';
import type { ClipSpec, FrameStrategy, PhaseWindow } from '../phases/index.js';

/** The four models of the method: B-mode, and CEUS dual (0–60 s), arterial (0–45 s) and portal (46–120 s) phases. */
export type ModelId = 'R-US' | 'R-CEUS' | 'R-CEUS45' | 'R-CEUS2';

/**
 * How a model's output turns into a probability: `'sigmoid'` — one logit per clip;
 * `'softmax'` — one logit per class (two for this binary task), class 1 = recurrence.
 */
export type OutputKind = 'sigmoid' | 'softmax';

/** Tensor layout the model's graph expects. Clips are always built NCDHW; runners convert where needed. */
export type TensorLayout = 'NCDHW';

/**
 * Everything needed to serve one model: how its input clip is built (the train/serve contract), the
 * layout, how its output becomes a probability, and the default decision threshold.
 *
 * @example
 * ```ts
 * const spec: ModelSpec = modelSpec('R-CEUS45', { frames: 32 });
 * console.log(spec.input.window, spec.output, spec.threshold);
 * ```
 */
export interface ModelSpec {
  /** Model id, e.g. `'R-CEUS'`; custom ids are allowed for custom specs. */
  id: string;
  /** One line saying what the model sees. */
  description: string;
  /** How the input clip is built from a cine and a box. */
  input: ClipSpec;
  layout: TensorLayout;
  output: OutputKind;
  /** Decision threshold on the probability: positive when `probability >= threshold`. */
  threshold: number;
}

/** The values of a {@link ModelSpec} that may be overridden (flat, as a model manifest carries them). */
export interface ModelSpecOverrides {
  description?: string;
  source?: ClipSpec['source'];
  window?: PhaseWindow;
  frames?: number;
  size?: [number, number];
  channels?: 1 | 3;
  normalize?: ClipNormalization;
  strategy?: FrameStrategy;
  resizeMode?: 'area' | 'bilinear';
  layout?: TensorLayout;
  output?: OutputKind;
  threshold?: number;
}

const DEFAULT_NORMALIZE: ClipNormalization = { scale: 1 / 255, mean: [0], std: [1] };

function base(id: string, description: string, source: ClipSpec['source'], window: PhaseWindow): ModelSpec {
  return {
    id,
    description,
    input: {
      source,
      window,
      frames: 16,
      size: [112, 112],
      channels: 1,
      normalize: DEFAULT_NORMALIZE,
      strategy: 'uniform',
      resizeMode: 'area',
    },
    layout: 'NCDHW',
    output: 'sigmoid',
    threshold: 0.5,
  };
}

/**
 * Default specs of the four models: 16 frames sampled uniformly over the window, 112×112 after
 * scale-and-pad (MONAI `Resize(size_mode="longest", mode="area")` + symmetric `SpatialPad`), one
 * channel, intensities scaled by 1/255 (mean 0, std 1), NCDHW, one logit → sigmoid, threshold 0.5.
 * These follow common 3D ResNet practice; a deployment overrides whatever its training used
 * ({@link modelSpec}, or a model manifest).
 *
 * @example
 * ```ts
 * import { MODELS } from 'sonorisk/models';
 * MODELS['R-CEUS'].input.window; // { name: 'dual', start: 0, end: 60 }
 * ```
 */
export const MODELS: Readonly<Record<ModelId, Readonly<ModelSpec>>> = Object.freeze({
  'R-US': base('R-US', 'B-mode cine, whole clip', 'bmode', { name: 'bmode', start: 0, end: Number.POSITIVE_INFINITY }),
  'R-CEUS': base('R-CEUS', 'CEUS dual phase, 0–60 s after injection', 'ceus', { name: 'dual', start: 0, end: 60 }),
  'R-CEUS45': base('R-CEUS45', 'CEUS arterial phase, 0–45 s after injection', 'ceus', { name: 'arterial', start: 0, end: 45 }),
  'R-CEUS2': base('R-CEUS2', 'CEUS portal phase, 46–120 s after injection', 'ceus', { name: 'portal', start: 46, end: 120 }),
});

/**
 * The ids of {@link MODELS}, in the method's order.
 *
 * @example
 * ```ts
 * for (const id of MODEL_IDS) console.log(id, MODELS[id].input.window);
 * ```
 */
export const MODEL_IDS: readonly ModelId[] = Object.freeze(['R-US', 'R-CEUS', 'R-CEUS45', 'R-CEUS2']);

/**
 * True when `id` names one of the four built-in models.
 *
 * @example
 * ```ts
 * isModelId('R-CEUS'); // true
 * isModelId('resnet'); // false
 * ```
 */
export function isModelId(id: unknown): id is ModelId {
  return typeof id === 'string' && (MODEL_IDS as readonly string[]).includes(id);
}

function bad(message: string, details?: Record<string, unknown>): never {
  throw new SonoriskError('INVALID_ARGUMENT', message, details);
}

/**
 * @internal
 * The one schema of the overridable spec values (flat, as a model manifest or the specs file carries
 * them). Strict: an unknown key is an error with a did-you-mean. JSON has no Infinity, so a window
 * `end` of null means "to the end of the clip".
 */
export const SpecOverridesSchema = v.strictObject({
  description: v.optional(v.string()),
  source: v.optional(ClipSpecSchema.entries.source),
  window: v.optional(
    v.strictObject({
      ...PhaseWindowSchema.entries,
      end: v.pipe(
        v.nullable(v.number()),
        v.transform((e) => (e === null ? Number.POSITIVE_INFINITY : e)),
      ),
    }),
  ),
  frames: v.optional(ClipSpecSchema.entries.frames),
  size: v.optional(ClipSpecSchema.entries.size),
  channels: v.optional(ClipSpecSchema.entries.channels),
  normalize: v.optional(ClipSpecSchema.entries.normalize),
  strategy: ClipSpecSchema.entries.strategy,
  resizeMode: ClipSpecSchema.entries.resizeMode,
  layout: v.optional(v.literal('NCDHW')),
  output: v.optional(v.picklist(['sigmoid', 'softmax'])),
  threshold: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});

/** @internal The one schema of a complete {@link ModelSpec}. */
export const ModelSpecSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.check((id) => idProblem(id) === undefined, (issue) => `model id ${idProblem(issue.input)}`),
  ),
  description: v.optional(v.string()),
  input: ClipSpecSchema,
  layout: v.literal('NCDHW'),
  output: v.picklist(['sigmoid', 'softmax']),
  threshold: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});

function checked<T>(schema: v.GenericSchema<unknown, T>, value: unknown, what: string): T {
  const r = v.safeParse(schema, value);
  if (!r.success) {
    const problems = schemaProblems(schema, r.issues);
    bad(`${what} is invalid — ${problems.join('; ')}.`, { problems });
  }
  return r.output;
}

function expand(name: string, a: number[], channels: number): number[] {
  const out = a.length === 1 && channels > 1 ? Array.from({ length: channels }, () => a[0]!) : [...a];
  if (out.length !== channels) bad(`${name} has ${a.length} values; the spec has ${channels} channel(s).`, { [name]: a, channels });
  return out;
}

/**
 * Validates a complete spec with {@link ModelSpecSchema} and returns a normalised copy (per-channel
 * mean/std expanded). Throws `INVALID_ARGUMENT` listing the problems; an unknown key gets a
 * did-you-mean.
 *
 * @example
 * ```ts
 * const spec = validateModelSpec({ ...MODELS['R-US'], threshold: 0.3 });
 * ```
 */
export function validateModelSpec(spec: ModelSpec): ModelSpec {
  if (typeof spec !== 'object' || spec === null) bad('A model spec must be an object.');
  const s = checked(ModelSpecSchema, spec, `The spec of model ${typeof spec.id === 'string' ? spec.id : '(no id)'}`);
  const i = s.input;
  const w = i.window;
  if (!(w.end > w.start)) bad(`window.end must be a number greater than window.start (${w.start}), got ${String(w.end)}.`, { window: w });
  const std = expand('normalize.std', i.normalize.std, i.channels);
  if (std.some((x) => x === 0)) bad('normalize.std must not contain 0.', { std });
  return {
    id: s.id,
    description: s.description ?? '',
    input: {
      source: i.source,
      window: { name: w.name, start: w.start, end: w.end },
      frames: i.frames,
      size: [i.size[0], i.size[1]],
      channels: i.channels,
      normalize: { scale: i.normalize.scale, mean: expand('normalize.mean', i.normalize.mean, i.channels), std },
      strategy: i.strategy ?? 'uniform',
      resizeMode: i.resizeMode ?? 'area',
    },
    layout: 'NCDHW',
    output: s.output,
    threshold: s.threshold,
  };
}

/**
 * The spec of a built-in model with some values overridden — the usual way to match what a model
 * was trained with — or of a model with its own id (a retrained variant, a fifth window), whose
 * overrides then give at least `source` and `window` (the rest defaults as for the built-in models).
 * When `channels` changes and a one-value mean/std is kept, it is broadcast. Overrides are checked
 * against {@link SpecOverridesSchema}: an unknown key is an error with a did-you-mean.
 *
 * @example
 * ```ts
 * const spec = modelSpec('R-CEUS', { frames: 32, size: [128, 128], output: 'softmax', threshold: 0.42 });
 * const late = modelSpec('R-CEUS-late', { source: 'ceus', window: { name: 'late', start: 120, end: 240 } });
 * ```
 */
export function modelSpec(id: string | ModelSpec, overrides: ModelSpecOverrides = {}): ModelSpec {
  if (typeof overrides !== 'object' || overrides === null) bad('overrides must be an object.');
  const name = typeof id === 'string' ? id : typeof id === 'object' && id !== null ? String(id.id) : String(id);
  overrides = checked(SpecOverridesSchema, overrides, `The spec overrides of model ${name}`) as ModelSpecOverrides;
  let start: ModelSpec;
  if (typeof id === 'string') {
    if (isModelId(id)) start = MODELS[id];
    else {
      const problem = idProblem(id);
      if (problem) bad(`Model id ${problem}`, { id });
      if (overrides.source === undefined || overrides.window === undefined) {
        bad(`Model ${id} is not one of the built-in models (${MODEL_IDS.join(', ')}): its spec must give at least source and window.${didYouMean(id, MODEL_IDS)}`, { id });
      }
      start = base(id, `Custom model ${id}`, overrides.source, overrides.window);
    }
  } else {
    start = validateModelSpec(id);
  }
  if (typeof overrides !== 'object' || overrides === null) bad('overrides must be an object.');
  const o = overrides;
  const channels = o.channels ?? start.input.channels;
  const input: ClipSpec = {
    ...start.input,
    ...(o.source !== undefined && { source: o.source }),
    ...(o.window !== undefined && { window: o.window }),
    ...(o.frames !== undefined && { frames: o.frames }),
    ...(o.size !== undefined && { size: o.size }),
    ...(o.strategy !== undefined && { strategy: o.strategy }),
    ...(o.resizeMode !== undefined && { resizeMode: o.resizeMode }),
    channels,
    normalize: o.normalize ?? start.input.normalize,
  };
  return validateModelSpec({
    id: start.id,
    description: o.description ?? start.description,
    input,
    layout: o.layout ?? start.layout,
    output: o.output ?? start.output,
    threshold: o.threshold ?? start.threshold,
  });
}
