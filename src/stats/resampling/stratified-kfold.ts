import { SonoriskError } from '../../errors.js';
import { checkInteger, checkOptionKeys, checkSeed } from '../option-checks.js';
import { createRng } from './rng.js';
import { type StrataLabels, strataOf } from './strata.js';
import type { TrainTestSplit } from './stratified-split.js';

/** Options for {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Number of folds (default 5), 2 ≤ k ≤ n. */
  k?: number;
  /** Seed (default 1). */
  seed?: number | string;
}

/** Fold assignment of a stratified k-fold cross-validation. */
export interface KFoldAssignment {
  k: number;
  /** Fold id (0..k−1) of each sample. */
  foldOf: Int32Array;
  /** For each fold f: test = samples of fold f, train = all others (indices ascending). */
  folds: TrainTestSplit[];
}

/**
 * Seeded stratified k-fold assignment. Each class (in order of first appearance) is shuffled and dealt
 * round-robin to the folds, continuing where the previous class stopped; so every fold gets each class's
 * count to within one sample, fold sizes differ by at most one, and the folds partition the data.
 * A class with fewer than `k` members is absent from some test folds (scikit-learn warns here).
 *
 * @throws SonoriskError `EMPTY_INPUT`, `NON_FINITE`, `INVALID_ARGUMENT` (k < 2 or k > n), `LIMIT_EXCEEDED` (k·n > 5e7).
 * @example
 * ```ts
 * import { stratifiedKFold } from 'sonorisk/stats';
 * const labels = [0, 0, 0, 1, 1, 0, 1, 0, 0, 1];
 * const { foldOf, folds } = stratifiedKFold(labels, { k: 5, seed: 7 });
 * folds[0].test;  // the samples of fold 0; folds[0].train the rest
 * ```
 */
export function stratifiedKFold(labels: StrataLabels, options: StratifiedKFoldOptions = {}): KFoldAssignment {
  const fn = 'stratifiedKFold';
  checkOptionKeys(options, ['k', 'seed'], fn);
  const strata = strataOf(labels, fn);
  const n = strata.n;
  const k = checkInteger(options.k, 5, 2, Number.MAX_SAFE_INTEGER, fn, 'k');
  if (k > n) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: k = ${k} folds need at least ${k} samples, got ${n}.`, { k, n });
  if (k * n > 50_000_000) {
    throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: k·n = ${k * n} index entries exceed the limit 5e7; use fewer folds.`, { k, n });
  }
  const rng = createRng(checkSeed(options.seed, fn));
  const foldOf = new Int32Array(n);
  let offset = 0;
  for (const members of strata.members) {
    const shuffled = rng.shuffle(Array.from(members));
    for (let j = 0; j < shuffled.length; j++) foldOf[shuffled[j]!] = (offset + j) % k;
    offset = (offset + shuffled.length) % k;
  }
  const folds: TrainTestSplit[] = Array.from({ length: k }, () => ({ train: [], test: [] }));
  for (let i = 0; i < n; i++) {
    const f = foldOf[i]!;
    for (let g = 0; g < k; g++) (g === f ? folds[g]!.test : folds[g]!.train).push(i);
  }
  return { k, foldOf, folds };
}
