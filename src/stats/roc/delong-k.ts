import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { chiSquareCdf } from '../distributions/distributions.js';
import { checkOptionKeys } from '../option-checks.js';
import { qrLeastSquares } from '../regression/glm-fit.js';
import { checkDirection, placementValues, type RocDirection, rankLabelled, resolveDirection } from './ranked-scores.js';

/** Options of {@link delongTestMulti}. */
export interface DelongMultiOptions {
  /** Direction of every score vector (default `'higher-is-positive'`), never inferred. */
  direction?: RocDirection;
  /**
   * Contrast matrix L (rows of k weights, each row summing to 0); the test is of L·θ = 0.
   * Default: consecutive differences θ1 − θ2, θ2 − θ3, …, i.e. all k AUCs equal.
   */
  contrast?: ReadonlyArray<ReadonlyArray<number>>;
}

/** Result of {@link delongTestMulti}. */
export interface DelongMultiResult {
  method: string;
  /** AUC of each score vector, in input order. */
  aucs: Float64Array;
  /** DeLong covariance matrix of the AUCs, k × k row-major (S10/m + S01/n). */
  covariance: Float64Array;
  /** The contrast matrix used. */
  contrast: number[][];
  /** (Lθ)ᵀ (L S Lᵀ)⁻ (Lθ). */
  statistic: number;
  /** rank(L S Lᵀ). */
  df: number;
  p: number;
  /** Score names (object input) or their indices. */
  names: string[];
}

/**
 * DeLong's test of k ≥ 2 correlated AUCs (DeLong, DeLong & Clarke-Pearson 1988): all score vectors
 * measured on the same patients; the covariance of the AUCs comes from the placement values (the
 * same structural components pROC uses), and H0: L·θ = 0 is tested by the χ² statistic
 * (Lθ)ᵀ (L S Lᵀ)⁻¹ (Lθ) on rank(L S Lᵀ) degrees of freedom. With the default contrast (consecutive
 * differences) it tests that all k AUCs are equal; for k = 2 it is the square of pROC's paired Z.
 * A singular L S Lᵀ (e.g. two identical score vectors) is handled by dropping dependent contrasts.
 *
 * @param scores an array of score vectors, or an object name → scores.
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `TOO_FEW_OBSERVATIONS` (fewer than 2 cases or controls), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { delongTestMulti } from 'sonorisk/stats';
 * const t = delongTestMulti(labels, { 'R-US': us, 'R-CEUS': ceus, 'R-CEUS2': ceus2 });
 * t.aucs; t.statistic; t.df; t.p;
 * ```
 */
export function delongTestMulti(
  labels: BinaryLabels,
  scores: ReadonlyArray<NumericArray> | Readonly<Record<string, NumericArray>>,
  options: DelongMultiOptions = {},
): DelongMultiResult {
  const fn = 'delongTestMulti';
  checkOptionKeys(options, ['direction', 'contrast'], fn);
  const direction = checkDirection(options.direction, fn);
  if (scores === null || typeof scores !== 'object') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: scores must be an array or object of score vectors.`);
  const names = Array.isArray(scores) ? scores.map((_, i) => String(i)) : Object.keys(scores);
  const vectors: NumericArray[] = Array.isArray(scores) ? scores : Object.values(scores);
  const k = vectors.length;
  if (k < 2) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: needs at least 2 score vectors, got ${k}.`);
  // per patient placement: a case's share of controls it beats, a control's share of cases beating it
  const ranked = vectors.map((s, j) => rankLabelled(labels, s, fn, `scores[${names[j]}]`));
  const { y, nCases: m, nControls: c } = ranked[0]!;
  if (m < 2 || c < 2) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: needs at least 2 cases and 2 controls for the covariance, got ${m} and ${c}.`, { m, c });
  }
  const aucs = new Float64Array(k);
  const v10 = vectors.map(() => new Float64Array(m));
  const v01 = vectors.map(() => new Float64Array(c));
  ranked.forEach((r, j) => {
    const p = placementValues(r, resolveDirection(direction, r));
    aucs[j] = p.auc;
    let a = 0;
    let b = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] === 1) v10[j]![a++] = p.caseV[r.index[i]!]! - p.auc;
      else v01[j]![b++] = p.controlV[r.index[i]!]! - p.auc;
    }
  });
  const covariance = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let s = r; s < k; s++) {
      let sx = 0;
      let sy = 0;
      const xr = v10[r]!;
      const xs = v10[s]!;
      for (let i = 0; i < m; i++) sx += xr[i]! * xs[i]!;
      const yr = v01[r]!;
      const ys = v01[s]!;
      for (let i = 0; i < c; i++) sy += yr[i]! * ys[i]!;
      const v = sx / (m - 1) / m + sy / (c - 1) / c;
      covariance[r * k + s] = v;
      covariance[s * k + r] = v;
    }
  }
  const contrast = checkContrast(options.contrast, k, fn);
  const q = contrast.length;
  // A = L S Lᵀ (q × q, column-major for the QR) and z = L θ
  const ls = contrast.map((row) => Array.from({ length: k }, (_, s) => row.reduce((t, w, r) => t + w * covariance[r * k + s]!, 0)));
  const a = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) a[j * q + i] = ls[i]!.reduce((t, v, s) => t + v * contrast[j]![s]!, 0);
  const z = Float64Array.from(contrast, (row) => row.reduce((t, w, r) => t + w * aucs[r]!, 0));
  const sol = qrLeastSquares(a, z, q, q, 1e-7);
  let statistic = 0;
  for (let i = 0; i < q; i++) if (!Number.isNaN(sol.coef[i]!)) statistic += z[i]! * sol.coef[i]!;
  const df = sol.rank;
  return {
    method: "DeLong's test for k correlated ROC curves",
    aucs,
    covariance,
    contrast,
    statistic,
    df,
    p: df > 0 ? chiSquareCdf(statistic, df, false) : Number.NaN,
    names,
  };
}

function checkContrast(contrast: DelongMultiOptions['contrast'], k: number, fn: string): number[][] {
  if (contrast === undefined) return Array.from({ length: k - 1 }, (_, i) => Array.from({ length: k }, (_, j) => (j === i ? 1 : j === i + 1 ? -1 : 0)));
  if (!Array.isArray(contrast) || contrast.length === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: contrast must be a non-empty array of rows.`);
  return contrast.map((row, i) => {
    if (!Array.isArray(row) || row.length !== k || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: contrast[${i}] must hold ${k} finite weights, one per score vector.`);
    }
    return row.slice();
  });
}
