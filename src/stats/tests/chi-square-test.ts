import { SonoriskError } from '../../errors.js';
import { checkOptionKeys } from '../option-checks.js';
import { type ContingencyTable, checkTable } from './contingency-table.js';
import { chiSquareCdf } from '../distributions/distributions.js';
import { simulatedP } from './table-simulation.js';

/** Options of {@link chiSquareTest}. */
export interface ChiSquareTestOptions {
  /** Yates' continuity correction for 2 × 2 tables; default true, as R's `chisq.test` (not applied when simulating). */
  correct?: boolean;
  /** Monte-Carlo P value over tables with the observed margins (R's `simulate.p.value = TRUE`); default false. */
  simulatePValue?: boolean;
  /** Simulated tables (R's `B`); default 2000. */
  replicates?: number;
  /** Seed of the simulation; default 1. The same seed gives the same P everywhere. */
  seed?: number | string;
}

/** Result of {@link chiSquareTest}, with R's `chisq.test` fields. */
export interface ChiSquareTestResult {
  method: string;
  statistic: number;
  /** Degrees of freedom; `NaN` with a simulated P value (R's `NA`). */
  df: number;
  /** Simulated tables (only with `simulatePValue`). */
  replicates?: number;
  p: number;
  /** Expected counts under independence (rows × columns). */
  expected: number[][];
  /** Pearson residuals (O − E) / √E. */
  residuals: number[][];
  /** Smallest expected count. */
  minExpected: number;
  /** "Chi-squared approximation may be incorrect" when an expected count is below 5 (as R warns). */
  warnings: string[];
}

/**
 * Pearson's χ² test of independence on an r × c table, as R's `chisq.test(table)`: Yates' continuity
 * correction on 2 × 2 tables by default; warns when any expected count is below 5 (consider
 * {@link fisherExactTest} then).
 *
 * @throws SonoriskError `INVALID_ARGUMENT` for a malformed table or a row/column summing to 0,
 * `NON_FINITE`, `LENGTH_MISMATCH` (ragged rows).
 * @example
 * ```ts
 * import { chiSquareTest } from 'sonorisk/stats';
 * const r = chiSquareTest([[12, 5], [7, 14]]);
 * r.statistic; r.p; r.warnings; // Yates-corrected, as chisq.test(matrix(c(12, 7, 5, 14), 2))
 * ```
 */
export function chiSquareTest(table: ContingencyTable, options: ChiSquareTestOptions = {}): ChiSquareTestResult {
  const fn = 'chiSquareTest';
  checkOptionKeys(options, ['correct', 'simulatePValue', 'replicates', 'seed'], fn);
  const { cells, rows, cols, total } = checkTable(table, fn, false);
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: row ${i} sums to 0; drop empty rows first.`);
  }
  for (let j = 0; j < cols.length; j++) {
    if (cols[j] === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: column ${j} sums to 0; drop empty columns first.`);
  }
  const nr = rows.length;
  const nc = cols.length;
  const expected = rows.map((r) => cols.map((c) => (r * c) / total));
  let yates = 0;
  const simulate = options.simulatePValue ?? false;
  const correct = (options.correct ?? true) && !simulate;
  if (correct && nr === 2 && nc === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(cells[i]![j]! - expected[i]![j]!));
  }
  let statistic = 0;
  let minExpected = Number.POSITIVE_INFINITY;
  const residuals: number[][] = [];
  for (let i = 0; i < nr; i++) {
    const rr: number[] = [];
    for (let j = 0; j < nc; j++) {
      const e = expected[i]![j]!;
      const o = cells[i]![j]!;
      statistic += (Math.abs(o - e) - yates) ** 2 / e;
      rr.push((o - e) / Math.sqrt(e));
      minExpected = Math.min(minExpected, e);
    }
    residuals.push(rr);
  }
  const df = (nr - 1) * (nc - 1);
  const warnings = minExpected < 5 && !simulate ? ['Chi-squared approximation may be incorrect'] : [];
  if (simulate) {
    const flatE = expected.flat();
    const pearson = (t: Float64Array) => {
      let s = 0;
      for (let k = 0; k < t.length; k++) s += (t[k]! - flatE[k]!) ** 2 / flatE[k]!;
      return s;
    };
    const almost1 = 1 - 64 * Number.EPSILON;
    const sim = simulatedP(rows, cols, total, options, pearson, (s) => s >= almost1 * statistic, fn);
    return {
      method: `Pearson's Chi-squared test with simulated p-value (based on ${sim.replicates} replicates)`,
      statistic,
      df: Number.NaN,
      p: sim.p,
      replicates: sim.replicates,
      expected,
      residuals,
      minExpected,
      warnings,
    };
  }
  return {
    method: yates > 0 ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test",
    statistic,
    df,
    p: chiSquareCdf(statistic, df, false),
    expected,
    residuals,
    minExpected,
    warnings,
  };
}
