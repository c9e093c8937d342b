import { SonoriskError } from '../../errors.js';
import type { NumericArray } from '../binary-outcome.js';

/** Adjustment methods of {@link pAdjust}, named as in R's `p.adjust` (`'fdr'` is R's alias of `'BH'`). */
export type PAdjustMethod = 'holm' | 'bonferroni' | 'hochberg' | 'hommel' | 'BH' | 'fdr' | 'BY' | 'none';

const METHODS: readonly string[] = ['holm', 'bonferroni', 'hochberg', 'hommel', 'BH', 'fdr', 'BY', 'none'];

/**
 * Adjusts P values for multiple comparisons exactly as R's `p.adjust(p, method)`: Holm (step-down,
 * R's default), Bonferroni, Hochberg (step-up), Hommel, Benjamini–Hochberg (`'BH'` = `'fdr'`),
 * Benjamini–Yekutieli (`'BY'`, FDR under any dependence) and `'none'`. `NaN` entries play R's
 * `NA`: they stay `NaN` and do not count towards the number of tests.
 *
 * @throws SonoriskError `PROBABILITY_OUT_OF_RANGE` (a P value outside [0, 1]), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { pAdjust } from 'sonorisk/stats';
 * pAdjust([0.01, 0.04, 0.03], 'holm');        // [0.03, 0.06, 0.06]
 * pAdjust([0.01, 0.04, 0.03], 'bonferroni');  // [0.03, 0.12, 0.09]
 * pAdjust([0.01, 0.04, 0.03], 'BY');          // [0.055, 0.0733…, 0.0733…]
 * ```
 */
export function pAdjust(pValues: NumericArray, method: PAdjustMethod = 'holm'): number[] {
  const fn = 'pAdjust';
  if (pValues === null || typeof pValues !== 'object' || typeof pValues.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: pValues must be an array of numbers.`);
  }
  if (!METHODS.includes(method)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: method must be one of ${METHODS.join(', ')}, got ${String(method)}.`);
  }
  const out = new Array<number>(pValues.length).fill(Number.NaN);
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (typeof p !== 'number') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: pValues[${i}] is not a number.`);
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `${fn}: pValues[${i}] = ${p} is not in [0, 1].`, { index: i });
    idx.push(i);
  }
  const n = idx.length;
  if (n <= 1) {
    for (const i of idx) out[i] = pValues[i]!;
    return out;
  }
  const p = (i: number) => pValues[i]!;
  if (method === 'none') {
    for (const i of idx) out[i] = p(i);
    return out;
  }
  if (method === 'hommel' && n > 2) {
    hommel(idx, p, out);
    return out;
  }
  if (method === 'bonferroni') {
    for (const i of idx) out[i] = Math.min(1, n * p(i));
    return out;
  }
  // Stable sort, as R's order(): ties keep their input order.
  if (method === 'holm') {
    const o = idx.slice().sort((a, b) => p(a) - p(b) || a - b);
    let cummax = 0;
    o.forEach((i, r) => {
      cummax = Math.max(cummax, (n - r) * p(i));
      out[i] = Math.min(1, cummax);
    });
    return out;
  }
  // R's order(p, decreasing = TRUE) is stable too; R turns hommel with 2 tests into hochberg
  const o = idx.slice().sort((a, b) => p(b) - p(a) || a - b);
  let q = 0;
  for (let k = 1; k <= n; k++) q += 1 / k;
  let cummin = Number.POSITIVE_INFINITY;
  o.forEach((i, r) => {
    const rank = n - r; // R: i <- lp:1L
    const v = method === 'hochberg' || method === 'hommel' ? (n - rank + 1) * p(i) : (method === 'BY' ? q : 1) * (n / rank) * p(i);
    cummin = Math.min(cummin, v);
    out[i] = Math.min(1, cummin);
  });
  return out;
}

/** R's hommel branch of p.adjust (n > 2), step by step. */
function hommel(idx: number[], pv: (i: number) => number, out: number[]): void {
  const n = idx.length;
  const o = idx.slice().sort((a, b) => pv(a) - pv(b) || a - b);
  const p = o.map(pv);
  let m0 = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) m0 = Math.min(m0, (n * p[i]!) / (i + 1));
  const q = new Array<number>(n).fill(m0);
  const pa = new Array<number>(n).fill(m0);
  for (let j = n - 1; j >= 2; j--) {
    // i1 = 1..n-j+1, i2 = n-j+2..n (1-based)
    let q1 = Number.POSITIVE_INFINITY;
    for (let k = 2; k <= j; k++) q1 = Math.min(q1, (j * p[n - j + k - 1]!) / k);
    for (let i = 0; i <= n - j; i++) q[i] = Math.min(j * p[i]!, q1);
    for (let i = n - j + 1; i < n; i++) q[i] = q[n - j]!;
    for (let i = 0; i < n; i++) pa[i] = Math.max(pa[i]!, q[i]!);
  }
  o.forEach((orig, r) => {
    out[orig] = Math.max(pa[r]!, p[r]!);
  });
}
