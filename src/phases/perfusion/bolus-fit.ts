/**
 * Shared machinery for bolus models (lognormal, gamma variate): input checks, starting values
 * from the curve's peak and rise, multi-start Levenberg–Marquardt, goodness of fit and the derived
 * perfusion metrics. Internal: the public entry points are `fitLognormal` and `fitGammaVariate`.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import type { IntensityCurve } from '../types.js';
import { brentRoot, inverseNormalMatrix, levenbergMarquardt, type ResidualFn } from '../../numeric/index.js';


/** Options shared by {@link fitLognormal} and {@link fitGammaVariate}. */
export interface BolusFitOptions {
  /** Iteration cap per start (default 200). */
  maxIterations?: number;
  /** Delay after the peak at which the wash-out ratio is read, in seconds (default 60). */
  washOutDelay?: number;
}

/**
 * Perfusion metrics derived from a fitted bolus curve. Enhancement is the fitted curve minus the
 * fitted baseline, e(t) = f(t) − baseline; τ = t − t0. Times are seconds, intensities in the
 * curve's units.
 */
export interface PerfusionMetrics {
  /** PE: maximum enhancement above baseline, e(peakTime). */
  peakEnhancement: number;
  /** Absolute time of the fitted peak (same clock as the input `t`). */
  peakTime: number;
  /** TTP: peakTime − t0 (time from the fitted onset to the peak). */
  timeToPeak: number;
  /** RT: time from 10% to 90% of PE on the rising limb. */
  riseTime: number;
  /** FT: time from 90% to 10% of PE on the falling limb. */
  fallTime: number;
  /** WiR: maximum slope of the fitted curve on the rising limb (intensity / s). */
  washInRate: number;
  /** WiAUC: ∫ e(t) dt from t0 to peakTime. */
  washInAUC: number;
  /** AUC: ∫ e(t) dt from t0 to ∞ (the whole bolus). */
  auc: number;
  /** mTT: mean transit time, the first moment of e about t0: ∫ τ e dτ / ∫ e dτ. */
  meanTransitTime: number;
  /** WoR: 1 − e(peakTime + washOutDelay) / PE, the fraction of the peak washed out that long after it. */
  washOutRatio: number;
  /** The delay used for {@link PerfusionMetrics.washOutRatio}, seconds. */
  washOutDelay: number;
}

/** Goodness of fit of a bolus model. */
export interface FitQuality {
  /** Coefficient of determination 1 − SSE/SST. */
  r2: number;
  /** Root mean squared residual √(SSE/n). */
  rmse: number;
  sse: number;
  n: number;
  /** Levenberg–Marquardt iterations of the winning start. */
  iterations: number;
  /** False when the winning start hit the iteration cap. */
  converged: boolean;
  /** How many starts were tried. */
  starts: number;
}

/** Curve features used to place starting values. */
export interface CurveSummary {
  t: Float64Array;
  y: Float64Array;
  baseline: number;
  peakTime: number;
  peakValue: number;
  onsetTime: number;
  /** Cap for t0 (t0 = cap − exp(u) keeps t0 before the observed peak). */
  t0Cap: number;
}

/** One bolus model in transformed parameters θ = [log-scale params..., u (t0), baseline]. */
export interface BolusModel<M extends string = string> {
  name: M;
  /** Starting θ vectors from the curve summary. */
  starts(s: CurveSummary): Float64Array[];
  /** Residuals y − f(t; θ) and, when `jac` is given, ∂r/∂θ. */
  residuals(s: CurveSummary): ResidualFn;
  /** Names of the natural parameters, in θ order. */
  paramNames: readonly string[];
  /** d(natural parameter i)/dθᵢ at θ (each natural parameter depends on one θ component). */
  naturalDerivatives(theta: Float64Array, s: CurveSummary): number[];
  /** Enhancement e(τ) and its derivative for metrics, from θ. */
  shape(theta: Float64Array, s: CurveSummary): BolusShape;
}

/** A fitted bolus shape as a function of τ = t − t0. */
export interface BolusShape {
  t0: number;
  baseline: number;
  e(tau: number): number;
  de(tau: number): number;
  peakTau: number;
  auc: number;
  meanTransitTime: number;
}

/** Checks a curve and copies it to Float64Arrays. */
export function readCurve(curve: IntensityCurve, fn: string, minPoints: number): { t: Float64Array; y: Float64Array } {
  if (typeof curve !== 'object' || curve === null || curve.t == null || curve.intensity == null || typeof curve.t.length !== 'number' || typeof curve.intensity.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: curve must be { t, intensity } arrays of numbers (seconds, intensity).`);
  }
  if (curve.t.length !== curve.intensity.length) {
    throw new SonoriskError('LENGTH_MISMATCH', `${fn}: t has ${curve.t.length} values but intensity has ${curve.intensity.length}.`, { t: curve.t.length, intensity: curve.intensity.length });
  }
  const n = curve.t.length;
  if (n < minPoints) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: need at least ${minPoints} samples, got ${n}.`, { n, minPoints });
  }
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ti = curve.t[i];
    const yi = curve.intensity[i];
    if (typeof ti !== 'number' || typeof yi !== 'number' || !Number.isFinite(ti) || !Number.isFinite(yi)) {
      throw new SonoriskError('NON_FINITE', `${fn}: sample ${i} is not a finite number (t=${String(ti)}, intensity=${String(yi)}).`, { index: i });
    }
    if (i > 0 && ti <= t[i - 1]!) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: t must strictly increase (index ${i}: ${ti} after ${t[i - 1]}).`, { index: i });
    }
    t[i] = ti;
    y[i] = yi;
  }
  return { t, y };
}

/** Peak, baseline and onset of a curve (5-sample centred moving average against noise). */
export function summarizeCurve(t: Float64Array, y: Float64Array, fn: string): CurveSummary {
  const n = t.length;
  const half = Math.min(2, Math.floor((n - 1) / 2));
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(n - 1, i + half); k++) {
      s += y[k]!;
      c++;
    }
    smooth[i] = s / c;
  }
  let iPeak = 0;
  for (let i = 1; i < n; i++) if (smooth[i]! > smooth[iPeak]!) iPeak = i;
  let baseline = smooth[0]!;
  for (let i = 1; i <= iPeak; i++) baseline = Math.min(baseline, smooth[i]!);
  if (iPeak === 0 || iPeak === n - 1) {
    // Peak before the clip (wash-out only) or still rising at its end: the global minimum.
    for (let i = 0; i < n; i++) baseline = Math.min(baseline, smooth[i]!);
  }
  const peakValue = smooth[iPeak]!;
  const amp = peakValue - baseline;
  const span = t[n - 1]! - t[0]!;
  if (!(amp > 1e-12 * Math.max(1, Math.abs(peakValue)))) {
    throw new SonoriskError('NOT_CONVERGED', `${fn}: the curve has no enhancement above its baseline (flat); there is no bolus to fit.`, { peak: peakValue, baseline });
  }
  let onsetTime = t[0]! - 0.25 * span;
  for (let i = iPeak; i >= 0; i--) {
    if (smooth[i]! <= baseline + 0.05 * amp) {
      onsetTime = t[i]!;
      break;
    }
  }
  const peakTime = t[iPeak]!;
  // t0 must precede the observed peak; allow a little slack past it for a flat-topped peak.
  const t0Cap = peakTime + 1e-6 * Math.max(1, span);
  return { t, y, baseline, peakTime, peakValue, onsetTime, t0Cap };
}

/** Fits a bolus model from every start and keeps the lowest SSE. */
export function fitBolus(model: BolusModel, s: CurveSummary, options: BolusFitOptions, fn: string): { theta: Float64Array; quality: FitQuality } {
  const maxIterations = options.maxIterations ?? 200;
  if (!Number.isInteger(maxIterations) || maxIterations < 1 || maxIterations > 100_000) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: maxIterations must be an integer in 1..100000, got ${String(maxIterations)}.`);
  }
  const n = s.t.length;
  const residuals = model.residuals(s);
  const starts = model.starts(s);
  let best: { theta: Float64Array; sse: number; iterations: number; converged: boolean } | null = null;
  for (const start of starts) {
    const res = levenbergMarquardt(residuals, start, n, { maxIterations, ftol: 1e-10, xtol: 1e-10 });
    if (Number.isFinite(res.sse) && (best === null || res.sse < best.sse)) best = res;
  }
  if (best === null) {
    throw new SonoriskError('NOT_CONVERGED', `${fn}: no starting point gave a finite fit of the ${model.name} model.`);
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += s.y[i]!;
  mean /= n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (s.y[i]! - mean) ** 2;
  return {
    theta: best.theta,
    quality: {
      r2: sst > 0 ? 1 - best.sse / sst : Number.NaN,
      rmse: Math.sqrt(best.sse / n),
      sse: best.sse,
      n,
      iterations: best.iterations,
      converged: best.converged,
      starts: starts.length,
    },
  };
}

/**
 * A fitted bolus model: its parameters, the derived perfusion metrics, the fit quality and the
 * fitted values f(t) at the input times.
 */
export interface BolusFit<M extends string, P> {
  model: M;
  params: P;
  /**
   * Asymptotic standard errors of the parameters: √diag(s²·(JᵀJ)⁻¹) with s² = SSE/(n − 5), as
   * scipy `curve_fit`'s default `pcov`; NaN when JᵀJ is singular.
   */
  standardErrors: P;
  metrics: PerfusionMetrics;
  quality: FitQuality;
  /** Fitted f(t) at the input times. */
  fitted: Float64Array;
}

/** The whole fit: checks, starts, multi-start LM, parameters, metrics and fitted values. */
export function runBolusFit<M extends string, P>(
  model: BolusModel<M>,
  curve: IntensityCurve,
  options: BolusFitOptions,
  fn: string,
  toParams: (theta: Float64Array, s: CurveSummary) => P,
  value: (params: P, t: number) => number,
): BolusFit<M, P> {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: options must be an object.`);
  const { t, y } = readCurve(curve, fn, 6);
  const s = summarizeCurve(t, y, fn);
  const { theta, quality } = fitBolus(model, s, options, fn);
  const params = toParams(theta, s);
  const inv = inverseNormalMatrix(model.residuals(s), theta, t.length);
  const s2 = quality.sse / Math.max(1, t.length - theta.length);
  const d = model.naturalDerivatives(theta, s);
  const se: Record<string, number> = {};
  model.paramNames.forEach((name, i) => {
    se[name] = inv === null ? Number.NaN : Math.abs(d[i]!) * Math.sqrt(s2 * inv[i * theta.length + i]!);
  });
  const standardErrors = se as P;
  const metrics = bolusMetrics(model.shape(theta, s), options, fn);
  const fitted = t.map((x) => value(params, x));
  return { model: model.name, params, standardErrors, metrics, quality, fitted };
}

/** Derived metrics of a fitted shape (see {@link PerfusionMetrics} for the definitions). */
export function bolusMetrics(shape: BolusShape, options: BolusFitOptions, fn: string): PerfusionMetrics {
  const washOutDelay = options.washOutDelay ?? 60;
  if (typeof washOutDelay !== 'number' || !Number.isFinite(washOutDelay) || washOutDelay < 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: washOutDelay must be a finite number of seconds ≥ 0, got ${String(washOutDelay)}.`);
  }
  const { e, de, peakTau } = shape;
  const pe = e(peakTau);
  const rising = (level: number) => crossing((tau) => e(tau) - level * pe, 0, peakTau);
  let far = Math.max(peakTau, 1e-9) * 2;
  for (let k = 0; k < 200 && e(far) > 0.1 * pe; k++) far *= 2;
  const falling = (level: number) => crossing((tau) => level * pe - e(tau), peakTau, far);
  // Maximum slope on the rising limb: dense scan then golden-section refinement.
  const m = 512;
  let iBest = 0;
  let sBest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= m; i++) {
    const slope = de((peakTau * i) / m);
    if (slope > sBest) [sBest, iBest] = [slope, i];
  }
  const lo = (peakTau * Math.max(0, iBest - 1)) / m;
  const hi = (peakTau * Math.min(m, iBest + 1)) / m;
  const washInRate = Math.max(sBest, de(goldenMax(de, lo, hi)));
  return {
    peakEnhancement: pe,
    peakTime: shape.t0 + peakTau,
    timeToPeak: peakTau,
    riseTime: rising(0.9) - rising(0.1),
    fallTime: falling(0.1) - falling(0.9),
    washInRate,
    washInAUC: simpson(e, 0, peakTau, 2000),
    auc: shape.auc,
    meanTransitTime: shape.meanTransitTime,
    washOutRatio: pe > 0 ? 1 - e(peakTau + washOutDelay) / pe : Number.NaN,
    washOutDelay,
  };
}

/** Root of a function that is ≤ 0 at `lo` and ≥ 0 at `hi` (Brent's method, to 1e-12 relative). */
function crossing(g: (x: number) => number, lo: number, hi: number): number {
  return brentRoot(g, lo, hi, g(lo), g(hi), 1e-12 * Math.max(1, Math.abs(hi)));
}

function goldenMax(g: (x: number) => number, lo: number, hi: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  for (let k = 0; k < 100 && b - a > 1e-12 * Math.max(1, Math.abs(b)); k++) {
    const c = b - r * (b - a);
    const d = a + r * (b - a);
    if (g(c) > g(d)) b = d;
    else a = c;
  }
  return 0.5 * (a + b);
}

/** Composite Simpson's rule with `m` (even) intervals. */
function simpson(g: (x: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = g(a) + g(b);
  for (let i = 1; i < m; i++) s += (i % 2 === 1 ? 4 : 2) * g(a + i * h);
  return (s * h) / 3;
}

/** t0 from its transformed coordinate u (t0 = cap − e^u) and back. */
export function t0FromU(u: number, s: CurveSummary): number {
  return s.t0Cap - Math.exp(u);
}

/** Inverse of {@link t0FromU}; t0 at or past the cap maps to a point just before it. */
export function uFromT0(t0: number, s: CurveSummary): number {
  return Math.log(Math.max(s.t0Cap - t0, 1e-6));
}
