import { SonoriskError } from '../../errors.js';
import type { Cine, CineMeta, Frame } from '../types.js';

/** Timing for {@link cineFromFrames}: a constant frame rate or explicit start times (seconds). */
export type FrameTiming = { fps: number } | { frameTimes: ArrayLike<number> };

/** Options for {@link cineFromFrames}. */
export interface CineFromFramesOptions {
  /** Number of frames; required when frames come from a function. */
  frameCount?: number;
  /** Frame size; required when frames come from a function. */
  width?: number;
  height?: number;
  /** Extra metadata merged into `meta`. */
  meta?: Partial<CineMeta>;
}

/**
 * Makes a {@link Cine} from frames decoded elsewhere (WebCodecs, ffmpeg, image sequences), so every
 * later step works on any source. Frames come as an array or as an async function of the index.
 * Timing is a frame rate or explicit start times in seconds (strictly increasing, finite).
 *
 * @example
 * ```ts
 * const frames = [0, 1, 2].map(() => ({ width: 4, height: 4, channels: 1 as const, data: new Uint8Array(16) }));
 * const cine = cineFromFrames(frames, { fps: 15 });
 * cine.frameTimes; // Float64Array [0, 0.0667, 0.1333]
 * ```
 */
export function cineFromFrames(
  frames: readonly Frame[] | ((index: number) => Promise<Frame>),
  timing: FrameTiming,
  options: CineFromFramesOptions = {},
): Cine {
  const isFn = typeof frames === 'function';
  if (!isFn && !Array.isArray(frames)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'cineFromFrames: frames must be an array of Frame or a function (index) => Promise<Frame>.');
  }
  let width: number;
  let height: number;
  let frameCount: number;
  if (isFn) {
    const { frameCount: n, width: w, height: h } = options;
    if (!isPositiveInt(n) || !isPositiveInt(w) || !isPositiveInt(h)) {
      throw new SonoriskError('INVALID_ARGUMENT', 'cineFromFrames: when frames is a function, options.frameCount, width and height must be positive integers.', { frameCount: n, width: w, height: h });
    }
    [width, height, frameCount] = [w, h, n];
  } else {
    const list = frames as readonly Frame[];
    if (list.length === 0) throw new SonoriskError('EMPTY_INPUT', 'cineFromFrames: no frames given.');
    for (const [i, f] of list.entries()) validateFrame(f, i);
    const first = list[0]!;
    [width, height, frameCount] = [first.width, first.height, list.length];
    list.forEach((f, i) => {
      if (f.width !== width || f.height !== height) {
        throw new SonoriskError('INPUT_SHAPE_MISMATCH', `cineFromFrames: frame ${i} is ${f.width}×${f.height} but frame 0 is ${width}×${height}; all frames must have one size.`, { index: i });
      }
    });
  }
  const frameTimes = timesFrom(timing, frameCount);
  const meta: CineMeta = { source: 'frames', timingSource: 'caller', regions: [], warnings: [], ...options.meta };
  const get = async (index: number): Promise<Frame> => {
    if (!Number.isInteger(index) || index < 0 || index >= frameCount) {
      throw new SonoriskError('FRAME_OUT_OF_RANGE', `Frame index ${index} is outside 0..${frameCount - 1}.`, { index, frameCount });
    }
    if (!isFn) return (frames as readonly Frame[])[index]!;
    const f = await (frames as (i: number) => Promise<Frame>)(index);
    validateFrame(f, index);
    if (f.width !== width || f.height !== height) {
      throw new SonoriskError('INPUT_SHAPE_MISMATCH', `cineFromFrames: frame ${index} is ${f.width}×${f.height}, expected ${width}×${height}.`, { index });
    }
    return f;
  };
  return { width, height, frameCount, frameTimes, meta, frame: get };
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function validateFrame(f: Frame, i: number): void {
  if (typeof f !== 'object' || f === null || !isPositiveInt(f.width) || !isPositiveInt(f.height) || (f.channels !== 1 && f.channels !== 3)) {
    throw new SonoriskError('INVALID_ARGUMENT', `Frame ${i} must be { width, height, channels: 1 | 3, data } with positive integer sizes.`, { index: i });
  }
  if (!(f.data instanceof Uint8Array) && !(f.data instanceof Uint16Array)) {
    throw new SonoriskError('INVALID_ARGUMENT', `Frame ${i}: data must be a Uint8Array or Uint16Array.`, { index: i });
  }
  if (f.data.length !== f.width * f.height * f.channels) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Frame ${i}: data has ${f.data.length} samples, expected width×height×channels = ${f.width * f.height * f.channels}.`, { index: i });
  }
}

function timesFrom(timing: FrameTiming, n: number): Float64Array {
  if (typeof timing !== 'object' || timing === null) {
    throw new SonoriskError('NO_TIMING', 'cineFromFrames: give timing as { fps } or { frameTimes }.');
  }
  if ('fps' in timing) {
    const { fps } = timing;
    if (typeof fps !== 'number' || !Number.isFinite(fps) || fps <= 0) {
      throw new SonoriskError('INVALID_ARGUMENT', `cineFromFrames: fps must be a positive finite number, got ${String(fps)}.`);
    }
    return Float64Array.from({ length: n }, (_, i) => i / fps);
  }
  const t = timing.frameTimes;
  if (t == null || typeof t.length !== 'number' || t.length !== n) {
    throw new SonoriskError('LENGTH_MISMATCH', `cineFromFrames: frameTimes has ${t?.length} entries for ${n} frames.`);
  }
  const out = Float64Array.from(t);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i]!)) throw new SonoriskError('NON_FINITE', `cineFromFrames: frameTimes[${i}] is not finite.`);
    if (i > 0 && out[i]! <= out[i - 1]!) throw new SonoriskError('INVALID_ARGUMENT', `cineFromFrames: frameTimes must strictly increase (index ${i}).`);
  }
  return out;
}
