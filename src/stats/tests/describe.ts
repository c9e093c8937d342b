import { SonoriskError } from '../../errors.js';
import { sortedQuantile7 } from '../option-checks.js';

/** Summary of one numeric variable, as a baseline table reports it. */
export interface Description {
  /** Non-missing values. */
  n: number;
  /** Missing values (`null`, `undefined`, `NaN`). */
  missing: number;
  mean: number;
  /** Sample SD (n − 1 denominator); `NaN` when n < 2. */
  sd: number;
  median: number;
  /** 25th percentile, R's `quantile(type = 7)`. */
  q1: number;
  /** 75th percentile, R's `quantile(type = 7)`. */
  q3: number;
  min: number;
  max: number;
}

function presentValues(values: ArrayLike<number | null | undefined>, fn: string): { x: Float64Array; missing: number } {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: values must be an array or typed array of numbers.`);
  }
  const tmp: number[] = [];
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      missing++;
      continue;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SonoriskError('NON_FINITE', `${fn}: values[${i}] is ${String(v)}; only finite numbers or missing (null/NaN) are allowed.`, {
        index: i,
        value: v,
      });
    }
    tmp.push(v);
  }
  return { x: Float64Array.from(tmp), missing };
}

/**
 * Sample quantiles by R's default definition (`quantile(x, probs, type = 7)`). Missing values
 * (`null`, `NaN`) are dropped as `na.rm = TRUE` does; an empty sample gives `NaN`s.
 *
 * @throws SonoriskError `NON_FINITE` for ±Infinity, `INVALID_ARGUMENT` for probabilities outside [0, 1].
 * @example
 * ```ts
 * import { quantile } from 'sonorisk/stats';
 * quantile([1, 2, 3, 4, 10], [0.25, 0.5, 0.75]); // [2, 3, 4]
 * ```
 */
export function quantile(values: ArrayLike<number | null | undefined>, probs: ArrayLike<number>): number[] {
  const { x } = presentValues(values, 'quantile');
  x.sort();
  const out: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      throw new SonoriskError('INVALID_ARGUMENT', `quantile: probs[${i}] must be in [0, 1], got ${String(p)}.`);
    }
    out.push(sortedQuantile7(x, p));
  }
  return out;
}

/**
 * n, missing, mean, SD, median, P25/P75 (R's quantile type 7), min and max of a numeric variable,
 * matching R's `mean`, `sd`, `quantile`. Missing values are counted and dropped; with no values
 * the statistics are `NaN`.
 *
 * @throws SonoriskError `NON_FINITE` for ±Infinity.
 * @example
 * ```ts
 * import { describe } from 'sonorisk/stats';
 * describe([4.1, 5.0, null, 6.2, 3.3]);
 * // { n: 4, missing: 1, mean: 4.65, sd: 1.26…, median: 4.55, q1: 3.9, q3: 5.3, min: 3.3, max: 6.2 }
 * ```
 */
export function describe(values: ArrayLike<number | null | undefined>): Description {
  const { x, missing } = presentValues(values, 'describe');
  const n = x.length;
  if (n === 0) {
    const nan = Number.NaN;
    return { n, missing, mean: nan, sd: nan, median: nan, q1: nan, q3: nan, min: nan, max: nan };
  }
  // R's mean: sum/n refined by the mean residual (long-double accumulation emulated by a second pass)
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  let mean = s / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += x[i]! - mean;
  mean += r / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - mean) ** 2;
  x.sort();
  return {
    n,
    missing,
    mean,
    sd: n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1)),
    median: sortedQuantile7(x, 0.5),
    q1: sortedQuantile7(x, 0.25),
    q3: sortedQuantile7(x, 0.75),
    min: x[0]!,
    max: x[n - 1]!,
  };
}
