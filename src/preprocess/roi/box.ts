import { SonoriskError } from '../../errors.js';
import type { Box, CineMeta, Point } from '../types.js';

/** A frame size to validate a box against. */
export interface BoxBounds {
  width: number;
  height: number;
}

/** Options for {@link boxFromPoints}, {@link boxFromMillimetres} and {@link checkBox}. */
export interface BoxOptions {
  /** Frame size to validate against; when omitted the box is only checked to be non-empty. */
  within?: BoxBounds;
  /**
   * When the box lies partly outside `within`: `false` (default) throws `BOX_OUT_OF_BOUNDS`;
   * `true` clips it to the frame and reports a warning (pushed to `warnings` when given).
   * A box entirely outside the frame always throws.
   */
  clip?: boolean;
  /** Collector for non-fatal messages (e.g. "box clipped"). */
  warnings?: string[];
}

/** Result of {@link checkBox}. */
export interface CheckedBox {
  box: Box;
  /** True when the box was clipped to the frame. */
  clipped: boolean;
  warnings: string[];
}

/**
 * Makes a half-open {@link Box} from the two corner points a reader marked (both inclusive, in
 * any order): `boxFromPoints({x: 10, y: 20}, {x: 19, y: 29})` is columns 10..19 and rows 20..29,
 * i.e. `{ x0: 10, y0: 20, x1: 20, y1: 30 }`. Non-integer coordinates are rounded to the nearest
 * pixel centre first (`Math.round`). With `within`, the box is validated against the frame.
 *
 * @example
 * ```ts
 * boxFromPoints({ x: 120, y: 80 }, { x: 40, y: 30 }); // { x0: 40, y0: 30, x1: 121, y1: 81 }
 * const warnings: string[] = [];
 * boxFromPoints({ x: -5, y: 0 }, { x: 50, y: 50 }, { within: { width: 320, height: 240 }, clip: true, warnings });
 * // { x0: 0, y0: 0, x1: 51, y1: 51 }, warnings[0] says what was clipped
 * ```
 */
export function boxFromPoints(a: Point, b: Point, options: BoxOptions = {}): Box {
  for (const [name, p] of [['a', a], ['b', b]] as const) {
    if (typeof p !== 'object' || p === null || !Number.isFinite(p.x) || !Number.isFinite(p.y)) {
      throw new SonoriskError('INVALID_ARGUMENT', `boxFromPoints: point ${name} must be { x, y } with finite numbers, got ${JSON.stringify(p)}.`, { point: name });
    }
  }
  const ax = Math.round(a.x);
  const ay = Math.round(a.y);
  const bx = Math.round(b.x);
  const by = Math.round(b.y);
  const box: Box = { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx) + 1, y1: Math.max(ay, by) + 1 };
  return finish(box, options, 'boxFromPoints');
}

/** Where {@link boxFromMillimetres} centres the box and how large it is. */
export interface MillimetreBox {
  /** Box centre in pixels (e.g. the tumour centre the reader clicked). */
  center: Point;
  /** Box width and height in millimetres. */
  widthMm: number;
  heightMm: number;
}

/**
 * Makes a box of a physical size (millimetres) around a pixel centre, using the pixel spacing of
 * the ultrasound region (0018,6011) that contains the centre, else `meta.pixelSpacingMm`.
 * Sizes convert as `round(mm / spacing)` pixels (at least 1); the box starts
 * `floor(n / 2)` pixels before the centre. Throws `NO_PIXEL_SPACING` when the cine has no spacing.
 *
 * @example
 * ```ts
 * const meta = { source: 'x', timingSource: 'none', regions: [], warnings: [], pixelSpacingMm: { x: 0.2, y: 0.2 } } as const;
 * boxFromMillimetres({ meta }, { center: { x: 100, y: 100 }, widthMm: 30, heightMm: 20 });
 * // 150×100 pixels: { x0: 25, y0: 50, x1: 175, y1: 150 }
 * ```
 */
export function boxFromMillimetres(
  cine: { meta: Pick<CineMeta, 'regions' | 'pixelSpacingMm'>; width?: number; height?: number },
  spec: MillimetreBox,
  options: BoxOptions = {},
): Box {
  const { center, widthMm, heightMm } = spec ?? ({} as MillimetreBox);
  if (typeof center !== 'object' || center === null || !Number.isFinite(center.x) || !Number.isFinite(center.y)) {
    throw new SonoriskError('INVALID_ARGUMENT', 'boxFromMillimetres: center must be { x, y } in pixels with finite numbers.');
  }
  for (const [name, v] of [['widthMm', widthMm], ['heightMm', heightMm]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new SonoriskError('INVALID_ARGUMENT', `boxFromMillimetres: ${name} must be a positive finite number, got ${String(v)}.`);
    }
  }
  const spacing = spacingAt(cine?.meta, center);
  const w = Math.max(1, Math.round(widthMm / spacing.x));
  const h = Math.max(1, Math.round(heightMm / spacing.y));
  const cx = Math.round(center.x);
  const cy = Math.round(center.y);
  const x0 = cx - Math.floor(w / 2);
  const y0 = cy - Math.floor(h / 2);
  const within = options.within ?? (isSize(cine?.width) && isSize(cine?.height) ? { width: cine.width, height: cine.height } : undefined);
  return finish({ x0, y0, x1: x0 + w, y1: y0 + h }, { ...options, ...(within ? { within } : {}) }, 'boxFromMillimetres');
}

/**
 * Validates a half-open box (integer corners, non-empty) and, with `within`, checks it lies in
 * the frame: partly outside → `BOX_OUT_OF_BOUNDS`, or clipped with a warning when `clip: true`.
 *
 * @example
 * ```ts
 * checkBox({ x0: 300, y0: 10, x1: 340, y1: 50 }, { within: { width: 320, height: 240 }, clip: true });
 * // { box: { x0: 300, y0: 10, x1: 320, y1: 50 }, clipped: true, warnings: ['...'] }
 * ```
 */
export function checkBox(box: Box, options: BoxOptions = {}): CheckedBox {
  if (typeof box !== 'object' || box === null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'Box must be { x0, y0, x1, y1 } (half-open pixel bounds).');
  }
  const { x0, y0, x1, y1 } = box;
  for (const [k, v] of Object.entries({ x0, y0, x1, y1 })) {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new SonoriskError('INVALID_ARGUMENT', `Box ${k} must be an integer, got ${String(v)}; use boxFromPoints to build a box from marked corners.`, { box });
    }
  }
  if (x1 <= x0 || y1 <= y0) {
    throw new SonoriskError('INVALID_ARGUMENT', `Box is empty: need x0 < x1 and y0 < y1, got ${fmt(box)}. Boxes are half-open (x1, y1 exclusive).`, { box });
  }
  const warnings: string[] = [];
  const { within } = options;
  if (within === undefined) return { box: { x0, y0, x1, y1 }, clipped: false, warnings };
  if (!isSize(within.width) || !isSize(within.height)) {
    throw new SonoriskError('INVALID_ARGUMENT', `Frame size must be positive integers, got ${within.width}×${within.height}.`);
  }
  const { width, height } = within;
  if (x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height) return { box: { x0, y0, x1, y1 }, clipped: false, warnings };
  const clipped: Box = { x0: Math.max(0, x0), y0: Math.max(0, y0), x1: Math.min(width, x1), y1: Math.min(height, y1) };
  if (clipped.x1 <= clipped.x0 || clipped.y1 <= clipped.y0) {
    throw new SonoriskError('BOX_OUT_OF_BOUNDS', `Box ${fmt(box)} lies entirely outside the ${width}×${height} frame; mark the corners on this cine's frames.`, { box, width, height });
  }
  if (!options.clip) {
    throw new SonoriskError(
      'BOX_OUT_OF_BOUNDS',
      `Box ${fmt(box)} extends outside the ${width}×${height} frame (valid: 0 ≤ x0 < x1 ≤ ${width}, 0 ≤ y0 < y1 ≤ ${height}). Fix the corners, or pass { clip: true } to clip it to ${fmt(clipped)}.`,
      { box, width, height, clipped },
    );
  }
  warnings.push(`Box ${fmt(box)} was clipped to ${fmt(clipped)} to fit the ${width}×${height} frame.`);
  return { box: clipped, clipped: true, warnings };
}

function finish(box: Box, options: BoxOptions, fn: string): Box {
  if (options.within === undefined) return box;
  try {
    const r = checkBox(box, options);
    options.warnings?.push(...r.warnings);
    return r.box;
  } catch (e) {
    if (e instanceof SonoriskError) throw new SonoriskError(e.code, `${fn}: ${e.message}`, e.details as Record<string, unknown>);
    throw e;
  }
}

function spacingAt(meta: Pick<CineMeta, 'regions' | 'pixelSpacingMm'> | undefined, p: Point): { x: number; y: number } {
  const regions = Array.isArray(meta?.regions) ? meta.regions : [];
  for (const r of regions) {
    if (r.spacingMm && p.x >= r.x0 && p.x <= r.x1 && p.y >= r.y0 && p.y <= r.y1 && validSpacing(r.spacingMm)) return r.spacingMm;
  }
  if (meta?.pixelSpacingMm && validSpacing(meta.pixelSpacingMm)) return meta.pixelSpacingMm;
  throw new SonoriskError(
    'NO_PIXEL_SPACING',
    'boxFromMillimetres: the cine has no pixel spacing (no ultrasound region in cm units contains the centre, and meta.pixelSpacingMm is unset). Give the box in pixels with boxFromPoints instead.',
  );
}

function validSpacing(s: { x: number; y: number }): boolean {
  return Number.isFinite(s.x) && Number.isFinite(s.y) && s.x > 0 && s.y > 0;
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

function fmt(b: Box): string {
  return `{x0: ${b.x0}, y0: ${b.y0}, x1: ${b.x1}, y1: ${b.y1}}`;
}
