import { SonoriskError } from '../../errors.js';
import { type ContingencyTable, checkTable } from './contingency-table.js';
import type { Alternative } from '../roc/delong.js';
import { logGamma } from '../distributions/distributions.js';
import { checkLevel, checkOptionKeys } from '../option-checks.js';
import { brentRoot } from '../../numeric/index.js';
import { checkAlternativeOption } from '../sample-checks.js';
import { simulatedP } from './table-simulation.js';

/** Options of {@link fisherExactTest}; defaults as R's `fisher.test`. */
export interface FisherExactOptions {
  /** 2 × 2 only (r × c tables are always two-sided, as in R). */
  alternative?: Alternative;
  /** Level of the odds-ratio interval (2 × 2); default 0.95. */
  level?: number;
  /** Work limit for r × c enumeration (search steps); default 10,000,000. */
  maxTables?: number;
  /** r × c: Monte-Carlo P value instead of enumeration (R's `simulate.p.value = TRUE`); default false. */
  simulatePValue?: boolean;
  /** Simulated tables (R's `B`); default 2000. */
  replicates?: number;
  /** Seed of the simulation; default 1. */
  seed?: number | string;
}

/** Result of {@link fisherExactTest}. */
export interface FisherExactResult {
  method: string;
  p: number;
  /** Simulated tables (r × c with `simulatePValue` only). */
  replicates?: number;
  alternative: Alternative;
  /** 2 × 2 only: conditional maximum-likelihood odds ratio (R's estimate, found by `uniroot`). */
  oddsRatio?: number;
  /** 2 × 2 only: conditional exact confidence interval of the odds ratio. */
  confInt?: [number, number];
  level?: number;
}

const LOG_FACT_CACHE: number[] = [0];
function logFactorial(n: number): number {
  if (n < 1024) {
    while (LOG_FACT_CACHE.length <= n) {
      const k = LOG_FACT_CACHE.length;
      LOG_FACT_CACHE.push(LOG_FACT_CACHE[k - 1]! + Math.log(k));
    }
    return LOG_FACT_CACHE[n]!;
  }
  return logGamma(n + 1);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** The 2 × 2 test, following R's fisher.test step by step (noncentral hypergeometric, uniroot). */
function fisher2x2(a: number, m: number, n: number, k: number, alternative: Alternative, level: number): FisherExactResult {
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  const logdc: number[] = [];
  for (let s = lo; s <= hi; s++) {
    support.push(s);
    logdc.push(logChoose(m, s) + logChoose(n, k - s) - logChoose(m + n, k));
  }
  const dnhyper = (ncp: number): number[] => {
    const lncp = Math.log(ncp);
    const d = logdc.map((l, i) => l + lncp * support[i]!);
    let max = Number.NEGATIVE_INFINITY;
    for (const v of d) if (v > max) max = v;
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      d[i] = Math.exp(d[i]! - max);
      sum += d[i]!;
    }
    return d.map((v) => v / sum);
  };
  const mnhyper = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Number.POSITIVE_INFINITY) return hi;
    const d = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < d.length; i++) s += support[i]! * d[i]!;
    return s;
  };
  const pnhyper = (q: number, ncp: number, upper: boolean): number => {
    if (ncp === 0) return upper ? Number(q <= lo) : Number(q >= lo);
    if (ncp === Number.POSITIVE_INFINITY) return upper ? Number(q <= hi) : Number(q >= hi);
    const d = dnhyper(ncp);
    let s = 0;
    for (let i = 0; i < d.length; i++) if (upper ? support[i]! >= q : support[i]! <= q) s += d[i]!;
    return s;
  };
  const root = (f: (t: number) => number, lower: number, upper: number): number => brentRoot(f, lower, upper, f(lower), f(upper));
  const eps = Number.EPSILON;

  let p: number;
  if (alternative === 'less') p = pnhyper(a, 1, false);
  else if (alternative === 'greater') p = pnhyper(a, 1, true);
  else {
    const d = dnhyper(1);
    const cut = d[a - lo]! * (1 + 1e-7);
    p = 0;
    for (const v of d) if (v <= cut) p += v;
  }

  let oddsRatio: number;
  if (a === lo) oddsRatio = 0;
  else if (a === hi) oddsRatio = Number.POSITIVE_INFINITY;
  else {
    const mu = mnhyper(1);
    if (mu > a) oddsRatio = root((t) => mnhyper(t) - a, 0, 1);
    else if (mu < a) oddsRatio = 1 / root((t) => mnhyper(1 / t) - a, eps, 1);
    else oddsRatio = 1;
  }
  const ncpU = (alpha: number): number => {
    if (a === hi) return Number.POSITIVE_INFINITY;
    const pv = pnhyper(a, 1, false);
    if (pv < alpha) return root((t) => pnhyper(a, t, false) - alpha, 0, 1);
    if (pv > alpha) return 1 / root((t) => pnhyper(a, 1 / t, false) - alpha, eps, 1);
    return 1;
  };
  const ncpL = (alpha: number): number => {
    if (a === lo) return 0;
    const pv = pnhyper(a, 1, true);
    if (pv > alpha) return root((t) => pnhyper(a, t, true) - alpha, 0, 1);
    if (pv < alpha) return 1 / root((t) => pnhyper(a, 1 / t, true) - alpha, eps, 1);
    return 1;
  };
  let confInt: [number, number];
  if (alternative === 'less') confInt = [0, ncpU(1 - level)];
  else if (alternative === 'greater') confInt = [ncpL(1 - level), Number.POSITIVE_INFINITY];
  else {
    const alpha = (1 - level) / 2;
    confInt = [ncpL(alpha), ncpU(alpha)];
  }
  return { method: "Fisher's Exact Test for Count Data", p: Math.min(1, Math.max(0, p)), alternative, oddsRatio, confInt, level };
}

/** Calls `visit(after, delta)` for every way to fill one column of total `c` from row sums `rem`. */
function forEachFill(c: number, rem: number[], visit: (after: number[], delta: number) => void, tick: () => void): void {
  const nr = rem.length;
  const after = new Array<number>(nr).fill(0);
  const rec = (i: number, left: number, used: number): void => {
    tick();
    if (i === nr - 1) {
      if (left > rem[i]!) return;
      after[i] = rem[i]! - left;
      visit(after, used - logFactorial(left));
      return;
    }
    let below = 0;
    for (let r = i + 1; r < nr; r++) below += rem[r]!;
    for (let v = Math.max(0, left - below); v <= Math.min(left, rem[i]!); v++) {
      after[i] = rem[i]! - v;
      rec(i + 1, left - v, used - logFactorial(v));
    }
  };
  rec(0, c, 0);
}

/** Sorts the remaining row sums (the node identity) and encodes them as a number when exact, else a string. */
function makeKeyer(total: number, nr: number): (rem: number[]) => { sorted: number[]; key: number | string } {
  const base = total + 1;
  const numeric = nr * Math.log2(base) < 52;
  return (rem) => {
    const sorted = rem.slice();
    for (let i = 1; i < sorted.length; i++) {
      const v = sorted[i]!;
      let k = i - 1;
      while (k >= 0 && sorted[k]! > v) {
        sorted[k + 1] = sorted[k]!;
        k--;
      }
      sorted[k + 1] = v;
    }
    if (!numeric) return { sorted, key: sorted.join(',') };
    let key = 0;
    for (const v of sorted) key = key * base + v;
    return { sorted, key };
  };
}

/**
 * r × c: sum the probabilities of all tables with the observed margins that are no more likely than
 * the observed one, by the network algorithm (Mehta & Patel 1983): columns are filled one stage at a
 * time; partial tables that leave the same multiset of row sums are one node, carrying its distinct
 * past path values. The exact longest and shortest completion of each node (memoised) decide whether
 * all completions of a path count (their total is closed-form), none do, or the path is extended.
 */
function fisherRxC(cells: number[][], rows: number[], cols: number[], total: number, maxSteps: number): number {
  const nr = rows.length;
  const nc = cols.length;
  let logConst = -logFactorial(total);
  for (const r of rows) logConst += logFactorial(r);
  for (const c of cols) logConst += logFactorial(c);
  let obs = logConst;
  for (const row of cells) for (const v of row) obs -= logFactorial(v);
  const cut = obs + Math.log1p(1e-7);
  const colOrder = cols.slice().sort((x, y) => y - x);
  let steps = 0;
  const tick = (): void => {
    if (++steps > maxSteps) {
      throw new SonoriskError(
        'LIMIT_EXCEEDED',
        `fisherExactTest: the ${nr}×${nc} table with n = ${total} needs more than ${maxSteps} steps of exact enumeration; use simulatePValue: true (Monte-Carlo P, as R's simulate.p.value), chiSquareTest, or collapse categories.`,
        { rows: nr, cols: nc, total, maxSteps },
      );
    }
  };
  const sortedKey = makeKeyer(total, nr);
  // exact [shortest, longest] completion (sum of -log n!) from stage j with sorted row sums rem
  const memo = cols.map(() => new Map<number | string, [number, number]>());
  const bounds = (j: number, rem: number[], key: number | string): [number, number] => {
    const hit = memo[j]!.get(key);
    if (hit) return hit;
    let res: [number, number];
    if (j === nc - 1) {
      let v = 0;
      for (const r of rem) v -= logFactorial(r);
      res = [v, v];
    } else {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      forEachFill(
        colOrder[j]!,
        rem,
        (after, delta) => {
          const nk = sortedKey(after);
          const [l, h] = bounds(j + 1, nk.sorted, nk.key);
          if (delta + l < lo) lo = delta + l;
          if (delta + h > hi) hi = delta + h;
        },
        tick,
      );
      res = [lo, hi];
    }
    memo[j]!.set(key, res);
    return res;
  };
  type Node = { rem: number[]; key: number | string; paths: Map<number, { acc: number; mult: number }> };
  let stage = new Map<number | string, Node>();
  const addPath = (into: Map<number | string, Node>, sorted: number[], key: number | string, acc: number, mult: number): void => {
    let node = into.get(key);
    if (!node) {
      node = { rem: sorted, key, paths: new Map() };
      into.set(key, node);
    }
    const ak = Math.round(acc * 1e9);
    const prev = node.paths.get(ak);
    if (prev) prev.mult += mult;
    else node.paths.set(ak, { acc, mult });
  };
  // Meet in the middle: paths are extended up to stage `half`; there each node's completions are
  // listed once (sorted, with prefix sums) and matched against all its past paths by binary search.
  const half = Math.ceil(nc / 2);
  const completions = (j: number, rem: number[]): { values: number[]; prefix: number[]; top: number } => {
    const byKey = new Map<number, { v: number; mult: number }>();
    const rec = (k: number, r: number[], acc: number): void => {
      tick();
      if (k === nc - 1) {
        let v = acc;
        for (const x of r) v -= logFactorial(x);
        const key = Math.round(v * 1e9);
        const prev = byKey.get(key);
        if (prev) prev.mult++;
        else byKey.set(key, { v, mult: 1 });
        return;
      }
      forEachFill(colOrder[k]!, r, (after, delta) => rec(k + 1, after.slice(), acc + delta), tick);
    };
    rec(j, rem, 0);
    const list = [...byKey.values()].sort((a, b) => a.v - b.v);
    const top = list.length > 0 ? list[list.length - 1]!.v : 0;
    const prefix: number[] = [];
    let run = 0;
    for (const e of list) {
      run += e.mult * Math.exp(e.v - top);
      prefix.push(run);
    }
    return { values: list.map((e) => e.v), prefix, top };
  };
  const start = sortedKey(rows);
  addPath(stage, start.sorted, start.key, logConst, 1);
  let p = 0;
  for (let j = 0; j < nc && stage.size > 0; j++) {
    const next = new Map<number | string, Node>();
    for (const { rem, key, paths } of stage.values()) {
      tick();
      const [lo, hi] = bounds(j, rem, key);
      let logMass = 0; // log Σ over completions of Π 1/n! = log M! - Σ log r! - Σ log c!
      let left = 0;
      for (let k = j; k < nc; k++) {
        left += colOrder[k]!;
        logMass -= logFactorial(colOrder[k]!);
      }
      logMass += logFactorial(left);
      for (const r of rem) logMass -= logFactorial(r);
      const open: Array<{ acc: number; mult: number }> = [];
      for (const path of paths.values()) {
        if (path.acc + lo > cut) continue;
        if (path.acc + hi <= cut) p += path.mult * Math.exp(path.acc + logMass);
        else open.push(path);
      }
      if (open.length === 0 || j === nc - 1) continue;
      if (j === half) {
        const { values, prefix, top } = completions(j, rem);
        for (const path of open) {
          // count completions with value <= cut - acc
          let a = 0;
          let b = values.length;
          const lim = cut - path.acc;
          while (a < b) {
            const mid = (a + b) >> 1;
            if (values[mid]! <= lim) a = mid + 1;
            else b = mid;
          }
          if (a > 0) p += path.mult * Math.exp(path.acc + top) * prefix[a - 1]!;
        }
        continue;
      }
      forEachFill(
        colOrder[j]!,
        rem,
        (after, delta) => {
          const nk = sortedKey(after);
          for (const path of open) addPath(next, nk.sorted, nk.key, path.acc + delta, path.mult);
        },
        tick,
      );
    }
    stage = next;
  }
  return Math.min(1, p);
}

/**
 * Fisher's exact test as R's `fisher.test`. For 2 × 2 tables: P value (two-sided by R's rule of
 * summing tables no more likely than the observed, relative tolerance 1e-7; or one-sided), the
 * conditional maximum-likelihood odds ratio and its exact confidence interval, computed by the same
 * `uniroot` steps as R. For r × c tables: the two-sided P value by exact enumeration of all tables
 * with the observed margins (R uses the network algorithm; the P values are the same). Too large
 * r × c problems are refused with `LIMIT_EXCEEDED` instead of running for a long time.
 *
 * Odds ratio orientation: `table[0][0] * table[1][1] / (table[0][1] * table[1][0])`.
 *
 * @throws SonoriskError `INVALID_ARGUMENT` (non-integer or negative counts, fewer than 2 rows/columns),
 * `LENGTH_MISMATCH` (ragged rows), `NON_FINITE`, `LIMIT_EXCEEDED` (r × c too large).
 * @example
 * ```ts
 * import { fisherExactTest } from 'sonorisk/stats';
 * const r = fisherExactTest([[3, 1], [1, 3]]);
 * r.p;         // 0.4857, as fisher.test(matrix(c(3, 1, 1, 3), 2))
 * r.oddsRatio; // 6.408309 (conditional MLE)
 * r.confInt;   // [0.2117329, 621.9337]
 * ```
 */
export function fisherExactTest(table: ContingencyTable, options: FisherExactOptions = {}): FisherExactResult {
  const fn = 'fisherExactTest';
  checkOptionKeys(options, ['alternative', 'level', 'maxTables', 'simulatePValue', 'replicates', 'seed'], fn);
  const alternative = checkAlternativeOption(options.alternative, fn);
  const level = checkLevel(options.level, fn);
  const maxTables = options.maxTables ?? 10_000_000;
  if (typeof maxTables !== 'number' || !(maxTables >= 1)) throw new SonoriskError('INVALID_ARGUMENT', `${fn}: maxTables must be >= 1.`);
  const { cells, rows, cols, total } = checkTable(table, fn, true);
  if (rows.length === 2 && cols.length === 2) {
    const c = cells as [[number, number], [number, number]];
    return fisher2x2(c[0][0], c[0][0] + c[1][0], c[0][1] + c[1][1], c[0][0] + c[0][1], alternative, level);
  }
  if (alternative !== 'two-sided') {
    throw new SonoriskError('INVALID_ARGUMENT', `${fn}: one-sided alternatives are defined for 2 × 2 tables only.`);
  }
  // R drops empty rows/columns implicitly (they do not change the P value).
  const keepR = rows.map((r) => r > 0);
  const keepC = cols.map((c) => c > 0);
  const cells2 = cells.filter((_, i) => keepR[i]).map((row) => row.filter((_, j) => keepC[j]));
  const rows2 = rows.filter((r) => r > 0);
  const cols2 = cols.filter((c) => c > 0);
  if (rows2.length < 2 || cols2.length < 2) return { method: "Fisher's Exact Test for Count Data", p: 1, alternative };
  if (options.simulatePValue) {
    const obs = cells2.reduce((s, row) => s - row.reduce((t, v) => t + logFactorial(v), 0), 0);
    const stat = (t: Float64Array) => {
      let s = 0;
      for (let k = 0; k < t.length; k++) s -= logFactorial(t[k]!);
      return s;
    };
    const almost1 = 1 + 64 * Number.EPSILON;
    const sim = simulatedP(rows2, cols2, total, options, stat, (s) => s <= obs / almost1, fn);
    return { method: `Fisher's Exact Test for Count Data with simulated p-value (based on ${sim.replicates} replicates)`, p: sim.p, replicates: sim.replicates, alternative };
  }
  // the search state is the vector of row sums: keep the shorter margin as rows
  const p =
    rows2.length > cols2.length
      ? fisherRxC(
          cols2.map((_, j) => cells2.map((row) => row[j]!)),
          cols2,
          rows2,
          total,
          maxTables,
        )
      : fisherRxC(cells2, rows2, cols2, total, maxTables);
  return { method: "Fisher's Exact Test for Count Data", p, alternative };
}
