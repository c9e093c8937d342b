import { SonoriskError } from '../errors.js';
import { type ClipSpec, clipForSpec, prefetchClipFrames } from '../phases/index.js';
import type { Box, Cine, ClipTensor } from '../preprocess/index.js';
import { type ModelId, type ModelSpec, isModelId, modelSpec, validateModelSpec } from './model-spec.js';
import { toLogOdds, toProbability } from './probability.js';
import type { Runner } from './runner.js';

/** Options passed through to the clip builder (see `clipForSpec` in sonorisk/phases). */
export interface PredictClipOptions {
  /** Use the covered part of a window the cine covers only in part (a warning says how much). */
  allowPartial?: boolean;
  /** Repeat frames when the window has fewer than T frames. */
  allowRepeats?: boolean;
  /** Clip a box that extends outside the frame instead of throwing. */
  clipBox?: boolean;
  /** Pad value in raw pixel units (before normalisation). */
  padValue?: number;
}

/** What a clip builder returns (the shape of `clipForSpec`'s result that predictRisk uses). */
export interface BuiltClip {
  clip: ClipTensor;
  frameIndices: number[];
  frameTimes: number[];
  timesAfterInjection?: number[];
  warnings: string[];
}

/** Builds one model input from a cine, a spec and a box — `clipForSpec` from sonorisk/phases. */
export type ClipBuilder = (cine: Cine, spec: ClipSpec, options: PredictClipOptions & { box: Box; injectionTime?: number }) => Promise<BuiltClip>;

/** Input of {@link predictRisk}. */
export interface PredictRiskInput {
  /** The patient's recordings; each model reads the one its spec's `source` names. */
  cines: { bmode?: Cine; ceus?: Cine };
  /** The ROI box on each recording (half-open pixels, e.g. from `boxFromPoints`). */
  boxes: { bmode?: Box; ceus?: Box };
  /** Contrast injection time in seconds from the CEUS cine's first frame; required for CEUS models. */
  injectionTime?: number;
  /** Models to run: built-in ids (their default spec) or full specs (e.g. `modelSpec(id, overrides)`, a manifest's spec). */
  models: readonly (ModelId | ModelSpec)[];
  /** A runner per model id (a single fold or an `ensemble`). */
  runners: Readonly<Record<string, Runner>>;
  /** Passed to the clip builder. */
  clipOptions?: PredictClipOptions;
  /** The clip builder; default `clipForSpec` from sonorisk/phases (inject another for tests or custom pipelines). */
  clipBuilder?: ClipBuilder;
}

/** One model's result. */
export interface ModelPrediction {
  model: string;
  /** Probability of early recurrence. */
  probability: number;
  /** Log-odds of the probability (the logit for sigmoid models, z1 − z0 for two-class softmax). */
  logit: number;
  /** The model's raw outputs for this clip. */
  outputs: Float32Array;
  threshold: number;
  /** `probability >= threshold`. */
  positive: boolean;
  /** The frames the clip was built from: cine indices, seconds from the first frame, seconds after injection. */
  frames: { indices: number[]; times: number[]; timesAfterInjection: number[] };
  /** Warnings from the clip build (partial coverage, repeats, ...). */
  warnings: string[];
  timings: {
    /** Time spent building the clip (0 when an earlier model's clip was reused). */
    clipMs: number;
    /** Time spent in the runner. */
    runMs: number;
    /** True when the clip was built for an earlier model with the same input spec. */
    clipShared: boolean;
  };
}

/** What {@link predictRisk} returns. */
export interface RiskPrediction {
  /** One entry per requested model, in request order. */
  predictions: ModelPrediction[];
  /** The same entries by model id. */
  byModel: Record<string, ModelPrediction>;
  timings: { totalMs: number; clipsBuilt: number };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function bad(message: string, details?: Record<string, unknown>): never {
  throw new SonoriskError('INVALID_ARGUMENT', message, details);
}

/**
 * A canonical key of everything that decides a clip: equal keys give identical tensors, and
 * {@link predictRisk} builds each key's clip once (so the distinct keys count the clips it builds).
 * @internal
 */
export function clipKey(input: ClipSpec): string {
  const { source, window, frames, size, channels, normalize, strategy, resizeMode } = input;
  return JSON.stringify([source, window.start, window.end, frames, size, channels, normalize.scale, normalize.mean, normalize.std, strategy ?? 'uniform', resizeMode ?? 'area']);
}

/**
 * Predicts the risk of early recurrence for one patient with one or more models: builds each model's
 * input clip from the right recording, box and phase window (each distinct input spec once, shared by
 * the models that use it), runs the model's runner, and returns probability, log-odds, decision, the
 * frames used and timings per model. Everything is checked before any clip is built or model run.
 * A cine read over DICOMweb is first asked for the frames of all its models at once
 * (`prefetchClipFrames`), so it fetches them in one request where the server allows.
 *
 * @example
 * ```ts
 * const { byModel } = await predictRisk({
 *   cines: { bmode, ceus }, boxes: { bmode: boxB, ceus: boxC }, injectionTime: 3.2,
 *   models: ['R-US', 'R-CEUS'], runners: { 'R-US': usRunner, 'R-CEUS': ceusRunner },
 * });
 * console.log(byModel['R-CEUS'].probability, byModel['R-CEUS'].frames.indices);
 * ```
 */
export async function predictRisk(input: PredictRiskInput): Promise<RiskPrediction> {
  const start = now();
  if (typeof input !== 'object' || input === null) bad('predictRisk needs { cines, boxes, injectionTime, models, runners }.');
  const { cines, boxes, injectionTime, models, runners, clipBuilder = clipForSpec } = input;
  if (typeof clipBuilder !== 'function') bad('clipBuilder must be a function like clipForSpec from sonorisk/phases.');
  if (!Array.isArray(models) || models.length === 0) bad('models must list at least one model id or spec.');
  if (typeof runners !== 'object' || runners === null) bad('runners must map each model id to a Runner.');
  if (typeof cines !== 'object' || cines === null || typeof boxes !== 'object' || boxes === null) bad('cines and boxes must be objects { bmode?, ceus? }.');

  const specs = models.map((m) => {
    if (typeof m === 'string') {
      if (!isModelId(m)) bad(`Unknown model id '${m}'; pass one of R-US, R-CEUS, R-CEUS45, R-CEUS2 or a full spec.`, { model: m });
      return modelSpec(m);
    }
    return validateModelSpec(m);
  });
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.id)) bad(`Model ${s.id} is listed twice.`, { model: s.id });
    seen.add(s.id);
    const r = runners[s.id];
    if (typeof r !== 'object' || r === null || typeof r.run !== 'function') {
      bad(`No runner for ${s.id}; runners has ${JSON.stringify(Object.keys(runners))}.`, { model: s.id });
    }
    const source = s.input.source;
    const cine = cines[source];
    if (typeof cine !== 'object' || cine === null) bad(`${s.id} reads the ${source} cine, but cines.${source} is missing.`, { model: s.id, source });
    if (typeof boxes[source] !== 'object' || boxes[source] === null) bad(`${s.id} needs boxes.${source} (the ROI on the ${source} cine).`, { model: s.id, source });
    if (source === 'ceus' && (typeof injectionTime !== 'number' || !Number.isFinite(injectionTime))) {
      bad(`${s.id} is a CEUS model: injectionTime (seconds from the CEUS cine's first frame; 0 if recording began at injection) is required.`, { model: s.id });
    }
  }

  /** The clip options of every clip built from `source`'s cine. */
  const optionsFor = (source: 'bmode' | 'ceus') => ({ ...input.clipOptions, box: boxes[source]!, ...(source === 'ceus' && { injectionTime: injectionTime! }) });
  if (clipBuilder === clipForSpec) {
    // A remote cine (DICOMweb) fetches every model's frames together: one request, not one per model.
    for (const source of ['bmode', 'ceus'] as const) {
      const own = specs.filter((s) => s.input.source === source);
      if (own.length === 0 || typeof cines[source]?.prefetch !== 'function') continue;
      const options = optionsFor(source);
      await prefetchClipFrames(cines[source]!, own.map((s) => ({ spec: s.input, options })));
    }
  }
  const built = new Map<string, { result: BuiltClip; ms: number; users: number }>();
  const predictions: ModelPrediction[] = [];
  for (const spec of specs) {
    const source = spec.input.source;
    const key = clipKey(spec.input);
    let entry = built.get(key);
    const shared = entry !== undefined;
    if (entry === undefined) {
      const t0 = now();
      const result = await clipBuilder(cines[source]!, spec.input, optionsFor(source));
      entry = { result, ms: now() - t0, users: 0 };
      built.set(key, entry);
    }
    entry.users++;
    const { result } = entry;
    const t1 = now();
    const outputs = await runners[spec.id]!.run(result.clip);
    const runMs = now() - t1;
    const per = spec.output === 'sigmoid' ? 1 : 2;
    if (outputs.length !== per) {
      throw new SonoriskError(
        'LENGTH_MISMATCH',
        `${spec.id}'s runner returned ${outputs.length} outputs for one clip; a '${spec.output}' model gives ${per}. Check the spec's output kind.`,
        { model: spec.id, outputs: outputs.length },
      );
    }
    const probability = toProbability(outputs, spec.output)[0]!;
    predictions.push({
      model: spec.id,
      probability,
      logit: toLogOdds(outputs, spec.output)[0]!,
      outputs,
      threshold: spec.threshold,
      positive: probability >= spec.threshold,
      frames: {
        indices: [...result.frameIndices],
        times: [...result.frameTimes],
        timesAfterInjection: [...(result.timesAfterInjection ?? result.frameTimes.map((t) => (source === 'ceus' ? t - injectionTime! : t)))],
      },
      warnings: [...result.warnings],
      timings: { clipMs: shared ? 0 : entry.ms, runMs, clipShared: shared },
    });
  }
  return {
    predictions,
    byModel: Object.fromEntries(predictions.map((p) => [p.model, p])),
    timings: { totalMs: now() - start, clipsBuilt: built.size },
  };
}
