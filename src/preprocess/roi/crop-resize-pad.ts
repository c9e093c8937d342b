import { SonoriskError } from '../../errors.js';
import { checkBox } from './box.js';
import { type GrayConversion, grayWeights } from './gray.js';
import { resizeArea, resizeBilinear } from './resample.js';
import { type OutputSize, type ScalePadPlan, scalePadPlan } from './scale-pad-plan.js';
import type { Box, Frame } from '../types.js';

/** Resampling mode: `'area'` (MONAI `Resize` mode="area", the default) or `'bilinear'`. */
export type ResizeMode = 'area' | 'bilinear';

/** Options for {@link cropResizePad}. */
export interface CropResizePadOptions {
  /** Output size: square side `S` or `[H, W]`. */
  size: OutputSize;
  /** Default `'area'` = `F.interpolate(mode='area')`; `'bilinear'` = align_corners=False, no antialias. */
  mode?: ResizeMode;
  /** Constant for the padding, in raw pixel units (before any normalisation). Default 0. */
  padValue?: number;
  /** Output channels; default the frame's. 1 from RGB uses `gray`; 3 from gray repeats the plane. */
  channels?: 1 | 3;
  /** RGB → gray conversion when `channels` is 1 and the frame is RGB. Default `'bt601'`. */
  gray?: GrayConversion;
}

/** A fully validated crop-resize-pad job, reusable across the frames of one cine. */
export interface CropResizePadJob {
  box: Box;
  plan: ScalePadPlan;
  mode: ResizeMode;
  padValue: number;
  channels: 1 | 3 | undefined;
  weights: [number, number, number];
}

/**
 * Crops `box` out of a frame, scales it proportionally and pads it to `size`, returning
 * channel-first `Float32Array` (C × H × W) in raw pixel units (8- or 16-bit values as floats;
 * `signed` 16-bit frames are read as two's complement).
 *
 * Default semantics are exactly MONAI
 * `Resize(spatial_size=S, size_mode="longest", mode="area")` followed by
 * `SpatialPad(spatial_size=[S, S], method="symmetric", mode="constant")` applied to the crop
 * (see {@link scalePadPlan} for the size rule and the `[H, W]` generalisation). Gray from RGB is
 * computed per pixel (rounded to float32) before resampling.
 *
 * @example
 * ```ts
 * const frame = { width: 4, height: 2, channels: 1 as const, data: new Uint8Array([0, 10, 20, 30, 40, 50, 60, 70]) };
 * const out = cropResizePad(frame, { x0: 0, y0: 0, x1: 4, y1: 2 }, { size: 2 });
 * // area 4×2 → 2×1 ([25, 45]), then symmetric padding puts the odd row after: [25, 45, 0, 0]
 * ```
 */
export function cropResizePad(frame: Frame, box: Box, options: CropResizePadOptions): Float32Array {
  validateFrame(frame);
  const job = prepareCropResizePad(frame, box, options);
  const c = job.channels ?? frame.channels;
  const { outH, outW } = job.plan;
  const out = new Float32Array(c * outH * outW);
  cropResizePadInto(frame, job, out, 0, outH * outW);
  return out;
}

/**
 * Validates options once for a frame size. Internal helper shared with `buildClip`.
 *
 * @example
 * ```ts
 * const job = prepareCropResizePad({ width: 8, height: 8 }, { x0: 0, y0: 0, x1: 8, y1: 8 }, { size: 4 });
 * ```
 */
export function prepareCropResizePad(frameSize: { width: number; height: number }, box: Box, options: CropResizePadOptions): CropResizePadJob {
  if (typeof options !== 'object' || options === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'cropResizePad: options { size } are required.');
  }
  const { mode = 'area', padValue = 0, channels, gray } = options;
  if (mode !== 'area' && mode !== 'bilinear') {
    throw new SonoriskError('INVALID_ARGUMENT', `cropResizePad: mode must be 'area' or 'bilinear', got ${JSON.stringify(mode)}.`);
  }
  if (typeof padValue !== 'number' || !Number.isFinite(padValue)) {
    throw new SonoriskError('INVALID_ARGUMENT', `cropResizePad: padValue must be a finite number, got ${String(padValue)}.`);
  }
  if (channels !== undefined && channels !== 1 && channels !== 3) {
    throw new SonoriskError('INVALID_ARGUMENT', `cropResizePad: channels must be 1 or 3, got ${String(channels)}.`);
  }
  const checked = checkBox(box, { within: { width: frameSize.width, height: frameSize.height } });
  const b = checked.box;
  const plan = scalePadPlan(b.y1 - b.y0, b.x1 - b.x0, options.size);
  return { box: b, plan, mode, padValue, channels, weights: grayWeights(gray) };
}

/**
 * Runs a prepared job on one frame, writing channel `c` at `out[offset + c * channelStride ...]`
 * (H × W, row-major). Internal helper shared with `buildClip`.
 *
 * @example
 * ```ts
 * const out = new Float32Array(16);
 * cropResizePadInto(frame, job, out, 0, 16);
 * ```
 */
export function cropResizePadInto(frame: Frame, job: CropResizePadJob, out: Float32Array, offset: number, channelStride: number): void {
  validateFrame(frame);
  const { box, plan, mode, padValue, weights } = job;
  if (box.x1 > frame.width || box.y1 > frame.height) {
    throw new SonoriskError('BOX_OUT_OF_BOUNDS', `Box ${JSON.stringify(box)} does not fit the ${frame.width}×${frame.height} frame.`, { box });
  }
  const outC = job.channels ?? frame.channels;
  const cw = box.x1 - box.x0;
  const ch = box.y1 - box.y0;
  const plane = new Float32Array(cw * ch);
  const { outH, outW, resizedH, resizedW, padTop, padLeft } = plan;
  const resize = mode === 'area' ? resizeArea : resizeBilinear;
  for (let c = 0; c < outC; c++) {
    const base = offset + c * channelStride;
    if (c > 0 && frame.channels === 1) {
      out.copyWithin(base, offset, offset + outH * outW); // gray repeated into 3 channels
      continue;
    }
    fillPlane(frame, box, plane, outC === 1 && frame.channels === 3 ? weights : c);
    out.fill(padValue, base, base + outH * outW);
    resize(plane, cw, ch, resizedW, resizedH, { out, offset: base + padTop * outW + padLeft, stride: outW });
  }
}

/** Copies one channel (index) or the weighted gray of RGB (weights) of the crop into `plane`. */
function fillPlane(frame: Frame, box: Box, plane: Float32Array, which: number | [number, number, number]): void {
  const { width, channels } = frame;
  // signed 16-bit frames carry two's-complement bit patterns: read them as Int16
  const data = frame.signed && frame.data instanceof Uint16Array ? new Int16Array(frame.data.buffer, frame.data.byteOffset, frame.data.length) : frame.data;
  const cw = box.x1 - box.x0;
  let k = 0;
  if (typeof which === 'number') {
    for (let y = box.y0; y < box.y1; y++) {
      let i = (y * width + box.x0) * channels + which;
      for (let x = 0; x < cw; x++, i += channels) plane[k++] = data[i]!;
    }
    return;
  }
  const [wr, wg, wb] = which;
  for (let y = box.y0; y < box.y1; y++) {
    let i = (y * width + box.x0) * 3;
    for (let x = 0; x < cw; x++, i += 3) plane[k++] = wr * data[i]! + wg * data[i + 1]! + wb * data[i + 2]!;
  }
}

function validateFrame(frame: Frame): void {
  if (typeof frame !== 'object' || frame === null || (frame.channels !== 1 && frame.channels !== 3)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'cropResizePad: frame must be { width, height, channels: 1 | 3, data }.');
  }
  // Uint8ClampedArray is accepted too (canvas ImageData, some decoders hand it out)
  const d: unknown = frame.data;
  if (!(d instanceof Uint8Array) && !(d instanceof Uint16Array) && !(d instanceof Uint8ClampedArray)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'cropResizePad: frame.data must be a Uint8Array or Uint16Array.');
  }
  if (frame.data.length !== frame.width * frame.height * frame.channels) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `cropResizePad: frame data has ${frame.data.length} samples, expected ${frame.width}×${frame.height}×${frame.channels}.`);
  }
}
