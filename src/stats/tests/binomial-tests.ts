import { SonoriskError } from '../../errors.js';
import { brentRoot } from '../../numeric/index.js';
import { binomialCdf, chiSquareCdf, logGamma, regularizedBeta } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import type { Alternative } from '../roc/delong.js';
import { checkAlternativeOption } from '../sample-checks.js';
import { type ContingencyTable, checkTable } from './contingency-table.js';

/** Options of {@link binomTest}; defaults as R's `binom.test`. */
export interface BinomTestOptions {
  /** Hypothesised probability of success; default 0.5. */
  p?: number;
  alternative?: Alternative;
  /** Level of the Clopper–Pearson interval; default 0.95. */
  level?: number;
}

/** Result of {@link binomTest}, with R's `htest` fields. */
export interface BinomTestResult {
  method: 'Exact binomial test';
  /** Successes x. */
  statistic: number;
  /** Trials n. */
  n: number;
  /** x / n. */
  estimate: number;
  p: number;
  /** Exact (Clopper–Pearson) confidence interval of the probability. */
  confInt: [number, number];
  level: number;
  alternative: Alternative;
}

/** R's `qbeta(q, a, b)` by Brent's method on the regularised incomplete beta (|error| < 1e-15). Internal. */
export function betaQuantile(q: number, a: number, b: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  return brentRoot((x) => regularizedBeta(x, a, b) - q, 0, 1, -q, 1 - q, 1e-16);
}

function dbinom(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Exact binomial test with the Clopper–Pearson interval, as R's `binom.test(x, n, p)`: the two-sided P
 * sums the outcomes no more likely than x (relative tolerance 1e-7, as R).
 *
 * @throws SonoriskError `INVALID_ARGUMENT` unless 0 ≤ x ≤ n are integers, 0 ≤ p ≤ 1 and 0 < level < 1.
 * @example
 * ```ts
 * import { binomTest } from 'sonorisk/stats';
 * const r = binomTest(7, 20, { p: 0.2 });
 * r.p; r.confInt; // 0.0982, [0.1539, 0.5922], as binom.test(7, 20, p = 0.2)
 * ```
 */
export function binomTest(x: number, n: number, options?: BinomTestOptions): BinomTestResult {
  const fn = 'binomTest';
  const o = checkOptionKeys(options, ['p', 'alternative', 'level'], fn);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(x) || x < 0 || x > n) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: need integers 0 <= x <= n and n >= 1, got x = ${String(x)}, n = ${String(n)}.`);
  }
  const p0 = o.p ?? 0.5;
  if (typeof p0 !== 'number' || !(p0 >= 0 && p0 <= 1)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: p must be in [0, 1], got ${String(p0)}.`);
  const alternative = checkAlternativeOption(o.alternative, fn);
  const level = checkLevel(o.level, fn);
  let p: number;
  if (alternative === 'less') p = binomialCdf(x, n, p0);
  else if (alternative === 'greater') p = binomialCdf(x - 1, n, p0, false);
  else if (p0 === 0) p = x === 0 ? 1 : 0;
  else if (p0 === 1) p = x === n ? 1 : 0;
  else {
    const d = dbinom(x, n, p0) * (1 + 1e-7);
    const m = n * p0;
    if (x === m) p = 1;
    else if (x < m) {
      let y = 0;
      for (let i = Math.ceil(m); i <= n; i++) if (dbinom(i, n, p0) <= d) y++;
      p = binomialCdf(x, n, p0) + binomialCdf(n - y, n, p0, false);
    } else {
      let y = 0;
      for (let i = 0; i <= Math.floor(m); i++) if (dbinom(i, n, p0) <= d) y++;
      p = binomialCdf(y - 1, n, p0) + binomialCdf(x - 1, n, p0, false);
    }
  }
  const lower = (a: number) => (x === 0 ? 0 : betaQuantile(a, x, n - x + 1));
  const upper = (a: number) => (x === n ? 1 : betaQuantile(1 - a, x + 1, n - x));
  const confInt: [number, number] =
    alternative === 'less' ? [0, upper(1 - level)] : alternative === 'greater' ? [lower(1 - level), 1] : [lower((1 - level) / 2), upper((1 - level) / 2)];
  return { method: 'Exact binomial test', statistic: x, n, estimate: x / n, p: Math.min(1, p), confInt, level, alternative };
}

/** Options of {@link mcnemarTest}. */
export interface McNemarOptions {
  /** Continuity correction (2 × 2 only); default true, as R. */
  correct?: boolean;
}

/** Result of {@link mcnemarTest}, as R's `mcnemar.test`. */
export interface McNemarResult {
  method: "McNemar's Chi-squared test" | "McNemar's Chi-squared test with continuity correction";
  statistic: number;
  df: number;
  p: number;
}

/**
 * McNemar's test of symmetry for a square table of paired outcomes (rows: first rating, columns:
 * second), as R's `mcnemar.test(table)`: continuity-corrected on 2 × 2 tables by default.
 * A pair of cells that are both 0 gives 0/0 and a `NaN` statistic, as in R.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` (not square, fewer than 2 rows, negative or non-integer counts), `LENGTH_MISMATCH`.
 * @example
 * ```ts
 * import { mcnemarTest } from 'sonorisk/stats';
 * // US read positive/negative (rows) vs CEUS read positive/negative (columns), same patients
 * mcnemarTest([[59, 6], [16, 80]]).p; // 0.0550, as mcnemar.test(matrix(c(59, 16, 6, 80), 2))
 * ```
 */
export function mcnemarTest(table: ContingencyTable, options?: McNemarOptions): McNemarResult {
  const fn = 'mcnemarTest';
  const o = checkOptionKeys(options, ['correct'], fn);
  const { cells } = checkTable(table, fn, true);
  const r = cells.length;
  if (cells[0]!.length !== r) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: the table must be square (same categories for both ratings), got ${r} × ${cells[0]!.length}.`);
  let asym = false;
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) if (cells[i]![j] !== cells[j]![i]) asym = true;
  const corrected = (o.correct ?? true) && r === 2 && asym;
  let statistic = 0;
  for (let i = 0; i < r; i++) {
    for (let j = i + 1; j < r; j++) {
      const d = Math.abs(cells[i]![j]! - cells[j]![i]!) - (corrected ? 1 : 0);
      statistic += (d * d) / (cells[i]![j]! + cells[j]![i]!);
    }
  }
  const df = (r * (r - 1)) / 2;
  return {
    method: corrected ? "McNemar's Chi-squared test with continuity correction" : "McNemar's Chi-squared test",
    statistic,
    df,
    p: chiSquareCdf(statistic, df, false),
  };
}
