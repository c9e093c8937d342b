import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, type NumericArray, requireBothClasses, toBinaryLabels } from '../binary-outcome.js';
import { checkInteger, checkLevel, checkOptionKeys, checkSeed, sortedQuantile7 } from '../option-checks.js';
import { makeResampler } from '../resampling/bootstrap.js';
import { createRng } from '../resampling/rng.js';
import { checkThresholds, rates, reachCounts } from './decision-curve.js';

/** Options of {@link netBenefitDifference}. */
export interface NetBenefitDifferenceOptions {
  /** Threshold probabilities in [0, 1) (default 0, 0.01, …, 0.99, as {@link decisionCurve}). */
  thresholds?: NumericArray;
  /** Bootstrap replicates (default 1000; 0 = no intervals). */
  replicates?: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  level?: number;
  /** Seed (default 1). */
  seed?: number | string;
  /** Resample within outcome classes (default false: whole patients). */
  stratified?: boolean;
}

/** Result of {@link netBenefitDifference}. */
export interface NetBenefitDifference {
  thresholds: Float64Array;
  /** Net benefit of each model (as {@link decisionCurve}). */
  netBenefitA: Float64Array;
  netBenefitB: Float64Array;
  /** NB(A) − NB(B) per threshold. */
  difference: Float64Array;
  /** Percentile bootstrap interval of the difference (paired: both models on the same resamples). */
  lower: Float64Array;
  upper: Float64Array;
  /** Two-sided bootstrap P per threshold: 2 · min(share of replicates ≤ 0, share ≥ 0), capped at 1. */
  p: Float64Array;
  level: number;
  /** Replicates used (those with both outcomes). */
  replicates: number;
}

/**
 * Net-benefit difference between two models on the same patients across threshold probabilities
 * (decision curve analysis, Vickers & Elkin 2006), with paired percentile bootstrap intervals: each
 * replicate resamples patients once and recomputes both models' net benefit, so the interval
 * reflects their correlation. Net benefit follows dcurves (treated when p ≥ threshold).
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `PROBABILITY_OUT_OF_RANGE`, `INVALID_ARGUMENT`, `LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { netBenefitDifference } from 'sonorisk/stats';
 * const d = netBenefitDifference(labels, ceusProbs, usProbs, { thresholds: [0.1, 0.2, 0.3], replicates: 2000, seed: 1 });
 * d.difference; d.lower; d.upper;
 * ```
 */
export function netBenefitDifference(
  labels: BinaryLabels,
  probsA: NumericArray,
  probsB: NumericArray,
  options: NetBenefitDifferenceOptions = {},
): NetBenefitDifference {
  const fn = 'netBenefitDifference';
  checkOptionKeys(options, ['thresholds', 'replicates', 'level', 'seed', 'stratified'], fn);
  const y = toBinaryLabels(labels, fn);
  const n = y.length;
  requireBothClasses(y, fn);
  const thresholds = checkThresholds(options.thresholds, fn);
  const level = checkLevel(options.level, fn);
  const reps = checkInteger(options.replicates, 1000, 0, 100_000, fn, 'replicates');
  if (options.stratified !== undefined && typeof options.stratified !== 'boolean') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: stratified must be a boolean.`);
  }
  const order = Array.from(thresholds.keys()).sort((a, b) => thresholds[a]! - thresholds[b]!);
  const sortedT = Float64Array.from(order, (i) => thresholds[i]!);
  const m = sortedT.length;
  if (reps * m > 20_000_000) throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${reps} replicates × ${m} thresholds is too many values to keep; use fewer.`);
  const reachA = reachCounts(probsA, n, sortedT, `${fn}: probsA`);
  const reachB = reachCounts(probsB, n, sortedT, `${fn}: probsB`);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const netBenefitA = rates(y, all, reachA, sortedT, order).nb;
  const netBenefitB = rates(y, all, reachB, sortedT, order).nb;
  const difference = Float64Array.from(netBenefitA, (v, j) => v - netBenefitB[j]!);
  const lower = new Float64Array(m).fill(Number.NaN);
  const upper = new Float64Array(m).fill(Number.NaN);
  const p = new Float64Array(m).fill(Number.NaN);
  let kept = 0;
  if (reps > 0) {
    const rng = createRng(checkSeed(options.seed, fn));
    const { draw } = makeResampler(y, options.stratified ?? false, fn);
    const idx = new Int32Array(n);
    const samples = new Float64Array(reps * m);
    for (let b = 0; b < reps; b++) {
      draw(rng, idx);
      let cases = 0;
      for (let i = 0; i < n; i++) cases += y[idx[i]!]!;
      if (cases === 0 || cases === n) continue; // one class only: net benefit undefined
      const a = rates(y, idx, reachA, sortedT, order).nb;
      const bb = rates(y, idx, reachB, sortedT, order).nb;
      for (let j = 0; j < m; j++) samples[kept * m + j] = a[j]! - bb[j]!;
      kept++;
    }
    const col = new Float64Array(kept);
    const tail = (1 - level) / 2;
    for (let j = 0; j < m; j++) {
      let le = 0;
      let ge = 0;
      for (let b = 0; b < kept; b++) {
        const v = samples[b * m + j]!;
        col[b] = v;
        if (v <= 0) le++;
        if (v >= 0) ge++;
      }
      col.sort();
      lower[j] = sortedQuantile7(col, tail);
      upper[j] = sortedQuantile7(col, 1 - tail);
      p[j] = kept > 0 ? Math.min(1, (2 * Math.min(le, ge)) / kept) : Number.NaN;
    }
  }
  return { thresholds, netBenefitA, netBenefitB, difference, lower, upper, p, level, replicates: kept };
}
