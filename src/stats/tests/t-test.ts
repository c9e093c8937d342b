import { SonoriskError } from '../../errors.js';
import type { Alternative } from '../roc/delong.js';
import { studentTCdf, studentTQuantile } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import { checkAlternativeOption, requireCount, toFiniteSample } from '../sample-checks.js';

/** Options of {@link tTest}; defaults as R's `t.test`. */
export interface TTestOptions {
  /** Student's pooled-variance test when true; Welch (default) otherwise. Two-sample only. */
  varEqual?: boolean;
  /** Paired test on x − y. */
  paired?: boolean;
  alternative?: Alternative;
  /** Hypothesised mean (one-sample/paired) or mean difference (two-sample); default 0. */
  mu?: number;
  /** Confidence level of the interval; default 0.95. */
  level?: number;
}

/** Result of {@link tTest}, with R's `htest` fields. */
export interface TTestResult {
  method: 'Welch Two Sample t-test' | 'Two Sample t-test' | 'One Sample t-test' | 'Paired t-test';
  /** t statistic. */
  statistic: number;
  /** Degrees of freedom (non-integer for Welch). */
  df: number;
  p: number;
  /** Confidence interval of the mean (one-sample), mean difference (paired) or difference of means. */
  confInt: [number, number];
  level: number;
  /** Means: [mean of x, mean of y] for two samples, [mean] or [mean difference] otherwise. */
  estimate: number[];
  /** Standard error of the estimate. */
  stderr: number;
  alternative: Alternative;
}

function meanVar(x: Float64Array): [number, number] {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  let m = s / x.length;
  let r = 0;
  for (let i = 0; i < x.length; i++) r += x[i]! - m;
  m += r / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i]! - m) ** 2;
  return [m, ss / (x.length - 1)];
}

/**
 * Student's t-test as R's `t.test`: Welch two-sample (default), pooled-variance (`varEqual`),
 * one-sample (no `y`) or paired. Reports t, df, P, confidence interval and estimates.
 *
 * @throws SonoriskError `TOO_FEW_OBSERVATIONS` (fewer than 2 values; pooled test needs 3 in total),
 * `NON_FINITE`, `LENGTH_MISMATCH` (paired), `CONSTANT_DATA` (zero standard error, as R's
 * "data are essentially constant"), `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * import { tTest } from 'sonorisk/stats';
 * const r = tTest([5.1, 4.9, 6.2, 5.8, 6.0], [4.1, 4.5, 3.9, 5.0, 4.4, 4.8]);
 * r.statistic; r.df; r.p; r.confInt; // Welch, as t.test(x, y)
 * ```
 */
export function tTest(x: ArrayLike<number>, y?: ArrayLike<number> | null, options: TTestOptions = {}): TTestResult {
  const fn = 'tTest';
  checkOptionKeys(options, ['varEqual', 'paired', 'alternative', 'mu', 'level'], fn);
  const alternative = checkAlternativeOption(options.alternative, fn);
  const level = checkLevel(options.level, fn);
  const mu = options.mu ?? 0;
  if (typeof mu !== 'number' || !Number.isFinite(mu)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: mu must be a finite number.`);
  let xs = toFiniteSample(x, fn, 'x');
  const ys = y === undefined || y === null ? undefined : toFiniteSample(y, fn, 'y');
  let method: TTestResult['method'];
  let estimate: number[];
  let stderr: number;
  let df: number;
  let diff: number;
  if (ys === undefined || options.paired) {
    if (options.paired) {
      if (ys === undefined) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: a paired test needs y.`);
      if (ys.length !== xs.length) {
        throw new SonoriskError('LENGTH_MISMATCH', `${fn}: paired samples differ in length (${xs.length} vs ${ys.length}).`);
      }
      const d = new Float64Array(xs.length);
      for (let i = 0; i < d.length; i++) d[i] = xs[i]! - ys[i]!;
      xs = d;
    }
    requireCount(xs.length, 2, fn, 'x');
    const [m, v] = meanVar(xs);
    method = options.paired ? 'Paired t-test' : 'One Sample t-test';
    estimate = [m];
    df = xs.length - 1;
    stderr = Math.sqrt(v / xs.length);
    diff = m;
    if (stderr < 10 * Number.EPSILON * Math.abs(m)) {
      throw new SonoriskError('CONSTANT_DATA', `${fn}: data are essentially constant; the t statistic is undefined.`);
    }
  } else {
    const nx = xs.length;
    const ny = ys.length;
    const [mx, vx] = meanVar(xs);
    const [my, vy] = meanVar(ys);
    estimate = [mx, my];
    diff = mx - my;
    if (options.varEqual) {
      requireCount(nx, 1, fn, 'x');
      requireCount(ny, 1, fn, 'y');
      requireCount(nx + ny, 3, fn, 'x and y together');
      method = 'Two Sample t-test';
      df = nx + ny - 2;
      let v = 0;
      if (nx > 1) v += (nx - 1) * vx;
      if (ny > 1) v += (ny - 1) * vy;
      v /= df;
      stderr = Math.sqrt(v * (1 / nx + 1 / ny));
    } else {
      requireCount(nx, 2, fn, 'x');
      requireCount(ny, 2, fn, 'y');
      method = 'Welch Two Sample t-test';
      const sx = vx / nx;
      const sy = vy / ny;
      stderr = Math.sqrt(sx + sy);
      df = stderr ** 4 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
    }
    if (stderr < 10 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(my))) {
      throw new SonoriskError('CONSTANT_DATA', `${fn}: data are essentially constant; the t statistic is undefined.`);
    }
  }
  const t = (diff - mu) / stderr;
  let p: number;
  let lo: number;
  let hi: number;
  if (alternative === 'less') {
    p = studentTCdf(t, df);
    lo = Number.NEGATIVE_INFINITY;
    hi = t + studentTQuantile(level, df);
  } else if (alternative === 'greater') {
    p = studentTCdf(t, df, false);
    lo = t - studentTQuantile(level, df);
    hi = Number.POSITIVE_INFINITY;
  } else {
    p = 2 * studentTCdf(-Math.abs(t), df);
    const c = studentTQuantile(1 - (1 - level) / 2, df);
    lo = t - c;
    hi = t + c;
  }
  return {
    method,
    statistic: t,
    df,
    p: Math.min(p, 1),
    confInt: [mu + lo * stderr, mu + hi * stderr],
    level,
    estimate,
    stderr,
    alternative,
  };
}
