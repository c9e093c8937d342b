import { SonoriskError } from '../../errors.js';
import { chiSquareCdf, fisherFCdf } from '../distributions/distributions.js';
import { checkOptionKeys } from '../option-checks.js';
import { requireCount, toFiniteSample } from '../sample-checks.js';
import { averageRanks } from './ranks.js';

/** Result of {@link kruskalWallis}, as R's `kruskal.test`. */
export interface KruskalWallisResult {
  method: 'Kruskal-Wallis rank sum test';
  /** H, corrected for ties. */
  statistic: number;
  df: number;
  p: number;
}

/** Result of {@link oneWayAnova}, as R's `oneway.test` (`summary(aov())` when `varEqual`). */
export interface OneWayAnovaResult {
  method: 'One-way analysis of means' | 'One-way analysis of means (not assuming equal variances)';
  /** F statistic. */
  statistic: number;
  /** Numerator degrees of freedom (k − 1). */
  df1: number;
  /** Denominator degrees of freedom (N − k; Welch: non-integer). */
  df2: number;
  p: number;
}

/** Options of {@link oneWayAnova}. */
export interface OneWayAnovaOptions {
  /** Classic ANOVA F test (default true, as `aov`); false gives Welch's test (`oneway.test` default). */
  varEqual?: boolean;
}

function checkGroups(groups: ReadonlyArray<ArrayLike<number>>, fn: string, min: number): Float64Array[] {
  if (!Array.isArray(groups) || groups.length < 2) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: groups must be an array of at least 2 samples, e.g. [[1.2, 3.4], [2.2, 5.1], [0.7, 1.9]].`);
  }
  return groups.map((g, i) => {
    const x = toFiniteSample(g, fn, `groups[${i}]`);
    requireCount(x.length, min, fn, `groups[${i}]`);
    return x;
  });
}

/**
 * Kruskal–Wallis rank-sum test of k independent samples, as R's `kruskal.test(list(...))`: H with the
 * tie correction, referred to χ² with k − 1 df.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` (fewer than 2 groups), `TOO_FEW_OBSERVATIONS` (an empty group), `NON_FINITE`.
 * @example
 * ```ts
 * import { kruskalWallis } from 'sonorisk/stats';
 * kruskalWallis([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]]).p; // 0.68, as kruskal.test
 * ```
 */
export function kruskalWallis(groups: ReadonlyArray<ArrayLike<number>>): KruskalWallisResult {
  const fn = 'kruskalWallis';
  const xs = checkGroups(groups, fn, 1);
  const all = new Float64Array(xs.reduce((s, g) => s + g.length, 0));
  let k = 0;
  for (const g of xs) for (const v of g) all[k++] = v;
  const n = all.length;
  const { ranks, tieSum } = averageRanks(all);
  let h = 0;
  k = 0;
  for (const g of xs) {
    let r = 0;
    for (let i = 0; i < g.length; i++) r += ranks[k++]!;
    h += (r * r) / g.length;
  }
  h = ((12 * h) / (n * (n + 1)) - 3 * (n + 1)) / (1 - tieSum / (n * n * n - n));
  const df = xs.length - 1;
  return { method: 'Kruskal-Wallis rank sum test', statistic: h, df, p: chiSquareCdf(h, df, false) };
}

/**
 * One-way analysis of variance of k independent samples: the classic F test (as `summary(aov(y ~
 * group))` and `oneway.test(var.equal = TRUE)`), or Welch's test with `varEqual: false` (as R's
 * `oneway.test` default).
 *
 * @throws SonoriskError `INVALID_ARGUMENT`, `TOO_FEW_OBSERVATIONS` (a group with fewer than 2 values for
 * Welch, or no residual degrees of freedom), `NON_FINITE`.
 * @example
 * ```ts
 * import { oneWayAnova } from 'sonorisk/stats';
 * const r = oneWayAnova([[4.2, 4.8, 5.1, 4.6], [5.5, 6.1, 5.8], [4.9, 5.3, 5.0, 5.6, 5.2]]);
 * r.statistic; r.df1; r.df2; r.p; // as oneway.test(y ~ g, var.equal = TRUE)
 * ```
 */
export function oneWayAnova(groups: ReadonlyArray<ArrayLike<number>>, options?: OneWayAnovaOptions): OneWayAnovaResult {
  const fn = 'oneWayAnova';
  const o = checkOptionKeys(options, ['varEqual'], fn);
  const varEqual = o.varEqual ?? true;
  const xs = checkGroups(groups, fn, varEqual ? 1 : 2);
  const kk = xs.length;
  const ns = xs.map((g) => g.length);
  const means = xs.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
  const vars = xs.map((g, i) => g.reduce((s, v) => s + (v - means[i]!) ** 2, 0) / (g.length - 1));
  const N = ns.reduce((s, v) => s + v, 0);
  if (varEqual) {
    if (N - kk < 1) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: ${N} values in ${kk} groups leave no residual degrees of freedom.`);
    const grand = xs.reduce((s, g) => s + g.reduce((t, v) => t + v, 0), 0) / N;
    let ssb = 0;
    let ssw = 0;
    xs.forEach((g, i) => {
      ssb += ns[i]! * (means[i]! - grand) ** 2;
      for (const v of g) ssw += (v - means[i]!) ** 2;
    });
    const df1 = kk - 1;
    const df2 = N - kk;
    const f = ssb / df1 / (ssw / df2);
    return { method: 'One-way analysis of means', statistic: f, df1, df2, p: fisherFCdf(f, df1, df2, false) };
  }
  // Welch (1951), as oneway.test(var.equal = FALSE)
  const w = ns.map((ni, i) => ni / vars[i]!);
  const sw = w.reduce((s, v) => s + v, 0);
  const mw = w.reduce((s, wi, i) => s + wi * means[i]!, 0) / sw;
  const tmp = w.reduce((s, wi, i) => s + (1 - wi / sw) ** 2 / (ns[i]! - 1), 0) / (kk * kk - 1);
  const f = w.reduce((s, wi, i) => s + wi * (means[i]! - mw) ** 2, 0) / ((kk - 1) * (1 + 2 * (kk - 2) * tmp));
  const df2 = 1 / (3 * tmp);
  return { method: 'One-way analysis of means (not assuming equal variances)', statistic: f, df1: kk - 1, df2, p: fisherFCdf(f, kk - 1, df2, false) };
}
