import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, type NumericArray, requireBothClasses, toBinaryLabels, toFiniteScores } from '../binary-outcome.js';
import { checkInteger, checkLevel, checkOptionKeys, checkSeed, sortedQuantile7 } from '../option-checks.js';
import { makeResampler } from '../resampling/bootstrap.js';
import { createRng } from '../resampling/rng.js';
import { lowess, lowessAt } from './lowess.js';

/** Options of {@link flexibleCalibration}. */
export interface FlexibleCalibrationOptions {
  /** Smooth on logit(p) (default true, pmcalibration's `logitp = TRUE`); false smooths on p. */
  logit?: boolean;
  /** Points of the plotted curve, equally spaced from min(p) to max(p) (default 100, pmcalibration `neval`). */
  points?: number;
  /** Bootstrap replicates for percentile intervals (default 1000; 0 = none). */
  replicates?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed (default 1). */
  seed?: number | string;
}

/** Calibration metrics from d = |p − smoothed observed risk| at every patient's prediction. */
export interface FlexibleCalibrationMetrics {
  /** Integrated calibration index: mean(d) (pmcalibration `Eavg`). */
  ici: number;
  e50: number;
  e90: number;
  emax: number;
  /** Estimated calibration index: 100 · mean(d²) (Van Hoorde et al. 2015). */
  eci: number;
}

/** A percentile interval per metric. */
export type FlexibleCalibrationIntervals = { [K in keyof FlexibleCalibrationMetrics]: [number, number] };

/** Result of {@link flexibleCalibration}. */
export interface FlexibleCalibration {
  n: number;
  metrics: FlexibleCalibrationMetrics;
  /** Percentile bootstrap intervals of the metrics (absent with `replicates: 0`). */
  ci?: FlexibleCalibrationIntervals;
  /** Smoothed observed risk on a grid of predicted risk, with pointwise percentile intervals. */
  curve: { predicted: Float64Array; observed: Float64Array; lower?: Float64Array; upper?: Float64Array };
  level: number;
  replicates: number;
}

const METRICS = ['ici', 'e50', 'e90', 'emax', 'eci'] as const;

/** Most replicates × observations of bootstrapped lowess fits (about a minute of work). Internal. */
export const WORK_LIMIT = 20_000_000;

/** pmcalibration's cal_metrics on the smoothed risks `pc` at predictions `p`. */
function metricsOf(p: Float64Array, pc: Float64Array): number[] {
  const d = Float64Array.from(p, (v, i) => Math.abs(v - pc[i]!));
  let s = 0;
  let s2 = 0;
  for (const v of d) {
    s += v;
    s2 += v * v;
  }
  d.sort();
  return [s / d.length, sortedQuantile7(d, 0.5), sortedQuantile7(d, 0.9), d[d.length - 1]!, (100 * s2) / d.length];
}

/**
 * Flexible (smoothed) calibration curve and the calibration metrics of Austin & Steyerberg (2019) —
 * ICI (mean absolute difference between predicted and smoothed observed risk), E50, E90, Emax and
 * ECI — as pmcalibration's `pmcalibration(y, p, smooth = "lowess", ci = "boot")`: lowess with
 * `iter = 0` of y on logit(p), evaluated at each prediction and on `points` equally spaced
 * predictions (nearest end value outside the range, approx `rule = 2`), and percentile bootstrap
 * intervals refitting the smooth on each resample of patients.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `PROBABILITY_OUT_OF_RANGE` (outside [0, 1], or exactly 0 or 1 on the logit scale),
 * `TOO_FEW_OBSERVATIONS`, `INVALID_ARGUMENT`, `LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { flexibleCalibration } from 'sonorisk/stats';
 * const c = flexibleCalibration(labels, probs, { replicates: 1000, seed: 1 });
 * c.metrics.ici; c.ci?.ici; c.metrics.e90; c.curve.predicted; c.curve.observed;
 * ```
 */
export function flexibleCalibration(labels: BinaryLabels, probs: NumericArray, options: FlexibleCalibrationOptions = {}): FlexibleCalibration {
  const fn = 'flexibleCalibration';
  checkOptionKeys(options, ['logit', 'points', 'replicates', 'level', 'seed'], fn);
  const y = toBinaryLabels(labels, fn);
  const n = y.length;
  const p = toFiniteScores(probs, n, fn, 'probs');
  const useLogit = options.logit ?? true;
  if (typeof useLogit !== 'boolean') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: logit must be a boolean.`);
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    if (v < 0 || v > 1 || (useLogit && (v === 0 || v === 1))) {
      throw new SonoriskError(
        'PROBABILITY_OUT_OF_RANGE',
        `${fn}: probs[${i}] = ${v}; ${v < 0 || v > 1 ? 'probabilities must lie in [0, 1]' : 'a probability of exactly 0 or 1 has no logit (R would give NaN) — smooth on the probability scale with { logit: false } or bound the predictions away from 0 and 1'}.`,
        { index: i, value: v },
      );
    }
  }
  if (n < 3) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: needs at least 3 observations, got ${n}.`, { n, min: 3 });
  requireBothClasses(y, fn);
  const points = checkInteger(options.points, 100, 2, 100_000, fn, 'points');
  const reps = checkInteger(options.replicates, 1000, 0, 100_000, fn, 'replicates');
  const level = checkLevel(options.level, fn);
  if (reps * points > 50_000_000) throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${reps} replicates × ${points} points is too many values to keep.`);
  if (reps * n > WORK_LIMIT) {
    throw new SonoriskError(
      'LIMIT_EXCEEDED',
      `${fn}: ${reps} replicates of a lowess fit on ${n} predictions would take too long; use at most ${Math.floor(WORK_LIMIT / n)} replicates.`,
      { replicates: reps, n, limit: Math.floor(WORK_LIMIT / n) },
    );
  }
  const tr = (v: number): number => (useLogit ? Math.log(v / (1 - v)) : v);
  const x = Float64Array.from(p, tr);
  let lo = p[0]!;
  let hi = p[0]!;
  for (const v of p) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const predicted = Float64Array.from({ length: points }, (_, k) => lo + ((hi - lo) * k) / (points - 1));
  const xp = Float64Array.from(predicted, tr);
  const smoothAt = (xs: Float64Array, ys: Uint8Array, ps: Float64Array): { m: number[]; curve: Float64Array } => {
    const s = lowess(xs, ys, { iter: 0 });
    return { m: metricsOf(ps, lowessAt(s, xs, 2)), curve: lowessAt(s, xp, 2) };
  };
  const main = smoothAt(x, y, p);
  const metrics = Object.fromEntries(METRICS.map((k, j) => [k, main.m[j]!])) as unknown as FlexibleCalibrationMetrics;
  const result: FlexibleCalibration = { n, metrics, curve: { predicted, observed: main.curve }, level, replicates: reps };
  if (reps === 0) return result;
  const rng = createRng(checkSeed(options.seed, fn));
  const { draw } = makeResampler(n, false, fn);
  const idx = new Int32Array(n);
  const bm = METRICS.map(() => new Float64Array(reps));
  const bc = new Float64Array(reps * points);
  for (let b = 0; b < reps; b++) {
    draw(rng, idx);
    const r = smoothAt(
      Float64Array.from(idx, (i) => x[i]!),
      Uint8Array.from(idx, (i) => y[i]!),
      Float64Array.from(idx, (i) => p[i]!),
    );
    r.m.forEach((v, j) => {
      bm[j]![b] = v;
    });
    bc.set(r.curve, b * points);
  }
  const tail = (1 - level) / 2;
  const interval = (a: Float64Array): [number, number] => {
    a.sort();
    return [sortedQuantile7(a, tail), sortedQuantile7(a, 1 - tail)];
  };
  result.ci = Object.fromEntries(METRICS.map((k, j) => [k, interval(bm[j]!)])) as unknown as FlexibleCalibrationIntervals;
  const lower = new Float64Array(points);
  const upper = new Float64Array(points);
  const col = new Float64Array(reps);
  for (let k = 0; k < points; k++) {
    for (let b = 0; b < reps; b++) col[b] = bc[b * points + k]!;
    [lower[k], upper[k]] = interval(col);
  }
  result.curve.lower = lower;
  result.curve.upper = upper;
  return result;
}
