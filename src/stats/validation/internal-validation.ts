import { SonoriskError } from '../../errors.js';
import { type BinaryLabels, requireBothClasses, toBinaryLabels } from '../binary-outcome.js';
import { WORK_LIMIT } from '../calibration/flexible-calibration.js';
import { lowess, lowessAt } from '../calibration/lowess.js';
import { checkInteger, checkOptionKeys, checkSeed } from '../option-checks.js';
import { glmFitLogit } from '../regression/glm-fit.js';
import { bootstrap } from '../resampling/bootstrap.js';

/** Predictions of a fitted model for `rows`: probabilities, or log-odds with `scale: 'logit'`. */
export type ModelPredictor<Row> = (rows: Row[]) => ArrayLike<number>;

/**
 * The whole model-building procedure: fits on `train` (with its 0/1 `labels`) and returns the
 * predictor. Everything data-driven — variable selection, transformations, penalty choice — must
 * happen inside, so that it is repeated in every bootstrap replicate.
 */
export type ModelProcedure<Row> = (train: Row[], labels: Uint8Array) => ModelPredictor<Row>;

/** Options of {@link internalValidation}. */
export interface InternalValidationOptions {
  /** Bootstrap replicates (default 200, at most 100,000). */
  replicates?: number;
  /** Seed of the bootstrap's random stream (`createRng`, default 1): the same seed gives the same numbers in every runtime. */
  seed?: number | string;
  /** What the predictor returns: 'probability' (default) or 'logit' (linear predictor). */
  scale?: 'probability' | 'logit';
  /**
   * Explicit bootstrap samples (0-based row indices, n each), used instead of drawing
   * `replicates` — e.g. the samples R drew, to reproduce `rms::validate` exactly.
   */
  resamples?: ArrayLike<ArrayLike<number>>;
  /** Compute the bias-corrected calibration curve (rms::calibrate); default true. */
  calibrationCurve?: boolean;
}

/** One index through Harrell's bootstrap, as a row of rms `validate()`'s table. */
export interface ValidatedIndex {
  /** On the data the model was built on (rms `index.orig`). */
  apparent: number;
  /** Mean over replicates, on the bootstrap sample the replicate's model was built on. */
  training: number;
  /** Mean over replicates, on the original data. */
  test: number;
  /** training − test. */
  optimism: number;
  /** apparent − optimism. */
  corrected: number;
  /** Replicates in which the index was defined. */
  n: number;
}

/** Bias-corrected calibration curve (rms `calibrate()`), on a grid of predicted probabilities. */
export interface ValidatedCalibrationCurve {
  predicted: Float64Array;
  /** Lowess of the outcome on the apparent predictions (rms `calibrated.orig`). */
  apparent: Float64Array;
  /** apparent − optimism (rms `calibrated.corrected`). */
  corrected: Float64Array;
  optimism: Float64Array;
  /** Replicates in which the grid point lay inside the range of predictions. */
  n: Int32Array;
}

/** Result of {@link internalValidation}. */
export interface InternalValidation {
  n: number;
  events: number;
  /** Replicates whose procedure ran (failed ones are skipped, as rms does). */
  replicates: number;
  failed: number;
  /** C statistic (AUC) = (Dxy + 1) / 2. */
  c: ValidatedIndex;
  /** Somers' Dxy = 2 (C − 0.5). */
  dxy: ValidatedIndex;
  /** Calibration intercept and slope of `glm(y ~ lp)` (0 and 1 on the apparent data for a maximum-likelihood fit). */
  intercept: ValidatedIndex;
  slope: ValidatedIndex;
  /** Brier score mean((p − y)²). */
  brier: ValidatedIndex;
  /**
   * Maximum |p − plogis(a + b·logit p)| over p in [0, 1] for the corrected intercept a and slope b
   * (rms: apparent and training 0; test, optimism and corrected all this value).
   */
  emax: ValidatedIndex;
  calibrationCurve?: ValidatedCalibrationCurve;
  /** First messages of failed replicates. */
  warnings: string[];
}

const plogis = (x: number): number => 1 / (1 + Math.exp(-x));

/** [Dxy, intercept, slope, Brier] of linear predictor `lp` against `y` (validate.lrm's discrim). */
function measures(lp: Float64Array, y: Uint8Array): number[] {
  const n = y.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i]!;
  let brier = 0;
  for (let i = 0; i < n; i++) brier += (y[i]! - plogis(lp[i]!)) ** 2;
  brier /= n;
  if (events === 0 || events === n) return [Number.NaN, Number.NaN, Number.NaN, brier];
  const dxy = 2 * concordance(lp, y, events) - 1;
  let lo = lp[0]!;
  let hi = lo;
  for (let i = 1; i < n; i++) {
    lo = Math.min(lo, lp[i]!);
    hi = Math.max(hi, lp[i]!);
  }
  let intercept: number;
  let slope: number;
  if (lo === hi) {
    // constant predictor (e.g. nothing selected): slope 1, intercept = calibration-in-the-large
    slope = 1;
    intercept = Math.log(events / (n - events)) - lp[0]!;
  } else {
    const x = new Float64Array(2 * n).fill(1);
    x.set(lp, n);
    // started at (0, 1): the answer for a maximum-likelihood fit on its own data, close elsewhere
    const fit = glmFitLogit(x, y, n, 2, { epsilon: 1e-12, maxit: 50, skipCovariance: true, etastart: lp });
    intercept = fit.coef[0]!;
    slope = fit.coef[1]!;
  }
  return [dxy, intercept, slope, brier];
}

/**
 * C statistic (Mann–Whitney AUC, ties ½) of `x` for `events` cases: the two classes are sorted
 * separately with the native typed-array sort and merged, which needs no index permutation and is
 * several times faster than the general ROC ranking at the small n of a bootstrap replicate.
 */
function concordance(x: Float64Array, y: Uint8Array, events: number): number {
  const cases = new Float64Array(events);
  const controls = new Float64Array(y.length - events);
  let a = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) cases[a++] = x[i]!;
    else controls[b++] = x[i]!;
  }
  cases.sort();
  controls.sort();
  let below = 0;
  let atOrBelow = 0;
  let wins = 0;
  for (let i = 0; i < a; i++) {
    const v = cases[i]!;
    while (below < b && controls[below]! < v) below++;
    if (atOrBelow < below) atOrBelow = below;
    while (atOrBelow < b && controls[atOrBelow]! <= v) atOrBelow++;
    wins += below + 0.5 * (atOrBelow - below);
  }
  return wins / a / b;
}

/** Smoothed calibration error lowess(p, y, iter = 0) − grid (rms calibrate's cal.error). */
function calibrationError(p: Float64Array, y: Uint8Array, grid: Float64Array): Float64Array {
  const cal = lowessAt(lowess(p, y, { iter: 0 }), grid, 1);
  for (let k = 0; k < grid.length; k++) cal[k] = cal[k]! - grid[k]!;
  return cal;
}

/** Emax of validate.lrm: max |p − plogis(a + b logit p)| over p = 0, 0.0005, …, 1. */
function emaxOf(a: number, b: number): number {
  let m = Number.NaN;
  for (let k = 0; k <= 2000; k++) {
    const p = k * 5e-4;
    const d = Math.abs(p - plogis(a + b * Math.log(p / (1 - p))));
    if (!Number.isNaN(d) && !(d <= m)) m = d;
  }
  return m;
}

/**
 * Optimism-corrected internal validation by Harrell's bootstrap (Harrell, Lee & Mark 1996; the
 * method TRIPOD asks for in small cohorts), as `rms::validate` and `rms::calibrate` on an `lrm` fit.
 * The whole model-building `procedure` is rerun in every bootstrap sample; each replicate's model is
 * scored on its own bootstrap sample (training) and on the original data (test); the mean difference
 * is the optimism, subtracted from the apparent index. Indexes: C (AUC), Somers' Dxy, calibration
 * intercept and slope (logistic recalibration `glm(y ~ lp)`), Brier score, and Emax from the
 * corrected intercept and slope; plus the bias-corrected lowess calibration curve on 50 points
 * between the 5th smallest and 5th largest apparent prediction (rms's default `predy`).
 * A replicate whose procedure throws is skipped and counted in `failed`; an index undefined in a
 * replicate (one class only) leaves that replicate out of that index's mean, as rms.
 *
 * @param rows the data, in any form the procedure understands (objects, indices, …).
 * @param labels 0/1 or boolean outcome per row.
 * @param procedure fits a model on a subset of rows and returns its predictor.
 * @throws SonoriskError `INVALID_ARGUMENT`, `LENGTH_MISMATCH`, `NON_BINARY_LABELS`, `SINGLE_CLASS`,
 * `TOO_FEW_OBSERVATIONS`, `NON_FINITE`/`PROBABILITY_OUT_OF_RANGE` (predictions on the original data),
 * `LIMIT_EXCEEDED`, and whatever the procedure throws on the original data.
 * @example
 * ```ts
 * import { internalValidation, logisticRegression } from 'sonorisk/stats';
 * const predictors = ['age', 'size', 'afp'];
 * const v = internalValidation(patients, patients.map((p) => p.recurrence), (train) => {
 *   const fit = logisticRegression(train, 'recurrence', { predictors, profile: false });
 *   const b = fit.terms.map((t) => t.estimate);
 *   return (rows) => rows.map((r) => b[0] + predictors.reduce((s, k, j) => s + b[j + 1] * (r[k] as number), 0));
 * }, { scale: 'logit', replicates: 200, seed: 1 });
 * v.c.apparent; v.c.optimism; v.c.corrected; v.slope.corrected; v.calibrationCurve;
 * ```
 */
export function internalValidation<Row>(
  rows: Row[],
  labels: BinaryLabels,
  procedure: ModelProcedure<Row>,
  options: InternalValidationOptions = {},
): InternalValidation {
  const fn = 'internalValidation';
  checkOptionKeys(options, ['replicates', 'seed', 'scale', 'resamples', 'calibrationCurve'], fn);
  if (!Array.isArray(rows)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: rows must be an array.`);
  if (typeof procedure !== 'function') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: procedure must be a function (train, labels) => predictor.`);
  const y = toBinaryLabels(labels, fn);
  const n = y.length;
  if (rows.length !== n) {
    throw new SonoriskError('LENGTH_MISMATCH', `${fn}: rows has ${rows.length} entries but labels has ${n}.`, { expected: n, actual: rows.length });
  }
  const { nCases } = requireBothClasses(y, fn);
  const scale = options.scale ?? 'probability';
  if (scale !== 'probability' && scale !== 'logit') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: scale must be 'probability' or 'logit'.`);
  const withCurve = options.calibrationCurve ?? true;
  if (typeof withCurve !== 'boolean') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: calibrationCurve must be a boolean.`);
  if (withCurve && n < 11) {
    throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: the calibration curve needs n > 10 (as rms::calibrate); got ${n}. Pass calibrationCurve: false.`);
  }
  const samples = resampleSource(options, n, fn);
  const count0 = options.resamples?.length ?? options.replicates ?? 200;
  if (withCurve && count0 * n > WORK_LIMIT) {
    throw new SonoriskError(
      'LIMIT_EXCEEDED',
      `${fn}: ${count0} replicates of the lowess calibration curve on ${n} patients would take too long; pass calibrationCurve: false or at most ${Math.floor(WORK_LIMIT / n)} replicates.`,
    );
  }

  /** Predictions of `predict` for the rows at `idx`, as a linear predictor; throws on bad values. */
  const linearPredictor = (predict: ModelPredictor<Row>, subset: Row[], where: string): Float64Array => {
    const out = predict(subset);
    if (out === null || typeof out !== 'object' || out.length !== subset.length) {
      throw new SonoriskError('LENGTH_MISMATCH', `${fn}: the predictor returned ${out?.length} values for ${subset.length} rows (${where}).`);
    }
    const lp = new Float64Array(subset.length);
    for (let i = 0; i < lp.length; i++) {
      const v = out[i]!;
      if (scale === 'logit') {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new SonoriskError('NON_FINITE', `${fn}: prediction ${i} is ${String(v)} (${where}); the predictor must return finite log-odds.`, { index: i });
        }
        lp[i] = v;
      } else {
        if (typeof v !== 'number' || !(v > 0 && v < 1)) {
          throw new SonoriskError(
            'PROBABILITY_OUT_OF_RANGE',
            `${fn}: prediction ${i} is ${String(v)} (${where}); probabilities must lie strictly between 0 and 1 for the logistic recalibration — return log-odds with scale: 'logit' instead.`,
            { index: i, value: v },
          );
        }
        lp[i] = Math.log(v / (1 - v));
      }
    }
    return lp;
  };

  const predict0 = procedure(rows.slice(), y.slice());
  if (typeof predict0 !== 'function') throw new SonoriskError('INVALID_ARGUMENT', `${fn}: procedure must return a predictor function.`);
  const lp0 = linearPredictor(predict0, rows, 'original data');
  const apparent = measures(lp0, y);
  let grid: Float64Array = new Float64Array(0);
  let curve0: Float64Array = grid;
  if (withCurve) {
    const p0 = Float64Array.from(lp0, plogis);
    const p = p0.slice().sort();
    grid = Float64Array.from({ length: 50 }, (_, k) => p[4]! + ((p[n - 5]! - p[4]!) * k) / 49);
    curve0 = calibrationError(p0, y, grid);
  }

  const m = apparent.length + grid.length;
  const trainSum = new Float64Array(m);
  const testSum = new Float64Array(m);
  const count = new Int32Array(m);
  const warnings: string[] = [];
  let ok = 0;
  let failed = 0;
  for (const idx of samples) {
    const train = Array.from(idx, (i) => rows[i]!);
    const yTrain = Uint8Array.from(idx, (i) => y[i]!);
    let tr: number[];
    let te: number[];
    try {
      const predict = procedure(train, yTrain.slice());
      const lpTrain = linearPredictor(predict, train, `replicate ${ok + failed + 1}, bootstrap sample`);
      const lpTest = linearPredictor(predict, rows, `replicate ${ok + failed + 1}, original data`);
      tr = measures(lpTrain, yTrain);
      te = measures(lpTest, y);
      if (withCurve) {
        tr.push(...calibrationError(Float64Array.from(lpTrain, plogis), yTrain, grid));
        te.push(...calibrationError(Float64Array.from(lpTest, plogis), y, grid));
      }
    } catch (e) {
      failed++;
      if (warnings.length < 5) warnings.push(`replicate ${ok + failed} failed: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    ok++;
    for (let k = 0; k < m; k++) {
      if (Number.isNaN(tr[k]! + te[k]!)) continue;
      trainSum[k] = trainSum[k]! + tr[k]!;
      testSum[k] = testSum[k]! + te[k]!;
      count[k] = count[k]! + 1;
    }
  }
  if (ok === 0) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: the procedure failed in every replicate; first: ${warnings[0] ?? 'no replicates'}.`);
  const index = (k: number, orig: number): ValidatedIndex => {
    const training = trainSum[k]! / count[k]!;
    const test = testSum[k]! / count[k]!;
    return { apparent: orig, training, test, optimism: training - test, corrected: orig - (training - test), n: count[k]! };
  };
  const dxy = index(0, apparent[0]!);
  const intercept = index(1, apparent[1]!);
  const slope = index(2, apparent[2]!);
  const half = (v: number): number => (v + 1) / 2;
  const emax = emaxOf(intercept.corrected, slope.corrected);
  const result: InternalValidation = {
    n,
    events: nCases,
    replicates: ok,
    failed,
    c: {
      apparent: half(dxy.apparent),
      training: half(dxy.training),
      test: half(dxy.test),
      optimism: dxy.optimism / 2,
      corrected: half(dxy.corrected),
      n: dxy.n,
    },
    dxy,
    intercept,
    slope,
    brier: index(3, apparent[3]!),
    emax: { apparent: 0, training: 0, test: emax, optimism: emax, corrected: emax, n: dxy.n },
    warnings,
  };
  if (withCurve) {
    const g = grid.length;
    const optimism = Float64Array.from({ length: g }, (_, k) => (trainSum[4 + k]! - testSum[4 + k]!) / count[4 + k]!);
    const apparentCurve = Float64Array.from(curve0, (v, k) => v + grid[k]!);
    result.calibrationCurve = {
      predicted: grid,
      apparent: apparentCurve,
      corrected: Float64Array.from(apparentCurve, (v, k) => v - optimism[k]!),
      optimism,
      n: count.slice(4),
    };
  }
  return result;
}

/** The bootstrap samples: the caller's `resamples`, or `replicates` seeded draws. */
function resampleSource(options: InternalValidationOptions, n: number, fn: string): Iterable<Int32Array> {
  if (options.resamples !== undefined) {
    const rs = options.resamples;
    if (rs === null || typeof rs !== 'object' || typeof rs.length !== 'number' || rs.length === 0) {
      throw new SonoriskError('INVALID_ARGUMENT', `${fn}: resamples must be a non-empty array of index arrays.`);
    }
    return Array.from({ length: rs.length }, (_, b) => {
      const r = rs[b]!;
      if (r === null || typeof r !== 'object' || r.length !== n) {
        throw new SonoriskError('LENGTH_MISMATCH', `${fn}: resamples[${b}] must hold ${n} row indices.`);
      }
      return Int32Array.from(r, (i, k) => {
        if (!Number.isInteger(i) || i < 0 || i >= n) {
          throw new SonoriskError('INVALID_ARGUMENT', `${fn}: resamples[${b}][${k}] = ${String(i)} is not a row index in 0..${n - 1}.`);
        }
        return i;
      });
    });
  }
  const replicates = checkInteger(options.replicates, 200, 1, 100_000, fn, 'replicates');
  checkSeed(options.seed, fn); // a bad seed is named as this function's option
  return bootstrap(n, { replicates, ...(options.seed === undefined ? {} : { seed: options.seed }) });
}
