import { SonoriskError } from '../errors.js';
import { formatEstimateCI, formatNumber, formatP } from './format.js';
import type { Table, TableRow } from './table.js';
import { count, finite, finiteOrNA, intervalOrNA, label, nonEmpty, valueOrNull } from './table-input.js';

/** An estimate with its 95% CI. */
export interface EstimateCI {
  estimate: number;
  ci: readonly [number, number];
}

/**
 * One model's calibration statistics (e.g. from `calibration()`): calibration-in-the-large and
 * the logistic recalibration intercept and slope (ideal 0, 0 and 1), Brier score, mean absolute
 * calibration error Eavg, and optionally the Hosmer–Lemeshow test.
 *
 * @example
 * ```ts
 * const e: CalibrationEntry = {
 *   model: 'R-US', n: 139, events: 42,
 *   calibrationInTheLarge: { estimate: 0.05, ci: [-0.35, 0.45] },
 *   slope: { estimate: 1.12, ci: [0.8, 1.44] }, brier: 0.12, eavg: 0.03,
 * };
 * ```
 */
export interface CalibrationEntry {
  model: string;
  split?: string;
  n: number;
  events: number;
  calibrationInTheLarge: EstimateCI;
  intercept?: EstimateCI;
  slope: EstimateCI;
  brier: number;
  eavg: number;
  hosmerLemeshow?: { statistic: number; df: number; p: number };
}

/** Input to {@link calibrationTable}. */
export interface CalibrationTableInput {
  entries: readonly CalibrationEntry[];
  caption?: string;
  /** Decimals; default 3. */
  digits?: number;
}

/**
 * Builds a calibration statistics table: per model (and split), N and events,
 * calibration-in-the-large, calibration slope (each with 95% CI), Brier score, Eavg, and the
 * Hosmer–Lemeshow χ² and P when given.
 *
 * @example
 * ```ts
 * toMarkdown(calibrationTable({ entries: [e] })); // see CalibrationEntry
 * ```
 */
export function calibrationTable(input: CalibrationTableInput): Table {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'calibrationTable expects { entries }.');
  const entries = nonEmpty<CalibrationEntry>(input.entries, 'entries', 1000);
  const digits = input.digits ?? 3;
  const withSplit = entries.some((e) => e?.split !== undefined);
  const withHL = entries.some((e) => e?.hosmerLemeshow !== undefined);
  const est = (e: EstimateCI, what: string): string => formatEstimateCI(finiteOrNA(e?.estimate, `${what}.estimate`), intervalOrNA(e?.ci, `${what}.ci`), { digits });
  const rows: TableRow[] = entries.map((e, i) => {
    const what = `entries[${i}]`;
    if (typeof e !== 'object' || e === null) throw new SonoriskError('INVALID_ARGUMENT', `${what} must be an object.`);
    const cells: Record<string, string> = {
      model: label(e.model, `${what}.model`),
      n: `${count(e.n, `${what}.n`)} (${count(e.events, `${what}.events`)})`,
      citl: est(e.calibrationInTheLarge, `${what}.calibrationInTheLarge`),
      slope: est(e.slope, `${what}.slope`),
      brier: formatNumber(finite(e.brier, `${what}.brier`, 0, 1), { digits }),
      eavg: formatNumber(finite(e.eavg, `${what}.eavg`, 0, 1), { digits }),
    };
    if (e.split !== undefined) cells['split'] = label(e.split, `${what}.split`);
    const values: Record<string, number | string | null> = {
      model: e.model,
      ...(e.split !== undefined ? { split: e.split } : {}),
      n: e.n,
      events: e.events,
      citl: valueOrNull(e.calibrationInTheLarge.estimate),
      slope: valueOrNull(e.slope.estimate),
      slopeLower: valueOrNull(e.slope.ci[0]),
      slopeUpper: valueOrNull(e.slope.ci[1]),
      brier: e.brier,
      eavg: e.eavg,
    };
    if (e.hosmerLemeshow) {
      const hl = e.hosmerLemeshow;
      // an observed event in a group with expected count 0 (predictions exactly 0) gives χ² = Inf, P = 0, as R
      const hlStat = hl.statistic === Number.POSITIVE_INFINITY ? 'Inf' : formatNumber(finiteOrNA(hl.statistic, `${what}.hosmerLemeshow.statistic`, 0), { digits: 2 });
      cells['hl'] = `${hlStat} (${count(hl.df, `${what}.hosmerLemeshow.df`)})`;
      cells['hlP'] = formatP(finiteOrNA(hl.p, `${what}.hosmerLemeshow.p`, 0, 1));
      values['hl'] = Number.isFinite(hl.statistic) ? hl.statistic : null;
      values['hlP'] = valueOrNull(hl.p);
    }
    return { cells, values };
  });
  return {
    caption: input.caption ?? 'Calibration of the models',
    columns: [
      { key: 'model', label: 'Model' },
      ...(withSplit ? [{ key: 'split', label: 'Data set', align: 'left' as const }] : []),
      { key: 'n', label: 'N (events)' },
      { key: 'citl', label: 'Calibration-in-the-large (95% CI)' },
      { key: 'slope', label: 'Calibration slope (95% CI)' },
      { key: 'brier', label: 'Brier score' },
      { key: 'eavg', label: 'Eavg' },
      ...(withHL ? [{ key: 'hl', label: 'Hosmer–Lemeshow χ² (df)' }, { key: 'hlP', label: 'P' }] : []),
    ],
    rows,
    footnotes: [
      'Calibration-in-the-large: intercept with the slope fixed at 1 (ideal 0). Calibration slope: slope of the logistic recalibration (ideal 1). Eavg: mean absolute difference between predicted and lowess-smoothed observed risk (rms::val.prob).',
      ...(withHL ? ['Hosmer–Lemeshow test with groups at quantiles of predicted risk (df = groups − 2); read it with the curve, not alone.'] : []),
    ],
  };
}
