import type { BinaryLabels, LabelValue, NumericArray } from '../binary-outcome.js';
import { checkOptionKeys } from '../option-checks.js';
import {
  checkDirection,
  directionWarnings,
  placementValues,
  type RankedScores,
  type RocDirection,
  type RocDirectionOption,
  rankLabelled,
  resolveDirection,
} from './ranked-scores.js';

/** Options shared by the ROC functions. */
export interface RocOptions {
  /**
   * `'auto'` (default: decided as pROC's `direction = "auto"`, by comparing the two groups' median
   * scores), `'higher-is-positive'` (pROC `direction = "<"`) or `'lower-is-positive'` (pROC `">"`).
   * The result reports the direction used. A curve is never flipped because its AUC is below 0.5;
   * with an explicit direction, such an AUC adds a warning to the result.
   */
  direction?: RocDirectionOption;
  /** The label value that marks an event when labels are not 0/1 or booleans, e.g. `'Poor'`. */
  positive?: LabelValue;
}

/** The option keys of {@link RocOptions}. Internal. */
export const ROC_KEYS = ['direction', 'positive'] as const;

/** Ranks labelled scores and resolves the direction, as every ROC function begins. Internal. */
export function prepareRoc(
  labels: BinaryLabels,
  scores: NumericArray,
  options: RocOptions,
  fn: string,
  scoresName = 'scores',
): { r: RankedScores; option: RocDirectionOption; direction: RocDirection } {
  const option = checkDirection(options.direction, fn);
  const r = rankLabelled(labels, scores, fn, scoresName, options.positive);
  return { r, option, direction: resolveDirection(option, r) };
}

/** An empirical ROC curve, laid out as pROC's `roc()` object plus plot-ready points. */
export interface RocCurve {
  /** The direction used (decided from the medians when the option was `'auto'`). */
  direction: RocDirection;
  /** E.g. an explicit direction that gives an AUC below 0.5; empty when nothing to report. */
  warnings: string[];
  /** Number of events (label 1). */
  nCases: number;
  /** Number of non-events (label 0). */
  nControls: number;
  /**
   * pROC's thresholds: ±Inf and the midpoints between consecutive sorted unique scores, in pROC's
   * order (specificity ascending): ascending for `'higher-is-positive'`, where a sample is positive when
   * `score >= threshold`; descending for `'lower-is-positive'`, where it is positive when `score <= threshold`.
   */
  thresholds: Float64Array;
  /** Sensitivity at each threshold (same order as `thresholds`: from 1 down to 0, as pROC). */
  sensitivities: Float64Array;
  /** Specificity at each threshold (same order as `thresholds`: from 0 up to 1, as pROC). */
  specificities: Float64Array;
  /** False-positive rates (1 − specificity) sorted for plotting: from (0,0) to (1,1). */
  fpr: Float64Array;
  /** True-positive rates matching `fpr`. */
  tpr: Float64Array;
  /** Area under the curve (Mann–Whitney; ties count 1/2). Equals pROC's trapezoidal AUC. */
  auc: number;
}

/** pROC's `roc.utils.thresholds`, including its fix for midpoints that round onto a score. Internal. */
export function rocThresholds(unique: Float64Array, direction: RocDirection): Float64Array {
  const u = unique.length;
  const t = new Float64Array(u + 1);
  t[0] = Number.NEGATIVE_INFINITY;
  t[u] = Number.POSITIVE_INFINITY;
  for (let k = 1; k < u; k++) {
    const a = unique[k - 1]!;
    const b = unique[k]!;
    let m = (a + b) / 2;
    if (Math.abs(m) > 1e100) m = a / 2 + b / 2;
    // Adjacent doubles: the midpoint equals one of them. Move it so the >= / <= rule still separates a from b.
    if (direction === 'higher-is-positive' && m === a) m = b;
    else if (direction === 'lower-is-positive' && m === b) m = a;
    t[k] = m;
  }
  return t;
}

/** Builds the curve from ranked scores. Internal. */
export function rocFromRanked(r: RankedScores, direction: RocDirection): RocCurve {
  const u = r.unique.length;
  const { casesAt, controlsAt, nCases, nControls } = r;
  const thresholds = new Float64Array(u + 1);
  const sensitivities = new Float64Array(u + 1);
  const specificities = new Float64Array(u + 1);
  const fpr = new Float64Array(u + 1);
  const tpr = new Float64Array(u + 1);
  // pROC's order: specificity ascending — thresholds ascending for 'higher-is-positive' (score >= t is
  // positive), descending for 'lower-is-positive' (score <= t is positive). Plot order is the reverse.
  const asc = rocThresholds(r.unique, direction);
  const higher = direction === 'higher-is-positive';
  // higher: threshold asc[k] calls unique[k..u-1] positive; lower: asc[u-k] calls unique[0..u-k-1] positive
  if (higher) thresholds.set(asc);
  else for (let k = 0; k <= u; k++) thresholds[k] = asc[u - k]!;
  let tp = 0;
  let fp = 0;
  for (let k = u; k >= 0; k--) {
    if (k < u) {
      const j = higher ? k : u - 1 - k;
      tp += casesAt[j]!;
      fp += controlsAt[j]!;
    }
    // divisions (not products with the reciprocals) keep pROC's exact values
    const se = tp / nCases;
    const fr = fp / nControls;
    sensitivities[k] = se;
    specificities[k] = (nControls - fp) / nControls;
    tpr[u - k] = se;
    fpr[u - k] = fr;
  }
  const { auc } = placementValues(r, direction);
  return { direction, warnings: [], nCases, nControls, thresholds, sensitivities, specificities, fpr, tpr, auc };
}

/**
 * Empirical ROC curve of `scores` against binary `labels`, as R's `pROC::roc(labels, scores,
 * levels = c(0, 1))`: direction `'auto'` (default) compares the groups' medians as pROC does;
 * `'higher-is-positive'` / `'lower-is-positive'` are pROC's `direction = "<"` / `">"`. O(n log n);
 * `roc`, `auc`, `aucCI`, `delongTest`… of the same arrays share one sort.
 *
 * @param labels 0/1 numbers or booleans (1 / true = event), or two values with `positive` naming the event.
 * @param scores one finite score per label (number[] or any typed array).
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `EMPTY_INPUT`.
 * @example
 * ```ts
 * import { roc } from 'sonorisk/stats';
 * const curve = roc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * curve.auc;          // 0.75
 * curve.thresholds;   // [-Inf, 0.225, 0.375, 0.6, Inf]
 * curve.fpr;          // [0, 0, 0.5, 0.5, 1] — plot curve.fpr against curve.tpr
 * ```
 */
export function roc(labels: BinaryLabels, scores: NumericArray, options?: RocOptions): RocCurve {
  const o = checkOptionKeys(options, ROC_KEYS, 'roc');
  const { r, option, direction } = prepareRoc(labels, scores, o, 'roc');
  const curve = rocFromRanked(r, direction);
  curve.warnings = directionWarnings(option, direction, curve.auc);
  return curve;
}

/**
 * Area under the ROC curve: the probability that a random event scores higher than a random
 * non-event, ties counted 1/2 (Mann–Whitney). Equals pROC's `auc(roc(labels, scores))` (direction
 * `'auto'` by default, as pROC). O(n log n). Use {@link roc} or {@link aucCI} to see the direction used.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `EMPTY_INPUT`.
 * @example
 * ```ts
 * import { auc } from 'sonorisk/stats';
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);                                  // 0.75
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { direction: 'lower-is-positive' }); // 0.25
 * auc(['Good', 'Good', 'Poor', 'Poor'], [0.1, 0.4, 0.35, 0.8], { positive: 'Poor' }); // 0.75
 * ```
 */
export function auc(labels: BinaryLabels, scores: NumericArray, options?: RocOptions): number {
  const o = checkOptionKeys(options, ROC_KEYS, 'auc');
  const { r, direction } = prepareRoc(labels, scores, o, 'auc');
  return placementValues(r, direction).auc;
}
