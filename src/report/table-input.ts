/**
 * Shared validation for the table builders' structural inputs.
 * @module
 */
import { SonoriskError } from '../errors.js';

/**
 * Throws unless `v` is a finite number (optionally inside [lo, hi]).
 *
 * @example
 * ```ts
 * finite(0.5, 'auc', 0, 1); // 0.5
 * ```
 */
export function finite(v: unknown, what: string, lo = -Infinity, hi = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    const range = Number.isFinite(lo) || Number.isFinite(hi) ? ` in [${lo}, ${hi}]` : '';
    throw new SonoriskError(typeof v === 'number' && !Number.isFinite(v) ? 'NON_FINITE' : 'INVALID_ARGUMENT', `${what} must be a finite number${range}, got ${String(v)}.`, { value: v });
  }
  return v;
}

/**
 * Throws unless `v` is a whole number ≥ 0.
 *
 * @example
 * ```ts
 * count(12, 'tp'); // 12
 * ```
 */
export function count(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be a whole number >= 0, got ${String(v)}.`, { value: v });
  return v;
}

/**
 * Throws unless `v` is a 95% CI `[lower, upper]` with lower <= upper.
 *
 * @example
 * ```ts
 * interval([0.8, 0.9], 'aucCI', 0, 1); // [0.8, 0.9]
 * ```
 */
export function interval(v: unknown, what: string, lo = -Infinity, hi = Infinity): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be [lower, upper].`, { value: v });
  const a = finite(v[0], `${what}[0]`, lo, hi);
  const b = finite(v[1], `${what}[1]`, lo, hi);
  if (a > b) throw new SonoriskError('INVALID_ARGUMENT', `${what}: lower ${a} exceeds upper ${b}.`, { value: v });
  return [a, b];
}

/**
 * Like {@link finite}, but a missing result (`NaN` or `null`, R's `NA`: e.g. a DeLong CI with one event,
 * a P with zero variance) is accepted and returned as `NaN`, which the formatters print as `NA`.
 *
 * @example
 * ```ts
 * finiteOrNA(Number.NaN, 'p', 0, 1); // NaN
 * finiteOrNA(0.04, 'p', 0, 1); // 0.04
 * ```
 */
export function finiteOrNA(v: unknown, what: string, lo = -Infinity, hi = Infinity): number {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) return Number.NaN;
  return finite(v, what, lo, hi);
}

/**
 * Like {@link interval}, but either bound may be missing (`NaN`/`null`, R's `NA`), printed as `NA`.
 * Finite bounds must still lie in [lo, hi] and, when both are present, lower <= upper.
 *
 * @example
 * ```ts
 * intervalOrNA([Number.NaN, Number.NaN], 'aucCI', 0, 1); // [NaN, NaN]
 * ```
 */
export function intervalOrNA(v: unknown, what: string, lo = -Infinity, hi = Infinity): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be [lower, upper].`, { value: v });
  const a = finiteOrNA(v[0], `${what}[0]`, lo, hi);
  const b = finiteOrNA(v[1], `${what}[1]`, lo, hi);
  if (a > b) throw new SonoriskError('INVALID_ARGUMENT', `${what}: lower ${a} exceeds upper ${b}.`, { value: v });
  return [a, b];
}

/** A table value: NaN (NA) becomes null, as the JSON renderer writes it. */
export function valueOrNull(v: number | undefined): number | null {
  return v === undefined || Number.isNaN(v) ? null : v;
}

/**
 * Throws unless `v` is a non-empty string.
 *
 * @example
 * ```ts
 * label('R-US', 'model'); // 'R-US'
 * ```
 */
export function label(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new SonoriskError('INVALID_ARGUMENT', `${what} must be a non-empty string.`, { value: v });
  return v;
}

/**
 * Throws unless `v` is a non-empty array (at most `max` long).
 *
 * @example
 * ```ts
 * nonEmpty([1], 'entries'); // [1]
 * ```
 */
export function nonEmpty<T>(v: unknown, what: string, max = 10_000): readonly T[] {
  if (!Array.isArray(v)) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be an array.`);
  if (v.length === 0) throw new SonoriskError('EMPTY_INPUT', `${what} is empty.`);
  if (v.length > max) throw new SonoriskError('LIMIT_EXCEEDED', `${what} has ${v.length} entries; at most ${max}.`, { length: v.length });
  return v as T[];
}
