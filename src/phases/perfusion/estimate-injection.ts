/**
 * The contrast injection time of a CEUS cine, estimated from the contrast arrival in a box.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { Box, Cine, IntensityChannel } from '../../preprocess/index.js';
import { type ArrivalEstimate, type DetectArrivalOptions, detectArrival } from './detect-arrival.js';
import { type Linearization, timeIntensityCurve } from './time-intensity-curve.js';

/** Options for {@link estimateInjection} (and `clipForSpec`'s `autoInjection`). */
export interface EstimateInjectionOptions {
  /** Intensity channel of the curve (default 'luma'). */
  channel?: IntensityChannel;
  /** Linearise log-compressed grey levels first (see `timeIntensityCurve`); default raw grey levels. */
  linearize?: Linearization;
  /**
   * Highest sampling rate of the curve, samples per second (default 4): frames closer than
   * 1/maxRate s to the previous sample are skipped, so a 15 fps two-minute clip decodes about 480
   * frames instead of 1800. Arrival detection needs a few samples per second at most.
   */
  maxRate?: number;
  /** Passed to `detectArrival` (baseline, k, `armToLiverDelay` — default 15 s —, refinement). */
  detect?: DetectArrivalOptions;
}

/** Frame indices of `times` at most `maxRate` per second (the first frame always). */
function subsample(times: Float64Array, maxRate: number): number[] {
  const step = 1 / maxRate;
  const out: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    if (times[i]! - last >= step * (1 - 1e-9)) {
      out.push(i);
      last = times[i]!;
    }
  }
  return out;
}

/**
 * Estimates when the contrast was injected: the time-intensity curve of `box` (mean intensity,
 * frames subsampled to `maxRate` per second) → `detectArrival` → arrival − `armToLiverDelay`
 * (default {@link TYPICAL_ARM_TO_LIVER_DELAY} = 15 s). Times are seconds from the first frame.
 * The box should hold enhancing tissue that is visible from before the arrival: the ROI box
 * (tumour with surrounding liver) is what `clipForSpec` uses by default; on a dual-display
 * recording it must lie on the contrast pane. Returns the `ArrivalEstimate` (with `detected:
 * false` when no sustained rise was found); `basis` states the box, channel and delay.
 *
 * @example
 * ```ts
 * import { estimateInjection, selectFrames, PHASES } from 'sonorisk/phases';
 * const arrival = await estimateInjection(ceus, box);
 * arrival.injectionTimeEstimate; // e.g. 3.1 (s from the first frame)
 * const { indices } = selectFrames(ceus.frameTimes, PHASES.arterial, { injectionTime: arrival.injectionTimeEstimate ?? 0, count: 16 });
 * ```
 */
export async function estimateInjection(cine: Cine, box: Box, options: EstimateInjectionOptions = {}): Promise<ArrivalEstimate> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'estimateInjection: options must be an object.');
  if (typeof cine !== 'object' || cine === null || !(cine.frameTimes instanceof Float64Array)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'estimateInjection: cine must be a Cine (from openDicomCine or cineFromFrames).');
  }
  const maxRate = options.maxRate ?? 4;
  if (typeof maxRate !== 'number' || !(maxRate > 0 && maxRate <= 1000)) {
    throw new SonoriskError('INVALID_ARGUMENT', `estimateInjection: maxRate must be a number of samples per second in (0, 1000], got ${String(maxRate)}.`);
  }
  if (cine.frameTimes.length !== cine.frameCount) {
    throw new SonoriskError('NO_TIMING', 'estimateInjection: the cine has no frame times, so the contrast arrival cannot be timed; give the injection time as a number, or timing to cineFromFrames.');
  }
  const frames = subsample(cine.frameTimes, maxRate);
  const channel = options.channel ?? 'luma';
  const tic = await timeIntensityCurve(cine, box, { frames, channel, ...(options.linearize ? { linearize: options.linearize } : {}) });
  const a = detectArrival(tic, options.detect ?? {});
  const where = `mean ${channel}${tic.linearize ? ` (linearised, ${tic.linearize.dynamicRangeDb} dB)` : ''} in box x ${box.x0}–${box.x1 - 1}, y ${box.y0}–${box.y1 - 1} over ${frames.length} frames`;
  return { ...a, basis: `${a.basis} Curve: ${where}.` };
}
