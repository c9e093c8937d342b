import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, type NumericArray, requireBothClasses, toBinaryLabels, toFiniteScores } from '../binary-outcome.js';
import { chiSquareCdf, normalCdf, normalQuantile } from '../distributions/distributions.js';
import { glmFitLogit } from '../regression/glm-fit.js';
import { lowess } from './lowess.js';
import { checkLevel, checkOptionKeys, sortedQuantile7 } from '../option-checks.js';
import { type Proportion, wilsonInterval } from '../wilson-interval.js';

/** Options of {@link calibration}. */
export interface CalibrationOptions {
  /** Number of bins of the binned curve (and groups of Hosmer–Lemeshow); default 10. */
  bins?: number;
  /** 'quantile' (default): bins at quantiles of the predictions (equal counts); 'uniform': equal widths on [0, 1]. */
  strategy?: 'quantile' | 'uniform';
  /** Level of the bin and coefficient intervals; default 0.95. */
  level?: number;
}

/** One bin of the binned calibration curve. */
export interface CalibrationBin {
  /** Bin edges (lower, upper]; the first bin includes its lower edge. */
  lower: number;
  upper: number;
  n: number;
  events: number;
  meanPredicted: number;
  /** Observed event rate with its Wilson interval. */
  observed: Proportion;
}

/** An estimate with standard error and Wald interval. */
export interface CalibrationCoefficient {
  estimate: number;
  se: number;
  ci: [number, number];
}

/** Result of {@link calibration}. */
export interface CalibrationResult {
  n: number;
  events: number;
  bins: CalibrationBin[];
  /** Lowess smoothed calibration curve (rms::val.prob: `lowess(p, y, iter = 0)`), x sorted. */
  smooth: { x: Float64Array; y: Float64Array };
  /** Calibration-in-the-large: intercept of `glm(y ~ 1, offset = logit(p))` (0 is ideal). */
  calibrationInTheLarge: CalibrationCoefficient;
  /** Logistic recalibration `glm(y ~ logit(p))`: val.prob's "Intercept" and "Slope" (0 and 1 ideal). */
  intercept: CalibrationCoefficient;
  slope: CalibrationCoefficient;
  /** Brier score mean((p − y)²). */
  brier: number;
  /** 1 − Brier / (ȳ(1 − ȳ)): 1 is perfect, 0 no better than predicting the prevalence. */
  scaledBrier: number;
  /** Max, 90th percentile and mean of |p − smoothed observed| (val.prob's Emax, E90, Eavg). */
  emax: number;
  e90: number;
  eavg: number;
  /** Spiegelhalter's z test of calibration (val.prob's S:z, S:p). */
  spiegelhalter: { z: number; p: number };
  /**
   * Hosmer–Lemeshow goodness of fit over groups at quantiles of p (as ResourceSelection::hoslem.test),
   * with df = g − 2 for the g groups actually formed (tied quantiles merge groups; empty groups are
   * dropped, so more bins than distinct predictions still gives a defined test; NaN with a warning
   * when fewer than 3 groups form). Not recommended on its own: its result depends on the grouping and it has little
   * power at small n and rejects trivial miscalibration at large n; read it with the curve and the
   * intercept/slope.
   */
  hosmerLemeshow: { statistic: number; df: number; p: number; groups: number };
  /** e.g. predictions of exactly 0 or 1 left out of the logistic recalibration (as val.prob). */
  warnings: string[];
}

/** Bins by cut(p, breaks, include.lowest = TRUE): right-closed intervals, first one closed. */
function binIndex(p: number, breaks: number[]): number {
  // first k with p <= breaks[k+1]
  let lo = 0;
  let hi = breaks.length - 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p <= breaks[mid + 1]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Counts, events and summed predictions per bin of cut(p, breaks, include.lowest = TRUE). */
function tally(p: Float64Array, y: Uint8Array, breaks: number[]): { count: Float64Array; events: Float64Array; sumP: Float64Array } {
  const nb = Math.max(1, breaks.length - 1);
  const count = new Float64Array(nb);
  const events = new Float64Array(nb);
  const sumP = new Float64Array(nb);
  for (let i = 0; i < p.length; i++) {
    const k = breaks.length < 2 ? 0 : binIndex(p[i]!, breaks);
    count[k] = count[k]! + 1;
    events[k] = events[k]! + y[i]!;
    sumP[k] = sumP[k]! + p[i]!;
  }
  return { count, events, sumP };
}

/** (observed − expected)² / expected, with 0/0 = 0 (no discrepancy). */
function term(observed: number, expected: number): number {
  return observed === expected ? 0 : (observed - expected) ** 2 / expected;
}

function coefficient(est: number, se: number, z: number): CalibrationCoefficient {
  return { estimate: est, se, ci: [est - z * se, est + z * se] };
}

/**
 * Calibration of predicted probabilities against observed binary outcomes, following
 * rms::val.prob: binned curve with Wilson intervals, lowess smoothed curve (`iter = 0`),
 * calibration-in-the-large (intercept with the slope fixed at 1 through an offset), logistic
 * recalibration intercept and slope, Brier and scaled Brier scores, Emax / E90 / Eavg, Spiegelhalter's
 * z, and the Hosmer–Lemeshow test (g = bins; not recommended alone).
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `PROBABILITY_OUT_OF_RANGE`, `TOO_FEW_OBSERVATIONS` (n < 3), `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { calibration } from 'sonorisk/stats';
 * const c = calibration(labels, probs, { bins: 10, strategy: 'quantile' });
 * c.calibrationInTheLarge.estimate; c.slope.estimate; c.brier; c.eavg; c.bins;
 * ```
 */
export function calibration(labels: BinaryLabels, probs: NumericArray, options: CalibrationOptions = {}): CalibrationResult {
  const fn = 'calibration';
  checkOptionKeys(options, ['bins', 'strategy', 'level'], fn);
  const y = toBinaryLabels(labels, fn);
  const p = toFiniteScores(probs, y.length, fn, 'probs');
  const n = y.length;
  for (let i = 0; i < n; i++) {
    if (p[i]! < 0 || p[i]! > 1) {
      throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `${fn}: probs[${i}] = ${p[i]} is outside [0, 1]; pass probabilities, not logits or scores.`, {
        index: i,
        value: p[i],
      });
    }
  }
  if (n < 3) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: needs at least 3 observations, got ${n}.`, { n, min: 3 });
  const { nCases } = requireBothClasses(y, fn);
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 2 || bins > 1000) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: bins must be an integer in 2..1000.`);
  const strategy = options.strategy ?? 'quantile';
  if (strategy !== 'quantile' && strategy !== 'uniform') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: strategy must be 'quantile' or 'uniform'.`);
  const level = checkLevel(options.level, fn);
  const zq = normalQuantile(1 - (1 - level) / 2);
  const warnings: string[] = [];

  const sorted = Float64Array.from(p).sort();
  const quantileBreaks = (g: number): number[] => {
    const b: number[] = [];
    for (let k = 0; k <= g; k++) {
      const q = sortedQuantile7(sorted, k / g);
      if (b.length === 0 || q !== b[b.length - 1]) b.push(q);
    }
    return b;
  };
  const breaks = strategy === 'quantile' ? quantileBreaks(bins) : Array.from({ length: bins + 1 }, (_, k) => k / bins);
  const { count: cnt, events: ev, sumP: sp } = tally(p, y, breaks);
  const nb = cnt.length;
  const binsOut: CalibrationBin[] = [];
  for (let k = 0; k < nb; k++) {
    if (cnt[k] === 0) continue;
    binsOut.push({
      lower: breaks[k]!,
      upper: breaks[Math.min(k + 1, breaks.length - 1)]!,
      n: cnt[k]!,
      events: ev[k]!,
      meanPredicted: sp[k]! / cnt[k]!,
      observed: wilsonInterval(ev[k]!, cnt[k]!, level),
    });
  }

  // lowess smooth and E statistics (val.prob)
  const sm = lowess(p, y, { iter: 0 });
  const smoothAt = new Map<number, number>();
  for (let k = 0; k < n; ) {
    let j = k;
    let s = 0;
    while (j < n && sm.x[j] === sm.x[k]) s += sm.y[j++]!;
    smoothAt.set(sm.x[k]!, s / (j - k));
    k = j;
  }
  const er = new Float64Array(n);
  let eavg = 0;
  let emax = 0;
  for (let i = 0; i < n; i++) {
    er[i] = Math.abs(p[i]! - smoothAt.get(p[i]!)!);
    eavg += er[i]!;
    emax = Math.max(emax, er[i]!);
  }
  eavg /= n;
  const e90 = sortedQuantile7(Float64Array.from(er).sort(), 0.9);

  // logistic recalibration on finite logits
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (p[i]! > 0 && p[i]! < 1) keep.push(i);
  if (keep.length < n) warnings.push(`${n - keep.length} observations deleted from logistic calibration due to probs. of 0 or 1`);
  const m = keep.length;
  const yk = Uint8Array.from(keep, (i) => y[i]!);
  const logit = Float64Array.from(keep, (i) => Math.log(p[i]! / (1 - p[i]!)));
  let calibrationInTheLarge: CalibrationCoefficient;
  let intercept: CalibrationCoefficient;
  let slope: CalibrationCoefficient;
  const nan = (): CalibrationCoefficient => ({ estimate: Number.NaN, se: Number.NaN, ci: [Number.NaN, Number.NaN] });
  let ek = 0;
  for (let i = 0; i < m; i++) ek += yk[i]!;
  if (m >= 3 && ek > 0 && ek < m) {
    const ones = new Float64Array(m).fill(1);
    const citl = glmFitLogit(ones, yk, m, 1, { offset: logit });
    calibrationInTheLarge = coefficient(citl.coef[0]!, citl.se[0]!, zq);
    const x2 = new Float64Array(2 * m);
    x2.set(ones, 0);
    x2.set(logit, m);
    const recal = glmFitLogit(x2, yk, m, 2);
    intercept = coefficient(recal.coef[0]!, recal.se[0]!, zq);
    slope = coefficient(recal.coef[1]!, recal.se[1]!, zq);
    if (!citl.converged || !recal.converged) warnings.push('logistic recalibration did not converge');
  } else {
    calibrationInTheLarge = nan();
    intercept = nan();
    slope = nan();
    warnings.push('logistic recalibration needs both outcomes among predictions strictly between 0 and 1');
  }

  let brier = 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    brier += (p[i]! - y[i]!) ** 2;
    num += (y[i]! - p[i]!) * (1 - 2 * p[i]!);
    den += (1 - 2 * p[i]!) ** 2 * p[i]! * (1 - p[i]!);
  }
  brier /= n;
  const prev = nCases / n;
  const sz = num / Math.sqrt(den);

  // Hosmer–Lemeshow over the groups actually formed at quantiles of p (ties merge groups; empty ones are dropped)
  const { count: ng, events: o1, sumP: e1 } = tally(p, y, quantileBreaks(bins));
  let g = 0;
  let hl = 0;
  for (let k = 0; k < ng.length; k++) {
    if (ng[k] === 0) continue;
    g++;
    const o0 = ng[k]! - o1[k]!;
    const e0 = ng[k]! - e1[k]!;
    // a group of predictions all exactly 0 (or 1) expects no events (non-events): it adds 0 when none
    // occurred and +Inf (P = 0, as R) when some did, instead of R's NaN for 0/0
    hl += term(o1[k]!, e1[k]!) + term(o0, e0);
  }
  const hlDf = g - 2;
  if (hlDf < 1) warnings.push(`Hosmer–Lemeshow needs at least 3 groups of distinct predictions; only ${g} could be formed, so it is not reported.`);
  const hlStat = hlDf < 1 ? Number.NaN : hl;

  return {
    n,
    events: nCases,
    bins: binsOut,
    smooth: sm,
    calibrationInTheLarge,
    intercept,
    slope,
    brier,
    scaledBrier: 1 - brier / (prev * (1 - prev)),
    emax,
    e90,
    eavg,
    spiegelhalter: { z: sz, p: 2 * normalCdf(-Math.abs(sz)) },
    hosmerLemeshow: { statistic: hlStat, df: hlDf, p: hlDf < 1 ? Number.NaN : chiSquareCdf(hl, hlDf, false), groups: g },
    warnings,
  };
}
