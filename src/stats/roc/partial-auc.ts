import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, NumericArray } from '../binary-outcome.js';
import { checkOptionKeys } from '../option-checks.js';
import { curveFromCounts, mcClish, partialAucOfCurve } from './curve-points.js';
import type { RocDirection } from './ranked-scores.js';
import { prepareRoc, ROC_KEYS, type RocOptions } from './roc.js';

/** Which part of the curve a partial AUC covers (pROC's `partial.auc`, `partial.auc.focus`, `partial.auc.correct`). */
export interface PartialAucSpec {
  /** The range of specificity (or sensitivity) covered, e.g. `[1, 0.8]` (either order). */
  range: readonly [number, number];
  /** `'specificity'` (default) or `'sensitivity'`. */
  focus?: 'specificity' | 'sensitivity';
  /** McClish's standardisation to [0.5, 1] (`NaN` for a curve below the diagonal there, pROC's NA); default false. */
  correct?: boolean;
}

/** Validated spec. Internal. */
export function checkPartial(spec: PartialAucSpec, fn: string): Required<PartialAucSpec> {
  checkOptionKeys(spec, ['range', 'focus', 'correct'], `${fn}: partial`);
  const r = spec.range;
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === 'number' && v >= 0 && v <= 1) || r[0] === r[1]) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: partial.range must be two different numbers in [0, 1], e.g. [1, 0.8], got ${JSON.stringify(r)}.`);
  }
  const focus = spec.focus ?? 'specificity';
  if (focus !== 'specificity' && focus !== 'sensitivity') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: partial.focus must be 'specificity' or 'sensitivity'.`);
  return { range: [r[0], r[1]], focus, correct: spec.correct ?? false };
}

/** Partial AUC from class counts. Internal. */
export function partialFromCounts(casesAt: Float64Array, controlsAt: Float64Array, m: number, c: number, direction: RocDirection, spec: Required<PartialAucSpec>): number {
  const p = partialAucOfCurve(curveFromCounts(casesAt, controlsAt, m, c, direction), spec.range, spec.focus);
  return spec.correct ? mcClish(p, spec.range) : p;
}

/** Options of {@link partialAuc}. */
export interface PartialAucOptions extends RocOptions, PartialAucSpec {}

/**
 * Partial area under the ROC curve over a range of specificity (or sensitivity), as pROC
 * `auc(roc, partial.auc = range, partial.auc.focus = focus, partial.auc.correct = correct)`: trapezoids
 * between the curve's points, interpolated linearly at the range's ends. With `correct`, McClish's
 * standardisation (1 + (pAUC − min)/(max − min))/2, where min is the area under the diagonal and max
 * the full rectangle — 0.5 is chance, 1 perfect; `NaN` when the curve lies below the diagonal there
 * (pROC returns NA with a warning). Confidence interval: `aucCI(…, { partial: { range, … } })` (bootstrap).
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { partialAuc } from 'sonorisk/stats';
 * const y = [0, 0, 0, 0, 1, 1, 1, 1];
 * const s = [0.1, 0.2, 0.45, 0.6, 0.4, 0.7, 0.8, 0.9];
 * partialAuc(y, s, { range: [1, 0.8] });                  // 0.15 of a possible 0.2
 * partialAuc(y, s, { range: [1, 0.8], correct: true });   // 0.861…
 * ```
 */
export function partialAuc(labels: BinaryLabels, scores: NumericArray, options: PartialAucOptions): number {
  const fn = 'partialAuc';
  const o = checkOptionKeys(options, [...ROC_KEYS, 'range', 'focus', 'correct'], fn);
  const spec = checkPartial({ range: o.range, ...(o.focus !== undefined ? { focus: o.focus } : {}), ...(o.correct !== undefined ? { correct: o.correct } : {}) }, fn);
  const { r, direction } = prepareRoc(labels, scores, o, fn);
  return partialFromCounts(r.casesAt, r.controlsAt, r.nCases, r.nControls, direction, spec);
}
