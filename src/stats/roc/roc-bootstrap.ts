import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import { bootstrapCounts, percentileSummary } from './auc-ci.js';
import { coordAt, curveFromCounts } from './curve-points.js';
import type { RankedScores, RocDirection } from './ranked-scores.js';
import { prepareRoc, ROC_KEYS, type RocOptions, rocThresholds } from './roc.js';
import { type BestThresholdOptions, checkBestRule, optimCriterion } from './youden.js';

/** Options of the ROC bootstrap intervals ({@link ciSensitivity}, {@link ciSpecificity}, {@link ciThresholds}, {@link ciBestThreshold}). */
export interface RocBootstrapOptions extends RocOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /** Bootstrap replicates (default 2000, as pROC `boot.n`). */
  replicates?: number;
  /** Resample cases and controls separately (default true, as pROC `boot.stratified`). */
  stratified?: boolean;
  /** Seed (default 1). Our random numbers are not R's: bounds agree with pROC within Monte-Carlo error. */
  seed?: number | string;
}

/** A percentile bootstrap interval with pROC's middle value (the bootstrap median). */
export interface BootstrapInterval {
  lower: number;
  median: number;
  upper: number;
}

/** Intervals at a list of points of the curve. */
export interface RocPointIntervals {
  direction: RocDirection;
  level: number;
  /** Replicates with both classes. */
  replicates: number;
  /** The points at which the intervals were computed (specificities, sensitivities or thresholds). */
  at: number[];
}

const BOOT_KEYS = [...ROC_KEYS, 'level', 'replicates', 'stratified', 'seed'] as const;

function checkPoints(values: readonly number[], fn: string, name: string, unit: boolean): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name} must be a non-empty array of numbers.`);
  for (const [i, v] of values.entries()) {
    if (typeof v !== 'number' || Number.isNaN(v) || (unit && !(v >= 0 && v <= 1))) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ${name}[${i}] is ${String(v)}; ${unit ? 'use values in [0, 1]' : 'use numbers'}.`);
    }
  }
  return [...values];
}

function coordIntervals(
  labels: BinaryLabels,
  scores: NumericArray,
  values: readonly number[],
  input: 'specificity' | 'sensitivity',
  options: RocBootstrapOptions | undefined,
  fn: string,
): RocPointIntervals & { intervals: BootstrapInterval[] } {
  const o = checkOptionKeys(options, BOOT_KEYS, fn);
  const level = checkLevel(o.level, fn);
  const at = checkPoints(values, fn, input === 'specificity' ? 'specificities' : 'sensitivities', true);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  const { sorted, replicates } = bootstrapCounts(r, o, fn, at.length, (ca, co, m, c, out) => {
    const pts = curveFromCounts(ca, co, m, c, direction);
    for (let k = 0; k < at.length; k++) out[k] = coordAt(pts, at[k]!, input);
  });
  return { direction, level, replicates, at, intervals: sorted.map((s) => percentileSummary(s, level)) };
}

/**
 * Bootstrap confidence intervals of the sensitivity at given specificities, as pROC `ci.se(roc,
 * specificities)`: per replicate the sensitivity at each specificity (linear interpolation between the
 * curve's points, as `coords(input = "specificity")`), then the percentile interval and median.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`, `LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { ciSensitivity } from 'sonorisk/stats';
 * const r = ciSensitivity(labels, scores, [0.8, 0.9, 0.95], { replicates: 2000, seed: 1 });
 * r.intervals[1]; // { lower, median, upper } of the sensitivity at 90% specificity
 * ```
 */
export function ciSensitivity(labels: BinaryLabels, scores: NumericArray, specificities: readonly number[], options?: RocBootstrapOptions) {
  return coordIntervals(labels, scores, specificities, 'specificity', options, 'ciSensitivity');
}

/**
 * Bootstrap confidence intervals of the specificity at given sensitivities, as pROC `ci.sp(roc, sensitivities)`.
 *
 * @throws SonoriskError as {@link ciSensitivity}.
 * @example
 * ```ts
 * import { ciSpecificity } from 'sonorisk/stats';
 * ciSpecificity(labels, scores, [0.9], { seed: 1 }).intervals[0];
 * ```
 */
export function ciSpecificity(labels: BinaryLabels, scores: NumericArray, sensitivities: readonly number[], options?: RocBootstrapOptions) {
  return coordIntervals(labels, scores, sensitivities, 'sensitivity', options, 'ciSpecificity');
}

/** Lower-bound search: first unique index with unique[k] >= t. */
function firstAtOrAbove(unique: Float64Array, t: number): number {
  let lo = 0;
  let hi = unique.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (unique[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bootstrap confidence intervals of the specificity and sensitivity at fixed thresholds, as pROC
 * `ci.thresholds(roc, thresholds = x)`: a sample is positive when `score >= threshold`
 * (`'higher-is-positive'`) or `score <= threshold`.
 *
 * @throws SonoriskError as {@link ciSensitivity}.
 * @example
 * ```ts
 * import { ciThresholds } from 'sonorisk/stats';
 * const r = ciThresholds(labels, scores, [0.5], { seed: 1 });
 * r.sensitivity[0]; r.specificity[0]; // { lower, median, upper }
 * ```
 */
export function ciThresholds(labels: BinaryLabels, scores: NumericArray, thresholds: readonly number[], options?: RocBootstrapOptions) {
  const fn = 'ciThresholds';
  const o = checkOptionKeys(options, BOOT_KEYS, fn);
  const level = checkLevel(o.level, fn);
  const at = checkPoints(thresholds, fn, 'thresholds', false);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  // per threshold: the unique scores called negative are a prefix (higher) or suffix (lower) of the sorted unique values
  const cut = at.map((t) => (direction === 'higher-is-positive' ? firstAtOrAbove(r.unique, t) : firstAtOrAbove(r.unique, nextUp(t))));
  const { sorted, replicates } = bootstrapCounts(r, o, fn, 2 * at.length, (ca, co, m, c, out) => {
    const cumCases = cumulative(ca);
    const cumControls = cumulative(co);
    for (let k = 0; k < at.length; k++) {
      const below = cut[k]!; // unique[0..below-1] are < t (higher) or <= t (lower)
      const casesBelow = cumCases[below]!;
      const controlsBelow = cumControls[below]!;
      if (direction === 'higher-is-positive') {
        out[2 * k] = controlsBelow / c;
        out[2 * k + 1] = (m - casesBelow) / m;
      } else {
        out[2 * k] = (c - controlsBelow) / c;
        out[2 * k + 1] = casesBelow / m;
      }
    }
  });
  return {
    direction,
    level,
    replicates,
    at,
    specificity: at.map((_, k) => percentileSummary(sorted[2 * k]!, level)),
    sensitivity: at.map((_, k) => percentileSummary(sorted[2 * k + 1]!, level)),
  };
}

function nextUp(t: number): number {
  if (!Number.isFinite(t)) return t;
  const b = new Float64Array([t]);
  const w = new BigInt64Array(b.buffer);
  if (t === 0) return Number.MIN_VALUE;
  w[0] = t > 0 ? w[0]! + 1n : w[0]! - 1n;
  return b[0]!;
}

function cumulative(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length + 1);
  for (let i = 0; i < a.length; i++) out[i + 1] = out[i]! + a[i]!;
  return out;
}

/** Options of {@link ciBestThreshold}. */
export interface CiBestThresholdOptions extends RocBootstrapOptions, Pick<BestThresholdOptions, 'method' | 'weights'> {}

/**
 * Bootstrap confidence intervals of the optimal cut-off and of the sensitivity and specificity there, as
 * pROC `ci.coords(roc, x = "best", ret = c("threshold", "sensitivity", "specificity"), best.policy =
 * "omit")`: per replicate the best point by the Youden or closest-top-left rule (weights as
 * {@link bestThreshold}), its threshold the midpoint between the replicate's neighbouring scores; a
 * replicate whose optimum is tied between several points is left out (`omitted`), as `best.policy = "omit"`.
 *
 * @throws SonoriskError as {@link ciSensitivity}.
 * @example
 * ```ts
 * import { ciBestThreshold } from 'sonorisk/stats';
 * const r = ciBestThreshold(labels, scores, { replicates: 2000, seed: 1 });
 * r.threshold; // { lower, median, upper } of the Youden-optimal cut-off
 * ```
 */
export function ciBestThreshold(labels: BinaryLabels, scores: NumericArray, options?: CiBestThresholdOptions) {
  const fn = 'ciBestThreshold';
  const o = checkOptionKeys(options, [...BOOT_KEYS, 'method', 'weights'], fn);
  const level = checkLevel(o.level, fn);
  const { method, r: ratio } = checkBestRule(o, fn);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  let omitted = 0;
  const { sorted, replicates } = bootstrapCounts(r, o, fn, 3, (ca, co, m, c, out) => {
    const best = bestOfCounts(r, ca, co, m, c, direction, method, ratio);
    if (!best) {
      omitted++;
      out.fill(Number.NaN);
      return;
    }
    out[0] = best.threshold;
    out[1] = best.sensitivity;
    out[2] = best.specificity;
  });
  return {
    direction,
    level,
    replicates: replicates - omitted,
    omitted,
    threshold: percentileSummary(sorted[0]!, level),
    sensitivity: percentileSummary(sorted[1]!, level),
    specificity: percentileSummary(sorted[2]!, level),
  };
}

/** The unique best point of a replicate's curve (distinct points only), or undefined when tied. */
function bestOfCounts(
  r: RankedScores,
  ca: Float64Array,
  co: Float64Array,
  m: number,
  c: number,
  direction: RocDirection,
  method: 'youden' | 'closest.topleft',
  ratio: number,
): { threshold: number; sensitivity: number; specificity: number } | undefined {
  const u = ca.length;
  // the replicate's own unique scores and pROC thresholds between them
  const present: number[] = [];
  for (let k = 0; k < u; k++) if (ca[k]! + co[k]! > 0) present.push(k);
  const uniq = Float64Array.from(present, (k) => r.unique[k]!);
  const thr = rocThresholds(uniq, direction);
  const pc = Float64Array.from(present, (k) => ca[k]!);
  const pn = Float64Array.from(present, (k) => co[k]!);
  const pts = curveFromCounts(pc, pn, m, c, direction);
  let best = Number.NEGATIVE_INFINITY;
  let at = -1;
  let ties = 0;
  for (let k = 0; k < pts.se.length; k++) {
    const v = optimCriterion(pts.se[k]!, pts.sp[k]!, ratio, method);
    if (v > best) {
      best = v;
      at = k;
      ties = 1;
    } else if (v === best) ties++;
  }
  if (ties !== 1) return undefined;
  // pROC order of thresholds: ascending for higher-is-positive, descending for lower-is-positive
  const t = direction === 'higher-is-positive' ? thr[at]! : thr[thr.length - 1 - at]!;
  return { threshold: t, sensitivity: pts.se[at]!, specificity: pts.sp[at]! };
}
