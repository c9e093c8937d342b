/**
 * Time-intensity curves (TICs) of a box over a cine, decoded one frame at a time.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { IntensityCurve } from '../types.js';
import type { Box, Cine, IntensityChannel } from '../../preprocess/index.js';
import { assertBoxInside, assertChannel, assertCine, frameIndices, frameOfSize, regionValues } from '../../preprocess/internal.js';

/**
 * Undo the scanner's log compression before averaging. Video grey level v (0..maxValue) is taken
 * to be proportional to echo power in dB over the display dynamic range, v/maxValue =
 * 10·log10(I/I₀)/DR, so the linear power (relative to the power I₀ shown as black) is
 * `I_lin = 10^(DR · (v / maxValue) / 10)`.
 */
export interface Linearization {
  /** Display dynamic range of the log compression, dB (the scanner's setting for the recording). */
  dynamicRangeDb: number;
  /** Grey level that maps to the top of the range; default 255 for 8-bit frames, 2^bitsStored − 1 for 16-bit. */
  maxValue?: number;
}

/** Options for {@link timeIntensityCurve}. */
export interface TimeIntensityOptions {
  /** Frame indices, strictly increasing; default every frame. */
  frames?: ArrayLike<number>;
  /** Intensity channel (default 'luma'). */
  channel?: IntensityChannel;
  /** Linearise log-compressed grey levels to linear power before averaging. */
  linearize?: Linearization;
}

/**
 * A measured time-intensity curve: per frame, the mean (`intensity`) and median intensity inside the
 * box. It is an {@link IntensityCurve}, so the fits and `detectArrival` take it directly.
 */
export interface TimeIntensityCurve extends IntensityCurve {
  /** Frame start times, seconds from the first frame. */
  t: Float64Array;
  /** Mean of the box's pixels per frame (after linearisation when asked). */
  intensity: Float64Array;
  /** Median of the box's pixels (mean of the two middle values for an even count). */
  median: Float64Array;
  /** The frame indices measured. */
  frames: Int32Array;
  channel: IntensityChannel;
  /** The linearisation applied, or null for raw grey levels. */
  linearize: Required<Linearization> | null;
}

/**
 * Measures the mean and median intensity inside `box` on each frame, decoding the frames one at a
 * time in order (one decoded frame in memory), for perfusion analysis (`fitLognormal`,
 * `detectArrival`). `box` is one box for every frame or one box per measured frame (motion
 * compensation: `trackBox(...).boxes`, with `frames` set to the tracked frames). With `linearize`, each grey level v becomes 10^(DR·v/maxValue/10) first
 * (see {@link Linearization}); the mean of linearised values is what perfusion software fits.
 * Throws `NO_TIMING` when the cine has no frame times, `BOX_OUT_OF_BOUNDS`, `FRAME_OUT_OF_RANGE`,
 * `INVALID_ARGUMENT`.
 *
 * @example
 * ```ts
 * import { fitLognormal, timeIntensityCurve } from 'sonorisk/phases';
 * const tic = await timeIntensityCurve(cine, { x0: 200, y0: 150, x1: 260, y1: 210 }, { linearize: { dynamicRangeDb: 50 } });
 * const fit = fitLognormal(tic);
 * ```
 */
export async function timeIntensityCurve(cine: Cine, box: Box | readonly Box[], options: TimeIntensityOptions = {}): Promise<TimeIntensityCurve> {
  const fn = 'timeIntensityCurve';
  assertCine(cine, options, fn);
  if (cine.frameTimes.length !== cine.frameCount) {
    throw new SonoriskError('NO_TIMING', `${fn}: the cine has no frame times; a curve needs them (give timing to cineFromFrames, e.g. { fps }).`);
  }
  const channel = options.channel ?? 'luma';
  assertChannel(channel, fn);
  const frames = frameIndices(options.frames, cine.frameCount, fn);
  const boxes = Array.isArray(box) ? (box as readonly Box[]) : null;
  if (boxes !== null && boxes.length !== frames.length) {
    throw new SonoriskError('LENGTH_MISMATCH', `${fn}: ${boxes.length} boxes given for ${frames.length} frames; give one box per measured frame (e.g. trackBox(...).boxes with its frames).`);
  }
  for (const b of boxes ?? [box as Box]) assertBoxInside(b, cine.width, cine.height, fn);
  const lin = options.linearize;
  if (lin !== undefined) {
    if (typeof lin !== 'object' || lin === null || typeof lin.dynamicRangeDb !== 'number' || !(lin.dynamicRangeDb > 0 && lin.dynamicRangeDb <= 200)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: linearize.dynamicRangeDb must be a number in (0, 200] dB.`, { linearize: lin });
    }
    if (lin.maxValue !== undefined && !(typeof lin.maxValue === 'number' && Number.isFinite(lin.maxValue) && lin.maxValue > 0)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: linearize.maxValue must be a positive number.`, { maxValue: lin.maxValue });
    }
  }
  const n = frames.length;
  const t = new Float64Array(n);
  const mean = new Float64Array(n);
  const median = new Float64Array(n);
  let buf: Float32Array = new Float32Array(0);
  const hist = new Float64Array(256);
  const lut = new Float64Array(256);
  let used: Required<Linearization> | null = null;
  for (let k = 0; k < n; k++) {
    const index = frames[k]!;
    const frame = await frameOfSize(cine, index, fn);
    const b = boxes === null ? (box as Box) : boxes[k]!;
    const area = (b.x1 - b.x0) * (b.y1 - b.y0);
    buf = regionValues(frame, b, channel, buf);
    let c = 0;
    if (lin !== undefined) {
      const maxValue = lin.maxValue ?? (frame.data instanceof Uint8Array ? 255 : 2 ** (cine.meta.bitsStored ?? 16) - 1);
      used = { dynamicRangeDb: lin.dynamicRangeDb, maxValue };
      c = (lin.dynamicRangeDb / 10 / maxValue) * Math.LN10;
    }
    t[k] = cine.frameTimes[index]!;
    if (frame.data instanceof Uint8Array && (frame.channels === 1 || channel !== 'luma')) {
      // 8-bit integer samples: one histogram gives the mean (through a 256-entry table) and the
      // exact median (the transform is monotonic, so the middle ranks do not change).
      hist.fill(0);
      for (let i = 0; i < area; i++) hist[buf[i]!] = hist[buf[i]!]! + 1;
      for (let v = 0; v < 256; v++) lut[v] = c === 0 ? v : Math.exp(c * v);
      let s = 0;
      for (let v = 0; v < 256; v++) s += hist[v]! * lut[v]!;
      mean[k] = s / area;
      median[k] = (lut[rankValue(hist, (area - 1) >> 1)]! + lut[rankValue(hist, area >> 1)]!) / 2;
      continue;
    }
    if (c !== 0) for (let i = 0; i < area; i++) buf[i] = Math.exp(c * buf[i]!);
    let s = 0;
    for (let i = 0; i < area; i++) s += buf[i]!;
    mean[k] = s / area;
    median[k] = medianInPlace(buf, area);
  }
  return { t, intensity: mean, median, frames, channel, linearize: used };
}

/** The value at 0-based rank `r` of a histogram over 0..255. */
function rankValue(hist: Float64Array, r: number): number {
  let cum = 0;
  for (let v = 0; v < 256; v++) {
    cum += hist[v]!;
    if (cum > r) return v;
  }
  return 255;
}

/** Median of the first `n` values (reorders them): Hoare quickselect, mean of the middle pair when n is even. */
function medianInPlace(a: Float32Array, n: number): number {
  const hi = select(a, 0, n - 1, n >> 1);
  if (n % 2 === 1) return hi;
  // After selecting index n/2, every value below it is ≤ it: the lower middle is their maximum.
  let lo = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) if (a[i]! > lo) lo = a[i]!;
  return (lo + hi) / 2;
}

function select(a: Float32Array, left: number, right: number, k: number): number {
  while (right > left) {
    const pivot = a[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const tmp = a[i]!;
        a[i] = a[j]!;
        a[j] = tmp;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}
