import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, type NumericArray, requireBothClasses, toBinaryLabels } from '../binary-outcome.js';
import { makeResampler } from '../resampling/bootstrap.js';
import { checkInteger, checkLevel, checkOptionKeys, checkSeed, sortedQuantile7 } from '../option-checks.js';
import { createRng } from '../resampling/rng.js';

/** Options for {@link decisionCurve}. */
export interface DecisionCurveOptions {
  /** Threshold probabilities, each in [0, 1) (default 0, 0.01, …, 0.99 — dcurves' `seq(0, 0.99, by = 0.01)`). */
  thresholds?: NumericArray;
  /** Nets per how many patients for interventions avoided (default 100, dcurves `nper`). */
  perPatients?: number;
  /** Percentile bootstrap intervals of the net benefit (off unless given). */
  bootstrap?: {
    /** Replicates (default 1000). */
    replicates?: number;
    /** Confidence level (default 0.95). */
    level?: number;
    /** Resample within outcome classes (default false: whole rows, as rmda). */
    stratified?: boolean;
    /** Seed (default 1). */
    seed?: number | string;
  };
}

/** A net-benefit curve with a percentile interval per threshold. */
export interface NetBenefitInterval {
  lower: Float64Array;
  upper: Float64Array;
  level: number;
  replicates: number;
}

/** Decision-curve quantities of one model, one value per threshold. */
export interface DecisionCurveModel {
  /** TP/n − FP/n · pt/(1 − pt) (dcurves `net_benefit`). */
  netBenefit: Float64Array;
  /** Net benefit / prevalence (dcurves `standardized_net_benefit`). */
  standardizedNetBenefit: Float64Array;
  /** (NB − NB_treat-all) / (pt/(1 − pt)) · perPatients (dcurves `net_intervention_avoided`); NaN/±Inf at pt = 0, as R. */
  netInterventionsAvoided: Float64Array;
  /** TP/n (dcurves `tp_rate`). */
  truePositiveRate: Float64Array;
  /** FP/n (dcurves `fp_rate`). */
  falsePositiveRate: Float64Array;
  /** Fraction called positive (dcurves `test_pos_rate`). */
  testPositiveRate: Float64Array;
  ci?: NetBenefitInterval;
}

/** Result of {@link decisionCurve}. */
export interface DecisionCurve {
  thresholds: Float64Array;
  n: number;
  prevalence: number;
  perPatients: number;
  models: Record<string, DecisionCurveModel>;
  /** Treat everyone: prevalence − (1 − prevalence) · pt/(1 − pt). */
  treatAll: { netBenefit: Float64Array; standardizedNetBenefit: Float64Array; ci?: NetBenefitInterval };
  /** Treat no one: net benefit 0 everywhere. */
  treatNone: { netBenefit: Float64Array; standardizedNetBenefit: Float64Array };
}

interface Prepared {
  /** Per sample: how many (sorted) thresholds its probability reaches (p >= t). */
  reach: Int32Array;
}

/**
 * Decision curve analysis (Vickers & Elkin) for one or more models, following dcurves::dca() for a binary
 * outcome: a patient is treated when `p >= threshold`; probabilities of exactly 0 and 1 are moved to −ε
 * and 1 + ε as dcurves does (so p = 0 is never treated and p = 1 always is); treat-all uses 1 + ε.
 * Returns net benefit, standardized net benefit (NB / prevalence), net interventions avoided per
 * `perPatients`, TP/FP/test-positive rates, treat-all and treat-none, and optional seeded bootstrap
 * percentile intervals of the net benefit.
 *
 * Verified against these formulas computed in R (dcurves itself is not packaged for Debian).
 *
 * @param labels 0/1 or booleans (1 = event).
 * @param models name → predicted probabilities in [0, 1], one per label.
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 *   `PROBABILITY_OUT_OF_RANGE`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { decisionCurve } from 'sonorisk/stats';
 * const labels = [0, 0, 0, 1, 1, 0, 1, 0];
 * const dca = decisionCurve(labels, { 'R-US': [0.1, 0.3, 0.2, 0.8, 0.6, 0.4, 0.7, 0.1] }, { thresholds: [0.1, 0.2, 0.3] });
 * dca.models['R-US'].netBenefit;   // one value per threshold
 * dca.treatAll.netBenefit;         // compare: treat everyone
 * ```
 */
export function decisionCurve(labels: BinaryLabels, models: Record<string, NumericArray>, options: DecisionCurveOptions = {}): DecisionCurve {
  const fn = 'decisionCurve';
  checkOptionKeys(options, ['thresholds', 'perPatients', 'bootstrap'], fn);
  const y = toBinaryLabels(labels, fn);
  const n = y.length;
  const { nCases } = requireBothClasses(y, fn);
  const thresholds = checkThresholds(options.thresholds, fn);
  const per = options.perPatients ?? 100;
  if (typeof per !== 'number' || !Number.isFinite(per) || per <= 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: perPatients must be a positive number, got ${String(per)}.`);
  }
  if (models === null || typeof models !== 'object' || Object.keys(models).length === 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: models must be an object { name: probabilities } with at least one model.`);
  }
  const order = Array.from(thresholds.keys()).sort((a, b) => thresholds[a]! - thresholds[b]!);
  const sortedT = Float64Array.from(order, (i) => thresholds[i]!);
  const prepared = new Map<string, Prepared>();
  for (const [name, probs] of Object.entries(models)) {
    if (name === 'all' || name === 'none') {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: model names 'all' and 'none' are reserved (as in dcurves).`);
    }
    prepared.set(name, { reach: reachCounts(probs, n, sortedT, `${fn}: models['${name}']`) });
  }
  const all = new Int32Array(n).fill(sortedT.length); // 1 + eps reaches every threshold < 1
  const idAll = identityIndex(n);
  const prevalence = nCases / n;
  const allNb = netBenefit(y, idAll, all, sortedT, order);
  const out: Record<string, DecisionCurveModel> = {};
  for (const [name, p] of prepared) {
    const r = rates(y, idAll, p.reach, sortedT, order);
    const nia = new Float64Array(thresholds.length);
    for (let j = 0; j < thresholds.length; j++) {
      const t = thresholds[j]!;
      nia[j] = ((r.nb[j]! - allNb[j]!) / (t / (1 - t))) * per;
    }
    out[name] = {
      netBenefit: r.nb,
      standardizedNetBenefit: r.nb.map((v) => v / prevalence),
      netInterventionsAvoided: nia,
      truePositiveRate: r.tp,
      falsePositiveRate: r.fp,
      testPositiveRate: r.pos,
    };
  }
  const result: DecisionCurve = {
    thresholds,
    n,
    prevalence,
    perPatients: per,
    models: out,
    treatAll: { netBenefit: allNb, standardizedNetBenefit: allNb.map((v) => v / prevalence) },
    treatNone: { netBenefit: new Float64Array(thresholds.length), standardizedNetBenefit: new Float64Array(thresholds.length) },
  };
  if (options.bootstrap !== undefined) addBootstrap(result, y, prepared, all, sortedT, order, options.bootstrap, fn);
  return result;
}

/** Validates thresholds in [0, 1); default 0, 0.01, …, 0.99. Internal to src/stats. */
export function checkThresholds(t: NumericArray | undefined, fn: string): Float64Array {
  if (t === undefined) return Float64Array.from({ length: 100 }, (_, i) => i * 0.01);
  if (t === null || typeof t !== 'object' || typeof t.length !== 'number' || t.length === 0) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: thresholds must be a non-empty array of probabilities in [0, 1).`);
  }
  const out = new Float64Array(t.length);
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: thresholds[${i}] is ${String(v)}; threshold probabilities must be in [0, 1).`, { index: i });
    }
    out[i] = v;
  }
  return out;
}

/** Validates probabilities and counts, per sample, the sorted thresholds t with p' >= t (dcurves' ε rule). Internal to src/stats. */
export function reachCounts(probs: NumericArray, n: number, sortedT: Float64Array, what: string): Int32Array {
  if (probs === null || typeof probs !== 'object' || typeof probs.length !== 'number') {
    throw new SonoriskError('INVALID_ARGUMENT', `${what} must be an array of probabilities.`);
  }
  if (probs.length !== n) {
    throw new SonoriskError('LENGTH_MISMATCH', `${what} has ${probs.length} values but labels has ${n}.`, { expected: n, actual: probs.length });
  }
  const reach = new Int32Array(n);
  const m = sortedT.length;
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (typeof p !== 'number' || Number.isNaN(p)) {
      throw new SonoriskError('NON_FINITE', `${what}[${i}] is ${String(p)}; remove or impute missing predictions first.`, { index: i });
    }
    if (!(p >= 0 && p <= 1)) {
      throw new SonoriskError('PROBABILITY_OUT_OF_RANGE', `${what}[${i}] = ${p} is not a probability in [0, 1].`, { index: i, value: p });
    }
    if (p === 0) reach[i] = 0;
    else if (p === 1) reach[i] = m;
    else {
      let lo = 0;
      let hi = m; // first index with sortedT[idx] > p
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortedT[mid]! <= p) lo = mid + 1;
        else hi = mid;
      }
      reach[i] = lo;
    }
  }
  return reach;
}

function identityIndex(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}

/** dcurves' rates over the samples `idx` (a bootstrap replicate or everyone), in the caller's threshold order. Internal to src/stats. */
export function rates(y: Uint8Array, idx: Int32Array, reach: Int32Array, sortedT: Float64Array, order: number[]) {
  const m = sortedT.length;
  const hc = new Float64Array(m + 1);
  const hd = new Float64Array(m + 1);
  let nCases = 0;
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i]!;
    if (y[j] === 1) {
      hc[reach[j]!]!++;
      nCases++;
    } else hd[reach[j]!]!++;
  }
  const n = idx.length;
  const nControls = n - nCases;
  const prev = nCases / n;
  const tp = new Float64Array(m);
  const fp = new Float64Array(m);
  const pos = new Float64Array(m);
  const nb = new Float64Array(m);
  let c = 0;
  let d = 0;
  for (let k = m - 1; k >= 0; k--) {
    c += hc[k + 1]!; // samples reaching more than k thresholds are positive at sorted threshold k
    d += hd[k + 1]!;
    const at = order[k]!;
    const t = sortedT[k]!;
    tp[at] = (c / nCases) * prev;
    fp[at] = (d / nControls) * (1 - prev);
    pos[at] = (c + d) / n;
    nb[at] = tp[at]! - (t / (1 - t)) * fp[at]!;
  }
  return { tp, fp, pos, nb, nCases, nControls };
}

function netBenefit(y: Uint8Array, idx: Int32Array, reach: Int32Array, sortedT: Float64Array, order: number[]): Float64Array {
  return rates(y, idx, reach, sortedT, order).nb;
}

function addBootstrap(
  result: DecisionCurve,
  y: Uint8Array,
  prepared: Map<string, Prepared>,
  all: Int32Array,
  sortedT: Float64Array,
  order: number[],
  opts: NonNullable<DecisionCurveOptions['bootstrap']>,
  fn: string,
): void {
  checkOptionKeys(opts, ['replicates', 'level', 'stratified', 'seed'], `${fn}: bootstrap`);
  const reps = checkInteger(opts.replicates, 1000, 1, 100_000, fn, 'bootstrap.replicates');
  const level = checkLevel(opts.level, fn);
  if (opts.stratified !== undefined && typeof opts.stratified !== 'boolean') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: bootstrap.stratified must be a boolean.`);
  }
  const m = sortedT.length;
  const series: [Int32Array, (ci: NetBenefitInterval) => void][] = [[all, (ci) => (result.treatAll.ci = ci)]];
  for (const [name, p] of prepared) series.push([p.reach, (ci) => (result.models[name]!.ci = ci)]);
  if (reps * m * series.length > 10_000_000) {
    throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${reps} replicates × ${m} thresholds × ${series.length} curves is too many values to keep; use fewer.`);
  }
  const rng = createRng(checkSeed(opts.seed, fn));
  const { draw } = makeResampler(y, opts.stratified ?? false, fn);
  const idx = new Int32Array(y.length);
  const samples = series.map(() => new Float64Array(reps * m));
  let kept = 0;
  for (let b = 0; b < reps; b++) {
    draw(rng, idx);
    let cases = 0;
    for (let i = 0; i < idx.length; i++) cases += y[idx[i]!]!;
    if (cases === 0 || cases === idx.length) continue; // one class only: rates undefined, skip as pROC/rmda do
    series.forEach(([reach], s) => {
      samples[s]!.set(netBenefit(y, idx, reach, sortedT, order), kept * m);
    });
    kept++;
  }
  const a = (1 - level) / 2;
  series.forEach(([, assign], s) => {
    const lower = new Float64Array(m);
    const upper = new Float64Array(m);
    const col = new Float64Array(kept);
    for (let j = 0; j < m; j++) {
      for (let b = 0; b < kept; b++) col[b] = samples[s]![b * m + j]!;
      col.sort();
      lower[j] = sortedQuantile7(col, a);
      upper[j] = sortedQuantile7(col, 1 - a);
    }
    assign({ lower, upper, level, replicates: kept });
  });
}
