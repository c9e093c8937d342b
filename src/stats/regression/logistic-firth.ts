/*
 * Firth's penalised-likelihood logistic regression as R's logistf: penalised likelihood-ratio P
 * values per coefficient, profile penalised-likelihood intervals, the penalised LR test against the
 * intercept-only model. Internal to src/stats (logisticRegression with `firth: true`).
 */
import { SonoriskError } from '../../errors.js';
import { chiSquareCdf, chiSquareQuantile } from '../distributions/distributions.js';
import { firthFit, firthProfileInterval } from './firth.js';
import { qrLeastSquares } from './glm-fit.js';
import type { LogisticRegressionResult, LogisticTerm } from './logistic-regression.js';
import { fitOutputs, type LogisticFitContext, makeTerm } from './logistic-terms.js';

/** Fits Firth's model on a checked design (full rank required: logistf has no aliasing). */
export function fitFirthLogistic(ctx: LogisticFitContext): LogisticRegressionResult {
  const { d, fn, level, zq, events, nullDeviance } = ctx;
  const { x, y, n, p } = d;
  const sepVars = ctx.separationPredictors;
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
  const chiCut = chiSquareQuantile(level, 1);
  const terms: LogisticTerm[] = d.terms.map((t, j) => {
    const est = fit.coef[j]!;
    const se = Math.sqrt(fit.cov[j * p + j]!);
    const fixed: Array<number | undefined> = new Array(p).fill(undefined);
    fixed[j] = 0;
    const restricted = firthFit(x, y, n, p, fixed, fit.coef);
    const lr = Math.max(0, 2 * (fit.penalizedLogLik - restricted.penalizedLogLik));
    let ciProfile: [number, number] | null = null;
    if (ctx.profile) {
      const [lo, hi] = firthProfileInterval(x, y, n, p, j, fit, chiCut, se);
      ciProfile = [Math.exp(lo), Math.exp(hi)];
    }
    return makeTerm(t, est, se, zq, chiSquareCdf(lr, 1, false), ciProfile);
  });
  const lrStat = Math.max(0, 2 * (fit.penalizedLogLik - nullFit.penalizedLogLik));
  const warnings: string[] = [];
  if (!fit.converged) warnings.push('Firth iterations did not converge');
  return {
    method: 'firth',
    terms,
    codings: d.codings,
    n,
    nEvents: events,
    dropped: d.dropped,
    deviance: -2 * fit.logLik,
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
    level,
    warnings,
    ...fitOutputs(d, fit.coef, fit.cov),
  };
}
