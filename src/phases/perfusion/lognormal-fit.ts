/**
 * The lognormal bolus model of CEUS perfusion and its least-squares fit.
 * @module
 */
import {
  type BolusFit,
  type BolusFitOptions,
  type BolusModel,
  type CurveSummary,
  runBolusFit,
  t0FromU,
  uFromT0,
} from './bolus-fit.js';
import type { IntensityCurve } from '../types.js';

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * Lognormal bolus parameters: f(t) = A / ((t−t0)·σ·√(2π)) · exp(−(ln(t−t0)−μ)² / (2σ²)) + baseline
 * for t > t0, and f(t) = baseline for t ≤ t0. `A` is the area under the enhancement (intensity·s),
 * `mu`/`sigma` are the mean and SD of ln(t − t0) with t in seconds.
 */
export interface LognormalParams {
  A: number;
  t0: number;
  mu: number;
  sigma: number;
  baseline: number;
}

/** Result of {@link fitLognormal}: parameters, derived perfusion metrics, fit quality and fitted values. */
export type LognormalFit = BolusFit<'lognormal', LognormalParams>;

/**
 * Value of the lognormal bolus model at time `t` (seconds).
 *
 * @example
 * ```ts
 * import { lognormalCurve } from 'sonorisk/phases';
 * lognormalCurve({ A: 500, t0: 10, mu: Math.log(8), sigma: 0.5, baseline: 2 }, 18); // ≈ 2 + 500/(8·0.5·√(2π))
 * ```
 */
export function lognormalCurve(params: LognormalParams, t: number): number {
  const tau = t - params.t0;
  if (!(tau > 0)) return params.baseline;
  const z = (Math.log(tau) - params.mu) / params.sigma;
  return params.baseline + (params.A / (tau * params.sigma * SQRT_2PI)) * Math.exp(-0.5 * z * z);
}

const lognormalModel: BolusModel<'lognormal'> = {
  name: 'lognormal',
  starts(s: CurveSummary): Float64Array[] {
    const amp = s.peakValue - s.baseline;
    const d = Math.max(s.peakTime - s.onsetTime, 1e-3);
    const out: Float64Array[] = [];
    for (const t0 of [s.onsetTime - d, s.onsetTime - 0.3 * d, s.onsetTime + 0.3 * d]) {
      const tauPeak = s.peakTime - t0;
      for (const sigma of [0.3, 0.6, 1.0]) {
        const mu = Math.log(tauPeak) + sigma * sigma;
        const A = amp * sigma * SQRT_2PI * Math.exp(mu - 0.5 * sigma * sigma);
        out.push(Float64Array.of(Math.log(A), uFromT0(t0, s), mu, Math.log(sigma), s.baseline));
      }
    }
    return out;
  },
  paramNames: ['A', 't0', 'mu', 'sigma', 'baseline'],
  naturalDerivatives: (theta: Float64Array) => [Math.exp(theta[0]!), -Math.exp(theta[1]!), 1, Math.exp(theta[3]!), 1],
  residuals(s: CurveSummary) {
    const { t, y } = s;
    return (theta, r, jac) => {
      const A = Math.exp(theta[0]!);
      const eu = Math.exp(theta[1]!);
      const t0 = s.t0Cap - eu;
      const mu = theta[2]!;
      const sigma = Math.exp(theta[3]!);
      const b = theta[4]!;
      for (let i = 0; i < t.length; i++) {
        const tau = t[i]! - t0;
        let g = 0;
        let z = 0;
        if (tau > 0) {
          z = (Math.log(tau) - mu) / sigma;
          g = (A / (tau * sigma * SQRT_2PI)) * Math.exp(-0.5 * z * z);
        }
        r[i] = y[i]! - (b + g);
        if (jac) {
          const row = i * 5;
          jac[row] = -g;
          jac[row + 1] = g === 0 ? 0 : (eu * g * (1 + z / sigma)) / tau;
          jac[row + 2] = -(g * z) / sigma;
          jac[row + 3] = -g * (z * z - 1);
          jac[row + 4] = -1;
        }
      }
    };
  },
  shape(theta: Float64Array, s: CurveSummary) {
    const p = paramsFromTheta(theta, s);
    const { A, mu, sigma } = p;
    const e = (tau: number) => (tau > 0 ? lognormalCurve(p, p.t0 + tau) - p.baseline : 0);
    const de = (tau: number) => {
      if (!(tau > 0)) return 0;
      const z = (Math.log(tau) - mu) / sigma;
      return -(e(tau) * (1 + z / sigma)) / tau;
    };
    return {
      t0: p.t0,
      baseline: p.baseline,
      e,
      de,
      peakTau: Math.exp(mu - sigma * sigma),
      auc: A,
      meanTransitTime: Math.exp(mu + 0.5 * sigma * sigma),
    };
  },
};

function paramsFromTheta(theta: Float64Array, s: CurveSummary): LognormalParams {
  return { A: Math.exp(theta[0]!), t0: t0FromU(theta[1]!, s), mu: theta[2]!, sigma: Math.exp(theta[3]!), baseline: theta[4]! };
}

/**
 * Fits the lognormal bolus model to a time-intensity curve by Levenberg–Marquardt least squares.
 * A > 0 and σ > 0 are fitted on the log scale and t0 as `peak − e^u`, so every step stays inside
 * the model's domain; nine starts are placed from the curve's baseline, rise and peak and the
 * lowest residual sum of squares wins. Returns the parameters, the derived perfusion metrics
 * (peak enhancement, time to peak, rise and fall time, wash-in rate and AUC, mean transit time,
 * wash-out ratio; see {@link PerfusionMetrics}), R² / RMSE and the fitted values.
 * Times are seconds on the curve's own clock (e.g. from the first frame).
 *
 * Throws `TOO_FEW_OBSERVATIONS` (< 6 samples), `LENGTH_MISMATCH`, `NON_FINITE`, `INVALID_ARGUMENT`
 * (t not increasing) and `NOT_CONVERGED` (a flat curve: nothing to fit).
 *
 * @example
 * ```ts
 * import { fitLognormal, lognormalCurve } from 'sonorisk/phases';
 * const truth = { A: 600, t0: 8, mu: Math.log(10), sigma: 0.6, baseline: 3 };
 * const t = Array.from({ length: 240 }, (_, i) => i * 0.5);
 * const fit = fitLognormal({ t, intensity: t.map((x) => lognormalCurve(truth, x)) });
 * fit.params.mu;                // ≈ 2.3026
 * fit.metrics.peakEnhancement;  // ≈ 600·e^(σ²/2−μ)/(σ√(2π))
 * ```
 */
export function fitLognormal(curve: IntensityCurve, options: BolusFitOptions = {}): LognormalFit {
  return runBolusFit(lognormalModel, curve, options, 'fitLognormal', paramsFromTheta, lognormalCurve);
}
