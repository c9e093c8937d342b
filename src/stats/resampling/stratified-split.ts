import { SonoriskError } from '../../errors.js';
import { checkOptionKeys, checkSeed } from '../option-checks.js';
import { createRng } from './rng.js';
import { type StrataLabels, strataOf } from './strata.js';

/** Options for {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction of each class that goes to the training set (default 0.8), strictly between 0 and 1. */
  trainFraction?: number;
  /** Seed (default 1): the same labels and seed give the same split in every runtime. */
  seed?: number | string;
}

/** Sample indices (ascending) of a train/test split. */
export interface TrainTestSplit {
  train: number[];
  test: number[];
}

/**
 * Seeded stratified train/test split, as used for the method's 80/20 split. Each class (distinct label
 * value, in order of first appearance) is shuffled with {@link createRng} and its first
 * `Math.round(trainFraction · classSize)` members (round half up) go to training, the rest to test; so
 * every class keeps its proportion up to rounding of one sample per class.
 *
 * @param labels class labels (numbers, strings or booleans), one per sample.
 * @throws SonoriskError `EMPTY_INPUT`, `NON_FINITE`, `INVALID_ARGUMENT`.
 * @example
 * ```ts
 * import { stratifiedSplit } from 'sonorisk/stats';
 * const labels = Array.from({ length: 139 }, (_, i) => (i < 42 ? 1 : 0));
 * const { train, test } = stratifiedSplit(labels, { trainFraction: 0.8, seed: 2024 });
 * train.length; test.length; // 112, 27 (train: round(0.8·42) = 34 events + round(0.8·97) = 78 non-events)
 * ```
 */
export function stratifiedSplit(labels: StrataLabels, options: StratifiedSplitOptions = {}): TrainTestSplit {
  const fn = 'stratifiedSplit';
  checkOptionKeys(options, ['trainFraction', 'seed'], fn);
  const f = options.trainFraction ?? 0.8;
  if (typeof f !== 'number' || !(f > 0 && f < 1)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: trainFraction must be strictly between 0 and 1, got ${String(f)}.`);
  }
  const rng = createRng(checkSeed(options.seed, fn));
  const strata = strataOf(labels, fn);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of strata.members) {
    const shuffled = rng.shuffle(Array.from(members));
    const nTrain = Math.round(f * shuffled.length);
    for (let j = 0; j < shuffled.length; j++) (j < nTrain ? train : test).push(shuffled[j]!);
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train, test };
}
