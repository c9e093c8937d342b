import { SonoriskError } from '../errors.js';
import type { LognormalParams } from '../phases/internal.js';

/*
 * The simulator's time-intensity curves are the lognormal bolus of sonorisk/phases
 * (`LognormalParams`, evaluated by `lognormalCurve`), with t in seconds after the injection, `t0`
 * the arrival, `A` the area under the enhancement (intensity·s) and intensities in display units
 * (0–255 grey levels before speckle). This file only adds the clinician-facing peak description.
 */

/** Checks simulator curve parameters: finite t0, mu, sigma > 0, A ≥ 0, baseline ≥ 0. */
export function assertLognormal(p: LognormalParams, where: string): void {
  const ok =
    p !== null &&
    typeof p === 'object' &&
    Number.isFinite(p.t0) &&
    Number.isFinite(p.mu) &&
    Number.isFinite(p.sigma) &&
    p.sigma > 0 &&
    Number.isFinite(p.A) &&
    p.A >= 0 &&
    Number.isFinite(p.baseline) &&
    p.baseline >= 0;
  if (!ok) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: lognormal curve parameters need finite t0, mu, sigma > 0, A >= 0 and baseline >= 0, got ${JSON.stringify(p)}.`);
  }
}

/** Clinician-facing description of a lognormal TIC: arrival, time to peak after arrival, peak height. */
export interface LognormalPeak {
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
 * Converts a peak-based description to the lognormal bolus parameters of sonorisk/phases: the
 * lognormal's mode is exp(μ − σ²) = timeToPeak, so μ = ln(timeToPeak) + σ², and its height there is
 * A·exp(−σ²/2) / (timeToPeak·σ·√(2π)) = peak, so A = peak·timeToPeak·σ·√(2π)·exp(σ²/2).
 *
 * @example
 * ```ts
 * import { lognormalCurve } from 'sonorisk/phases';
 * const lesion = lognormalFromPeak({ t0: 10, timeToPeak: 10, peak: 115, sigma: 0.7, baseline: 4 });
 * lognormalCurve(lesion, 20); // ≈ 119 (peak + baseline, at t0 + timeToPeak)
 * ```
 */
export function lognormalFromPeak(shape: LognormalPeak): LognormalParams {
  const { t0, timeToPeak, peak, sigma, baseline } = shape ?? ({} as LognormalPeak);
  if (!(Number.isFinite(t0) && timeToPeak > 0 && Number.isFinite(timeToPeak) && peak >= 0 && Number.isFinite(peak) && sigma > 0 && Number.isFinite(sigma) && baseline >= 0 && Number.isFinite(baseline))) {
    throw new SonoriskError('INVALID_ARGUMENT', `lognormalFromPeak: need finite t0, timeToPeak > 0, peak >= 0, sigma > 0, baseline >= 0, got ${JSON.stringify(shape)}.`);
  }
  return {
    A: peak * timeToPeak * sigma * Math.sqrt(2 * Math.PI) * Math.exp((sigma * sigma) / 2),
    t0,
    mu: Math.log(timeToPeak) + sigma * sigma,
    sigma,
    baseline,
  };
}
