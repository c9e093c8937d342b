/*
 * What the maximum-likelihood and Firth logistic fits share: the checked design and settings, one
 * coefficient row (Wald z, P and intervals), and the single-predictor separation checks.
 * Internal to src/stats.
 */
import type { Design, DesignTerm } from './design-matrix.js';
import { normalCdf } from '../distributions/distributions.js';
import type { LogisticRegressionResult, LogisticTerm } from './logistic-regression.js';

/** A design checked by `fitLogistic`, with what both fits need. */
export interface LogisticFitContext {
  d: Design;
  /** Name of the public function, for messages. */
  fn: string;
  level: number;
  /** Normal quantile of the Wald intervals, qnorm(1 − (1 − level)/2). */
  zq: number;
  events: number;
  /** Deviance of the intercept-only model. */
  nullDeviance: number;
  /** Predictors that separate the outcome on their own ({@link univariateSeparation}). */
  separationPredictors: string[];
  /** Compute profile-likelihood intervals. */
  profile: boolean;
}

/** One row of the coefficient table; `p` defaults to the Wald P. */
export function makeTerm(
  t: DesignTerm,
  est: number,
  se: number,
  zq: number,
  p: number | undefined,
  ciProfile: [number, number] | null,
): LogisticTerm {
  const z = est / se;
  const pWald = 2 * normalCdf(-Math.abs(z));
  return {
    term: t.term,
    predictor: t.predictor,
    ...(t.level !== undefined ? { level: t.level } : {}),
    estimate: est,
    se,
    z,
    p: p ?? pWald,
    pWald,
    oddsRatio: Math.exp(est),
    ciWald: [Math.exp(est - zq * se), Math.exp(est + zq * se)],
    ciProfile,
    aliased: Number.isNaN(est),
  };
}

/** Single-predictor checks for complete or quasi-complete separation. */
export function univariateSeparation(d: Design): string[] {
  const out = new Set<string>();
  for (let j = 1; j < d.p; j++) {
    const term = d.terms[j]!;
    let min0 = Number.POSITIVE_INFINITY;
    let max0 = Number.NEGATIVE_INFINITY;
    let min1 = Number.POSITIVE_INFINITY;
    let max1 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < d.n; i++) {
      const v = d.x[j * d.n + i]!;
      if (d.y[i]) {
        min1 = Math.min(min1, v);
        max1 = Math.max(max1, v);
      } else {
        min0 = Math.min(min0, v);
        max0 = Math.max(max0, v);
      }
    }
    if (term.level !== undefined) {
      // a dummy: a level whose rows are all events or all non-events (zero cell)
      let ev = 0;
      let tot = 0;
      for (let i = 0; i < d.n; i++) {
        if (d.x[j * d.n + i] === 1) {
          tot++;
          ev += d.y[i]!;
        }
      }
      if (tot > 0 && (ev === 0 || ev === tot)) out.add(term.predictor);
    } else if (max0 <= min1 || max1 <= min0) out.add(term.predictor);
  }
  // the reference level of a categorical predictor can also be a zero cell
  for (const c of d.codings) {
    if (c.kind !== 'categorical') continue;
    const cols = d.terms.map((t, j) => (t.predictor === c.predictor && t.level !== undefined ? j : -1)).filter((j) => j >= 0);
    let ev = 0;
    let tot = 0;
    for (let i = 0; i < d.n; i++) {
      if (cols.every((j) => d.x[j * d.n + i] === 0)) {
        tot++;
        ev += d.y[i]!;
      }
    }
    if (tot > 0 && (ev === 0 || ev === tot)) out.add(c.predictor);
  }
  return [...out];
}

/** vcov, linear predictor and fitted values of a fit on a design (aliased coefficients count as 0, as R's predict). Internal. */
export function fitOutputs(d: Design, coef: Float64Array, cov: Float64Array): Pick<LogisticRegressionResult, 'vcov' | 'linearPredictor' | 'fitted' | 'rows'> {
  const { n, p, x } = d;
  const eta = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const c = coef[j]!;
    if (Number.isNaN(c)) continue;
    for (let i = 0; i < n; i++) eta[i]! += x[j * n + i]! * c;
  }
  const fitted = eta.map((e) => 1 / (1 + Math.exp(-e)));
  const vcov = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => cov[a * p + b]!));
  return { vcov, linearPredictor: eta, fitted, rows: [...d.used] };
}
