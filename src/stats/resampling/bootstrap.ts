import { SonoriskError } from '../../errors.js';
import { checkInteger, checkOptionKeys, checkSeed } from '../option-checks.js';
import { createRng, type Rng } from './rng.js';
import { type StrataLabels, strataOf } from './strata.js';

/** Options for {@link bootstrap}. */
export interface BootstrapOptions {
  /** Number of replicates (default 2000, at most 10,000,000). */
  replicates?: number;
  /**
   * Resample within each class, keeping the class counts (default `true` when labels are given;
   * ignored for a plain sample size).
   */
  stratified?: boolean;
  /** Seed for {@link createRng} (default 1). The same seed gives the same replicates everywhere. */
  seed?: number | string;
}

/** Draws one replicate into `out`. Internal. */
export type Resampler = (rng: Rng, out: Int32Array) => void;

/**
 * Builds the resampling rule. Stratified: position `i` of a replicate is drawn uniformly from the
 * members of sample `i`'s class, so the replicate's labels equal the original labels position by
 * position. Otherwise position `i` is drawn uniformly from all `n` samples. Internal.
 */
export function makeResampler(nOrLabels: number | StrataLabels, stratified: boolean | undefined, fn: string): { n: number; draw: Resampler } {
  if (typeof nOrLabels === 'number') {
    const n = checkInteger(nOrLabels, 0, 1, 2 ** 31 - 1, fn, 'n');
    return { n, draw: (rng, out) => drawPlain(rng, out, n) };
  }
  const strata = strataOf(nOrLabels, fn);
  const n = strata.n;
  if (stratified === false) return { n, draw: (rng, out) => drawPlain(rng, out, n) };
  const { stratumOf, members } = strata;
  return {
    n,
    draw(rng, out) {
      for (let i = 0; i < n; i++) {
        const m = members[stratumOf[i]!]!;
        out[i] = m[rng.int(m.length)]!;
      }
    },
  };
}

function drawPlain(rng: Rng, out: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = rng.int(n);
}

/**
 * Seeded bootstrap replicates: yields one `Int32Array` of `n` indices (drawn with replacement) per
 * replicate. Pass a sample size for plain resampling, or the labels to stratify by class (each
 * replicate keeps the class counts; position `i` is drawn from sample `i`'s class).
 *
 * @param nOrLabels sample size, or class labels (numbers, strings or booleans).
 * @throws SonoriskError `INVALID_ARGUMENT`, `EMPTY_INPUT`, `NON_FINITE`, `LIMIT_EXCEEDED`.
 * @example
 * ```ts
 * import { auc, bootstrap } from 'sonorisk/stats';
 * const labels = [0, 0, 0, 1, 1];
 * const scores = [0.1, 0.3, 0.6, 0.5, 0.9];
 * const aucs = [];
 * for (const idx of bootstrap(labels, { replicates: 200, seed: 7 })) {
 *   aucs.push(auc(Array.from(idx, (i) => labels[i]), Array.from(idx, (i) => scores[i])));
 * }
 * ```
 */
export function bootstrap(nOrLabels: number | StrataLabels, options: BootstrapOptions = {}): Generator<Int32Array, void, undefined> {
  const fn = 'bootstrap';
  checkOptionKeys(options, ['replicates', 'stratified', 'seed'], fn);
  if (options.stratified !== undefined && typeof options.stratified !== 'boolean') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: stratified must be a boolean.`);
  }
  const replicates = checkInteger(options.replicates, 2000, 1, 10_000_000, fn, 'replicates');
  const rng = createRng(checkSeed(options.seed, fn));
  const { n, draw } = makeResampler(nOrLabels, options.stratified, fn);
  // Validation above runs at call time; replicates are produced lazily.
  return (function* () {
    for (let b = 0; b < replicates; b++) {
      const out = new Int32Array(n);
      draw(rng, out);
      yield out;
    }
  })();
}
