import { SonoriskError } from '../../errors.js';
import type { BinaryLabels, LabelValue, NumericArray } from '../binary-outcome.js';
import { makeResampler } from '../resampling/bootstrap.js';
import { normalQuantile } from '../distributions/distributions.js';
import { checkInteger, checkLevel, checkOptionKeys, checkSeed, sortedQuantile7 } from '../option-checks.js';
import { aucFromCounts, delongComponents, directionWarnings, placementValues, type RankedScores, type RocDirection, type RocDirectionOption } from './ranked-scores.js';
import { prepareRoc } from './roc.js';
import { checkPartial, type PartialAucSpec, partialFromCounts } from './partial-auc.js';
import { createRng } from '../resampling/rng.js';

/** Options for {@link aucCI}. */
export interface AucCIOptions {
  /** `'delong'` (default, as pROC `ci.auc`) or `'bootstrap'` (percentile). */
  method?: 'delong' | 'bootstrap';
  /** Confidence level (default 0.95). */
  level?: number;
  /** `'auto'` (default, pROC's median rule), `'higher-is-positive'` or `'lower-is-positive'`. */
  direction?: RocDirectionOption;
  /** The label value that marks an event when labels are not 0/1 or booleans. */
  positive?: LabelValue;
  /** Bootstrap replicates (method `'bootstrap'`; default 2000, as pROC `boot.n`). */
  replicates?: number;
  /** Resample cases and controls separately (method `'bootstrap'`; default true, as pROC `boot.stratified`). */
  stratified?: boolean;
  /** Seed (method `'bootstrap'`; default 1); the replicates are those of `bootstrap(labels, { stratified, seed })`. */
  seed?: number | string;
  /**
   * Partial AUC instead of the full AUC (see {@link partialAuc}); its interval is bootstrap only, as pROC
   * (which refuses DeLong for a partial AUC): `method` defaults to `'bootstrap'` and `'delong'` is an error.
   */
  partial?: PartialAucSpec;
}

/** A confidence interval for the AUC. */
export interface AucCI {
  auc: number;
  lower: number;
  upper: number;
  level: number;
  method: 'delong' | 'bootstrap';
  /** The direction used. */
  direction: RocDirection;
  /** E.g. an explicit direction that gives an AUC below 0.5. */
  warnings: string[];
  /** DeLong standard error (method `'delong'`). */
  se?: number;
  /** Median of the bootstrap AUCs (method `'bootstrap'`, pROC's middle value). */
  median?: number;
  /** Replicates that gave an AUC (non-stratified replicates with one class are skipped, as pROC). */
  replicates?: number;
}

/**
 * Confidence interval of the AUC, as pROC `ci.auc(roc, method = "delong" | "bootstrap")`.
 *
 * - `'delong'`: AUC ± z·SE with DeLong's variance (placement values by ranks, O(n log n)); bounds
 *   clipped to [0, 1]. With a single case or a single control the variance is undefined and the bounds
 *   are `NaN` (pROC returns `NA`).
 * - `'bootstrap'`: percentile interval (R `quantile` type 7) of the AUC over seeded replicates. Our
 *   random numbers are not R's, so the bounds agree with pROC only within Monte-Carlo error.
 *
 * @throws SonoriskError `LENGTH_MISMATCH`, `NON_FINITE`, `NON_BINARY_LABELS`, `SINGLE_CLASS`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { aucCI } from 'sonorisk/stats';
 * const labels = [0, 0, 0, 0, 1, 1, 1, 1];
 * const scores = [0.1, 0.2, 0.45, 0.6, 0.4, 0.7, 0.8, 0.9];
 * aucCI(labels, scores);   // { auc: 0.875, lower: 0.592…, upper: 1, se: 0.144…, method: 'delong', level: 0.95, direction: 'higher-is-positive' }
 * aucCI(labels, scores, { method: 'bootstrap', replicates: 2000, seed: 42 });
 * ```
 */
export function aucCI(labels: BinaryLabels, scores: NumericArray, options?: AucCIOptions): AucCI {
  const fn = 'aucCI';
  const o = checkOptionKeys(options, AUC_CI_KEYS, fn);
  const level = checkLevel(o.level, fn);
  const method = o.method ?? (o.partial ? 'bootstrap' : 'delong');
  if (method !== 'delong' && method !== 'bootstrap') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: method must be 'delong' or 'bootstrap', got ${String(method)}.`);
  }
  if (o.partial && method === 'delong') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: the DeLong interval is not defined for a partial AUC (pROC refuses it too); use method: 'bootstrap'.`);
  }
  const spec = o.partial ? checkPartial(o.partial, fn) : undefined;
  const { r, option, direction } = prepareRoc(labels, scores, o, fn);
  const stat: Statistic = spec
    ? (ca, co, m, c) => partialFromCounts(ca, co, m, c, direction, spec)
    : (ca, co, m, c) => aucFromCounts(ca, co, m, c, direction);
  const out = method === 'delong' ? delongCI(r, direction, level) : bootstrapCI(r, direction, level, o, stat);
  out.warnings = directionWarnings(option, direction, out.auc);
  return out;
}

const AUC_CI_KEYS = ['method', 'level', 'direction', 'positive', 'replicates', 'stratified', 'seed', 'partial'] as const;

type Statistic = (casesAt: Float64Array, controlsAt: Float64Array, m: number, c: number) => number;

function delongCI(r: RankedScores, direction: RocDirection, level: number): AucCI {
  const p = placementValues(r, direction);
  if (r.nCases <= 1 || r.nControls <= 1) {
    return { auc: p.auc, lower: Number.NaN, upper: Number.NaN, level, method: 'delong', direction, warnings: [], se: Number.NaN };
  }
  const se = Math.sqrt(delongComponents(r, p).variance);
  const z = normalQuantile(1 - (1 - level) / 2);
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  return { auc: p.auc, lower: clip(p.auc - z * se), upper: clip(p.auc + z * se), level, method: 'delong', direction, warnings: [], se };
}

/** Bootstrap settings shared by the ROC bootstrap functions. Internal. */
export interface RocBootstrapSettings {
  replicates?: number;
  stratified?: boolean;
  seed?: number | string;
}

/**
 * Seeded ROC bootstrap: per replicate, the class counts at each original unique score (cases and
 * controls resampled separately when stratified, as pROC `boot.stratified`); replicates with one class
 * are skipped, as pROC. `visit` returns a value per replicate (or an array of values); NaN values are
 * dropped per position (pROC ignores NA replicates). Returns the kept values per position, sorted. Internal.
 */
export function bootstrapCounts(
  r: RankedScores,
  opts: RocBootstrapSettings,
  fn: string,
  width: number,
  visit: (casesAt: Float64Array, controlsAt: Float64Array, m: number, c: number, out: Float64Array) => void,
): { sorted: Float64Array[]; replicates: number } {
  const reps = checkInteger(opts.replicates, 2000, 1, 1_000_000, fn, 'replicates');
  if (reps * width > 50_000_000) throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${reps} replicates × ${width} values is too many to keep; use fewer.`);
  const rng = createRng(checkSeed(opts.seed, fn));
  if (opts.stratified !== undefined && typeof opts.stratified !== 'boolean') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: stratified must be a boolean.`);
  }
  const { y, index } = r;
  const n = y.length;
  const u = r.unique.length;
  const { draw } = makeResampler(y, opts.stratified ?? true, fn);
  const idx = new Int32Array(n);
  const casesAt = new Float64Array(u);
  const controlsAt = new Float64Array(u);
  const values = Array.from({ length: width }, () => new Float64Array(reps));
  const kept = new Int32Array(width);
  const out = new Float64Array(width);
  let replicates = 0;
  for (let b = 0; b < reps; b++) {
    draw(rng, idx);
    casesAt.fill(0);
    controlsAt.fill(0);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const j = idx[i]!;
      if (y[j] === 1) {
        casesAt[index[j]!]!++;
        m++;
      } else controlsAt[index[j]!]!++;
    }
    const c = n - m;
    if (m === 0 || c === 0) continue;
    replicates++;
    visit(casesAt, controlsAt, m, c, out);
    for (let w = 0; w < width; w++) if (!Number.isNaN(out[w]!)) values[w]![kept[w]!++] = out[w]!;
  }
  return { sorted: values.map((v, w) => v.subarray(0, kept[w]!).sort()), replicates };
}

/** pROC's bootstrap summary: quantiles (1 − level)/2, 0.5, (1 + level)/2 (type 7). Internal. */
export function percentileSummary(sorted: Float64Array, level: number): { lower: number; median: number; upper: number } {
  const a = (1 - level) / 2;
  return { lower: sortedQuantile7(sorted, a), median: sortedQuantile7(sorted, 0.5), upper: sortedQuantile7(sorted, 1 - a) };
}

function bootstrapCI(r: RankedScores, direction: RocDirection, level: number, opts: AucCIOptions, stat: Statistic): AucCI {
  const { sorted, replicates } = bootstrapCounts(r, opts, 'aucCI', 1, (ca, co, m, c, out) => {
    out[0] = stat(ca, co, m, c);
  });
  const s = percentileSummary(sorted[0]!, level);
  const kept = sorted[0]!.length;
  return {
    auc: stat(r.casesAt, r.controlsAt, r.nCases, r.nControls),
    lower: s.lower,
    upper: s.upper,
    level,
    method: 'bootstrap',
    direction,
    warnings: kept < replicates ? [`${replicates - kept} NA value(s) produced during bootstrap were ignored.`] : [],
    median: s.median,
    replicates: kept,
  };
}
