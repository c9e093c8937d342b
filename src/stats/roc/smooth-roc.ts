import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { normalCdf, normalQuantile } from '../distributions/distributions.js';
import { checkOptionKeys } from '../option-checks.js';
import { curveFromCounts } from './curve-points.js';
import type { RocDirection } from './ranked-scores.js';
import { prepareRoc, ROC_KEYS, type RocOptions } from './roc.js';

/** Options of {@link smoothRoc}. */
export interface SmoothRocOptions extends RocOptions {
  /** Points of the smoothed curve (default 512, as pROC `n`). */
  points?: number;
}

/** A binormal smoothed ROC curve, as pROC's `smooth.roc` object. */
export interface SmoothRoc {
  direction: RocDirection;
  /** Sensitivities in pROC's order (specificity ascending), with the end points (1 at specificity 0, 0 at 1). */
  sensitivities: Float64Array;
  specificities: Float64Array;
  /** Binormal AUC Φ(a / √(1 + b²)). */
  auc: number;
  /** Intercept a and slope b of the least-squares line qnorm(sp) = a + b·qnorm(se) (pROC's `model`). */
  intercept: number;
  slope: number;
}

/**
 * Binormal smoothing of the ROC curve, as pROC `smooth(roc, method = "binormal", n = points)`: a
 * least-squares line through the empirical points on normal-deviate axes (qnorm(specificity) on
 * qnorm(sensitivity), finite points only), evaluated at `points` sensitivities, and the binormal AUC.
 *
 * @throws SonoriskError as {@link roc}; `INVALID_ARGUMENT` when fewer than two finite points remain
 * ("ROC curve not smoothable", as pROC).
 * @example
 * ```ts
 * import { smoothRoc } from 'sonorisk/stats';
 * const s = smoothRoc(labels, scores);
 * s.auc; s.specificities; s.sensitivities;  // plot 1 − specificities against sensitivities
 * ```
 */
export function smoothRoc(labels: BinaryLabels, scores: NumericArray, options?: SmoothRocOptions): SmoothRoc {
  const fn = 'smoothRoc';
  const o = checkOptionKeys(options, [...ROC_KEYS, 'points'], fn);
  const n = o.points ?? 512;
  if (!Number.isInteger(n) || n < 2 || n > 1_000_000) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: points must be an integer in [2, 1e6], got ${String(n)}.`);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  const pts = curveFromCounts(r.casesAt, r.controlsAt, r.nCases, r.nControls, direction);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < pts.se.length; k++) {
    const x = normalQuantile(pts.se[k]!);
    const y = normalQuantile(pts.sp[k]!);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  if (xs.length <= 1 || !(sxx > 0)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: ROC curve not smoothable (not enough points).`, { points: xs.length });
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let se = new Float64Array(n);
  let sp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const q = normalQuantile(i * (1 / (n - 1))); // R: seq(0, 1, 1 / (n - 1))
    se[i] = normalCdf(q);
    sp[i] = normalCdf(intercept + slope * q);
  }
  let sorted = true;
  for (let i = 1; i < n; i++) if (sp[i]! < sp[i - 1]!) sorted = false;
  if (!sorted) {
    se = se.reverse();
    sp = sp.reverse();
  }
  const sensitivities = new Float64Array(n + 2);
  const specificities = new Float64Array(n + 2);
  sensitivities.set(se, 1);
  specificities.set(sp, 1);
  sensitivities[0] = 1;
  specificities[n + 1] = 1;
  return { direction, sensitivities, specificities, auc: normalCdf(intercept / Math.sqrt(1 + slope * slope)), intercept, slope };
}
