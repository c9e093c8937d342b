import { SonoriskError } from '../../errors.js';
import type { Cine, Frame } from '../types.js';

/**
 * Checks that `value` looks like a {@link Cine} (a `frame` function and an integer frame count)
 * and that `options` is an object; throws `INVALID_ARGUMENT` naming `fn` otherwise.
 *
 * @example
 * ```ts
 * import { assertCine } from '../preprocess/internal.js'; // inside src only
 * assertCine(cine, {}, 'myFunction');
 * ```
 * @internal
 */
export function assertCine(value: unknown, options: unknown, fn: string): asserts value is Cine {
  const c = value as Cine | null;
  if (typeof c !== 'object' || c === null || typeof c.frame !== 'function' || !Number.isInteger(c.frameCount) || c.frameCount < 1) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: cine must be a Cine with at least one frame (openDicomCine / cineFromFrames).`);
  }
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options must be an object.`);
}

/**
 * Decodes frame `index` and checks it has the cine's size; throws `INPUT_SHAPE_MISMATCH` otherwise.
 *
 * @example
 * ```ts
 * import { frameOfSize } from '../preprocess/internal.js'; // inside src only
 * const f = await frameOfSize(cine, 0, 'myFunction');
 * ```
 * @internal
 */
export async function frameOfSize(cine: Cine, index: number, fn: string): Promise<Frame> {
  const frame = await cine.frame(index);
  if (frame.width !== cine.width || frame.height !== cine.height) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `${fn}: frame ${index} is ${frame.width}×${frame.height}, the cine says ${cine.width}×${cine.height}.`, { index });
  }
  return frame;
}

/**
 * Validates an optional list of frame indices (integers in 0..frameCount−1, strictly increasing)
 * and returns it as an Int32Array; `undefined` means every frame. Throws `FRAME_OUT_OF_RANGE` or
 * `INVALID_ARGUMENT` naming `fn`.
 *
 * @example
 * ```ts
 * import { frameIndices } from '../preprocess/internal.js'; // inside src only
 * frameIndices(undefined, 3, 'myFunction'); // Int32Array [0, 1, 2]
 * frameIndices([0, 5], 10, 'myFunction');   // Int32Array [0, 5]
 * ```
 * @internal
 */
export function frameIndices(frames: ArrayLike<number> | undefined, frameCount: number, fn: string): Int32Array {
  if (frames === undefined) return Int32Array.from({ length: frameCount }, (_, i) => i);
  if (frames === null || typeof frames !== 'object' || typeof frames.length !== 'number' || frames.length === 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: frames must be a non-empty array (or typed array) of frame indices.`);
  }
  const out = new Int32Array(frames.length);
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (typeof f !== 'number' || !Number.isInteger(f) || f < 0 || f >= frameCount) {
      throw new SonoriskError('FRAME_OUT_OF_RANGE', `${fn}: frames[${i}] = ${String(f)} is not a frame index in 0..${frameCount - 1}.`, { index: f, frameCount });
    }
    if (i > 0 && f <= out[i - 1]!) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: frames must strictly increase (frames[${i}] = ${f}).`);
    }
    out[i] = f;
  }
  return out;
}
