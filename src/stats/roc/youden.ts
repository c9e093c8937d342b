import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { checkOptionKeys } from '../option-checks.js';
import type { RocDirection } from './ranked-scores.js';
import { prepareRoc, ROC_KEYS, type RocOptions, rocFromRanked } from './roc.js';

/** One point of the ROC curve. */
export interface RocPoint {
  threshold: number;
  sensitivity: number;
  specificity: number;
}

/** The Youden-optimal cut-off. */
export interface YoudenResult extends RocPoint {
  /** The direction used (the thresholds' meaning depends on it). */
  direction: RocDirection;
  /** Youden's J = sensitivity + specificity − 1 at the optimum. */
  youden: number;
  /** Every threshold that attains the maximum (pROC returns all of them), in pROC's row order. */
  ties: RocPoint[];
}

/**
 * The threshold maximising sensitivity + specificity, as pROC `coords(roc, x = "best", best.method =
 * "youden")` (default `best.weights`). Thresholds are pROC's (±Inf and midpoints), so `score >= threshold`
 * (or `<=` for `'lower-is-positive'`) reproduces the reported sensitivity and specificity.
 *
 * Ties: pROC returns every threshold whose criterion equals the maximum exactly (compared as doubles).
 * sonorisk lists them all in `ties`, in pROC's row order (specificity ascending), and reports the first
 * as `threshold`. With uninformative scores the maximum can sit at ±Inf (J = 0), as in pROC.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`.
 * @example
 * ```ts
 * import { youdenThreshold } from 'sonorisk/stats';
 * const best = youdenThreshold([0, 0, 0, 1, 1, 1], [0.1, 0.3, 0.6, 0.5, 0.8, 0.9]);
 * best.threshold;   // 0.4 (sensitivity 1, specificity 2/3)
 * best.youden;      // 0.666…
 * best.ties;        // 0.4 and 0.7 both reach J = 2/3; pROC lists both, in this order
 * ```
 */
export function youdenThreshold(labels: BinaryLabels, scores: NumericArray, options?: RocOptions): YoudenResult {
  const o = checkOptionKeys(options, ROC_KEYS, 'youdenThreshold');
  const b = bestThreshold(labels, scores, o);
  return { threshold: b.threshold, sensitivity: b.sensitivity, specificity: b.specificity, direction: b.direction, youden: b.criterion - 1, ties: b.ties };
}

/** Options of {@link bestThreshold}. */
export interface BestThresholdOptions extends RocOptions {
  /** `'youden'` (default): maximise se + r·sp; `'closest.topleft'`: minimise (1 − se)² + r·(1 − sp)². */
  method?: 'youden' | 'closest.topleft';
  /**
   * pROC's `best.weights = c(cost, prevalence)`: r = (1 − prevalence) / (cost · prevalence), where cost is
   * the cost of a false negative relative to a false positive. Default `[1, 0.5]` (r = 1, unweighted).
   */
  weights?: readonly [cost: number, prevalence: number];
}

/** The optimal cut-off by a {@link BestThresholdOptions} rule. */
export interface BestThresholdResult extends RocPoint {
  direction: RocDirection;
  method: 'youden' | 'closest.topleft';
  /** pROC's reported criterion: se + r·sp (youden) or (1 − se)² + r·(1 − sp)² (closest.topleft). */
  criterion: number;
  /** Every threshold attaining the optimum exactly, in pROC's row order. */
  ties: RocPoint[];
}

/** pROC's roc.utils.optim.crit (larger is better). Internal. */
export function optimCriterion(se: number, sp: number, r: number, method: 'youden' | 'closest.topleft'): number {
  return method === 'youden' ? se + r * sp : -((1 - se) ** 2 + r * (1 - sp) ** 2);
}

/** Checks `method`/`weights` and returns r. Internal. */
export function checkBestRule(o: { method?: unknown; weights?: unknown }, fn: string): { method: 'youden' | 'closest.topleft'; r: number } {
  const method = o.method ?? 'youden';
  if (method !== 'youden' && method !== 'closest.topleft') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: method must be 'youden' or 'closest.topleft', got ${String(method)}.`);
  }
  const w = o.weights ?? [1, 0.5];
  if (!Array.isArray(w) || w.length !== 2 || !(w[0] > 0 && Number.isFinite(w[0])) || !(w[1] > 0 && w[1] < 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: weights must be [cost > 0, prevalence in (0, 1)], got ${JSON.stringify(w)}.`);
  }
  return { method, r: (1 - w[1]) / (w[0] * w[1]) };
}

/**
 * The optimal threshold as pROC `coords(roc, "best", best.method = method, best.weights = c(cost,
 * prevalence))`: the weighted Youden index or the point closest to the top-left corner. Ties are all
 * listed (exact double comparison, as pROC); the first is reported.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { bestThreshold } from 'sonorisk/stats';
 * const y = [0, 0, 0, 1, 1, 1], s = [0.1, 0.3, 0.6, 0.5, 0.8, 0.9];
 * bestThreshold(y, s, { method: 'closest.topleft' }).threshold;          // 0.4
 * bestThreshold(y, s, { weights: [1, 0.2] }).threshold;                  // 0.7: rare events favour specificity
 * ```
 */
export function bestThreshold(labels: BinaryLabels, scores: NumericArray, options?: BestThresholdOptions): BestThresholdResult {
  const fn = 'bestThreshold';
  const o = checkOptionKeys(options, [...ROC_KEYS, 'method', 'weights'], fn);
  const { method, r: ratio } = checkBestRule(o, fn);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  const { thresholds, sensitivities: se, specificities: sp } = rocFromRanked(r, direction);
  const crit = Array.from(thresholds, (_, k) => optimCriterion(se[k]!, sp[k]!, ratio, method));
  let best = Number.NEGATIVE_INFINITY;
  for (const c of crit) if (c > best) best = c;
  const ties: RocPoint[] = [];
  crit.forEach((c, k) => {
    if (c === best) ties.push({ threshold: thresholds[k]!, sensitivity: se[k]!, specificity: sp[k]! });
  });
  return { ...ties[0]!, direction, method, criterion: method === 'youden' ? best : -best, ties };
}
