import { SonoriskError } from '../../errors.js';
import { normalCdf, normalQuantile } from '../distributions/distributions.js';
import { toFiniteSample } from '../sample-checks.js';

/** Result of {@link shapiroWilk}. */
export interface ShapiroWilkResult {
  method: 'Shapiro-Wilk normality test';
  /** W statistic. */
  w: number;
  p: number;
  n: number;
}

/** c0 + c1 x + c2 x² + … */
function poly(c: readonly number[], x: number): number {
  let r = 0;
  for (let i = c.length - 1; i >= 0; i--) r = r * x + c[i]!;
  return r;
}

// Royston (1995), Algorithm AS R94: polynomial approximations.
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/**
 * Shapiro–Wilk normality test by Royston's (1995) algorithm AS R94, as R's `shapiro.test`
 * (the same approximations for the coefficients and for the P value), for 3 ≤ n ≤ 5000.
 *
 * @throws SonoriskError `TOO_FEW_OBSERVATIONS` (n < 3), `LIMIT_EXCEEDED` (n > 5000), `NON_FINITE`,
 * `CONSTANT_DATA` (all values identical).
 * @example
 * ```ts
 * import { shapiroWilk } from 'sonorisk/stats';
 * shapiroWilk([2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 3.9]); // { w: 0.97…, p: 0.9…, n: 8, … }
 * ```
 */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  const fn = 'shapiroWilk';
  const x = toFiniteSample(values, fn, 'values');
  const n = x.length;
  if (n < 3) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: needs at least 3 values, got ${n}.`, { n, min: 3 });
  if (n > 5000) throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: defined for at most 5000 values (as R), got ${n}.`, { n, max: 5000 });
  x.sort();
  const range = x[n - 1]! - x[0]!;
  if (range < 1e-10) throw new SonoriskError('CONSTANT_DATA', `${fn}: all values are identical.`);
  const nn2 = Math.floor(n / 2);
  // a[i], i = 0..nn2-1: weights of x[n-1-i] (and minus the weights of x[i])
  const a = new Float64Array(nn2);
  if (n === 3) a[0] = Math.SQRT1_2;
  else {
    const an25 = n + 0.25;
    const m = new Float64Array(nn2);
    let summ2 = 0;
    for (let i = 0; i < nn2; i++) {
      m[i] = normalQuantile((i + 1 - 0.375) / an25);
      summ2 += m[i]! * m[i]!;
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const a1 = poly(C1, rsn) - m[0]! / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 2;
      const a2 = -m[1]! / ssumm2 + poly(C2, rsn);
      fac = Math.sqrt((summ2 - 2 * m[0]! ** 2 - 2 * m[1]! ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2));
      a[1] = a2;
    } else {
      i1 = 1;
      fac = Math.sqrt((summ2 - 2 * m[0]! ** 2) / (1 - 2 * a1 ** 2));
    }
    a[0] = a1;
    for (let i = i1; i < nn2; i++) a[i] = -m[i]! / fac;
  }
  // W = squared correlation of the weights with the data; 1 - W computed without cancellation.
  const coef = (i: number): number => {
    const j = n - 1 - i;
    if (i === j) return 0;
    return i < j ? -a[i]! : a[j]!;
  };
  let sa = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sa += coef(i);
    sx += x[i]! / range;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0; i < n; i++) {
    const asa = coef(i) - sa;
    const xsx = x[i]! / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  const w = 1 - w1;
  let p: number;
  if (n === 3) {
    const pi6 = 6 / Math.PI;
    const stqr = Math.PI / 3;
    p = Math.max(0, pi6 * (Math.asin(Math.sqrt(w)) - stqr));
  } else {
    const y0 = Math.log(w1);
    const lxx = Math.log(n);
    let y: number;
    let mean: number;
    let sd: number;
    if (n <= 11) {
      const gamma = poly(G, n);
      if (y0 >= gamma) return { method: 'Shapiro-Wilk normality test', w, p: 1e-99, n };
      y = -Math.log(gamma - y0);
      mean = poly(C3, n);
      sd = Math.exp(poly(C4, n));
    } else {
      y = y0;
      mean = poly(C5, lxx);
      sd = Math.exp(poly(C6, lxx));
    }
    p = normalCdf((y - mean) / sd, false);
  }
  return { method: 'Shapiro-Wilk normality test', w, p, n };
}
