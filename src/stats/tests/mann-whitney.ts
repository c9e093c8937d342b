import { SonoriskError } from '../../errors.js';
import { checkOptionKeys } from '../option-checks.js';
import type { Alternative } from '../roc/delong.js';
import { normalCdf } from '../distributions/distributions.js';
import { checkAlternativeOption, requireCount, toFiniteSample } from '../sample-checks.js';
import { averageRanks, cdfAt } from './ranks.js';

/** Options of {@link mannWhitneyU}; defaults as R's `wilcox.test`. */
export interface MannWhitneyOptions {
  alternative?: Alternative;
  /** Continuity correction of the normal approximation; default true. */
  correct?: boolean;
  /** Exact P value; default: both samples under 50 and no ties (ties force the normal approximation). */
  exact?: boolean;
  /** Hypothesised location shift (x − mu compared with y); default 0. */
  mu?: number;
}

/** Result of {@link mannWhitneyU}, with R's `wilcox.test` fields. */
export interface MannWhitneyResult {
  method: 'Wilcoxon rank sum exact test' | 'Wilcoxon rank sum test with continuity correction' | 'Wilcoxon rank sum test';
  /** R's W: rank sum of x minus nx(nx+1)/2 (= Mann–Whitney U of x). */
  w: number;
  /** Standardised statistic of the normal approximation (continuity/tie corrected); `null` for the exact test. */
  z: number | null;
  p: number;
  exact: boolean;
  alternative: Alternative;
  /** e.g. R's "cannot compute exact p-value with ties". */
  warnings: string[];
}

/** Largest nx·ny for which the exact distribution is tabulated (memory and time stay small). */
const EXACT_LIMIT = 250_000;

/** Frequencies of W = 0..m·n under H0 (number of rank subsets), divided by C(m+n, m). */
function wilcoxonDistribution(m: number, n: number): Float64Array {
  // Generating function Π_{i=1..m} (1 - q^(n+i)) / (1 - q^i); coefficients are exact integers up
  // to 2^53 and relative-accurate beyond.
  const size = m * n + 1;
  const f = new Float64Array(size);
  f[0] = 1;
  let deg = 0;
  for (let i = 1; i <= m; i++) {
    const k = n + i;
    deg += n;
    for (let j = deg; j >= k; j--) f[j] = f[j]! - f[j - k]!; // × (1 - q^k)
    for (let j = i; j <= deg; j++) f[j] = f[j]! + f[j - i]!; // ÷ (1 - q^i)
  }
  let total = 0;
  for (let j = 0; j < size; j++) total += f[j]!;
  for (let j = 0; j < size; j++) f[j] = f[j]! / total;
  return f;
}


/**
 * Wilcoxon rank-sum / Mann–Whitney U test as R's `wilcox.test(x, y)`: exact P when both samples have
 * fewer than 50 values and there are no ties, otherwise the normal approximation with tie and
 * continuity correction. Reports W (= U of x), Z (normal approximation only) and P. When every value
 * is tied, Z is NaN (two-sided; ∓Infinity one-sided with the continuity correction) and P is NaN
 * (R's NA) or 1, as R, with a warning.
 *
 * @throws SonoriskError `TOO_FEW_OBSERVATIONS` (an empty sample), `NON_FINITE`, `LIMIT_EXCEEDED`
 * (exact requested with nx·ny > 250000), `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * import { mannWhitneyU } from 'sonorisk/stats';
 * const r = mannWhitneyU([1.8, 2.4, 3.1, 4.0], [2.9, 3.5, 4.4, 5.2, 6.1]);
 * r.w; r.p; // W = 3, exact two-sided P = 0.1111, as wilcox.test
 * ```
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyOptions = {}): MannWhitneyResult {
  const fn = 'mannWhitneyU';
  checkOptionKeys(options, ['alternative', 'correct', 'exact', 'mu'], fn);
  const alternative = checkAlternativeOption(options.alternative, fn);
  const mu = options.mu ?? 0;
  if (typeof mu !== 'number' || !Number.isFinite(mu)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: mu must be a finite number.`);
  const xs = toFiniteSample(x, fn, 'x');
  const ys = toFiniteSample(y, fn, 'y');
  requireCount(xs.length, 1, fn, 'x');
  requireCount(ys.length, 1, fn, 'y');
  const nx = xs.length;
  const ny = ys.length;
  const all = new Float64Array(nx + ny);
  for (let i = 0; i < nx; i++) all[i] = xs[i]! - mu;
  all.set(ys, nx);
  const { ranks, tieSum } = averageRanks(all);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += ranks[i]!;
  const w = rx - (nx * (nx + 1)) / 2;
  const ties = tieSum > 0;
  const wantExact = options.exact ?? (nx < 50 && ny < 50);
  const warnings: string[] = [];
  if (wantExact && !ties) {
    if (nx * ny > EXACT_LIMIT) {
      throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: exact test with nx·ny = ${nx * ny} exceeds ${EXACT_LIMIT}; use exact: false.`, {
        nx,
        ny,
      });
    }
    const dist = wilcoxonDistribution(nx, ny);
    let p: number;
    if (alternative === 'two-sided') {
      const one = w > (nx * ny) / 2 ? cdfAt(dist, w - 1, true) : cdfAt(dist, w, false);
      p = Math.min(2 * one, 1);
    } else if (alternative === 'greater') p = cdfAt(dist, w - 1, true);
    else p = cdfAt(dist, w, false);
    return { method: 'Wilcoxon rank sum exact test', w, z: null, p, exact: true, alternative, warnings };
  }
  if (wantExact && ties) warnings.push('cannot compute exact p-value with ties');
  const n = nx + ny;
  let z = w - (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const correct = options.correct ?? true;
  if (correct) {
    const c = alternative === 'two-sided' ? Math.sign(z) * 0.5 : alternative === 'greater' ? 0.5 : -0.5;
    z -= c;
  }
  if (!(sigma > 0)) {
    // every value tied: R's wilcox.test divides by a zero SD, giving z = NaN (P NA) two-sided and
    // z = ∓Inf (P 1 or 0) one-sided; W is still reported
    warnings.push('all values are tied: the normal approximation is undefined');
    const zz = z === 0 ? Number.NaN : z < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    const pp = Number.isNaN(zz) ? Number.NaN : alternative === 'less' ? (zz < 0 ? 0 : 1) : zz < 0 ? 1 : 0;
    const method = correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test';
    return { method, w, z: zz, p: pp, exact: false, alternative, warnings };
  }
  z /= sigma;
  let p: number;
  if (alternative === 'less') p = normalCdf(z);
  else if (alternative === 'greater') p = normalCdf(z, false);
  else p = 2 * Math.min(normalCdf(z), normalCdf(z, false));
  return {
    method: correct ? 'Wilcoxon rank sum test with continuity correction' : 'Wilcoxon rank sum test',
    w,
    z,
    p: Math.min(p, 1),
    exact: false,
    alternative,
    warnings,
  };
}
