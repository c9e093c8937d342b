import { SonoriskError } from '../../errors.js';
import { checkBox } from './box.js';
import { type CropResizePadJob, type CropResizePadOptions, cropResizePadInto, prepareCropResizePad } from './crop-resize-pad.js';
import type { Box, Cine, ClipTensor, Frame } from '../types.js';

/** Per-channel normalisation applied after padding: `(value * scale - mean[c]) / std[c]`. */
export interface ClipNormalization {
  scale: number;
  mean: readonly number[];
  std: readonly number[];
}

/** Options for {@link buildClip}. */
export interface BuildClipOptions extends Omit<CropResizePadOptions, 'channels'> {
  /**
   * Box in the cine's pixel coordinates (half-open): one for every frame, or one per entry of
   * `frameIndices` (motion compensation: the boxes of `trackBox` for those frames).
   */
  box: Box | readonly Box[];
  /** Frames to use, in clip order (T = length). Only these are decoded (`concurrency` at a time). */
  frameIndices: readonly number[];
  /** Output channels C; default the first decoded frame's. */
  channels?: 1 | 3;
  /** Clip a box that extends outside the frame instead of throwing `BOX_OUT_OF_BOUNDS`. */
  clipBox?: boolean;
  /** Normalisation applied to every element (padding included); omitted = raw pixel values. */
  normalize?: ClipNormalization;
  /** Called after each frame is processed (t = position in the clip). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Frames decoded at once (default {@link CLIP_DECODE_CONCURRENCY}, 1 = one at a time): an
   * asynchronous decoder (native JPEG in `sonorisk/node`, frames fetched over the network) then
   * works on several frames in parallel. `cine.frame()` is called up to this many times before
   * the first call resolves; memory grows by at most this many decoded frames. The WASM codecs run
   * on the calling thread, so for them this changes nothing.
   */
  concurrency?: number;
}

/**
 * Default number of frames {@link buildClip} decodes at once: enough to keep libuv's 4 threads
 * (sharp's native JPEG) busy, small enough that memory stays a few frames.
 *
 * @example
 * ```ts
 * await buildClip(cine, { box, frameIndices, size: 112, concurrency: CLIP_DECODE_CONCURRENCY * 2 });
 * ```
 */
export const CLIP_DECODE_CONCURRENCY = 4;

/**
 * Upper bound on C·T·H·W elements of one clip (1 GiB of float32); larger clips throw `LIMIT_EXCEEDED`.
 *
 * @example
 * ```ts
 * 3 * 64 * 112 * 112 < MAX_CLIP_ELEMENTS; // true
 * ```
 */
export const MAX_CLIP_ELEMENTS = 2 ** 28;

/**
 * Builds a model input `ClipTensor` `[1, C, T, H, W]` (NCDHW, float32) from a cine: for each
 * listed frame, in order, decodes it (`cine.frame(i)`), crops the box, scales and pads it with
 * {@link cropResizePad} semantics (MONAI Resize "longest" + symmetric SpatialPad by default) and
 * writes it straight into the tensor, then normalises. Up to `concurrency` frames (default 4) are
 * decoded at once, so memory is the clip plus a few frames. `box` may be one box per frame (e.g. `trackBox` boxes, so the crop
 * follows a moving lesion); boxes of different sizes are each scaled to the same output `size`.
 *
 * @example
 * ```ts
 * const clip = await buildClip(cine, {
 *   box: boxFromPoints({ x: 40, y: 30 }, { x: 200, y: 180 }),
 *   frameIndices: [0, 10, 20, 30], size: 112, channels: 1,
 *   normalize: { scale: 1 / 255, mean: [0], std: [1] },
 * });
 * clip.shape; // [1, 1, 4, 112, 112]
 *
 * // Motion-compensated: crop each frame at its tracked box.
 * const tracked = await trackBox(cine, box, { frames: [0, 10, 20, 30], search: { x: 12, y: 12 } });
 * await buildClip(cine, { box: tracked.boxes, frameIndices: Array.from(tracked.frames), size: 112 });
 * ```
 */
export async function buildClip(cine: Cine, options: BuildClipOptions): Promise<ClipTensor> {
  if (typeof cine !== 'object' || cine === null || typeof cine.frame !== 'function') {
    throw new SonoriskError('INVALID_ARGUMENT', 'buildClip: cine must be a Cine (from openDicomCine or cineFromFrames).');
  }
  if (typeof options !== 'object' || options === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'buildClip: options { box, frameIndices, size } are required.');
  }
  const { frameIndices, normalize, clipBox = false, onProgress } = options;
  if (!Array.isArray(frameIndices) || frameIndices.length === 0) {
    throw new SonoriskError('EMPTY_INPUT', 'buildClip: frameIndices must be a non-empty array of frame indices (see selectFrames).');
  }
  frameIndices.forEach((i, k) => {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= cine.frameCount) {
      throw new SonoriskError('FRAME_OUT_OF_RANGE', `buildClip: frameIndices[${k}] = ${String(i)} is not a frame index in 0..${cine.frameCount - 1}.`, { position: k, index: i, frameCount: cine.frameCount });
    }
  });
  const within = { width: cine.width, height: cine.height };
  const T = frameIndices.length;
  const given = options.box;
  if (Array.isArray(given) && given.length !== T) {
    throw new SonoriskError('LENGTH_MISMATCH', `buildClip: ${given.length} boxes given for ${T} frames; give one box for every frame or one per entry of frameIndices (e.g. the tracked boxes of those frames).`, { boxes: given.length, frames: T });
  }
  const boxes = (Array.isArray(given) ? (given as readonly Box[]) : [given as Box]).map((b) => checkBox(b, { within, clip: clipBox }).box);
  // One crop-resize-pad job per box size (tracked boxes share one size: one job).
  const jobs = new Map<string, CropResizePadJob>();
  const jobFor = (b: Box): CropResizePadJob => {
    const key = `${b.x1 - b.x0}x${b.y1 - b.y0}`;
    let j = jobs.get(key);
    if (j === undefined) {
      j = prepareCropResizePad(within, b, options);
      jobs.set(key, j);
    }
    return { ...j, box: b };
  };
  const job = jobFor(boxes[0]!);
  const { outH, outW } = job.plan;
  let C = options.channels;
  if (C !== undefined && C !== 1 && C !== 3) {
    throw new SonoriskError('INVALID_ARGUMENT', `buildClip: channels must be 1 or 3, got ${String(C)}.`);
  }
  const norm = normalize === undefined ? undefined : checkNormalization(normalize, C);
  let data: Float32Array | undefined;
  const plane = outH * outW;
  const concurrency = options.concurrency ?? CLIP_DECODE_CONCURRENCY;
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1) {
    throw new SonoriskError('INVALID_ARGUMENT', `buildClip: concurrency must be a positive integer, got ${String(concurrency)}.`);
  }
  if (typeof cine.prefetch === 'function') await cine.prefetch(frameIndices);
  // A window of decodes in flight, consumed in clip order; a failure surfaces at its frame's turn.
  const inFlight: Promise<Frame>[] = [];
  let started = 0;
  const startNext = () => {
    const p = cine.frame(frameIndices[started++]!);
    p.catch(() => {}); // observed later, in order; no unhandled rejection if an earlier frame fails
    inFlight.push(p);
  };
  while (started < T && inFlight.length < concurrency) startNext();
  for (let t = 0; t < T; t++) {
    const frame = await inFlight.shift()!;
    if (started < T) startNext();
    if (frame.width !== cine.width || frame.height !== cine.height) {
      throw new SonoriskError('INPUT_SHAPE_MISMATCH', `buildClip: frame ${frameIndices[t]} is ${frame.width}×${frame.height}, the cine says ${cine.width}×${cine.height}.`);
    }
    if (data === undefined) {
      C ??= frame.channels;
      if (norm) checkNormalization(norm, C);
      const n = C * T * plane;
      if (n > MAX_CLIP_ELEMENTS) {
        throw new SonoriskError('LIMIT_EXCEEDED', `buildClip: a ${C}×${T}×${outH}×${outW} clip has ${n} elements, over the limit ${MAX_CLIP_ELEMENTS}; select fewer frames or a smaller size.`);
      }
      data = new Float32Array(n);
    }
    // channel c of frame t lives at ((c * T) + t) * H * W in NCDHW
    const b = boxes.length === 1 ? job : jobFor(boxes[t]!);
    cropResizePadInto(frame, { ...b, channels: C }, data, t * plane, T * plane);
    onProgress?.(t + 1, T);
  }
  const out = data!;
  if (norm) normalizeInPlace(out, norm, C!, T * plane);
  return { data: out, shape: [1, C!, T, outH, outW] };
}

function checkNormalization(n: ClipNormalization, C: number | undefined): ClipNormalization {
  const ok = typeof n === 'object' && n !== null && Number.isFinite(n.scale) && Array.isArray(n.mean) && Array.isArray(n.std);
  if (!ok) {
    throw new SonoriskError('INVALID_ARGUMENT', 'normalize must be { scale, mean: number[], std: number[] }.');
  }
  if (n.mean.length !== n.std.length || n.mean.length === 0 || (C !== undefined && n.mean.length !== 1 && n.mean.length !== C)) {
    throw new SonoriskError('LENGTH_MISMATCH', `normalize.mean and .std need one value per channel (or one for all); got ${n.mean.length} and ${n.std.length} for ${C ?? '?'} channel(s).`);
  }
  if (!n.mean.every(Number.isFinite) || !n.std.every((s) => Number.isFinite(s) && s !== 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'normalize.mean must be finite and normalize.std finite and non-zero.');
  }
  return n;
}

function normalizeInPlace(data: Float32Array, n: ClipNormalization, C: number, perChannel: number): void {
  for (let c = 0; c < C; c++) {
    const mean = n.mean.length === 1 ? n.mean[0]! : n.mean[c]!;
    const std = n.std.length === 1 ? n.std[0]! : n.std[c]!;
    const end = (c + 1) * perChannel;
    for (let i = c * perChannel; i < end; i++) data[i] = (data[i]! * n.scale - mean) / std;
  }
}
