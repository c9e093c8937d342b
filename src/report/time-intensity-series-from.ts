import { SonoriskError } from '../errors.js';
import type { ArrivalEstimate, InjectionTimeInfo, IntensityCurve, PhaseWindow } from '../phases/index.js';
import type { TimeIntensitySeries } from './time-intensity-figure.js';

/** A bolus fit (`fitLognormal` / `fitGammaVariate`): the model name, fitted values at the curve's times, R². */
export interface FittedCurve {
  model: string;
  fitted: ArrayLike<number>;
  quality?: { r2: number };
}

/** Options for {@link timeIntensitySeriesFrom}. */
export interface TimeIntensitySeriesFromOptions {
  /**
   * Injection time on the curve's clock (s from the first frame), or the `injection` a clip
   * reported; the figure's axis is time after injection. Default: the arrival's
   * `injectionTimeEstimate` when it has one, else 0 (the curve's clock is used as is).
   */
  injectionTime?: number | InjectionTimeInfo;
  /** Legend name of the measured curve (default 'Measured'). */
  name?: string;
}

const MODEL_NAMES: Record<string, string> = { lognormal: 'Lognormal fit', 'gamma-variate': 'Gamma-variate fit' };

/**
 * Turns the perfusion results of sonorisk/phases into a {@link TimeIntensitySeries} for
 * `timeIntensityFigure`: the measured mean intensity, the fitted bolus curve (named after its
 * model, with R²), the contrast arrival and the phase windows, all shifted from the curve's clock
 * (seconds from the first frame) to seconds after the injection. Windows are already in seconds
 * after injection; a window starting at −∞ (the B-mode window) starts at the first sample.
 * Throws `INVALID_ARGUMENT` for missing curves, `LENGTH_MISMATCH` when the fit has another length.
 *
 * @example
 * ```ts
 * import { detectArrival, fitLognormal, timeIntensityCurve, PHASES } from 'sonorisk/phases';
 * import { timeIntensityFigure, timeIntensitySeriesFrom } from 'sonorisk/report';
 * const tic = await timeIntensityCurve(ceus, box);
 * const fit = fitLognormal(tic);
 * const arrival = detectArrival(tic);
 * const svg = timeIntensityFigure(timeIntensitySeriesFrom(tic, fit, arrival, [PHASES.arterial, PHASES.portal]));
 * ```
 */
export function timeIntensitySeriesFrom(
  tic: IntensityCurve,
  fit?: FittedCurve | null,
  arrival?: ArrivalEstimate | number | null,
  windows: readonly PhaseWindow[] = [],
  options: TimeIntensitySeriesFromOptions = {},
): TimeIntensitySeries {
  if (typeof tic !== 'object' || tic === null || tic.t == null) {
    throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensitySeriesFrom: tic must be a timeIntensityCurve result or { t, intensity }.');
  }
  const values = tic.intensity;
  if (values == null) throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensitySeriesFrom: tic needs intensity values.');
  if (typeof options !== 'object' || options === null) throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensitySeriesFrom: options must be an object.');
  if (!Array.isArray(windows)) throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensitySeriesFrom: windows must be an array of PhaseWindow.');
  const est = typeof arrival === 'object' && arrival !== null ? arrival : null;
  const given = options.injectionTime;
  const injection = typeof given === 'number' ? given : typeof given === 'object' && given !== null ? given.time : (est?.injectionTimeEstimate ?? 0);
  if (!Number.isFinite(injection)) throw new SonoriskError('INVALID_ARGUMENT', `timeIntensitySeriesFrom: injectionTime must be finite, got ${String(injection)}.`);
  const t = Array.from(tic.t, (v) => v - injection);
  const series: TimeIntensitySeries = { name: options.name ?? 'Measured', t, intensity: Array.from(values) };
  if (fit != null) {
    if (typeof fit !== 'object' || fit.fitted == null) throw new SonoriskError('INVALID_ARGUMENT', 'timeIntensitySeriesFrom: fit must be a fitLognormal / fitGammaVariate result.');
    if (fit.fitted.length !== t.length) {
      throw new SonoriskError('LENGTH_MISMATCH', `timeIntensitySeriesFrom: the fit has ${fit.fitted.length} values for ${t.length} samples; fit the same curve.`);
    }
    series.fitted = Array.from(fit.fitted);
    const r2 = fit.quality?.r2;
    series.fittedName = `${MODEL_NAMES[fit.model] ?? 'Fit'}${typeof r2 === 'number' && Number.isFinite(r2) ? ` (R² = ${r2.toFixed(3)})` : ''}`;
  }
  const at = typeof arrival === 'number' ? arrival : est?.detected ? est.arrivalTime : null;
  if (at != null) series.arrival = at - injection;
  series.windows = windows.map((w) => (w.start === Number.NEGATIVE_INFINITY ? { ...w, start: t[0] ?? 0 } : w));
  return series;
}
