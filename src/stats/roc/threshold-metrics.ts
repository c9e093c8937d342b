import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, LabelValue, NumericArray } from '../binary-outcome.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import type { RocDirection, RocDirectionOption } from './ranked-scores.js';
import { prepareRoc } from './roc.js';
import { type Proportion, wilsonInterval } from '../wilson-interval.js';

/** Options for {@link thresholdMetrics}. */
export interface ThresholdMetricsOptions {
  /**
   * `'higher-is-positive'`: positive when `score >= threshold`; `'lower-is-positive'`: when `score <= threshold`;
   * `'auto'` (default): pROC's median rule picks one of them.
   */
  direction?: RocDirectionOption;
  /** The label value that marks an event when labels are not 0/1 or booleans. */
  positive?: LabelValue;
  /** Level of the Wilson intervals (default 0.95). */
  level?: number;
}

/** Confusion matrix at one threshold and the usual rates with Wilson intervals. */
export interface ThresholdMetrics {
  threshold: number;
  direction: RocDirection;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: Proportion;
  sensitivity: Proportion;
  specificity: Proportion;
  /** Positive predictive value TP/(TP+FP); `NaN`s when nothing is called positive. */
  ppv: Proportion;
  /** Negative predictive value TN/(TN+FN); `NaN`s when nothing is called negative. */
  npv: Proportion;
  /** F1 = 2TP/(2TP+FP+FN). Not a binomial proportion, so no Wilson interval (bootstrap it if needed). */
  f1: number;
}

/**
 * Classifies at `threshold` and reports TP/FP/TN/FN, accuracy, sensitivity, specificity, PPV, NPV (each
 * with a Wilson interval, as R `prop.test(correct = FALSE)`) and F1. The rule is `score >= threshold` ⇒
 * positive (`'higher-is-positive'`), matching pROC's `coords(roc, threshold)`; pROC's own thresholds are
 * midpoints between observed scores, so `roc().thresholds` and `youdenThreshold()` values never tie with a score.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { thresholdMetrics } from 'sonorisk/stats';
 * const m = thresholdMetrics([0, 0, 1, 1, 1], [0.2, 0.6, 0.55, 0.7, 0.9], 0.5);
 * m.tp; m.fp;               // 3, 1
 * m.sensitivity.estimate;   // 1
 * m.specificity;            // { estimate: 0.5, lower: 0.0945…, upper: 0.905… }
 * ```
 */
export function thresholdMetrics(labels: BinaryLabels, scores: NumericArray, threshold: number, options?: ThresholdMetricsOptions): ThresholdMetrics {
  const fn = 'thresholdMetrics';
  const o = checkOptionKeys(options, ['direction', 'positive', 'level'], fn);
  const level = checkLevel(o.level, fn);
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: threshold must be a number (±Infinity allowed), got ${String(threshold)}.`);
  }
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  const { y, x } = r;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fnc = 0;
  const higher = direction === 'higher-is-positive';
  for (let i = 0; i < y.length; i++) {
    const pos = higher ? x[i]! >= threshold : x[i]! <= threshold;
    if (y[i] === 1) {
      if (pos) tp++;
      else fnc++;
    } else if (pos) fp++;
    else tn++;
  }
  const n = y.length;
  const f1d = 2 * tp + fp + fnc;
  return {
    threshold,
    direction,
    tp,
    fp,
    tn,
    fn: fnc,
    accuracy: wilsonInterval(tp + tn, n, level),
    sensitivity: wilsonInterval(tp, tp + fnc, level),
    specificity: wilsonInterval(tn, tn + fp, level),
    ppv: wilsonInterval(tp, tp + fp, level),
    npv: wilsonInterval(tn, tn + fnc, level),
    f1: f1d > 0 ? (2 * tp) / f1d : Number.NaN,
  };
}
