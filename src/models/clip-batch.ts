import { SonoriskError } from '../errors.js';
import type { ClipTensor } from '../preprocess/index.js';
import type { InputShape } from './runner.js';

/** Clips checked against each other and against the graph: `count` clips of shape `[C, T, H, W]`. */
export interface CheckedClips {
  /** One Float32Array per batch entry (a clip with N > 1 in its first dimension contributes N views). */
  items: Float32Array[];
  /** [C, T, H, W] shared by all items. */
  shape: [number, number, number, number];
}

const AXES = ['N', 'C', 'T', 'H', 'W'] as const;

function shapeOf(clip: unknown, index: number): [number, number, number, number, number] {
  if (typeof clip !== 'object' || clip === null) {
    throw new SonoriskError('INVALID_ARGUMENT', `Clip ${index} is not a ClipTensor ({ data: Float32Array, shape: [N, C, T, H, W] }).`);
  }
  const { data, shape } = clip as Partial<ClipTensor>;
  if (!(data instanceof Float32Array)) {
    const got = data === undefined ? 'undefined' : ((data as object)?.constructor?.name ?? typeof data);
    throw new SonoriskError('INVALID_ARGUMENT', `Clip ${index} data must be a Float32Array, got ${got}; convert with Float32Array.from(...).`, { index, got });
  }
  if (!Array.isArray(shape) || shape.length !== 5 || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Clip ${index} shape must be 5 positive integers [N, C, T, H, W] (NCDHW), got ${JSON.stringify(shape)}.`, { index, shape });
  }
  const n = shape.reduce((a, b) => a * b, 1);
  if (n !== data.length) {
    throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Clip ${index} shape ${JSON.stringify(shape)} holds ${n} values but data has ${data.length}.`, { index, shape, length: data.length });
  }
  return shape as [number, number, number, number, number];
}

/**
 * Checks one clip or a list: Float32 data, 5-D NCDHW shapes that agree with each other and with the
 * graph's stated dimensions (channels, frames, height, width; the batch axis is free), finite values.
 */
export function checkClips(clips: ClipTensor | readonly ClipTensor[], expected: InputShape | undefined): CheckedClips {
  const list: readonly ClipTensor[] = Array.isArray(clips) ? clips : [clips as ClipTensor];
  if (list.length === 0) throw new SonoriskError('EMPTY_INPUT', 'run() needs at least one clip.');
  let common: [number, number, number, number] | undefined;
  const items: Float32Array[] = [];
  list.forEach((clip, index) => {
    const [n, c, t, h, w] = shapeOf(clip, index);
    const rest: [number, number, number, number] = [c, t, h, w];
    if (common === undefined) {
      common = rest;
      if (expected !== undefined) {
        for (let a = 1; a < 5; a++) {
          const want = expected[a];
          if (want !== null && want !== undefined && want !== rest[a - 1]) {
            throw new SonoriskError(
              'INPUT_SHAPE_MISMATCH',
              `Clip shape [${[n, ...rest].join(', ')}] does not fit the model input [${expected.map((d) => d ?? '?').join(', ')}] (NCDHW): ${AXES[a]} is ${rest[a - 1]}, the graph wants ${want}. Build clips with the model's spec.`,
              { shape: [n, ...rest], expected, axis: AXES[a] },
            );
          }
        }
      }
    } else if (rest.some((d, a) => d !== common![a])) {
      throw new SonoriskError('INPUT_SHAPE_MISMATCH', `Clip ${index} shape [${rest.join(', ')}] differs from clip 0 [${common.join(', ')}] (C, T, H, W); a batch needs one shape.`, { index });
    }
    const data = clip.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new SonoriskError('NON_FINITE', `Clip ${index} holds a non-finite value (${data[i]}) at flat index ${i}; check the cine decoding and normalisation.`, { index, at: i, value: data[i] });
      }
    }
    const size = data.length / n;
    for (let b = 0; b < n; b++) items.push(n === 1 ? data : data.subarray(b * size, (b + 1) * size));
  });
  return { items, shape: common! };
}

/** Concatenates `count` items from `start` into one buffer of `slots` items (zero-filled past the end). */
export function packBatch(items: readonly Float32Array[], start: number, count: number, slots: number): Float32Array {
  const first = items[start]!;
  if (count === 1 && slots === 1) return first;
  const size = first.length;
  const out = new Float32Array(size * slots);
  for (let k = 0; k < count; k++) out.set(items[start + k]!, k * size);
  return out;
}

/** Validates a `maxBatch` option (default 8). */
export function maxBatchOption(value: number | undefined): number {
  const v = value ?? 8;
  if (!Number.isInteger(v) || v < 1) throw new SonoriskError('INVALID_ARGUMENT', `maxBatch must be a positive integer, got ${String(value)}.`);
  return v;
}

/**
 * Runs checked items through `runPacked` in batches: up to `maxBatch` per call when the batch axis is
 * dynamic (`staticBatch` null), exactly `staticBatch` per call otherwise (the last call zero-padded and
 * its padding outputs dropped). Returns all outputs, item after item.
 */
export async function runInBatches(
  checked: CheckedClips,
  staticBatch: number | null,
  maxBatch: number,
  runPacked: (data: Float32Array, n: number, shape: readonly number[]) => Promise<Float32Array>,
): Promise<Float32Array> {
  const { items, shape } = checked;
  const slots = staticBatch ?? maxBatch;
  const parts: Float32Array[] = [];
  for (let start = 0; start < items.length; start += slots) {
    const count = Math.min(slots, items.length - start);
    const n = staticBatch ?? count;
    const values = await runPacked(packBatch(items, start, count, n), n, shape);
    parts.push(n === count ? values : values.subarray(0, (values.length / n) * count));
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
