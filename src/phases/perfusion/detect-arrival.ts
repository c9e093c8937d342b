/**
 * Contrast arrival time from a time-intensity curve, and an estimate of the injection time.
 * @module
 */
import { SonoriskError } from '../../errors.js';
import { readCurve } from './bolus-fit.js';
import type { IntensityCurve } from '../types.js';
import { fitLognormal } from './lognormal-fit.js';

/**
 * Typical delay, in seconds, between a peripheral-vein bolus injection and contrast arrival in the
 * liver: the EFSUMB liver CEUS guidelines (Claudon M, Dietrich CF, Choi BI, et al. "Guidelines and
 * good clinical practice recommendations for contrast enhanced ultrasound (CEUS) in the liver —
 * update 2012", Ultraschall Med 2013;34:11–29, Table 1) give the arterial phase as starting
 * 10–20 s after injection; 15 s is the middle of that range (±5 s covers it).
 *
 * @example
 * ```ts
 * import { TYPICAL_ARM_TO_LIVER_DELAY } from 'sonorisk/phases';
 * TYPICAL_ARM_TO_LIVER_DELAY; // 15
 * ```
 */
export const TYPICAL_ARM_TO_LIVER_DELAY = 15;

/** Options for {@link detectArrival}. */
export interface DetectArrivalOptions {
  /** Length of the pre-contrast baseline at the start of the curve, seconds (default 5). */
  baselineSeconds?: number;
  /** Threshold = baseline mean + k · baseline SD (default 3). */
  k?: number;
  /** The rise must stay above the threshold for this long, seconds (default 1). */
  sustainSeconds?: number;
  /** Injection-to-arrival delay subtracted from the arrival, seconds (default {@link TYPICAL_ARM_TO_LIVER_DELAY}). */
  armToLiverDelay?: number;
  /**
   * How the arrival is placed once the sustained rise is found: 'lognormal' (default) takes the
   * onset t0 of a lognormal bolus fitted to the whole curve when the fit is good (R² ≥ `minR2`) and
   * t0 lies between 10 s before the threshold crossing and one sample interval after it (a steep
   * rise crosses within one sample of its onset); otherwise, or with 'none', the threshold
   * crossing itself.
   */
  refine?: 'lognormal' | 'none';
  /** Smallest R² of the lognormal fit accepted for the refinement (default 0.9). */
  minR2?: number;
}

/** Result of {@link detectArrival}. Times are on the curve's clock (e.g. seconds from the first frame). */
export interface ArrivalEstimate {
  /** False when no sustained rise above the threshold was found; the times are then null. */
  detected: boolean;
  /** The arrival: the fitted bolus onset (`method: 'lognormal-onset'`) or the threshold crossing (`'threshold'`). */
  arrivalTime: number | null;
  /** Threshold crossing at the start of the first sustained rise, linearly interpolated between samples. */
  crossingTime: number | null;
  /** Which of the two `arrivalTime` is; null when nothing was detected. */
  method: 'lognormal-onset' | 'threshold' | null;
  /** R² of the lognormal fit used or rejected for the refinement; null when no fit was tried or it failed. */
  fitR2: number | null;
  /** Index of the first sample of that sustained rise. */
  arrivalIndex: number | null;
  /** arrivalTime − armToLiverDelay. Negative when the injection preceded the first frame. */
  injectionTimeEstimate: number | null;
  baselineMean: number;
  baselineSd: number;
  /** Number of samples in the baseline window. */
  baselineSamples: number;
  threshold: number;
  k: number;
  sustainSeconds: number;
  armToLiverDelay: number;
  /** One-sentence account of how the estimate was made, for reports. */
  basis: string;
  /** Reasons to distrust the estimate (rise right after the baseline window, ...). */
  warnings: string[];
}

function positive(v: unknown, name: string, fallback: number, allowZero = false): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new SonoriskError('INVALID_ARGUMENT', `detectArrival: ${name} must be a finite number ${allowZero ? '≥ 0' : '> 0'}, got ${String(v)}.`, { [name]: v });
  }
  return v;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3));

/**
 * Finds the contrast arrival in a time-intensity curve: the baseline is the first
 * `baselineSeconds` of the curve (mean and sample SD); the arrival is the first sample after the
 * baseline window that starts a run staying above mean + k·SD for at least `sustainSeconds`, with
 * the crossing interpolated linearly between that sample and the one before. That crossing lags
 * the true onset (by k·SD over the wash-in slope and more for a slow start), so by default
 * (`refine: 'lognormal'`) the arrival is the onset t0 of a lognormal bolus fitted to the curve
 * when the fit is good; `crossingTime` and `method` say which was used. The injection time is
 * estimated as arrival − `armToLiverDelay` (default 15 s, see {@link TYPICAL_ARM_TO_LIVER_DELAY}),
 * which is the `injectionTime` `selectFrames` takes; `basis` states all of it.
 *
 * A curve without a sustained rise gives `detected: false` (not an error). Throws
 * `TOO_FEW_OBSERVATIONS` when the baseline window holds fewer than 3 samples, and the curve
 * errors of `fitLognormal`.
 *
 * @example
 * ```ts
 * import { detectArrival } from 'sonorisk/phases';
 * const t = Array.from({ length: 600 }, (_, i) => i / 10);
 * const intensity = t.map((x) => (x < 17 ? 10 : 10 + 8 * (x - 17)));
 * const a = detectArrival({ t, intensity }, { baselineSeconds: 5 });
 * a.arrivalTime;           // ≈ 17
 * a.injectionTimeEstimate; // ≈ 2
 * ```
 */
export function detectArrival(curve: IntensityCurve, options: DetectArrivalOptions = {}): ArrivalEstimate {
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'detectArrival: options must be an object.');
  const baselineSeconds = positive(options.baselineSeconds, 'baselineSeconds', 5);
  const k = positive(options.k, 'k', 3, true);
  const sustainSeconds = positive(options.sustainSeconds, 'sustainSeconds', 1, true);
  const armToLiverDelay = positive(options.armToLiverDelay, 'armToLiverDelay', TYPICAL_ARM_TO_LIVER_DELAY, true);
  const refine = options.refine ?? 'lognormal';
  if (refine !== 'lognormal' && refine !== 'none') throw new SonoriskError('INVALID_ARGUMENT', `detectArrival: refine must be 'lognormal' or 'none', got ${String(refine)}.`);
  const minR2 = options.minR2 ?? 0.9;
  if (typeof minR2 !== 'number' || !(minR2 >= 0 && minR2 <= 1)) throw new SonoriskError('INVALID_ARGUMENT', `detectArrival: minR2 must be a number in 0..1, got ${String(minR2)}.`);
  const { t, y } = readCurve(curve, 'detectArrival', 3);
  const n = t.length;
  const tEnd = t[0]! + baselineSeconds;
  let nb = 0;
  while (nb < n && t[nb]! <= tEnd) nb++;
  if (nb < 3) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `detectArrival: the ${baselineSeconds} s baseline window holds ${nb} samples; need at least 3 (lengthen baselineSeconds).`, { baselineSamples: nb });
  }
  let mean = 0;
  for (let i = 0; i < nb; i++) mean += y[i]!;
  mean /= nb;
  let ss = 0;
  for (let i = 0; i < nb; i++) ss += (y[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (nb - 1));
  const threshold = mean + k * sd;
  const warnings: string[] = [];
  let runStart = -1;
  let found = -1;
  for (let j = nb; j < n; j++) {
    if (y[j]! > threshold) {
      if (runStart < 0) runStart = j;
      if (t[j]! - t[runStart]! >= sustainSeconds) {
        found = runStart;
        break;
      }
    } else {
      runStart = -1;
    }
  }
  const base = { baselineMean: mean, baselineSd: sd, baselineSamples: nb, threshold, k, sustainSeconds, armToLiverDelay };
  const rule = `baseline mean ${fmt(mean)} + ${k}×SD ${fmt(sd)} = ${fmt(threshold)} over ${fmt(t[0]!)}–${fmt(t[nb - 1]!)} s, sustained ≥ ${sustainSeconds} s`;
  if (found < 0) {
    return {
      detected: false,
      arrivalTime: null,
      crossingTime: null,
      method: null,
      fitR2: null,
      arrivalIndex: null,
      injectionTimeEstimate: null,
      ...base,
      basis: `No sustained rise above the threshold (${rule}) after the baseline window; contrast arrival not detected.`,
      warnings,
    };
  }
  const prev = y[found - 1]!;
  const cur = y[found]!;
  const t1 = t[found - 1]!;
  const t2 = t[found]!;
  const crossingTime = prev <= threshold && cur > prev ? t1 + ((threshold - prev) / (cur - prev)) * (t2 - t1) : t2;
  if (found === nb) {
    warnings.push('The curve is above the threshold right after the baseline window: contrast may already have been arriving during it, so the arrival (and injection) estimate may be late; shorten baselineSeconds or check the clip starts before arrival.');
  }
  let arrivalTime = crossingTime;
  let method: 'lognormal-onset' | 'threshold' = 'threshold';
  let fitR2: number | null = null;
  let how = `first rise above ${rule}`;
  if (refine === 'lognormal') {
    try {
      const fit = fitLognormal(curve);
      fitR2 = fit.quality.r2;
      const t0 = fit.params.t0;
      if (fitR2 >= minR2 && t0 <= crossingTime + (t2 - t1) && t0 >= crossingTime - 10) {
        arrivalTime = t0;
        method = 'lognormal-onset';
        how = `onset t0 of a lognormal bolus fitted to the curve, R² = ${fitR2.toFixed(3)}; the curve first rose above ${rule} at ${fmt(crossingTime)} s`;
      } else {
        warnings.push(`The lognormal fit (R² = ${fitR2.toFixed(3)}, t0 = ${fmt(t0)} s) was not used (needs R² ≥ ${minR2} and t0 from 10 s before the crossing to one sample after it); the arrival is the threshold crossing, which lags the true onset.`);
      }
    } catch {
      warnings.push('No lognormal fit of the curve was possible; the arrival is the threshold crossing, which lags the true onset.');
    }
  }
  const injectionTimeEstimate = arrivalTime - armToLiverDelay;
  if (injectionTimeEstimate < t[0]!) {
    warnings.push(`The estimated injection (${fmt(injectionTimeEstimate)} s) precedes the first sample: the clip started after the injection.`);
  }
  const delayBasis =
    armToLiverDelay === TYPICAL_ARM_TO_LIVER_DELAY
      ? `the typical ${armToLiverDelay} s injection-to-liver arrival delay (EFSUMB 2012 liver CEUS guidelines: arterial phase starts 10–20 s after injection; ±5 s)`
      : `the given ${armToLiverDelay} s injection-to-arrival delay`;
  return {
    detected: true,
    arrivalTime,
    crossingTime,
    method,
    fitR2,
    arrivalIndex: found,
    injectionTimeEstimate,
    ...base,
    basis: `Contrast arrival detected at ${fmt(arrivalTime)} s (${how}); injection estimated at ${fmt(injectionTimeEstimate)} s by subtracting ${delayBasis}.`,
    warnings,
  };
}
