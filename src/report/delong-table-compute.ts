import { SonoriskError } from '../errors.js';
import { type BinaryLabels, delongTest, type NumericArray, type PAdjustMethod, pAdjust, type RocDirection } from '../stats/index.js';
import { type DelongComparison, delongTable } from './delong-table.js';
import type { Table } from './table.js';

/** Options for {@link computeDelongTable}. */
export interface ComputeDelongTableOptions {
  /** P-value adjustment across all pairs; default `'holm'`. */
  adjustMethod?: PAdjustMethod;
  direction?: RocDirection;
  /** Name of the data split, printed in the caption. */
  split?: string;
  /** Compare every other model with this one only (e.g. combined models against the clinical model), instead of all pairs. */
  reference?: string;
  /** Print each comparison's n even when every case has both scores. */
  showN?: boolean;
  caption?: string;
  digits?: number;
}

/**
 * Runs the paired DeLong test (`delongTest`) for every pair of models on the same cases, adjusts
 * the P values with `pAdjust`, and builds the comparison table with `delongTable`. Pairs follow
 * the order of `scores` (first vs second, first vs third, …); with `reference`, every other model
 * is compared with that one only. A NaN score is a missing prediction: each pair uses the cases
 * both models have, and the table then shows that n.
 *
 * @example
 * ```ts
 * const t = computeDelongTable(yVal, { 'R-US': p1, 'R-CEUS': p2, 'R-CEUS45': p3 }, { split: 'validation set' });
 * ```
 */
export function computeDelongTable(labels: BinaryLabels, scores: Readonly<Record<string, NumericArray>>, options: ComputeDelongTableOptions = {}): Table {
  const names = Object.keys(scores ?? {});
  if (names.length < 2) throw new SonoriskError('EMPTY_INPUT', `computeDelongTable: need at least two models to compare, got ${names.length}.`);
  const direction = options.direction ?? 'higher-is-positive';
  const method = options.adjustMethod ?? 'holm';
  const raw: Omit<DelongComparison, 'pAdjusted'>[] = [];
  if (options.reference !== undefined && !names.includes(options.reference)) throw new SonoriskError('INVALID_ARGUMENT', `computeDelongTable: reference "${options.reference}" is not one of the models (${names.join(', ')}).`);
  const pairs: [number, number][] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      if (options.reference === undefined) pairs.push([i, j]);
    }
    if (options.reference !== undefined && names[i] !== options.reference) pairs.push([i, names.indexOf(options.reference)]);
  }
  for (const [i, j] of pairs) {
    const sa = scores[names[i]!]!;
    const sb = scores[names[j]!]!;
    const both: number[] = [];
    for (let k = 0; k < sa.length; k++) if (!Number.isNaN(sa[k]!) && !Number.isNaN(sb[k]!)) both.push(k);
    const partial = both.length < sa.length;
    const pick = (x: NumericArray) => (partial ? Float64Array.from(both, (k) => x[k]!) : x);
    const y = partial ? Uint8Array.from(both, (k) => Number(labels[k]!)) : labels;
    const r = delongTest(y, pick(sa), pick(sb), { direction });
    raw.push({ a: names[i]!, b: names[j]!, aucA: r.aucA, aucB: r.aucB, difference: r.difference, ci: [r.ci.lower, r.ci.upper], z: r.statistic, p: r.p, ...(partial || options.showN ? { n: both.length } : {}) });
  }
  const adjusted = pAdjust(raw.map((c) => c.p), method);
  const input: Parameters<typeof delongTable>[0] = { comparisons: raw.map((c, k) => ({ ...c, pAdjusted: adjusted[k]! })), adjustMethod: method };
  if (options.split !== undefined) input.split = options.split;
  if (options.caption !== undefined) input.caption = options.caption;
  if (options.digits !== undefined) input.digits = options.digits;
  return delongTable(input);
}
