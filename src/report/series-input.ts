/**
 * Validation of the numeric arrays figures receive, so bad input fails with a SonoriskError
 * before any SVG is written.
 * @module
 */
import { SonoriskError } from '../errors.js';

/**
 * Largest number of points one series may hold (keeps SVG size bounded).
 *
 * @example
 * ```ts
 * if (fpr.length > MAX_SERIES_POINTS) thin(fpr);
 * ```
 */
export const MAX_SERIES_POINTS = 200_000;

/**
 * Copies an array-like of numbers into a `Float64Array`, checking its type and length. With
 * `finite: true` any non-finite value is an error; otherwise non-finite values are kept (they
 * break lines) but a series with no finite value is an error.
 *
 * @example
 * ```ts
 * numericSeries([0, 0.5, 1], 'fpr', 'R-US', { range: [0, 1], finite: true });
 * ```
 */
export function numericSeries(
  values: unknown,
  field: string,
  owner: string,
  options: { range?: readonly [number, number]; finite?: boolean; minLength?: number } = {},
): Float64Array {
  if (values === null || typeof values !== 'object' || typeof (values as ArrayLike<number>).length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${owner}: "${field}" must be an array of numbers.`, { field, owner });
  }
  const a = values as ArrayLike<unknown>;
  const n = a.length;
  if (!Number.isInteger(n) || n > MAX_SERIES_POINTS) {
    throw new SonoriskError('LIMIT_EXCEEDED', `${owner}: "${field}" has ${n} points; at most ${MAX_SERIES_POINTS} are plotted. Thin the series first.`, { field, owner, length: n });
  }
  const minLength = options.minLength ?? 2;
  if (n < minLength) {
    throw new SonoriskError('EMPTY_INPUT', `${owner}: "${field}" needs at least ${minLength} value(s), got ${n}.`, { field, owner, length: n });
  }
  const out = new Float64Array(n);
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v !== 'number') throw new SonoriskError('INVALID_ARGUMENT', `${owner}: "${field}"[${i}] is not a number.`, { field, owner, index: i });
    if (Number.isFinite(v)) {
      finite++;
      if (options.range && (v < options.range[0] || v > options.range[1])) {
        throw new SonoriskError('INVALID_ARGUMENT', `${owner}: "${field}"[${i}] = ${v} lies outside [${options.range[0]}, ${options.range[1]}].`, { field, owner, index: i, value: v });
      }
    } else if (options.finite) {
      throw new SonoriskError('NON_FINITE', `${owner}: "${field}"[${i}] is ${String(v)}; every value must be finite.`, { field, owner, index: i });
    }
    out[i] = v;
  }
  if (finite === 0) throw new SonoriskError('NON_FINITE', `${owner}: "${field}" has no finite value to plot.`, { field, owner });
  return out;
}

/**
 * Throws `LENGTH_MISMATCH` unless all named arrays have the same length.
 *
 * @example
 * ```ts
 * sameLength('R-US', { fpr: [0, 1], tpr: [0, 1] });
 * ```
 */
export function sameLength(owner: string, arrays: Record<string, ArrayLike<number>>): void {
  const entries = Object.entries(arrays);
  const n0 = entries[0]?.[1].length;
  for (const [name, a] of entries) {
    if (a.length !== n0) {
      const lengths = Object.fromEntries(entries.map(([k, v]) => [k, v.length]));
      throw new SonoriskError('LENGTH_MISMATCH', `${owner}: ${entries.map(([k]) => k).join(', ')} must have the same length; got ${JSON.stringify(lengths)} (${name} differs).`, { owner, lengths });
    }
  }
}

/**
 * Checks a series name: a non-empty string of at most 200 characters.
 *
 * @example
 * ```ts
 * seriesName('R-US', 0); // 'R-US'
 * ```
 */
export function seriesName(name: unknown, index: number): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new SonoriskError('INVALID_ARGUMENT', `Series ${index} needs a non-empty name (at most 200 characters).`, { index });
  }
  return name;
}

/**
 * Checks that `series` is a non-empty array (at most `max` entries).
 *
 * @example
 * ```ts
 * seriesList([{ name: 'a' }], 'rocFigure');
 * ```
 */
export function seriesList<T>(series: unknown, what: string, max = 16): readonly T[] {
  if (!Array.isArray(series)) throw new SonoriskError('INVALID_ARGUMENT', `${what}: expected an array of series.`);
  if (series.length === 0) throw new SonoriskError('EMPTY_INPUT', `${what}: the series list is empty; pass at least one.`);
  if (series.length > max) throw new SonoriskError('LIMIT_EXCEEDED', `${what}: ${series.length} series is more than ${max} can be told apart; split the figure.`, { count: series.length });
  return series as T[];
}
