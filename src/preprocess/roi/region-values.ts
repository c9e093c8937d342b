import { SonoriskError } from '../../errors.js';
import type { Box, Frame } from '../types.js';

/**
 * Which intensity to read from a frame: `luma` is ITU-R BT.601 Y′ = 0.299 R + 0.587 G + 0.114 B
 * (the JPEG/DICOM YBR_FULL weights); `r`, `g`, `b` pick one colour channel. Grey frames
 * (`channels: 1`) give their single value for every choice.
 */
export type IntensityChannel = 'luma' | 'r' | 'g' | 'b';

/**
 * Checks that `box` is an integer, non-empty, half-open box inside a `width`×`height` image.
 * Throws `BOX_OUT_OF_BOUNDS` (or `INVALID_ARGUMENT` for non-integers) naming the offending side.
 *
 * @example
 * ```ts
 * import { assertBoxInside } from '../preprocess/internal.js'; // inside src only
 * assertBoxInside({ x0: 10, y0: 10, x1: 50, y1: 40 }, 640, 480, 'myFunction'); // ok
 * ```
 * @internal
 */
export function assertBoxInside(box: Box, width: number, height: number, fn: string): void {
  if (typeof box !== 'object' || box === null) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: box must be { x0, y0, x1, y1 } (half-open pixel box).`);
  }
  const { x0, y0, x1, y1 } = box;
  for (const [k, v] of Object.entries({ x0, y0, x1, y1 })) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: box.${k} must be an integer pixel coordinate, got ${String(v)}.`, { box });
    }
  }
  if (x0 < 0 || y0 < 0 || x1 > width || y1 > height || x1 <= x0 || y1 <= y0) {
    throw new SonoriskError('BOX_OUT_OF_BOUNDS', `${fn}: box {x0: ${x0}, y0: ${y0}, x1: ${x1}, y1: ${y1}} must be non-empty and inside the ${width}×${height} frame.`, { box, width, height });
  }
}

/**
 * Checks an {@link IntensityChannel} value; throws `INVALID_ARGUMENT` naming `fn` otherwise.
 *
 * @example
 * ```ts
 * import { assertChannel } from '../preprocess/internal.js'; // inside src only
 * assertChannel('luma', 'myFunction'); // ok
 * ```
 * @internal
 */
export function assertChannel(channel: unknown, fn: string): asserts channel is IntensityChannel {
  if (channel !== 'luma' && channel !== 'r' && channel !== 'g' && channel !== 'b') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: channel must be 'luma', 'r', 'g' or 'b', got ${String(channel)}.`);
  }
}

/**
 * Reads one channel of the pixels inside `box` into a Float32Array, row-major (box height ×
 * box width). Used for time-intensity curves and template tracking; `out` is reused when large
 * enough so a loop over frames allocates once.
 *
 * @example
 * ```ts
 * import { regionValues } from '../preprocess/internal.js'; // inside src only
 * const frame = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([255, 0, 0, 0, 0, 255]) };
 * regionValues(frame, { x0: 0, y0: 0, x1: 2, y1: 1 }, 'luma'); // Float32Array [76.245, 29.07]
 * ```
 * @internal
 */
export function regionValues(frame: Frame, box: Box, channel: IntensityChannel = 'luma', out?: Float32Array): Float32Array {
  if (typeof frame !== 'object' || frame === null || !frame.data) {
    throw new SonoriskError('INVALID_ARGUMENT', 'regionValues: frame must be a Frame { width, height, channels, data }.');
  }
  assertChannel(channel, 'regionValues');
  assertBoxInside(box, frame.width, frame.height, 'regionValues');
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const dst = out && out.length >= w * h ? out : new Float32Array(w * h);
  const { data, width } = frame;
  if (frame.channels === 1) {
    for (let r = 0; r < h; r++) {
      const src = (box.y0 + r) * width + box.x0;
      const o = r * w;
      for (let c = 0; c < w; c++) dst[o + c] = data[src + c]!;
    }
    return dst;
  }
  const off = channel === 'g' ? 1 : channel === 'b' ? 2 : 0;
  for (let r = 0; r < h; r++) {
    let src = ((box.y0 + r) * width + box.x0) * 3;
    const o = r * w;
    if (channel === 'luma') {
      for (let c = 0; c < w; c++, src += 3) dst[o + c] = 0.299 * data[src]! + 0.587 * data[src + 1]! + 0.114 * data[src + 2]!;
    } else {
      for (let c = 0; c < w; c++, src += 3) dst[o + c] = data[src + off]!;
    }
  }
  return dst;
}
