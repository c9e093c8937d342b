/*
 * Maximum-likelihood logistic regression as R's `glm(family = binomial)`: IRLS (glm-fit.ts),
 * separation diagnosis, MASS profile-likelihood intervals (profile-likelihood.ts), the LR test
 * against the intercept-only model. Internal to src/stats (logisticRegression without `firth`).
 */
import { SonoriskError } from '../../errors.js';
import { chiSquareCdf } from '../distributions/distributions.js';
import { glmFitLogit } from './glm-fit.js';
import type { LogisticRegressionResult, LogisticTerm } from './logistic-regression.js';
import { fitOutputs, type LogisticFitContext, makeTerm } from './logistic-terms.js';
import { profileConfint } from './profile-likelihood.js';

/** glm.control and what to do on separation. */
export interface GlmLogisticSettings {
  epsilon: number;
  maxit: number;
  onSeparation: 'flag' | 'error';
}

/** Fits the maximum-likelihood model on a checked design; aliased columns are reported as R's NA. */
export function fitGlmLogistic(ctx: LogisticFitContext, settings: GlmLogisticSettings): LogisticRegressionResult {
  const { d, fn, level, zq, events, nullDeviance } = ctx;
  const { x, y, n, p } = d;
  const warnings: string[] = [];
  const fit = glmFitLogit(x, y, n, p, { epsilon: settings.epsilon, maxit: settings.maxit });
  if (!fit.converged) warnings.push('glm.fit: algorithm did not converge');
  if (fit.boundaryProbabilities) warnings.push('glm.fit: fitted probabilities numerically 0 or 1 occurred');
  // separation: single-variable checks, plus diverging estimates when the fit hit the boundary
  const sep = new Set(ctx.separationPredictors);
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
  if (detected && settings.onSeparation === 'error') {
    throw new SonoriskError('SEPARATION', `${fn}: ${sepMessage}`, { predictors: sepList });
  }
  const profile = ctx.profile ? profileConfint(x, y, n, p, fit.coef, fit.se, fit.deviance, level) : null;
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
    level,
    warnings,
    ...fitOutputs(d, fit.coef, fit.cov),
  };
}
