import { SonoriskError } from '../errors.js';
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

function base(id: ModelId, description: string, source: ClipSpec['source'], window: PhaseWindow): ModelSpec {
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

function positiveInt(name: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
    bad(`${name} must be an integer in 1..${max}, got ${String(v)}.`, { [name]: v });
  }
  return v;
}

function finite(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`${name} must be a finite number, got ${String(v)}.`, { [name]: v });
  return v;
}

function checkNormalize(n: unknown, channels: number): ClipNormalization {
  if (typeof n !== 'object' || n === null) bad('normalize must be { scale, mean[], std[] }.');
  const { scale, mean, std } = n as Partial<ClipNormalization>;
  finite('normalize.scale', scale);
  if (!Array.isArray(mean) || !Array.isArray(std)) bad('normalize.mean and normalize.std must be arrays of numbers.');
  const expand = (name: string, a: number[]): number[] => {
    if (a.length === 1 && channels > 1) a = Array.from({ length: channels }, () => a[0]!);
    if (a.length !== channels) bad(`${name} has ${a.length} values; the spec has ${channels} channel(s).`, { [name]: a, channels });
    for (const v of a) finite(name, v);
    return [...a];
  };
  const s = expand('normalize.std', std);
  if (s.some((v) => v === 0)) bad('normalize.std must not contain 0.', { std: s });
  return { scale: scale as number, mean: expand('normalize.mean', mean), std: s };
}

/**
 * Validates a complete spec and returns a normalised copy (per-channel mean/std expanded).
 * Throws `INVALID_ARGUMENT` naming the first bad field.
 *
 * @example
 * ```ts
 * const spec = validateModelSpec({ ...MODELS['R-US'], threshold: 0.3 });
 * ```
 */
export function validateModelSpec(spec: ModelSpec): ModelSpec {
  if (typeof spec !== 'object' || spec === null) bad('A model spec must be an object.');
  if (typeof spec.id !== 'string' || spec.id.length === 0) bad('spec.id must be a non-empty string.');
  const i = spec.input;
  if (typeof i !== 'object' || i === null) bad(`spec.input of ${spec.id} must be a ClipSpec object.`);
  if (i.source !== 'bmode' && i.source !== 'ceus') bad(`input.source must be 'bmode' or 'ceus', got ${String(i.source)}.`);
  const w = i.window;
  if (typeof w !== 'object' || w === null || typeof w.name !== 'string') bad('input.window must be { name, start, end }.');
  finite('window.start', w.start);
  if (typeof w.end !== 'number' || Number.isNaN(w.end) || w.end <= w.start) {
    bad(`window.end must be a number greater than window.start (${w.start}), got ${String(w.end)}.`, { window: w });
  }
  const frames = positiveInt('frames', i.frames, 4096);
  if (!Array.isArray(i.size) || i.size.length !== 2) bad('input.size must be [H, W].', { size: i.size });
  const size: [number, number] = [positiveInt('size[0]', i.size[0], 8192), positiveInt('size[1]', i.size[1], 8192)];
  if (i.channels !== 1 && i.channels !== 3) bad(`input.channels must be 1 or 3, got ${String(i.channels)}.`);
  const strategy = i.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'all' && strategy !== 'stride') bad(`input.strategy must be uniform, all or stride, got ${String(strategy)}.`);
  const resizeMode = i.resizeMode ?? 'area';
  if (resizeMode !== 'area' && resizeMode !== 'bilinear') bad(`input.resizeMode must be 'area' or 'bilinear', got ${String(resizeMode)}.`);
  if (spec.layout !== 'NCDHW') bad(`layout must be 'NCDHW' (runners convert to what their runtime needs), got ${String(spec.layout)}.`);
  if (spec.output !== 'sigmoid' && spec.output !== 'softmax') bad(`output must be 'sigmoid' or 'softmax', got ${String(spec.output)}.`);
  const t = finite('threshold', spec.threshold);
  if (t < 0 || t > 1) bad(`threshold must be a probability in [0, 1], got ${t}.`);
  return {
    id: spec.id,
    description: typeof spec.description === 'string' ? spec.description : '',
    input: {
      source: i.source,
      window: { name: w.name, start: w.start, end: w.end },
      frames,
      size,
      channels: i.channels,
      normalize: checkNormalize(i.normalize, i.channels),
      strategy,
      resizeMode,
    },
    layout: 'NCDHW',
    output: spec.output,
    threshold: t,
  };
}

/**
 * The spec of a built-in model with some values overridden — the usual way to match what a model
 * was trained with. When `channels` changes and a one-value mean/std is kept, it is broadcast.
 *
 * @example
 * ```ts
 * const spec = modelSpec('R-CEUS', { frames: 32, size: [128, 128], output: 'softmax', threshold: 0.42 });
 * ```
 */
export function modelSpec(id: ModelId | ModelSpec, overrides: ModelSpecOverrides = {}): ModelSpec {
  let start: ModelSpec;
  if (typeof id === 'string') {
    if (!isModelId(id)) bad(`Unknown model id '${id}'; expected one of ${MODEL_IDS.join(', ')}, or pass a full spec.`, { id });
    start = MODELS[id];
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
