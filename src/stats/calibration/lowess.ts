import { SonoriskError } from '../../errors.js';
import { argsortFinite } from '../roc/argsort.js';
import { checkOptionKeys } from '../option-checks.js';
import { toFiniteSample } from '../sample-checks.js';

/** Options of {@link lowess}; defaults as R's `stats::lowess`. */
export interface LowessOptions {
  /** Smoother span: the fraction of points that influence each fitted value; default 2/3. */
  f?: number;
  /** Robustifying iterations; default 3 (rms::val.prob uses 0). */
  iter?: number;
  /** Points closer than delta share interpolated fits; default 1% of the range of x. */
  delta?: number;
}

/** Fitted lowess curve: x sorted ascending, y the smoothed values. */
export interface LowessCurve {
  x: Float64Array;
  y: Float64Array;
}

/** Weighted local linear fit at xs over points nleft..nright (Cleveland's `lowest`). */
function lowest(
  x: Float64Array,
  y: Float64Array,
  n: number,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  userw: boolean,
  rw: Float64Array,
): number | undefined {
  const range = x[n - 1]! - x[0]!;
  const h = Math.max(xs - x[nleft]!, x[nright]! - xs);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  let j = nleft;
  while (j < n) {
    w[j] = 0;
    const r = Math.abs(x[j]! - xs);
    if (r <= h9) {
      if (r <= h1) w[j] = 1;
      else {
        // multiplications as clowess's fcube (and ~15× faster in V8 than **)
        const q = r / h;
        const t = 1 - q * q * q;
        w[j] = t * t * t;
      }
      if (userw) w[j] = w[j]! * rw[j]!;
      a += w[j]!;
    } else if (x[j]! > xs) break;
    j++;
  }
  const nrt = j - 1;
  if (a <= 0) return undefined;
  for (j = nleft; j <= nrt; j++) w[j] = w[j]! / a;
  if (h > 0) {
    a = 0;
    for (j = nleft; j <= nrt; j++) a += w[j]! * x[j]!;
    let b = xs - a;
    let c = 0;
    for (j = nleft; j <= nrt; j++) c += w[j]! * (x[j]! - a) * (x[j]! - a);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (j = nleft; j <= nrt; j++) w[j] = w[j]! * (b * (x[j]! - a) + 1);
    }
  }
  let ys = 0;
  for (j = nleft; j <= nrt; j++) ys += w[j]! * y[j]!;
  return ys;
}

/** k-th smallest of a copy (partial sort semantics of R's rPsort). */
function kth(values: Float64Array, k: number): number {
  const s = Float64Array.from(values).sort();
  return s[k]!;
}

/**
 * LOWESS scatterplot smoother, the algorithm of R's `stats::lowess` (Cleveland 1979, `clowess`):
 * tricube-weighted local linear fits over the nearest f·n points, `iter` robustifying iterations
 * with bisquare weights, and linear interpolation between points closer than `delta`.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `EMPTY_INPUT`, `INVALID_ARGUMENT` (bad f/iter/delta).
 * @example
 * ```ts
 * import { lowess } from 'sonorisk/stats';
 * const s = lowess([1, 2, 3, 4, 5, 6], [2, 4, 3, 6, 5, 8]); // as lowess(x, y) in R
 * s.x; s.y;
 * ```
 */
export function lowess(x: ArrayLike<number>, y: ArrayLike<number>, options: LowessOptions = {}): LowessCurve {
  const fn = 'lowess';
  checkOptionKeys(options, ['f', 'iter', 'delta'], fn);
  const xs0 = toFiniteSample(x, fn, 'x');
  const ys0 = toFiniteSample(y, fn, 'y');
  const n = xs0.length;
  if (ys0.length !== n) throw new SonoriskError('LENGTH_MISMATCH', `${fn}: x has ${n} values but y has ${ys0.length}.`);
  if (n === 0) throw new SonoriskError('EMPTY_INPUT', `${fn}: no points.`);
  const f = options.f ?? 2 / 3;
  const nsteps = options.iter ?? 3;
  if (!(f > 0)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: f must be > 0.`);
  if (!Number.isInteger(nsteps) || nsteps < 0 || nsteps > 1000) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: iter must be an integer in 0..1000.`);
  for (let i = 0; i < n; i++) xs0[i] = xs0[i]! + 0; // −0 → +0 for the bit-pattern sort
  const order = argsortFinite(xs0); // stable; radix sort for large n
  const xs = Float64Array.from(order, (i) => xs0[i]!);
  const yv = Float64Array.from(order, (i) => ys0[i]!);
  const delta = options.delta ?? 0.01 * (xs[n - 1]! - xs[0]!);
  if (!(delta >= 0)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: delta must be >= 0.`);
  const fit = new Float64Array(n);
  if (n < 2) {
    fit[0] = yv[0]!;
    return { x: xs, y: fit };
  }
  const ns = Math.max(2, Math.min(n, Math.floor(f * n + 1e-7)));
  const rw = new Float64Array(n);
  const res = new Float64Array(n);
  const w = new Float64Array(n);
  for (let iter = 1; iter <= nsteps + 1; iter++) {
    let nleft = 0;
    let nright = ns - 1;
    let last = -1;
    let i = 0;
    for (;;) {
      if (nright < n - 1) {
        const d1 = xs[i]! - xs[nleft]!;
        const d2 = xs[nright + 1]! - xs[i]!;
        if (d1 > d2) {
          nleft++;
          nright++;
          continue;
        }
      }
      const v = lowest(xs, yv, n, xs[i]!, nleft, nright, w, iter > 1, rw);
      fit[i] = v === undefined ? yv[i]! : v;
      if (last < i - 1) {
        const denom = xs[i]! - xs[last]!;
        for (let j = last + 1; j < i; j++) {
          const alpha = (xs[j]! - xs[last]!) / denom;
          fit[j] = alpha * fit[i]! + (1 - alpha) * fit[last]!;
        }
      }
      last = i;
      const cut = xs[last]! + delta;
      for (i = last + 1; i < n; i++) {
        if (xs[i]! > cut) break;
        if (xs[i] === xs[last]) {
          fit[i] = fit[last]!;
          last = i;
        }
      }
      i = Math.max(last + 1, i - 1);
      if (last >= n - 1) break;
    }
    let sc = 0;
    for (let k = 0; k < n; k++) {
      res[k] = yv[k]! - fit[k]!;
      sc += Math.abs(res[k]!);
    }
    sc /= n;
    if (iter > nsteps) break;
    for (let k = 0; k < n; k++) rw[k] = Math.abs(res[k]!);
    const m1 = Math.floor(n / 2);
    const cmad = n % 2 === 0 ? 3 * (kth(rw, m1) + kth(rw, n - m1 - 1)) : 6 * kth(rw, m1);
    if (cmad < 1e-7 * sc) break;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let k = 0; k < n; k++) {
      const r = Math.abs(res[k]!);
      const q = r / cmad;
      const t = 1 - q * q;
      rw[k] = r <= c1 ? 1 : r <= c9 ? t * t : 0;
    }
  }
  return { x: xs, y: fit };
}

/**
 * Evaluates a lowess curve at `at` by linear interpolation, as R's
 * `approx(curve$x, curve$y, xout = at, ties = function(v) v[1], rule)` (rms::calibrate,
 * pmcalibration's predict_lowess): tied x take their first fitted value; outside the range of x,
 * `rule` 1 gives NaN and rule 2 the nearest end value. Internal to src/stats.
 */
export function lowessAt(curve: LowessCurve, at: ArrayLike<number>, rule: 1 | 2): Float64Array {
  const { x, y } = curve;
  const n = x.length;
  const out = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) {
    const v = at[k]!;
    if (!(v >= x[0]! && v <= x[n - 1]!)) {
      out[k] = rule === 1 || Number.isNaN(v) ? Number.NaN : v < x[0]! ? y[0]! : y[n - 1 - tieRun(x, n - 1)]!;
      continue;
    }
    let lo = 0; // last index with x <= v
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (x[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    const first = lo - tieRun(x, lo);
    const xl = x[lo]!;
    if (xl === v || lo === n - 1) out[k] = y[first]!;
    else out[k] = y[first]! + ((y[lo + 1]! - y[first]!) * (v - xl)) / (x[lo + 1]! - xl);
  }
  return out;
}

/** How many entries before `i` share x[i]. */
function tieRun(x: Float64Array, i: number): number {
  let r = 0;
  while (i - r > 0 && x[i - r - 1] === x[i]) r++;
  return r;
}
