import { SonoriskError } from '../errors.js';
import { type BinaryLabels, type CalibrationOptions, calibration, type NumericArray } from '../stats/index.js';
import { type CalibrationEntry, calibrationTable } from './calibration-table.js';
import { available } from './performance-table-compute.js';
import type { Table } from './table.js';

/**
 * Runs `calibration()` for each model's predicted probabilities and builds the calibration
 * statistics table (with Hosmer–Lemeshow). Each row's `values` equal the result's fields. A NaN
 * probability is a missing prediction: each model uses the cases it has (its row's n).
 *
 * @example
 * ```ts
 * const t = computeCalibrationTable(yVal, { 'R-US': pUs, 'R-CEUS': pCeus }, { split: 'Validation' });
 * ```
 */
export function computeCalibrationTable(
  labels: BinaryLabels,
  probabilities: Readonly<Record<string, NumericArray>>,
  options: CalibrationOptions & { split?: string; caption?: string; digits?: number } = {},
): Table {
  const names = Object.keys(probabilities ?? {});
  if (names.length === 0) throw new SonoriskError('EMPTY_INPUT', 'computeCalibrationTable: no models given.');
  const { split, caption, digits, ...calOptions } = options;
  const entries: CalibrationEntry[] = names.map((model) => {
    const { labels: y, scores: p } = available(labels, probabilities[model]!);
    const c = calibration(y, p, calOptions);
    const e: CalibrationEntry = {
      model,
      n: c.n,
      events: c.events,
      calibrationInTheLarge: { estimate: c.calibrationInTheLarge.estimate, ci: c.calibrationInTheLarge.ci },
      intercept: { estimate: c.intercept.estimate, ci: c.intercept.ci },
      slope: { estimate: c.slope.estimate, ci: c.slope.ci },
      brier: c.brier,
      eavg: c.eavg,
      hosmerLemeshow: { statistic: c.hosmerLemeshow.statistic, df: c.hosmerLemeshow.df, p: c.hosmerLemeshow.p },
    };
    if (split !== undefined) e.split = split;
    return e;
  });
  return calibrationTable({ entries, ...(caption !== undefined ? { caption } : {}), ...(digits !== undefined ? { digits } : {}) });
}
