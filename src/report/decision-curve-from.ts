import { SonoriskError } from '../errors.js';
import type { DecisionCurve } from '../stats/index.js';
import type { DecisionCurveInput } from './decision-curve-figure.js';

/**
 * Turns a `decisionCurve()` result into a {@link DecisionCurveInput} for `decisionCurveFigure`:
 * every model's net benefit, the treat-all curve and the prevalence. Pass `models` to pick and
 * order a subset.
 *
 * @example
 * ```ts
 * import { decisionCurve } from 'sonorisk/stats';
 * const svg = decisionCurveFigure(decisionCurveInputFrom(decisionCurve(labels, { 'R-US': p1, 'R-CEUS': p2 })));
 * ```
 */
export function decisionCurveInputFrom(result: DecisionCurve, models?: readonly string[]): DecisionCurveInput {
  if (typeof result !== 'object' || result === null || !result.thresholds || typeof result.models !== 'object') {
    throw new SonoriskError('INVALID_ARGUMENT', 'decisionCurveInputFrom: expected a decisionCurve() result.');
  }
  const names = models ?? Object.keys(result.models);
  return {
    models: names.map((name) => {
      const m = result.models[name];
      if (!m) throw new SonoriskError('INVALID_ARGUMENT', `decisionCurveInputFrom: no model "${name}" in the result (has ${Object.keys(result.models).join(', ')}).`);
      return { name, thresholds: result.thresholds, netBenefit: m.netBenefit };
    }),
    treatAll: { thresholds: result.thresholds, netBenefit: result.treatAll.netBenefit },
    prevalence: result.prevalence,
  };
}
