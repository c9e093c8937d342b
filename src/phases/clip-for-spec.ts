import { SonoriskError } from '../errors.js';
import { type Box, type Cine, type ClipTensor, type TrackRoiOptions, type TrackedBoxes, buildClip, checkBox, keepConfident, trackRoi } from '../preprocess/index.js';
import type { ArrivalEstimate } from './perfusion/detect-arrival.js';
import { type EstimateInjectionOptions, estimateInjection } from './perfusion/estimate-injection.js';
import { type FrameSelection, selectFrames } from './windows/select-frames.js';
import { checkClipSpec } from './clip-spec-schema.js';
import type { ClipSpec } from './types.js';

/** Motion compensation for {@link clipForSpec}: `trackRoi` options (`search`, `minConfidence`, `dual`, ...). */
export interface ClipTracking extends Omit<TrackRoiOptions, 'frames'> {
  /**
   * Leave frames whose match confidence is below `minConfidence` out of the clip (default true):
   * the clip's T frames are then chosen among the confident frames, and a run of dropped frames
   * longer than the selection's `maxGap` counts as a gap against the window's coverage.
   */
  drop?: boolean;
}

/** Options for {@link clipForSpec}. */
export interface ClipForSpecOptions {
  /** ROI box in the cine's pixels (see boxFromPoints); on a dual display, on the CEUS pane. */
  box: Box;
  /**
   * Injection time, seconds from the cine's first frame (negative if recording began after it);
   * default 0. `'auto'`: estimated from the contrast arrival in the ROI box (`estimateInjection`,
   * options in `autoInjection`). Ignored for B-mode.
   */
  injectionTime?: number | 'auto';
  /**
   * How `injectionTime: 'auto'` measures and detects the arrival: `estimateInjection` options,
   * `box` (default: the ROI `box`) and `fallback` (injection time used when no arrival is
   * detected, instead of throwing `ARRIVAL_NOT_DETECTED`).
   */
  autoInjection?: EstimateInjectionOptions & { box?: Box; fallback?: number };
  /**
   * Follow the box through the window's frames (`trackRoi`) and crop each frame at its tracked box;
   * or boxes already tracked (`trackBox`/`trackRoi` result, in the cine's coordinates): only its
   * frames are used. Default: one fixed box.
   */
  track?: ClipTracking | TrackedBoxes;
  /** Use the covered part of a window the clip covers only in part (a warning says how much). */
  allowPartial?: boolean;
  /** Repeat frames when the window has fewer than T frames. */
  allowRepeats?: boolean;
  /** Clip a box that extends outside the frame instead of throwing. */
  clipBox?: boolean;
  /** Pad value in raw pixel units (before normalisation). Default 0. */
  padValue?: number;
  /** Frames decoded at once while building the clip (`buildClip`'s `concurrency`, default 4). */
  concurrency?: number;
}

/** The injection time a clip used, and where it came from. */
export interface InjectionTimeInfo {
  /** Seconds from the first frame (negative when the recording began after the injection). */
  time: number;
  /**
   * `'given'` by the caller, the `'default'` 0 (clip starts at injection), `'auto'` (detected
   * arrival − delay), or `'fallback'` (auto found no arrival; the caller's fallback time was used).
   */
  source: 'given' | 'default' | 'auto' | 'fallback';
  /** One sentence saying how the time was obtained (for reports). */
  basis: string;
  /** With `'auto'` (and `'fallback'`): the arrival detection behind the estimate. */
  arrival?: ArrivalEstimate;
}

/** How the clip's boxes were tracked (when `track` was given). */
export interface ClipTrackingReport {
  /** The tracking over the window's frames (or the boxes given), in the cine's coordinates. */
  tracked: TrackedBoxes;
  /** Frames of the window left out for low confidence (empty with `drop: false`). */
  dropped: number[];
  /** `'given'` for precomputed boxes; otherwise where the box was tracked. */
  trackedOn: 'cine' | 'bmode-pane' | 'given';
  basis: string;
}

/** What {@link clipForSpec} returns. */
export interface SpecClip {
  /** The model input, `[1, C, T, H, W]`. */
  clip: ClipTensor;
  /** Frames used, in clip order. */
  frameIndices: number[];
  /** Their start times in seconds from the cine's first frame (NaN-free; index-based for untimed B-mode). */
  frameTimes: number[];
  /** Their times in seconds after injection (equal to `frameTimes` for B-mode). */
  timesAfterInjection: number[];
  /** The box each clip frame was cropped at (all `box` without tracking). */
  boxes: Box[];
  /** The injection time used and its basis (`source: 'auto'` carries the arrival detection). */
  injection: InjectionTimeInfo;
  /** Present when `track` was given. */
  tracking?: ClipTrackingReport;
  /** Coverage, gaps and the rest of the selection. */
  selection: FrameSelection;
  warnings: string[];
}

/**
 * The single spec-driven entry point the model layer calls: resolves the injection time, tracks the
 * box (when asked) and selects the spec's frames in its phase window (`selectFrames` with
 * `spec.frames`, `spec.strategy`), each once, then builds the clip
 * (`buildClip` with `spec.size`, `spec.channels`, `spec.resizeMode`, `spec.normalize`).
 *
 * - `injectionTime: 'auto'` estimates the injection from the contrast arrival in the ROI box
 *   (`estimateInjection`: mean luma, ≤ 4 samples/s, `detectArrival`, minus the 15 s typical
 *   arm-to-liver delay unless `autoInjection.detect.armToLiverDelay` says otherwise); the result's
 *   `injection` reports the time, `source` and `basis`. No detected arrival → `ARRIVAL_NOT_DETECTED`.
 * - `track` follows the box through every frame of the window (`trackRoi`; with `dual`, on the
 *   B-mode pane while cropping the CEUS pane), drops frames below `minConfidence` (reported in
 *   `tracking.dropped`), picks the T frames among the rest and crops each at its tracked box.
 *
 * B-mode specs (`source: 'bmode'`) ignore the injection time; a B-mode cine without timing is
 * sampled by frame index (with a warning), since its time axis does not matter.
 *
 * @example
 * ```ts
 * const spec: ClipSpec = { source: 'ceus', window: PHASES.arterial, frames: 16, size: [112, 112], channels: 1,
 *   normalize: { scale: 1 / 255, mean: [0], std: [1] } };
 * const { clip, frameIndices, warnings } = await clipForSpec(cine, spec, { box, injectionTime: 4.2 });
 * clip.shape; // [1, 1, 16, 112, 112]
 * // Injection from the contrast arrival, crop following the lesion (tracked on the B-mode pane):
 * const r = await clipForSpec(cine, spec, { box, injectionTime: 'auto', track: { search: { x: 8, y: 8 }, dual: true } });
 * r.injection.basis; r.tracking?.dropped;
 * ```
 */
export async function clipForSpec(cine: Cine, spec: ClipSpec, options: ClipForSpecOptions): Promise<SpecClip> {
  if (typeof cine !== 'object' || cine === null || !(cine.frameTimes instanceof Float64Array)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: cine must be a Cine (from openDicomCine or cineFromFrames).');
  }
  checkSpec(spec);
  if (typeof options !== 'object' || options === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: options { box, injectionTime } are required.');
  }
  const warnings: string[] = [];
  const bmode = spec.source === 'bmode';
  const times = clipTimes(cine, bmode);
  if (times !== cine.frameTimes) warnings.push('The B-mode cine has no frame timing; frames were sampled evenly by index.');
  // The ROI box as buildClip will use it (clipped to the frame with clipBox), for measuring and tracking.
  const roiBox = options.clipBox ? checkBox(options.box, { within: { width: cine.width, height: cine.height }, clip: true }).box : options.box;
  const injection = await resolveInjection(cine, roiBox, options, bmode);
  const selectOptions = selectionOptions(spec, options, injection.time);
  let selection: FrameSelection;
  let boxes: Box[];
  let tracking: ClipTrackingReport | undefined;
  if (options.track === undefined) {
    selection = selectFrames(times, spec.window, selectOptions);
    boxes = selection.indices.map(() => roiBox);
  } else {
    // Track (or take the given boxes) over every frame of the window, keep the confident ones,
    // then choose the clip's frames among them.
    // every frame of the window; refuses an uncovered window (PHASE_NOT_COVERED) before any tracking
    const inWindow = selectFrames(times, spec.window, { ...selectOptions, strategy: 'all' }).indices;
    tracking = await trackWindow(cine, roiBox, options.track, inWindow);
    const { frames: trackedFrames, boxes: trackedBoxes } = tracking.tracked;
    const boxOf = new Map<number, Box>(Array.from(trackedFrames, (f, k) => [f, trackedBoxes[k]!]));
    const dropped = new Set(tracking.dropped);
    const kept = inWindow.filter((i) => boxOf.has(i) && !dropped.has(i));
    if (kept.length === 0) {
      throw new SonoriskError('TOO_FEW_FRAMES', `clipForSpec: no frame of window '${spec.window.name}' was tracked with confidence ≥ ${tracking.tracked.minConfidence}; lower minConfidence, widen the search, or pass drop: false.`, { dropped: tracking.dropped.length });
    }
    const keptTimes = Float64Array.from(kept, (i) => times[i]!);
    const sub = selectFrames(keptTimes, spec.window, selectOptions);
    selection = { ...sub, indices: sub.indices.map((k) => kept[k]!), gaps: sub.gaps.map((g) => ({ ...g, afterIndex: kept[g.afterIndex]! })) };
    boxes = selection.indices.map((i) => boxOf.get(i)!);
    if (tracking.dropped.length > 0) {
      warnings.push(`${tracking.dropped.length} of ${inWindow.length} frames in window '${spec.window.name}' were left out: tracking confidence below ${tracking.tracked.minConfidence}.`);
    }
  }
  warnings.push(...selection.warnings);
  if (injection.source === 'fallback') warnings.push(`No contrast arrival was detected; the injection time is the fallback ${injection.time} s.`);
  if (injection.source === 'auto' || injection.source === 'fallback') warnings.push(...(injection.arrival?.warnings ?? []));
  const clip = await buildClip(cine, {
    box: boxes,
    frameIndices: selection.indices,
    size: spec.size,
    channels: spec.channels,
    mode: spec.resizeMode ?? 'area',
    normalize: spec.normalize,
    clipBox: options.clipBox ?? false,
    padValue: options.padValue ?? 0,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  if (clip.shape[2] !== spec.frames && spec.strategy !== 'all') {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `clipForSpec: built ${clip.shape[2]} frames, the spec needs ${spec.frames}.`);
  }
  const frameTimes = selection.indices.map((i) => times[i]!);
  return {
    clip,
    frameIndices: selection.indices,
    frameTimes,
    timesAfterInjection: bmode ? frameTimes : selection.times,
    boxes,
    injection,
    ...(tracking ? { tracking } : {}),
    selection,
    warnings,
  };
}

/** The time axis a clip selects on: the cine's timing, or frame indices for an untimed B-mode cine. */
function clipTimes(cine: Cine, bmode: boolean): ArrayLike<number> {
  if (cine.frameTimes.length === 0 && bmode) return Float64Array.from({ length: cine.frameCount }, (_, i) => i);
  return cine.frameTimes;
}

/** `selectFrames` options of a spec's clip. */
function selectionOptions(spec: ClipSpec, options: ClipForSpecOptions, injectionTime: number) {
  return {
    injectionTime,
    count: spec.frames,
    strategy: spec.strategy ?? 'uniform',
    allowPartial: options.allowPartial ?? false,
    allowRepeats: options.allowRepeats ?? false,
  };
}

/** One clip {@link prefetchClipFrames} plans: a spec and the options `clipForSpec` will get. */
export interface PlannedClip {
  /** The clip's spec, as `clipForSpec` will get it. */
  spec: ClipSpec;
  /** The options `clipForSpec` will get (box, injection time, partial windows…). */
  options: ClipForSpecOptions;
}

/**
 * The frames `clipForSpec(cine, spec, options)` will read, when they are known without reading
 * pixels (a numeric or default injection time, no tracking); `undefined` when they depend on pixels
 * (`injectionTime: 'auto'`, `track`) or when `clipForSpec` would throw (it then throws its own error).
 */
function plannedFrames(cine: Cine, { spec, options }: PlannedClip): readonly number[] | undefined {
  if (typeof options !== 'object' || options === null || options.track !== undefined) return undefined;
  const bmode = spec?.source === 'bmode';
  try {
    const injection = fixedInjection(options, bmode);
    if (!injection) return undefined; // 'auto': measured from pixels
    checkSpec(spec);
    return selectFrames(clipTimes(cine, bmode), spec.window, selectionOptions(spec, options, injection.time)).indices;
  } catch {
    return undefined;
  }
}

/**
 * Tells a remote cine (DICOMweb) every frame that several clips will read, so that it fetches them
 * together — one request where the server allows — instead of one set of requests per clip; the
 * frames stay in the cine's cache for the `clipForSpec` calls that follow. Clips whose frames depend
 * on pixels (`injectionTime: 'auto'`, `track`) are left out (their frames are fetched when built).
 * A cine without `prefetch` (a file) is not touched. Returns the frames asked for, ascending.
 *
 * @example
 * ```ts
 * const cine = await openDicomWebCine(ref, options);
 * const clipOptions = { box, injectionTime: 0 };
 * await prefetchClipFrames(cine, specs.map((spec) => ({ spec, options: clipOptions }))); // one request
 * for (const spec of specs) await clipForSpec(cine, spec, clipOptions); // no further request
 * ```
 */
export async function prefetchClipFrames(cine: Cine, clips: readonly PlannedClip[]): Promise<number[]> {
  if (typeof cine !== 'object' || cine === null || !(cine.frameTimes instanceof Float64Array)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'prefetchClipFrames: cine must be a Cine (from openDicomCine, openDicomWebCine or cineFromFrames).');
  }
  if (!Array.isArray(clips)) throw new SonoriskError('INVALID_ARGUMENT', 'prefetchClipFrames: clips must be an array of { spec, options }.');
  const all = new Set<number>();
  for (const c of clips) for (const i of plannedFrames(cine, c) ?? []) all.add(i);
  const indices = [...all].sort((a, b) => a - b);
  if (indices.length > 0 && typeof cine.prefetch === 'function') await cine.prefetch(indices);
  return indices;
}

/**
 * The injection time when it is known without pixels: 0 for B-mode, 0 when none is given, or the
 * caller's number; `undefined` for `'auto'`. Throws `INVALID_ARGUMENT` for any other value.
 */
function fixedInjection(options: ClipForSpecOptions, bmode: boolean): InjectionTimeInfo | undefined {
  if (bmode) return { time: 0, source: 'default', basis: 'B-mode clips use the whole recording; the injection time is not used.' };
  const given = options.injectionTime;
  if (given === undefined) return { time: 0, source: 'default', basis: 'No injection time given: the clip is taken to start at the injection (0 s).' };
  if (given === 'auto') return undefined;
  if (typeof given !== 'number' || !Number.isFinite(given)) {
    throw new SonoriskError('INVALID_ARGUMENT', `clipForSpec: injectionTime must be a finite number of seconds from the first frame or 'auto', got ${String(given)}.`);
  }
  return { time: given, source: 'given', basis: `Injection time given by the caller: ${given} s from the first frame.` };
}

/**
 * The injection time, once: 0 for B-mode; the caller's number; or (`'auto'`) the arrival measured
 * in the box by `estimateInjection`, with `autoInjection.fallback` when none is detected. Throws
 * `INVALID_ARGUMENT` for a bad value, `ARRIVAL_NOT_DETECTED` when no arrival is found and no
 * fallback is given.
 */
async function resolveInjection(cine: Cine, roiBox: Box, options: ClipForSpecOptions, bmode: boolean): Promise<InjectionTimeInfo> {
  const fixed = fixedInjection(options, bmode);
  if (fixed) return fixed;
  const auto = options.autoInjection ?? {};
  if (typeof auto !== 'object' || auto === null) throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: autoInjection must be an object.');
  const { box: arrivalBox = roiBox, fallback, ...estimate } = auto;
  if (fallback !== undefined && !(typeof fallback === 'number' && Number.isFinite(fallback))) {
    throw new SonoriskError('INVALID_ARGUMENT', `clipForSpec: autoInjection.fallback must be a finite number of seconds from the first frame, got ${String(fallback)}.`);
  }
  const arrival = await estimateInjection(cine, arrivalBox, estimate);
  const est = arrival.injectionTimeEstimate;
  if (!arrival.detected || typeof est !== 'number' || !Number.isFinite(est)) {
    if (fallback !== undefined) {
      return { time: fallback, source: 'fallback', basis: `${arrival.basis} The fallback injection time ${fallback} s from the first frame was used.`, arrival };
    }
    throw new SonoriskError('ARRIVAL_NOT_DETECTED', `clipForSpec: injectionTime 'auto': ${arrival.basis ?? 'no contrast arrival was detected.'} Give the injection time as a number of seconds from the first frame.`, { arrival });
  }
  return { time: est, source: 'auto', basis: arrival.basis, arrival };
}

function isTracked(t: ClipTracking | TrackedBoxes): t is TrackedBoxes {
  return typeof t === 'object' && t !== null && 'boxes' in t && 'frames' in t && 'confidence' in t;
}

async function trackWindow(cine: Cine, box: Box, track: ClipTracking | TrackedBoxes, inWindow: number[]): Promise<ClipTrackingReport> {
  if (typeof track !== 'object' || track === null) throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: track must be tracking options ({ search, minConfidence, dual }) or a trackBox result.');
  if (isTracked(track)) {
    const { dropped } = keepConfident(track);
    const within = { width: cine.width, height: cine.height };
    for (const b of track.boxes) checkBox(b, { within });
    return { tracked: track, dropped, trackedOn: 'given', basis: `Boxes given for ${track.frames.length} tracked frames; ${dropped.length} below confidence ${track.minConfidence}.` };
  }
  const { drop = true, ...roiOptions } = track;
  if (typeof drop !== 'boolean') throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: track.drop must be a boolean.');
  const tracked = await trackRoi(cine, box, { ...roiOptions, frames: inWindow });
  const dropped = drop ? keepConfident(tracked).dropped : [];
  return { tracked, dropped, trackedOn: tracked.trackedOn, basis: tracked.basis };
}

function checkSpec(spec: ClipSpec): void {
  checkClipSpec(spec, 'clipForSpec: spec');
}
