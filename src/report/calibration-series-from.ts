import { SonoriskError } from '../errors.js';
import type { CalibrationResult, NumericArray } from '../stats/index.js';
import type { CalibrationSeries } from './calibration-figure.js';

/**
 * Turns a `calibration()` result into a {@link CalibrationSeries} for `calibrationFigure`: each
 * non-empty bin's mean predicted risk against its observed rate with the Wilson interval, the
 * lowess curve, and (optionally) the predictions for the histogram strip.
 *
 * @example
 * ```ts
 * import { calibration } from 'sonorisk/stats';
 * const svg = calibrationFigure([calibrationSeriesFrom('R-US', calibration(labels, probs, { bins: 5 }), probs)]);
 * ```
 */
export function calibrationSeriesFrom(name: string, result: CalibrationResult, predictions?: NumericArray): CalibrationSeries {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.bins) || !result.smooth) {
    throw new SonoriskError('INVALID_ARGUMENT', `calibrationSeriesFrom(${String(name)}): expected a calibration() result.`);
  }
  const bins = result.bins.filter((b) => b.n > 0);
  const s: CalibrationSeries = {
    name,
    bins: {
      predicted: bins.map((b) => b.meanPredicted),
      observed: bins.map((b) => b.observed.estimate),
      lower: bins.map((b) => b.observed.lower),
      upper: bins.map((b) => b.observed.upper),
    },
    smooth: { x: result.smooth.x, y: result.smooth.y },
  };
  if (predictions !== undefined) {
    if (predictions.length !== result.n) {
      throw new SonoriskError('LENGTH_MISMATCH', `calibrationSeriesFrom(${name}): ${predictions.length} predictions for a calibration of ${result.n} cases.`);
    }
    s.predictions = predictions;
  }
  return s;
}
