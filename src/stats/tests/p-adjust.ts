import { SonoriskError } from '../../errors.js';
import type { NumericArray } from '../binary-outcome.js';

/** Adjustment methods of {@link pAdjust}, named as in R's `p.adjust`. */
export type PAdjustMethod = 'holm' | 'bonferroni' | 'hochberg' | 'BH';

/**
 * Adjusts P values for multiple comparisons exactly as R's `p.adjust(p, method)`: Holm (step-down,
 * R's default), Bonferroni, Hochberg (step-up) and Benjamini–Hochberg (FDR). `NaN` entries play R's
 * `NA`: they stay `NaN` and do not count towards the number of tests.
 *
 * @throws SonoriskError `PROBABILITY_OUT_OF_RANGE` (a P value outside [0, 1]), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { pAdjust } from 'sonorisk/stats';
 * pAdjust([0.01, 0.04, 0.03], 'holm');        // [0.03, 0.06, 0.06]
 * pAdjust([0.01, 0.04, 0.03], 'bonferroni');  // [0.03, 0.12, 0.09]
 * ```
 */
export function pAdjust(pValues: NumericArray, method: PAdjustMethod = 'holm'): number[] {
  const fn = 'pAdjust';
  if (pValues === null || typeof pValues !== 'object' || typeof pValues.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: pValues must be an array of numbers.`);
  }
  if (method !== 'holm' && method !== 'bonferroni' && method !== 'hochberg' && method !== 'BH') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: method must be 'holm', 'bonferroni', 'hochberg' or 'BH', got ${String(method)}.`);
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
  const o = idx.slice().sort((a, b) => p(b) - p(a) || a - b); // decreasing
  let cummin = Number.POSITIVE_INFINITY;
  o.forEach((i, r) => {
    const rank = n - r; // R: i <- lp:1L
    const v = method === 'hochberg' ? (n - rank + 1) * p(i) : (n / rank) * p(i);
    cummin = Math.min(cummin, v);
    out[i] = Math.min(1, cummin);
  });
  return out;
}
