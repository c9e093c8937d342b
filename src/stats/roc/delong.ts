import type { BinaryLabels, LabelValue, NumericArray } from '../binary-outcome.js';
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import { delongComponents, directionWarnings, placementValues, type RocDirection, type RocDirectionOption } from './ranked-scores.js';
import { prepareRoc } from './roc.js';
import { checkAlternativeOption } from '../sample-checks.js';

/** Alternative hypothesis about AUC(A) − AUC(B), as pROC `roc.test(alternative = ...)`. */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** Options for {@link delongTest} and {@link delongTestUnpaired}. */
export interface DelongTestOptions {
  /**
   * Direction of both score vectors: `'auto'` (default) decides each curve's direction from the medians,
   * as pROC's `roc()` does before `roc.test`; or `'higher-is-positive'` / `'lower-is-positive'` for both.
   */
  direction?: RocDirectionOption;
  /** The label value that marks an event when labels are not 0/1 or booleans. */
  positive?: LabelValue;
  /** Confidence level of the interval for the AUC difference (default 0.95). */
  level?: number;
  /** Default `'two-sided'`; `'greater'` tests AUC(A) > AUC(B). */
  alternative?: Alternative;
}

/** Result of DeLong's test comparing two AUCs. */
export interface DelongTestResult {
  method: string;
  aucA: number;
  aucB: number;
  /** Directions used for A and B. */
  directionA: RocDirection;
  directionB: RocDirection;
  /** E.g. an explicit direction that gives an AUC below 0.5. */
  warnings: string[];
  /** AUC(A) − AUC(B). */
  difference: number;
  /** Standard error of the difference. */
  se: number;
  /** Z (paired) or D (unpaired, referred to a t distribution with `df`). */
  statistic: number;
  /** Degrees of freedom (unpaired test only). */
  df?: number;
  p: number;
  alternative: Alternative;
  /** Confidence interval of the difference (paired: as pROC; unpaired: see {@link delongTestUnpaired}). */
  ci: { lower: number; upper: number; level: number };
}

/** DeLong variances of two paired AUCs and their covariance (pROC `var`/`cov`, method "delong"). Internal. */
export function pairedDelong(labels: BinaryLabels, scoresA: NumericArray, scoresB: NumericArray, o: DelongTestOptions, fn: string) {
  const { r: ra, option, direction: dA } = prepareRoc(labels, scoresA, o, fn, 'scoresA');
  const { r: rb, direction: dB } = prepareRoc(labels, scoresB, o, fn, 'scoresB');
  const pa = placementValues(ra, dA);
  const pb = placementValues(rb, dB);
  const ca = delongComponents(ra, pa);
  const cb = delongComponents(rb, pb);
  const { y, nCases: m, nControls: n } = ra;
  // Cross-covariances need the per-patient pairing of the two placement values.
  let sxy = 0;
  let syy = 0;
  const ia = ra.index;
  const ib = rb.index;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) sxy += (pa.caseV[ia[i]!]! - pa.auc) * (pb.caseV[ib[i]!]! - pb.auc);
    else syy += (pa.controlV[ia[i]!]! - pa.auc) * (pb.controlV[ib[i]!]! - pb.auc);
  }
  const covX = sxy / (m - 1);
  const covY = syy / (n - 1);
  return { dA, dB, option, pa, pb, varA: ca.variance, varB: cb.variance, cov: covX / m + covY / n, nCases: m, nControls: n };
}

const DELONG_KEYS = ['direction', 'positive', 'level', 'alternative'] as const;

/** P value from a symmetric statistic's lower-tail CDF, as pROC roc.test. */
function sidedP(stat: number, alternative: Alternative, lowerCdf: (x: number) => number): number {
  if (alternative === 'two-sided') return 2 * lowerCdf(-Math.abs(stat));
  return alternative === 'greater' ? lowerCdf(-stat) : lowerCdf(stat);
}


/**
 * DeLong's test for two correlated ROC curves: two score vectors measured on the same patients,
 * as pROC `roc.test(roc(labels, a, direction = "<"), roc(labels, b, direction = "<"), method = "delong",
 * paired = TRUE)`: Z, P, the AUC difference and its confidence interval (difference ± z·SE).
 * O(n log n): each score vector is sorted once and placement values come from ranks.
 * When both AUCs are equal and the SE is 0 (e.g. identical vectors), Z is 0 and P is 1, as pROC.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { delongTest } from 'sonorisk/stats';
 * const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
 * const usModel = [0.1, 0.3, 0.2, 0.6, 0.4, 0.7, 0.5, 0.9, 0.8, 0.65];
 * const ceusModel = [0.2, 0.5, 0.1, 0.3, 0.7, 0.6, 0.4, 0.8, 0.9, 0.35];
 * const t = delongTest(labels, usModel, ceusModel);
 * t.difference; t.statistic; t.p; t.ci;
 * ```
 */
export function delongTest(labels: BinaryLabels, scoresA: NumericArray, scoresB: NumericArray, options?: DelongTestOptions): DelongTestResult {
  const fn = 'delongTest';
  const o = checkOptionKeys(options, DELONG_KEYS, fn);
  const level = checkLevel(o.level, fn);
  const alternative = checkAlternativeOption(o.alternative, fn);
  const { dA, dB, option, pa, pb, varA, varB, cov } = pairedDelong(labels, scoresA, scoresB, o, fn);
  const variance = varA + varB - 2 * cov;
  const se = Math.sqrt(Math.max(0, variance));
  const d = pa.auc - pb.auc;
  let z = d / se;
  if (Number.isNaN(z) && d === 0 && se === 0) z = 0;
  // NaN (a single case or control: variance undefined) propagates as in R.
  const p = Number.isNaN(z) ? Number.NaN : sidedP(z, alternative, (v) => normalCdf(v));
  const crit = normalQuantile(1 - (1 - level) / 2);
  return {
    method: "DeLong's test for two correlated ROC curves",
    directionA: dA,
    directionB: dB,
    warnings: [...directionWarnings(option, dA, pa.auc, 'scoresA'), ...directionWarnings(option, dB, pb.auc, 'scoresB')],
    aucA: pa.auc,
    aucB: pb.auc,
    difference: d,
    se,
    statistic: z,
    p,
    alternative,
    ci: { lower: d - crit * se, upper: d + crit * se, level },
  };
}

/**
 * DeLong's test for two ROC curves from independent samples (different patients), as pROC
 * `roc.test(rocA, rocB, method = "delong", paired = FALSE)`: D = (AUC_A − AUC_B)/√(V_A + V_B),
 * referred to a t distribution with Welch–Satterthwaite-type df, P as pROC.
 * pROC reports no interval here; sonorisk adds difference ± t(df)·SE, consistent with the P value.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { delongTestUnpaired } from 'sonorisk/stats';
 * const t = delongTestUnpaired([0, 0, 1, 1, 0, 1], [0.2, 0.4, 0.6, 0.9, 0.5, 0.45], [0, 1, 0, 1, 1], [0.3, 0.2, 0.1, 0.8, 0.7]);
 * t.statistic; t.df; t.p;
 * ```
 */
export function delongTestUnpaired(
  labelsA: BinaryLabels,
  scoresA: NumericArray,
  labelsB: BinaryLabels,
  scoresB: NumericArray,
  options?: DelongTestOptions,
): DelongTestResult {
  const fn = 'delongTestUnpaired';
  const o = checkOptionKeys(options, DELONG_KEYS, fn);
  const level = checkLevel(o.level, fn);
  const alternative = checkAlternativeOption(o.alternative, fn);
  const { r: ra, option, direction: dA } = prepareRoc(labelsA, scoresA, o, fn, 'scoresA');
  const { r: rb, direction: dB } = prepareRoc(labelsB, scoresB, o, fn, 'scoresB');
  const pa = placementValues(ra, dA);
  const pb = placementValues(rb, dB);
  const va = delongComponents(ra, pa).variance;
  const vb = delongComponents(rb, pb).variance;
  const se = Math.sqrt(va + vb);
  const d = pa.auc - pb.auc;
  const t = d / se;
  const df = (va + vb) ** 2 / (va ** 2 / (ra.y.length - 1) + vb ** 2 / (rb.y.length - 1));
  // Both variances 0 (e.g. two perfectly separating curves): D and df are 0/0 = NaN, as in pROC.
  const defined = !Number.isNaN(t) && df > 0;
  const p = defined ? sidedP(t, alternative, (v) => studentTCdf(v, df)) : Number.NaN;
  const crit = df > 0 ? studentTQuantile(1 - (1 - level) / 2, df) : Number.NaN;
  return {
    method: "DeLong's test for two ROC curves",
    directionA: dA,
    directionB: dB,
    warnings: [...directionWarnings(option, dA, pa.auc, 'scoresA'), ...directionWarnings(option, dB, pb.auc, 'scoresB')],
    aucA: pa.auc,
    aucB: pb.auc,
    difference: d,
    se,
    statistic: t,
    df,
    p,
    alternative,
    ci: { lower: d - crit * se, upper: d + crit * se, level },
  };
}
