import { SonoriskError } from '../../errors.js';
import { type CategoricalSpec, type DataRow, type Design, type DesignTerm, type PredictorCoding, buildDesign } from './design-matrix.js';
import { chiSquareCdf, chiSquareQuantile, normalCdf, normalQuantile } from '../distributions/distributions.js';
import { firthFit } from './firth.js';
import { glmFitLogit, qrLeastSquares } from './glm-fit.js';
import { checkLevel } from '../option-checks.js';
import { profileConfint } from './profile-likelihood.js';
import { brentRoot } from '../../numeric/index.js';

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions {
  /** Predictor column names, in model order. */
  predictors: ReadonlyArray<string>;
  /** Categorical predictors and their reference levels, e.g. `{ echo: { reference: 'hypo' } }`. */
  categorical?: Readonly<Record<string, CategoricalSpec>>;
  /** Level of the confidence intervals; default 0.95. */
  confLevel?: number;
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
  confLevel: number;
  /** R's glm warnings ("fitted probabilities numerically 0 or 1 occurred", "algorithm did not converge"). */
  warnings: string[];
}

/** One row of the coefficient table; `p` defaults to the Wald P. */
function makeTerm(
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
function univariateSeparation(d: Design): string[] {
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

/** Fits a model on a design (shared by logisticRegression and riskFactorAnalysis). Internal. */
export function fitLogistic(d: Design, options: Omit<LogisticRegressionOptions, 'predictors' | 'categorical'>, fn: string): LogisticRegressionResult {
  const confLevel = checkLevel(options.confLevel, fn);
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
  const zq = normalQuantile(1 - (1 - confLevel) / 2);
  const warnings: string[] = [];
  const { x, y, n, p } = d;
  const nullDeviance = (() => {
    const m = events / n;
    return -2 * (events * Math.log(m) + (n - events) * Math.log1p(-m));
  })();
  const sepVars = univariateSeparation(d);

  if (options.firth) {
    // logistf has no aliasing: a rank-deficient design (constant, zero or duplicate columns) is an error
    const qr = qrLeastSquares(x, new Float64Array(n), n, p, 1e-7);
    if (qr.rank < p) {
      const aliased = qr.pivot.slice(qr.rank).map((j) => d.terms[j]!.term);
      throw new SonoriskError(
        'INVALID_ARGUMENT',
        `${fn}: Firth's penalised likelihood needs a full-rank design; ${aliased.join(', ')} ${aliased.length > 1 ? 'are' : 'is'} constant or a linear combination of other columns (R's glm would report NA). Drop ${aliased.length > 1 ? 'them' : 'it'}.`,
        { aliased },
      );
    }
    const fit = firthFit(x, y, n, p);
    const nullFit = firthFit(x, y, n, p, [undefined, ...new Array<number>(p - 1).fill(0)]);
    const chiCut = chiSquareQuantile(confLevel, 1);
    const terms: LogisticTerm[] = d.terms.map((t, j) => {
      const est = fit.coef[j]!;
      const se = Math.sqrt(fit.cov[j * p + j]!);
      const fixed: Array<number | undefined> = new Array(p).fill(undefined);
      fixed[j] = 0;
      const restricted = firthFit(x, y, n, p, fixed, fit.coef);
      const lr = Math.max(0, 2 * (fit.penalizedLogLik - restricted.penalizedLogLik));
      let ciProfile: [number, number] | null = null;
      if (options.profile ?? true) {
        // profile penalised likelihood: 2 (pl_max - pl(β_j = b)) = χ²_1(level)
        const g = (b: number): number => {
          const fx: Array<number | undefined> = new Array(p).fill(undefined);
          fx[j] = b;
          let r = firthFit(x, y, n, p, fx, fit.coef);
          if (!r.converged) r = firthFit(x, y, n, p, fx);
          return 2 * (fit.penalizedLogLik - r.penalizedLogLik) - chiCut;
        };
        const side = (dir: number): number => {
          let stepSize = Math.max(se, 1e-3);
          let inner = est;
          let outer = est + dir * stepSize;
          let go = g(outer);
          for (let k = 0; k < 60 && go < 0; k++) {
            inner = outer;
            stepSize *= 2;
            outer = est + dir * stepSize;
            go = g(outer);
          }
          if (go < 0) return dir * Number.POSITIVE_INFINITY;
          const root = brentRoot(g, inner, outer, g(inner), go, 1e-10);
          // a sign change across a failed fit is not a crossing: the profile stays below the cutoff
          return Math.abs(g(root)) < 1e-6 ? root : dir * Number.POSITIVE_INFINITY;
        };
        const lo = side(-1);
        const hi = side(1);
        ciProfile = [Math.exp(lo), Math.exp(hi)];
      }
      return makeTerm(t, est, se, zq, chiSquareCdf(lr, 1, false), ciProfile);
    });
    const lrStat = Math.max(0, 2 * (fit.penalizedLogLik - nullFit.penalizedLogLik));
    const deviance = -2 * fit.logLik;
    if (!fit.converged) warnings.push('Firth iterations did not converge');
    return {
      method: 'firth',
      terms,
      codings: d.codings,
      n,
      nEvents: events,
      dropped: d.dropped,
      deviance,
      nullDeviance,
      dfResidual: n - p,
      dfNull: n - 1,
      aic: -2 * fit.penalizedLogLik + 2 * p,
      logLik: fit.logLik,
      lrTest: { statistic: lrStat, df: p - 1, p: p > 1 ? chiSquareCdf(lrStat, p - 1, false) : Number.NaN },
      iterations: fit.iterations,
      converged: fit.converged,
      separation: {
        detected: sepVars.length > 0,
        predictors: sepVars,
        message: sepVars.length > 0 ? `Separation by ${sepVars.join(', ')}; Firth's penalised likelihood keeps the estimates finite.` : '',
      },
      confLevel,
      warnings,
    };
  }

  const fit = glmFitLogit(x, y, n, p, { epsilon, maxit });
  if (!fit.converged) warnings.push('glm.fit: algorithm did not converge');
  if (fit.boundaryProbabilities) warnings.push('glm.fit: fitted probabilities numerically 0 or 1 occurred');
  // separation: single-variable checks, plus diverging estimates when the fit hit the boundary
  const sep = new Set(sepVars);
  if (fit.boundaryProbabilities || !fit.converged) {
    for (let j = 1; j < p; j++) {
      if (Math.abs(fit.coef[j]!) > 10 || fit.se[j]! > 100) sep.add(d.terms[j]!.predictor);
    }
  }
  const sepList = d.codings.map((c) => c.predictor).filter((pr) => sep.has(pr));
  const detected = sepList.length > 0 || fit.boundaryProbabilities;
  const sepMessage = detected
    ? `Separation: ${sepList.length > 0 ? sepList.join(', ') : 'a combination of predictors'} predicts the outcome (almost) perfectly; maximum-likelihood estimates are infinite and their SE/P are meaningless. Use { firth: true } or combine levels.`
    : '';
  if (detected && options.onSeparation === 'error') {
    throw new SonoriskError('SEPARATION', `${fn}: ${sepMessage}`, { predictors: sepList });
  }
  let profile: Array<[number, number]> | null = null;
  if (options.profile ?? true) profile = profileConfint(x, y, n, p, fit.coef, fit.se, fit.deviance, confLevel);
  const terms: LogisticTerm[] = d.terms.map((t, j) =>
    makeTerm(t, fit.coef[j]!, fit.se[j]!, zq, undefined, profile ? [Math.exp(profile[j]![0]), Math.exp(profile[j]![1])] : null),
  );
  const lrStat = Math.max(0, nullDeviance - fit.deviance);
  return {
    method: 'glm',
    terms,
    codings: d.codings,
    n,
    nEvents: events,
    dropped: d.dropped,
    deviance: fit.deviance,
    nullDeviance,
    dfResidual: n - fit.rank,
    dfNull: n - 1,
    aic: fit.deviance + 2 * fit.rank,
    logLik: -fit.deviance / 2,
    // df 0 (every predictor aliased): R's anova gives Pr(>Chi) NA
    lrTest: { statistic: lrStat, df: fit.rank - 1, p: fit.rank > 1 ? chiSquareCdf(lrStat, fit.rank - 1, false) : Number.NaN },
    iterations: fit.iterations,
    converged: fit.converged,
    separation: { detected, predictors: sepList, message: sepMessage },
    confLevel,
    warnings,
  };
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
  const d = buildDesign(rows, outcome, options.predictors, options.categorical ?? {}, fn);
  return fitLogistic(d, options, fn);
}
