import { SonoriskError } from '../../errors.js';
import { brentRoot } from '../../numeric/index.js';
import { normalCdf, normalQuantile } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import type { Alternative } from '../roc/delong.js';
import { checkAlternativeOption, requireCount, toFiniteSample } from '../sample-checks.js';
import { averageRanks, cdfAt } from './ranks.js';

/** Options of {@link wilcoxonSignedRank}; defaults as R's `wilcox.test`. */
export interface WilcoxonSignedRankOptions {
  /** Test x − y (same length, pairs with a missing value are not allowed); default: one-sample test of x. */
  paired?: boolean;
  alternative?: Alternative;
  /** Hypothesised location (median of x, or of x − y); default 0. */
  mu?: number;
  /** Exact P and interval; default: fewer than 50 non-zero differences (ties or zeros force the normal approximation). */
  exact?: boolean;
  /** Continuity correction of the normal approximation; default true. */
  correct?: boolean;
  /** Hodges–Lehmann estimate (pseudo-median) and its confidence interval, as `conf.int = TRUE`; default true. */
  confInt?: boolean;
  /** Confidence level of the interval; default 0.95. */
  level?: number;
}

/** Result of {@link wilcoxonSignedRank}, with R's `htest` fields. */
export interface WilcoxonSignedRankResult {
  method: string;
  /** R's V: the sum of the ranks of the positive differences. */
  v: number;
  p: number;
  exact: boolean;
  alternative: Alternative;
  /** Hodges–Lehmann estimate: the (pseudo)median of the Walsh averages (exact) or R's root of the statistic (normal approximation). */
  estimate?: number;
  confInt?: [number, number];
  /** The level achieved (R lowers it when the requested one is not achievable, with a warning). */
  level?: number;
  /** R's warnings, e.g. "cannot compute exact p-value with ties". */
  warnings: string[];
}

/** Frequencies of V = 0..n(n+1)/2 (subsets of 1..n by sum) divided by 2^n: R's `dsignrank`. */
function signrankDistribution(n: number): Float64Array {
  const top = (n * (n + 1)) / 2;
  const f = new Float64Array(top + 1);
  f[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) f[s] = f[s]! + f[s - k]!;
  const scale = 2 ** -n;
  for (let s = 0; s <= top; s++) f[s] = f[s]! * scale;
  return f;
}


/** R's `qsignrank(p, n)` for p <= 0.5: the smallest q with P[V <= q] >= p. */
function qsignrank(dist: Float64Array, p: number): number {
  let s = 0;
  const target = p - 10 * Number.EPSILON; // R: x - 10 * DBL_EPSILON
  for (let q = 0; q < dist.length; q++) {
    s += dist[q]!;
    if (s >= target) return q;
  }
  return dist.length - 1;
}

/** Median of a sorted array. */
function sortedMedian(a: Float64Array): number {
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/**
 * Wilcoxon signed-rank test as R's `wilcox.test(x, mu =, conf.int = TRUE)` (or `wilcox.test(x, y,
 * paired = TRUE, …)`): V, the exact P (fewer than 50 non-zero differences, no ties or zeros) or the
 * normal approximation with tie and continuity correction, the Hodges–Lehmann estimate and its
 * confidence interval — exact from the Walsh averages, or R's `uniroot` steps (tolerance 1e-4,
 * so approximate bounds agree with R to about 1e-4).
 *
 * @throws SonoriskError `TOO_FEW_OBSERVATIONS`, `NON_FINITE`, `LENGTH_MISMATCH` (paired),
 * `LIMIT_EXCEEDED` (exact with more than 5000 values), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { wilcoxonSignedRank } from 'sonorisk/stats';
 * const before = [142, 140, 144, 144, 142, 146, 149, 150, 142, 148];
 * const after = [138, 136, 147, 139, 143, 141, 143, 145, 136, 146];
 * const r = wilcoxonSignedRank(before, after, { paired: true });
 * r.v; r.p; r.estimate; r.confInt; // as wilcox.test(before, after, paired = TRUE, conf.int = TRUE)
 * ```
 */
export function wilcoxonSignedRank(x: ArrayLike<number>, y?: ArrayLike<number> | null, options?: WilcoxonSignedRankOptions): WilcoxonSignedRankResult {
  const fn = 'wilcoxonSignedRank';
  const o = checkOptionKeys(options, ['paired', 'alternative', 'mu', 'exact', 'correct', 'confInt', 'level'], fn);
  const alternative = checkAlternativeOption(o.alternative, fn);
  const level = checkLevel(o.level, fn);
  const mu = o.mu ?? 0;
  if (typeof mu !== 'number' || !Number.isFinite(mu)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: mu must be a finite number.`);
  let d = toFiniteSample(x, fn, 'x');
  if (y !== undefined && y !== null) {
    if (!o.paired) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: pass paired: true to test x − y (use mannWhitneyU for two independent samples).`);
    const ys = toFiniteSample(y, fn, 'y');
    if (ys.length !== d.length) throw new SonoriskError('LENGTH_MISMATCH', `${fn}: x has ${d.length} values but y has ${ys.length}; paired samples need equal lengths.`);
    d = d.map((v, i) => v - ys[i]!);
  } else if (o.paired) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: paired: true needs y.`);
  requireCount(d.length, 1, fn, 'x');
  const shifted = d.map((v) => v - mu);
  const nz = shifted.filter((v) => v !== 0);
  const zeroes = nz.length < shifted.length;
  const n = nz.length;
  const { ranks, tieSum } = averageRanks(nz.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (nz[i]! > 0) v += ranks[i]!;
  const ties = tieSum > 0;
  const exact = o.exact ?? n < 50;
  const wantCI = o.confInt ?? true;
  const warnings: string[] = [];
  if (exact && !ties && !zeroes) {
    if (n > 5000) throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: exact test with ${n} differences exceeds 5000; use exact: false.`, { n });
    const dist = signrankDistribution(n);
    const half = (n * (n + 1)) / 4;
    const p =
      alternative === 'two-sided'
        ? Math.min(1, 2 * (v > half ? cdfAt(dist, v - 1, true) : cdfAt(dist, v, false)))
        : alternative === 'greater'
          ? cdfAt(dist, v - 1, true)
          : cdfAt(dist, v, false);
    const out: WilcoxonSignedRankResult = { method: 'Wilcoxon signed rank exact test', v, p, exact: true, alternative, warnings };
    if (wantCI) {
      const xs = nz.map((t) => t + mu);
      const walsh = new Float64Array((n * (n + 1)) / 2);
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh[k++] = (xs[i]! + xs[j]!) / 2;
      walsh.sort();
      const alpha = 1 - level;
      const top = (n * (n + 1)) / 2;
      let qu = qsignrank(dist, alternative === 'two-sided' ? alpha / 2 : alpha);
      if (qu === 0) qu = 1;
      const ql = top - qu;
      const achieved = (alternative === 'two-sided' ? 2 : 1) * (qu - 1 >= 0 ? cdfAt(dist, qu - 1, false) : 0);
      out.confInt =
        alternative === 'two-sided'
          ? [walsh[qu - 1]!, walsh[ql]!]
          : alternative === 'greater'
            ? [walsh[qu - 1]!, Number.POSITIVE_INFINITY]
            : [Number.NEGATIVE_INFINITY, walsh[ql]!];
      out.level = level;
      if (achieved - alpha > alpha / 2) {
        warnings.push('requested conf.level not achievable');
        out.level = 1 - Number(achieved.toPrecision(2));
      }
      out.estimate = sortedMedian(walsh);
    }
    return out;
  }
  const correct = o.correct ?? true;
  const z = n > 0 ? signedRankZ(nz, correct, alternative) : Number.NaN;
  const p = alternative === 'less' ? normalCdf(z) : alternative === 'greater' ? normalCdf(z, false) : 2 * Math.min(normalCdf(z), normalCdf(z, false));
  const method = `Wilcoxon signed rank test${correct ? ' with continuity correction' : ''}`;
  const out: WilcoxonSignedRankResult = { method, v, p: Math.min(1, p), exact: false, alternative, warnings };
  if (wantCI && n > 0) Object.assign(out, approximateInterval(nz.map((t) => t + mu), alternative, level, correct, warnings));
  for (const [why, applies] of [
    ['ties', ties],
    ['zeroes', zeroes],
  ] as const) {
    if (!exact || !applies) continue;
    warnings.push(`cannot compute exact p-value with ${why}`);
    if (wantCI) warnings.push(`cannot compute exact confidence interval with ${why}`);
  }
  return out;
}

/** Standardised signed-rank statistic of non-zero differences (tie and optional continuity correction), as R. */
function signedRankZ(vals: Float64Array, corr: boolean, alternative: Alternative): number {
  const nn = vals.length;
  const r = averageRanks(vals.map(Math.abs));
  let vv = 0;
  for (let i = 0; i < nn; i++) if (vals[i]! > 0) vv += r.ranks[i]!;
  const z = vv - (nn * (nn + 1)) / 4;
  const sigma = Math.sqrt((nn * (nn + 1) * (2 * nn + 1)) / 24 - r.tieSum / 48);
  const c = corr ? (alternative === 'two-sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5) : 0;
  return (z - c) / sigma;
}

/** R's normal-approximation interval and estimate: roots of the standardised statistic in the shift d. */
function approximateInterval(xs: Float64Array, alternative: Alternative, level: number, correct: boolean, warnings: string[]): Partial<WilcoxonSignedRankResult> {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const t of xs) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const W = (d: number, corr: boolean): number =>
    signedRankZ(
      xs.map((t) => t - d).filter((t) => t !== 0),
      corr,
      alternative,
    );
  const wLo = W(lo, correct);
  const wHi = Number.isFinite(wLo) ? W(hi, correct) : Number.NaN;
  if (!Number.isFinite(wHi)) {
    warnings.push('cannot compute confidence interval when all observations are zero or tied');
    return {
      confInt: [alternative === 'less' ? Number.NEGATIVE_INFINITY : Number.NaN, alternative === 'greater' ? Number.POSITIVE_INFINITY : Number.NaN],
      level: 0,
      estimate: (lo + hi) / 2,
    };
  }
  const root = (zq: number) => brentRoot((d) => W(d, correct) - zq, lo, hi, wLo - zq, wHi - zq, 1e-4);
  let alpha = 1 - level;
  const upperQ = (a: number) => normalQuantile(1 - a);
  const med = () => {
    const s = xs.slice().sort();
    return sortedMedian(s);
  };
  let confInt: [number, number];
  if (alternative === 'two-sided') {
    while (wLo - upperQ(alpha / 2) < 0 || wHi - normalQuantile(alpha / 2) > 0) alpha *= 2;
  } else if (alternative === 'greater') {
    while (wLo - upperQ(alpha) < 0) alpha *= 2;
  } else {
    while (wHi - normalQuantile(alpha / 2) > 0) alpha *= 2;
  }
  let achieved = level;
  if (alpha >= 1 || 1 - level < alpha * 0.75) {
    achieved = 1 - Math.min(1, alpha);
    warnings.push('requested conf.level not achievable');
  }
  if (alternative === 'two-sided') {
    confInt = alpha < 1 ? [root(upperQ(alpha / 2)), root(normalQuantile(alpha / 2))] : [med(), med()];
  } else if (alternative === 'greater') {
    confInt = [alpha < 1 ? root(upperQ(alpha)) : med(), Number.POSITIVE_INFINITY];
  } else {
    confInt = [Number.NEGATIVE_INFINITY, alpha < 1 ? root(normalQuantile(alpha)) : med()];
  }
  const estimate = brentRoot((d) => W(d, false), lo, hi, W(lo, false), W(hi, false), 1e-4);
  return { confInt, level: achieved, estimate };
}
