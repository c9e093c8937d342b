/**
 * Types shared by phase windows, frame selection and the spec-driven clip builder.
 * @module
 */
import type { ClipNormalization } from '../preprocess/index.js';

/**
 * A time window in seconds after the contrast injection, inclusive at both ends.
 * `end: Infinity` means "to the end of the clip" (B-mode uses the whole clip).
 *
 * @example
 * ```ts
 * const arterial: PhaseWindow = { name: 'arterial', start: 0, end: 45 };
 * ```
 */
export interface PhaseWindow {
  name: string;
  start: number;
  end: number;
}

/** How frames are picked inside a window. */
export type FrameStrategy = 'uniform' | 'all' | 'stride';

/**
 * Everything needed to turn a cine + box into one model's input tensor. The model layer's specs
 * carry one of these; `clipForSpec` (src/phases) consumes it.
 *
 * @example
 * ```ts
 * const spec: ClipSpec = {
 *   source: 'ceus', window: { name: 'arterial', start: 0, end: 45 }, frames: 16,
 *   size: [112, 112], channels: 1, normalize: { scale: 1 / 255, mean: [0], std: [1] },
 * };
 * ```
 */
export interface ClipSpec {
  /** Which recording the clip comes from. */
  source: 'bmode' | 'ceus';
  window: PhaseWindow;
  /** T: number of frames in the clip. */
  frames: number;
  /** Spatial size [H, W] after scale-and-pad. */
  size: [number, number];
  channels: 1 | 3;
  /** Per-channel normalisation `(value * scale - mean[c]) / std[c]` (`buildClip`'s). */
  normalize: ClipNormalization;
  /** Frame selection strategy; default 'uniform'. */
  strategy?: FrameStrategy;
  /** Resampling mode; default 'area' (MONAI Resize mode="area"). */
  resizeMode?: 'area' | 'bilinear';
}

/**
 * A sampled time-intensity curve: times in seconds (strictly increasing) and intensities. What the
 * bolus fits and `detectArrival` read; `timeIntensityCurve`'s result is one (its `intensity` is the
 * box mean), so it can be passed as is.
 *
 * @example
 * ```ts
 * const curve: IntensityCurve = { t: [0, 5, 10, 20], intensity: [2, 30, 22, 12] };
 * ```
 */
export interface IntensityCurve {
  t: ArrayLike<number>;
  intensity: ArrayLike<number>;
}
