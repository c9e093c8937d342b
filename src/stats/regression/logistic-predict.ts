import { SonoriskError } from '../../errors.js';
import { type DataRow, isMissing } from './design-matrix.js';
import type { LogisticRegressionResult } from './logistic-regression.js';

/** Options of {@link predictLogistic}. */
export interface PredictLogisticOptions {
  /** `'response'` (default): probabilities; `'link'`: log odds (R's `predict(fit, newdata, type = …)`). */
  type?: 'response' | 'link';
}

function levelKey(v: unknown): string {
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/**
 * Predicts a fitted logistic model on new rows with the fit's own coding (numeric predictors as
 * they are, categorical ones by the same reference and dummies), as R's
 * `predict(fit, newdata, type = "response")` (or `type = "link"` for log odds). A row missing a
 * predictor gives NaN (R's `na.pass`); a category the fit never saw is an error, as in R
 * ("factor has new levels"). Aliased coefficients count as 0 (R warns "rank-deficient fit").
 *
 * @throws SonoriskError `INVALID_ARGUMENT` (not a fit, unseen level, non-numeric value of a numeric predictor).
 * @example
 * ```ts
 * import { logisticRegression, predictLogistic } from 'sonorisk/stats';
 * const fit = logisticRegression(training, 'recurrence', { predictors: ['age', 'sex'] });
 * const risk = predictLogistic(fit, validation); // Float64Array of probabilities
 * ```
 */
export function predictLogistic(fit: LogisticRegressionResult, rows: ReadonlyArray<DataRow>, options: PredictLogisticOptions = {}): Float64Array {
  const fn = 'predictLogistic';
  if (typeof fit !== 'object' || fit === null || !Array.isArray(fit.terms) || !Array.isArray(fit.codings)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: pass a result of logisticRegression.`);
  }
  if (!Array.isArray(rows)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: rows must be an array of objects.`);
  const type = options.type ?? 'response';
  if (type !== 'response' && type !== 'link') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: type must be 'response' or 'link'.`);
  const coef = (term: string): number => {
    const t = fit.terms.find((x) => x.term === term);
    return t === undefined || Number.isNaN(t.estimate) ? 0 : t.estimate;
  };
  const intercept = coef('(Intercept)');
  const parts = fit.codings.map((c) => {
    if (c.kind === 'numeric') return { c, slope: coef(c.predictor), dummies: new Map<string, number>() };
    const dummies = new Map<string, number>([[c.reference!, 0]]);
    for (const l of c.levels ?? []) dummies.set(l, coef(c.predictor + l));
    return { c, slope: 0, dummies };
  });
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: row ${i} is not an object.`);
    let eta = intercept;
    for (const { c, slope, dummies } of parts) {
      const v = r[c.predictor];
      if (isMissing(v)) {
        eta = Number.NaN;
        break;
      }
      if (c.kind === 'numeric') {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new SonoriskError('INVALID_ARGUMENT', `${fn}: predictor '${c.predictor}' in row ${i} is ${String(v)}; the fit treats it as numeric.`, { row: i, predictor: c.predictor });
        }
        eta += slope * v;
      } else {
        const d = dummies.get(levelKey(v));
        if (d === undefined) {
          throw new SonoriskError('INVALID_ARGUMENT', `${fn}: predictor '${c.predictor}' in row ${i} has level '${levelKey(v)}', which the fit did not see (levels: ${[...dummies.keys()].join(', ')}).`, {
            row: i,
            predictor: c.predictor,
          });
        }
        eta += d;
      }
    }
    out[i] = type === 'link' ? eta : 1 / (1 + Math.exp(-eta));
  });
  return out;
}
