import { SonoriskError } from '../errors.js';
import { normalQuantile } from './distributions/distributions.js';
import { checkLevel } from './option-checks.js';

/** A proportion with its Wilson score interval. */
export interface Proportion {
  /** x / n (`NaN` when n = 0). */
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Wilson score interval for a binomial proportion x/n, exactly as R's `prop.test(x, n, correct = FALSE)$conf.int`
 * (no continuity correction; the bound is 0 when x = 0 and 1 when x = n). n = 0 gives `NaN`s.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` unless 0 ≤ x ≤ n are integers and 0 < level < 1.
 * @example
 * ```ts
 * import { wilsonInterval } from 'sonorisk/stats';
 * wilsonInterval(30, 42);   // { estimate: 0.714…, lower: 0.564…, upper: 0.829… }
 * ```
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Proportion {
  const lv = checkLevel(level, 'wilsonInterval');
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) {
    throw new SonoriskError('INVALID_ARGUMENT', `wilsonInterval: need integers 0 <= x <= n, got x=${String(x)}, n=${String(n)}.`);
  }
  if (n === 0) return { estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const z = normalQuantile((1 + lv) / 2);
  const p = x / n;
  const z22n = (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z22n / (2 * n));
  const upper = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n);
  const lower = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n);
  return { estimate: p, lower: Math.max(lower, 0), upper: Math.min(upper, 1) };
}
