import { SonoriskError } from '../../errors.js';
import { sortWithOrder } from './argsort.js';
import { type BinaryLabels, type LabelValue, type NumericArray, requireBothClasses, toBinaryLabels, toFiniteScores } from '../binary-outcome.js';

/**
 * Which way a score points. `'higher-is-positive'` (pROC `direction = "<"`: controls < cases) means a
 * higher score predicts the event; `'lower-is-positive'` is pROC's `direction = ">"`.
 */
export type RocDirection = 'higher-is-positive' | 'lower-is-positive';

/**
 * A direction option: one of {@link RocDirection}, or `'auto'` (the default), which decides as pROC's
 * `direction = "auto"` does: `'higher-is-positive'` when the controls' median score is at most the
 * cases' median, else `'lower-is-positive'`. pROC never flips a curve because its AUC is below 0.5.
 */
export type RocDirectionOption = RocDirection | 'auto';

/**
 * Scores sorted once: the sorted unique values, each sample's position among them, and how many
 * cases (events) and controls sit at each unique value. Everything ROC/DeLong needs follows from
 * cumulative sums over these counts. Internal to src/stats.
 */
export interface RankedScores {
  unique: Float64Array;
  /** Per sample: index into `unique`. */
  index: Uint32Array;
  casesAt: Float64Array;
  controlsAt: Float64Array;
  nCases: number;
  nControls: number;
  y: Uint8Array;
  x: Float64Array;
  /** Placement values per direction, computed on first use. */
  placements?: Partial<Record<RocDirection, Placements>>;
}

/** Validates a direction option; default `'auto'`. Internal. */
export function checkDirection(direction: unknown, fn: string): RocDirectionOption {
  if (direction === undefined) return 'auto';
  if (direction === 'higher-is-positive' || direction === 'lower-is-positive' || direction === 'auto') return direction;
  throw new SonoriskError('INVALID_ARGUMENT', `${fn}: direction must be 'auto', 'higher-is-positive' or 'lower-is-positive', got ${String(direction)}.`);
}

/** Median of the values at `unique` weighted by `counts` (R's `median`). Internal. */
function countsMedian(unique: Float64Array, counts: Float64Array, total: number): number {
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.ceil((total - 1) / 2);
  let seen = 0;
  let a = Number.NaN;
  for (let k = 0; k < counts.length; k++) {
    const next = seen + counts[k]!;
    if (Number.isNaN(a) && lo < next) a = unique[k]!;
    if (hi < next) return (a + unique[k]!) / 2;
    seen = next;
  }
  return a;
}

/** pROC's `direction = "auto"`: `'<'` when median(controls) <= median(cases). Internal. */
export function resolveDirection(option: RocDirectionOption, r: RankedScores): RocDirection {
  if (option !== 'auto') return option;
  return countsMedian(r.unique, r.controlsAt, r.nControls) <= countsMedian(r.unique, r.casesAt, r.nCases) ? 'higher-is-positive' : 'lower-is-positive';
}

/** The warning a result carries when an explicitly given direction yields an AUC below 0.5. Internal. */
export function directionWarnings(option: RocDirectionOption, direction: RocDirection, auc: number, what = 'scores'): string[] {
  if (option === 'auto' || !(auc < 0.5)) return [];
  return [
    `AUC of ${what} is ${auc.toPrecision(3)} < 0.5 with direction '${direction}': the score may point the other way (check the direction; it is not flipped).`,
  ];
}

interface RankCacheEntry {
  labels: object;
  positive: unknown;
  ranked: RankedScores;
}
/**
 * Ranked scores by score-array identity, so `roc`, `auc`, `aucCI`, `delongTest`… of the same scores
 * share one sort. A hit is used only after checking that labels and scores still hold the same values
 * (O(n), far cheaper than the sort); a WeakMap frees the entry with the scores array.
 */
const rankCache = new WeakMap<object, RankCacheEntry>();

function cachedRanks(labels: BinaryLabels, scores: NumericArray, positive: unknown, fn: string): RankedScores | undefined {
  const hit = typeof scores === 'object' && scores !== null ? rankCache.get(scores) : undefined;
  if (!hit || hit.labels !== labels || hit.positive !== positive) return undefined;
  const { x } = hit.ranked;
  if (scores.length !== x.length) return undefined;
  for (let i = 0; i < x.length; i++) if (scores[i]! + 0 !== x[i]) return undefined;
  const y = toBinaryLabels(labels, fn, 'labels', positive as LabelValue | undefined);
  const old = hit.ranked.y;
  for (let i = 0; i < y.length; i++) if (y[i] !== old[i]) return undefined;
  return hit.ranked;
}

/** Validates labels and scores, then sorts once (O(n log n); reused for the same arrays). Internal. */
export function rankLabelled(labels: BinaryLabels, scores: NumericArray, fn: string, scoresName = 'scores', positive?: LabelValue): RankedScores {
  const cached = cachedRanks(labels, scores, positive, fn);
  if (cached) return cached;
  const y = toBinaryLabels(labels, fn, 'labels', positive);
  const x = toFiniteScores(scores, y.length, fn, scoresName);
  const { nCases, nControls } = requireBothClasses(y, fn);
  const ranked = rankScores(y, x, nCases, nControls);
  if (typeof scores === 'object' && scores !== null && typeof labels === 'object' && labels !== null) rankCache.set(scores, { labels, positive, ranked });
  return ranked;
}

/** Sorts validated data once and counts classes per unique score. Internal. */
export function rankScores(y: Uint8Array, x: Float64Array, nCases: number, nControls: number): RankedScores {
  const n = x.length;
  const { order, sorted } = sortWithOrder(x);
  const uniqueAll = sorted; // compacted in place: unique value u is written at u <= r after reading sorted[r]
  const index = new Uint32Array(n);
  const casesAll = new Float64Array(n);
  const controlsAll = new Float64Array(n);
  let u = -1;
  let last = Number.NaN;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const v = sorted[r]!;
    if (v !== last) {
      uniqueAll[++u] = v;
      last = v;
    }
    index[i] = u;
    if (y[i] === 1) casesAll[u]!++;
    else controlsAll[u]!++;
  }
  u++;
  return {
    // views, not copies: with continuous scores u ≈ n and copying would cost more than it saves
    unique: uniqueAll.subarray(0, u),
    index,
    casesAt: casesAll.subarray(0, u),
    controlsAt: controlsAll.subarray(0, u),
    nCases,
    nControls,
    y,
    x,
  };
}

/**
 * DeLong placement values per unique score: `caseV[u]` is the fraction of controls a case at
 * `unique[u]` beats (ties count 1/2), `controlV[u]` the fraction of cases that beat a control
 * there. `auc` is the Mann–Whitney estimate (exact count ratio). Internal.
 */
export interface Placements {
  caseV: Float64Array;
  controlV: Float64Array;
  auc: number;
}

/** Computes placement values by cumulative counts (O(unique)). Internal. */
export function placementValues(r: RankedScores, direction: RocDirection): Placements {
  r.placements ??= {};
  const done = r.placements[direction];
  if (done) return done;
  const p = computePlacements(r, direction);
  r.placements[direction] = p;
  return p;
}

function computePlacements(r: RankedScores, direction: RocDirection): Placements {
  const u = r.unique.length;
  const caseV = new Float64Array(u);
  const controlV = new Float64Array(u);
  const { casesAt, controlsAt, nCases, nControls } = r;
  if (direction === 'higher-is-positive') {
    let controlsBelow = 0;
    let casesAbove = nCases;
    for (let k = 0; k < u; k++) {
      const c = casesAt[k]!;
      const d = controlsAt[k]!;
      casesAbove -= c;
      const w = controlsBelow + 0.5 * d;
      caseV[k] = w / nControls;
      controlV[k] = (casesAbove + 0.5 * c) / nCases;
      controlsBelow += d;
    }
  } else {
    let controlsAbove = nControls;
    let casesBelow = 0;
    for (let k = 0; k < u; k++) {
      const c = casesAt[k]!;
      const d = controlsAt[k]!;
      controlsAbove -= d;
      const w = controlsAbove + 0.5 * d;
      caseV[k] = w / nControls;
      controlV[k] = (casesBelow + 0.5 * c) / nCases;
      casesBelow += c;
    }
  }
  return { caseV, controlV, auc: aucFromCounts(casesAt, controlsAt, nCases, nControls, direction) };
}

/**
 * DeLong's variance components: `sx` = var of case placements, `sy` = var of control placements
 * (denominators m−1 and n−1, as pROC), and `variance = sx/m + sy/n`. Internal.
 */
export function delongComponents(r: RankedScores, p: Placements): { sx: number; sy: number; variance: number } {
  const { casesAt, controlsAt, nCases, nControls } = r;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < casesAt.length; k++) {
    const a = p.caseV[k]! - p.auc;
    const b = p.controlV[k]! - p.auc;
    sx += casesAt[k]! * a * a;
    sy += controlsAt[k]! * b * b;
  }
  sx /= nCases - 1;
  sy /= nControls - 1;
  return { sx, sy, variance: sx / nCases + sy / nControls };
}

/** Mann–Whitney AUC from per-unique-score class counts. Internal. */
export function aucFromCounts(casesAt: Float64Array, controlsAt: Float64Array, m: number, c: number, direction: RocDirection): number {
  let wins = 0;
  let below = 0;
  const u = casesAt.length;
  if (direction === 'higher-is-positive') {
    for (let k = 0; k < u; k++) {
      const d = controlsAt[k]!;
      wins += casesAt[k]! * (below + 0.5 * d);
      below += d;
    }
  } else {
    for (let k = u - 1; k >= 0; k--) {
      const d = controlsAt[k]!;
      wins += casesAt[k]! * (below + 0.5 * d);
      below += d;
    }
  }
  return wins / m / c;
}
