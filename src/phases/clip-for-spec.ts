import { SonoriskError } from '../errors.js';
import { type Box, type Cine, type ClipTensor, buildClip } from '../preprocess/index.js';
import { type FrameSelection, selectFramesDetailed } from './select-frames.js';
import type { ClipSpec } from './types.js';

/** Options for {@link clipForSpec}. */
export interface ClipForSpecOptions {
  /** ROI box in the cine's pixels (see boxFromPoints). */
  box: Box;
  /** Injection time, seconds from the cine's first frame (negative if recording began after it). Ignored for B-mode. Default 0. */
  injectionTime?: number;
  /** Use the covered part of a window the clip covers only in part (a warning says how much). */
  allowPartial?: boolean;
  /** Repeat frames when the window has fewer than T frames. */
  allowRepeats?: boolean;
  /** Clip a box that extends outside the frame instead of throwing. */
  clipBox?: boolean;
  /** Pad value in raw pixel units (before normalisation). Default 0. */
  padValue?: number;
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
  /** Coverage, gaps and the rest of the selection. */
  selection: FrameSelection;
  warnings: string[];
}

/**
 * The single spec-driven entry point the model layer calls: selects the spec's frames in its
 * phase window (`selectFramesDetailed` with `spec.frames`, `spec.strategy`), then builds the clip
 * (`buildClip` with `spec.size`, `spec.channels`, `spec.resizeMode`, `spec.normalize`).
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
  let times: ArrayLike<number> = cine.frameTimes;
  if (times.length === 0 && bmode) {
    times = Float64Array.from({ length: cine.frameCount }, (_, i) => i);
    warnings.push('The B-mode cine has no frame timing; frames were sampled evenly by index.');
  }
  const selection = selectFramesDetailed(times, spec.window, {
    injectionTime: bmode ? 0 : (options.injectionTime ?? 0),
    count: spec.frames,
    strategy: spec.strategy ?? 'uniform',
    allowPartial: options.allowPartial ?? false,
    allowRepeats: options.allowRepeats ?? false,
  });
  warnings.push(...selection.warnings);
  const clip = await buildClip(cine, {
    box: options.box,
    frameIndices: selection.indices,
    size: spec.size,
    channels: spec.channels,
    mode: spec.resizeMode ?? 'area',
    normalize: spec.normalize,
    clipBox: options.clipBox ?? false,
    padValue: options.padValue ?? 0,
  });
  if (clip.shape[2] !== spec.frames && spec.strategy !== 'all') {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `clipForSpec: built ${clip.shape[2]} frames, the spec needs ${spec.frames}.`);
  }
  const frameTimes = selection.indices.map((i) => times[i]!);
  return { clip, frameIndices: selection.indices, frameTimes, timesAfterInjection: bmode ? frameTimes : selection.times, selection, warnings };
}

function checkSpec(spec: ClipSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new SonoriskError('INVALID_ARGUMENT', 'clipForSpec: spec must be a ClipSpec.');
  if (spec.source !== 'bmode' && spec.source !== 'ceus') {
    throw new SonoriskError('INVALID_ARGUMENT', `clipForSpec: spec.source must be 'bmode' or 'ceus', got ${JSON.stringify(spec.source)}.`);
  }
  if (!Number.isInteger(spec.frames) || spec.frames <= 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `clipForSpec: spec.frames (T) must be a positive integer, got ${String(spec.frames)}.`);
  }
  if (spec.channels !== 1 && spec.channels !== 3) {
    throw new SonoriskError('INVALID_ARGUMENT', `clipForSpec: spec.channels must be 1 or 3, got ${String(spec.channels)}.`);
  }
}
