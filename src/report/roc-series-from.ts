import { SonoriskError } from '../errors.js';
import type { AucCI, RocCurve } from '../stats/index.js';
import type { RocCurveSeries } from './roc-figure.js';

/**
 * Turns a `roc()` result (and optionally its `aucCI()`) into a {@link RocCurveSeries} for
 * `rocFigure`: the curve's fpr/tpr, its AUC, and the CI bounds.
 *
 * @example
 * ```ts
 * import { aucCI, roc } from 'sonorisk/stats';
 * const series = rocSeriesFrom('R-US', roc(labels, scores), aucCI(labels, scores));
 * const svg = rocFigure([series]);
 * ```
 */
export function rocSeriesFrom(name: string, curve: RocCurve, ci?: AucCI): RocCurveSeries {
  if (typeof curve !== 'object' || curve === null || !curve.fpr || !curve.tpr) {
    throw new SonoriskError('INVALID_ARGUMENT', `rocSeriesFrom(${String(name)}): expected a roc() result with fpr and tpr.`);
  }
  const s: RocCurveSeries = { name, fpr: curve.fpr, tpr: curve.tpr, auc: curve.auc };
  if (ci !== undefined) {
    if (Math.abs(ci.auc - curve.auc) > 1e-12) {
      throw new SonoriskError('INVALID_ARGUMENT', `rocSeriesFrom(${name}): the CI belongs to AUC ${ci.auc}, the curve has AUC ${curve.auc}; pass the aucCI of the same labels and scores.`);
    }
    // NaN bounds (R's NA, e.g. DeLong with a single event): no CI
    if (!Number.isNaN(ci.lower) && !Number.isNaN(ci.upper)) s.ci = [ci.lower, ci.upper];
  }
  return s;
}
