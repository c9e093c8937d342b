import { SonoriskError } from '../errors.js';
import { type BinaryLabels, delongTest, type NumericArray, type PAdjustMethod, pAdjust, type RocDirection } from '../stats/index.js';
import { type DelongComparison, delongTable } from './delong-table.js';
import type { Table } from './table.js';

/** Options for {@link delongTableFrom}. */
export interface DelongTableFromOptions {
  /** P-value adjustment across all pairs; default `'holm'`. */
  adjustMethod?: PAdjustMethod;
  direction?: RocDirection;
  /** Name of the data split, printed in the caption. */
  split?: string;
  caption?: string;
  digits?: number;
}

/**
 * Runs the paired DeLong test (`delongTest`) for every pair of models on the same cases, adjusts
 * the P values with `pAdjust`, and builds the comparison table with `delongTable`. Pairs follow
 * the order of `scores` (first vs second, first vs third, …).
 *
 * @example
 * ```ts
 * const t = delongTableFrom(yVal, { 'R-US': p1, 'R-CEUS': p2, 'R-CEUS45': p3 }, { split: 'validation set' });
 * ```
 */
export function delongTableFrom(labels: BinaryLabels, scores: Readonly<Record<string, NumericArray>>, options: DelongTableFromOptions = {}): Table {
  const names = Object.keys(scores ?? {});
  if (names.length < 2) throw new SonoriskError('EMPTY_INPUT', `delongTableFrom: need at least two models to compare, got ${names.length}.`);
  const direction = options.direction ?? 'higher-is-positive';
  const method = options.adjustMethod ?? 'holm';
  const raw: Omit<DelongComparison, 'pAdjusted'>[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const r = delongTest(labels, scores[names[i]!]!, scores[names[j]!]!, { direction });
      raw.push({ a: names[i]!, b: names[j]!, aucA: r.aucA, aucB: r.aucB, difference: r.difference, ci: [r.ci.lower, r.ci.upper], z: r.statistic, p: r.p });
    }
  }
  const adjusted = pAdjust(raw.map((c) => c.p), method);
  const input: Parameters<typeof delongTable>[0] = { comparisons: raw.map((c, k) => ({ ...c, pAdjusted: adjusted[k]! })), adjustMethod: method };
  if (options.split !== undefined) input.split = options.split;
  if (options.caption !== undefined) input.caption = options.caption;
  if (options.digits !== undefined) input.digits = options.digits;
  return delongTable(input);
}
