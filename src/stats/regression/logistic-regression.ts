/*
 * Logistic regression, in three pieces: this file checks the design and options and dispatches;
 * logistic-glm.ts is maximum likelihood (R's glm + MASS profile intervals); logistic-firth.ts is
 * Firth's penalised likelihood (logistf, with the penalised profile search in firth.ts). The
 * coefficient rows and the separation checks they share are in logistic-terms.ts.
 */
import { SonoriskError } from '../../errors.js';
import { type CategoricalSpec, type DataRow, type Design, type PredictorCoding, buildDesign } from './design-matrix.js';
import { normalQuantile } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import { fitFirthLogistic } from './logistic-firth.js';
import { fitGlmLogistic } from './logistic-glm.js';
import { type LogisticFitContext, univariateSeparation } from './logistic-terms.js';

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions {
  /** Predictor column names, in model order. */
  predictors: ReadonlyArray<string>;
  /** Categorical predictors and their reference levels, e.g. `{ echo: { reference: 'hypo' } }`. */
  categorical?: Readonly<Record<string, CategoricalSpec>>;
  /** Level of the confidence intervals; default 0.95. */
  level?: number;
  /** Profile-likelihood intervals (R's `confint`); default true. */
  profile?: boolean;
  /** Firth's penalised likelihood (as R's logistf) instead of maximum likelihood. */
  firth?: boolean;
  /** 'flag' (default) reports separation in the result; 'error' throws `SEPARATION`. */
  onSeparation?: 'flag' | 'error';
  /** glm.control: convergence tolerance (1e-8) and iteration limit (25). */
  epsilon?: number;
  maxit?: number;
}

/** One model term (coefficient). */
export interface LogisticTerm {
  /** R-style coefficient name: `(Intercept)`, `age`, `sexM`. */
  term: string;
  predictor: string;
  /** The level a dummy codes (categorical predictors). */
  level?: string;
  /** Log odds ratio (NaN when aliased). */
  estimate: number;
  se: number;
  /** Wald z. */
  z: number;
  /** Wald P (glm, as summary.glm); penalised likelihood-ratio P for Firth (as logistf). */
  p: number;
  /** Wald P (also for Firth). */
  pWald: number;
  oddsRatio: number;
  /** Wald interval of the odds ratio (R's `exp(confint.default(fit))`). */
  ciWald: [number, number];
  /** Profile-likelihood interval of the odds ratio (R's `exp(confint(fit))`; penalised profile for Firth); null if not computed. */
  ciProfile: [number, number] | null;
  /** Column is a linear combination of others (R reports NA). */
  aliased: boolean;
}

/** Separation diagnosis. */
export interface SeparationReport {
  detected: boolean;
  /** Predictors implicated (a level or range of them predicts the outcome perfectly, or their estimates diverge). */
  predictors: string[];
  message: string;
}

/** Result of {@link logisticRegression}. */
export interface LogisticRegressionResult {
  method: 'glm' | 'firth';
  terms: LogisticTerm[];
  codings: PredictorCoding[];
  /** Observations used and rows dropped for missing values. */
  n: number;
  nEvents: number;
  dropped: number;
  deviance: number;
  nullDeviance: number;
  dfResidual: number;
  dfNull: number;
  /** AIC = deviance + 2 × rank (glm); for Firth −2 × penalised log-likelihood + 2 × rank. */
  aic: number;
  logLik: number;
  /** Likelihood-ratio test against the intercept-only model (penalised for Firth, as logistf). */
  lrTest: { statistic: number; df: number; p: number };
  iterations: number;
  converged: boolean;
  separation: SeparationReport;
  level: number;
  /** R's glm warnings ("fitted probabilities numerically 0 or 1 occurred", "algorithm did not converge"). */
  warnings: string[];
  /** Covariance matrix of the coefficients, p × p in term order (R's `vcov(fit)`; NaN rows/columns for aliased terms). */
  vcov: number[][];
  /** Linear predictor of each row used (R's `predict(fit)`, log odds), in the order of {@link LogisticRegressionResult.rows}. */
  linearPredictor: Float64Array;
  /** Fitted probabilities of each row used (R's `fitted(fit)`). */
  fitted: Float64Array;
  /** Indices (into the input rows) of the rows used, after dropping incomplete ones. */
  rows: number[];
}

/** Fits a model on a design (shared by logisticRegression and riskFactorAnalysis). Internal. */
export function fitLogistic(d: Design, options: Omit<LogisticRegressionOptions, 'predictors' | 'categorical'>, fn: string): LogisticRegressionResult {
  const level = checkLevel(options.level, fn);
  let events = 0;
  for (let i = 0; i < d.n; i++) events += d.y[i]!;
  if (d.n === 0) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: no complete rows (outcome and all predictors present).`);
  if (events === 0 || events === d.n) {
    throw new SonoriskError('SINGLE_CLASS', `${fn}: the outcome has ${events} events in ${d.n} rows; both outcomes are needed.`, {
      events,
      n: d.n,
    });
  }
  if (d.n < d.p) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: ${d.n} observations for ${d.p} coefficients; reduce the predictors.`, {
      n: d.n,
      p: d.p,
    });
  }
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxit ?? 25;
  if (!(epsilon > 0) || !(maxit >= 1)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: epsilon must be > 0 and maxit >= 1.`);
  const m = events / d.n;
  const ctx: LogisticFitContext = {
    d,
    fn,
    level,
    zq: normalQuantile(1 - (1 - level) / 2),
    events,
    nullDeviance: -2 * (events * Math.log(m) + (d.n - events) * Math.log1p(-m)),
    separationPredictors: univariateSeparation(d),
    profile: options.profile ?? true,
  };
  return options.firth ? fitFirthLogistic(ctx) : fitGlmLogistic(ctx, { epsilon, maxit, onSeparation: options.onSeparation ?? 'flag' });
}

/**
 * Logistic regression as R's `glm(outcome ~ predictors, family = binomial, data = rows)`: IRLS with
 * glm.fit's start, convergence rule and limits; treatment (dummy) coding with named reference levels;
 * coefficients, SE, Wald z and P (summary.glm), odds ratios with Wald (`confint.default`) and
 * profile-likelihood (`confint`, MASS algorithm) intervals; deviance, null deviance, AIC and the
 * likelihood-ratio test against the intercept-only model. Rows with a missing outcome or predictor
 * are dropped (`na.omit`). Separation is detected and reported with the predictors involved
 * (`onSeparation: 'error'` throws `SEPARATION`); `firth: true` fits Firth's penalised likelihood
 * (logistf's model: penalised likelihood-ratio P values and profile penalised-likelihood intervals).
 *
 * Categorical levels sort by code point (R's `factor` sorts by locale; pass `levels` or `reference`
 * to be explicit). Booleans are categorical with reference FALSE.
 *
 * @throws SonoriskError `SINGLE_CLASS`, `NON_BINARY_LABELS`, `NON_FINITE`, `TOO_FEW_OBSERVATIONS`,
 * `SEPARATION` (with onSeparation 'error'), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { logisticRegression } from 'sonorisk/stats';
 * const fit = logisticRegression(patients, 'recurrence', {
 *   predictors: ['age', 'size', 'echo'],
 *   categorical: { echo: { reference: 'hyper' } },
 * });
 * fit.terms.map((t) => [t.term, t.oddsRatio, t.ciProfile, t.p]);
 * ```
 */
export function logisticRegression(
  rows: ReadonlyArray<DataRow>,
  outcome: string,
  options: LogisticRegressionOptions,
): LogisticRegressionResult {
  const fn = 'logisticRegression';
  if (!options || !Array.isArray(options.predictors)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options.predictors must list the predictor columns.`);
  }
  checkOptionKeys(options, ['predictors', 'categorical', 'level', 'profile', 'firth', 'onSeparation', 'epsilon', 'maxit'], fn);
  const d = buildDesign(rows, outcome, options.predictors, options.categorical ?? {}, fn);
  return fitLogistic(d, options, fn);
}
