import { SonoriskError } from '../../errors.js';
import { roundHalfEven } from '../../numeric/index.js';

/** Output size of scale-and-pad: a square side `S` or `[H, W]`. */
export type OutputSize = number | readonly [number, number];

/** Where the resized crop lands inside the padded output. */
export interface ScalePadPlan {
  /** Output height and width (the padded size). */
  outH: number;
  outW: number;
  /** Size of the resized crop before padding. */
  resizedH: number;
  resizedW: number;
  /** Padding before/after along each axis (MONAI symmetric: the odd pixel goes after). */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  /** The scale factor applied to both axes. */
  scale: number;
}

/**
 * Largest output side accepted (guards against unbounded allocation).
 *
 * @example
 * ```ts
 * parseSize(MAX_OUTPUT_SIDE + 1); // throws INVALID_ARGUMENT
 * ```
 */
export const MAX_OUTPUT_SIDE = 4096;

/**
 * Plans the proportional scale-and-pad of an `inH × inW` crop into `size`.
 *
 * - Square `S` (or `[S, S]`): exactly MONAI `Resize(spatial_size=S, size_mode="longest")`:
 *   `scale = S / max(inH, inW)`, new side = Python `round(side * scale)` (half to even).
 * - `[H, W]`: the same rule generalised, `scale = min(H / inH, W / inW)` (for H = W this equals
 *   `S / max(inH, inW)` bit for bit), new side = `round(side * scale)` clamped to `[1, H]`/`[1, W]`.
 *   A side that would round to 0 (very elongated crops) becomes 1, where MONAI would fail.
 * - Padding: MONAI `SpatialPad(method="symmetric")`: `before = floor(extra / 2)`, `after = extra − before`.
 *
 * @example
 * ```ts
 * scalePadPlan(100, 150, 112); // resized 75×112, padTop 18, padBottom 19
 * ```
 */
export function scalePadPlan(inH: number, inW: number, size: OutputSize): ScalePadPlan {
  if (!isPosInt(inH) || !isPosInt(inW)) {
    throw new SonoriskError('INVALID_ARGUMENT', `Crop size must be positive integers, got ${inH}×${inW}.`);
  }
  const [outH, outW] = parseSize(size);
  const scale = outH === outW ? outH / Math.max(inH, inW) : Math.min(outH / inH, outW / inW);
  const resizedH = Math.min(outH, Math.max(1, roundHalfEven(inH * scale)));
  const resizedW = Math.min(outW, Math.max(1, roundHalfEven(inW * scale)));
  const padTop = Math.floor((outH - resizedH) / 2);
  const padLeft = Math.floor((outW - resizedW) / 2);
  return {
    outH,
    outW,
    resizedH,
    resizedW,
    padTop,
    padBottom: outH - resizedH - padTop,
    padLeft,
    padRight: outW - resizedW - padLeft,
    scale,
  };
}

/**
 * Normalises an {@link OutputSize} to `[H, W]`, validating it.
 *
 * @example
 * ```ts
 * parseSize(112); // [112, 112]
 * ```
 */
export function parseSize(size: OutputSize): [number, number] {
  const hw: unknown[] = typeof size === 'number' ? [size, size] : Array.isArray(size) ? [...size] : [];
  if (hw.length !== 2 || !hw.every((v) => isPosInt(v) && v <= MAX_OUTPUT_SIDE)) {
    throw new SonoriskError(
      'INVALID_ARGUMENT',
      `size must be a positive integer S or [H, W] (each ≤ ${MAX_OUTPUT_SIDE}), got ${JSON.stringify(size)}.`,
      { size },
    );
  }
  return hw as [number, number];
}

function isPosInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}
