import { SonoriskError } from '../../errors.js';
import { checkInteger, checkSeed } from '../option-checks.js';
import { createRng } from '../resampling/rng.js';

/** Monte-Carlo settings of `chiSquareTest` / `fisherExactTest` (`simulatePValue: true`). Internal. */
export interface SimulationOptions {
  replicates?: number;
  seed?: number | string;
}

/**
 * Monte-Carlo P value over tables with the observed margins (R's `simulate.p.value = TRUE`): each
 * replicate shuffles the column labels of the N units and counts them per row block, which draws
 * tables exactly from the conditional (multiple hypergeometric) distribution R's `r2dtable` samples.
 * `atLeastAsExtreme(stat)` marks a replicate; P = (1 + #extreme) / (B + 1), as R. Our random numbers are
 * not R's: P agrees with R within Monte-Carlo error. Internal.
 */
export function simulatedP(
  rows: number[],
  cols: number[],
  total: number,
  opts: SimulationOptions,
  stat: (table: Float64Array) => number,
  atLeastAsExtreme: (s: number) => boolean,
  fn: string,
): { p: number; replicates: number } {
  const B = checkInteger(opts.replicates, 2000, 1, 1_000_000, fn, 'replicates');
  if (total * B > 2e9) {
    throw new SonoriskError('LIMIT_EXCEEDED', `${fn}: ${B} simulated tables of n = ${total} is too much work; use fewer replicates.`, { total, replicates: B });
  }
  const rng = createRng(checkSeed(opts.seed, fn));
  const nc = cols.length;
  const colOf = new Int32Array(total);
  let k = 0;
  cols.forEach((c, j) => {
    for (let t = 0; t < c; t++) colOf[k++] = j;
  });
  const table = new Float64Array(rows.length * nc);
  let extreme = 0;
  for (let b = 0; b < B; b++) {
    for (let i = total - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = colOf[i]!;
      colOf[i] = colOf[j]!;
      colOf[j] = t;
    }
    table.fill(0);
    let u = 0;
    rows.forEach((r, i) => {
      for (let t = 0; t < r; t++) table[i * nc + colOf[u++]!]!++;
    });
    if (atLeastAsExtreme(stat(table))) extreme++;
  }
  return { p: (1 + extreme) / (B + 1), replicates: B };
}
