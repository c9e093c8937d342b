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
  const { r, direction } = prepareRoc(labels, scores, o, 'youdenThreshold');
  const curve = rocFromRanked(r, direction);
  const { thresholds, sensitivities: se, specificities: sp } = curve;
  let best = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < thresholds.length; k++) best = Math.max(best, se[k]! + sp[k]!);
  const ties: RocPoint[] = [];
  for (let k = 0; k < thresholds.length; k++) {
    if (se[k]! + sp[k]! === best) ties.push({ threshold: thresholds[k]!, sensitivity: se[k]!, specificity: sp[k]! });
  }
  const first = ties[0]!;
  return { ...first, direction, youden: best - 1, ties };
}
