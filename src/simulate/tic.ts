import { SonoriskError } from '../errors.js';

/**
 * Parameters of a lognormal time-intensity curve (the indicator-dilution model used for CEUS):
 *
 * f(t) = A / ((t − t0) σ √(2π)) · exp(−(ln(t − t0) − μ)² / (2σ²)) + baseline   for t > t0,
 * f(t) = baseline                                                              for t ≤ t0,
 *
 * with t in seconds after the injection, `t0` the arrival time, `area` = A the area under the
 * enhancement (intensity·s), and intensities in display units (0–255 grey levels before speckle).
 */
export interface TicParams {
  t0: number;
  mu: number;
  sigma: number;
  area: number;
  baseline: number;
}

function check(p: TicParams, where: string): void {
  const ok =
    p !== null &&
    typeof p === 'object' &&
    Number.isFinite(p.t0) &&
    Number.isFinite(p.mu) &&
    Number.isFinite(p.sigma) &&
    p.sigma > 0 &&
    Number.isFinite(p.area) &&
    p.area >= 0 &&
    Number.isFinite(p.baseline) &&
    p.baseline >= 0;
  if (!ok) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: TIC parameters need finite t0, mu, sigma > 0, area >= 0 and baseline >= 0, got ${JSON.stringify(p)}.`);
  }
}

/**
 * Evaluates the lognormal time-intensity curve {@link TicParams} at `t` seconds after injection.
 *
 * @example
 * ```ts
 * const liver = ticFromPeak({ t0: 14, timeToPeak: 25, peak: 70, sigma: 1.1, baseline: 4 });
 * lognormalTic(liver, 39); // ≈ 74 (peak + baseline, at t0 + timeToPeak)
 * lognormalTic(liver, 5);  // 4 (before arrival: baseline)
 * ```
 */
export function lognormalTic(p: TicParams, t: number): number {
  check(p, 'lognormalTic');
  if (!Number.isFinite(t)) throw new SonoriskError('INVALID_ARGUMENT', `lognormalTic: t must be finite, got ${String(t)}.`);
  return evalTic(p, t);
}

/** Unchecked evaluation for inner loops (parameters validated once by the caller). */
export function evalTic(p: TicParams, t: number): number {
  const x = t - p.t0;
  if (!(x > 0)) return p.baseline;
  const z = (Math.log(x) - p.mu) / p.sigma;
  return (p.area / (x * p.sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * z * z) + p.baseline;
}

/** Clinician-facing description of a lognormal TIC: arrival, time to peak after arrival, peak height. */
export interface TicShape {
  /** Arrival time, s after injection. */
  t0: number;
  /** Time from arrival to the peak, s (the lognormal's mode). */
  timeToPeak: number;
  /** Peak enhancement above baseline (display units). */
  peak: number;
  /** Shape: larger σ = slower wash-out (longer tail). */
  sigma: number;
  baseline: number;
}

/**
 * Converts a peak-based description to {@link TicParams}: the lognormal's mode is
 * exp(μ − σ²) = timeToPeak, so μ = ln(timeToPeak) + σ², and its height there is
 * A·exp(−σ²/2) / (timeToPeak·σ·√(2π)) = peak, so A = peak·timeToPeak·σ·√(2π)·exp(σ²/2).
 *
 * @example
 * ```ts
 * const lesion = ticFromPeak({ t0: 10, timeToPeak: 10, peak: 115, sigma: 0.7, baseline: 4 });
 * lognormalTic(lesion, 20); // ≈ 119
 * ```
 */
export function ticFromPeak(shape: TicShape): TicParams {
  const { t0, timeToPeak, peak, sigma, baseline } = shape ?? ({} as TicShape);
  if (!(Number.isFinite(t0) && timeToPeak > 0 && Number.isFinite(timeToPeak) && peak >= 0 && Number.isFinite(peak) && sigma > 0 && Number.isFinite(sigma) && baseline >= 0 && Number.isFinite(baseline))) {
    throw new SonoriskError('INVALID_ARGUMENT', `ticFromPeak: need finite t0, timeToPeak > 0, peak >= 0, sigma > 0, baseline >= 0, got ${JSON.stringify(shape)}.`);
  }
  return {
    t0,
    mu: Math.log(timeToPeak) + sigma * sigma,
    sigma,
    area: peak * timeToPeak * sigma * Math.sqrt(2 * Math.PI) * Math.exp((sigma * sigma) / 2),
    baseline,
  };
}

/** Validates TIC parameters (throws {@link SonoriskError} `INVALID_ARGUMENT`). */
export function assertTic(p: TicParams, where: string): void {
  check(p, where);
}
