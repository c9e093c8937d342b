import { SonoriskError } from '../../errors.js';
import { brentRoot, choleskyInverse } from '../../numeric/index.js';

/*
 * Firth's penalised-likelihood logistic regression (Firth 1993; Heinze & Schemper 2002), the model
 * of R's logistf: maximise l(β) + ½ log det(XᵀWX) by Newton–Raphson on the modified score
 * U*(β) = Xᵀ(y − π + h(½ − π)), h the diagonal of the hat matrix, with step halving. Some
 * coefficients can be held fixed (for penalised likelihood-ratio tests and profile intervals).
 * Internal to src/stats.
 */

/** Result of {@link firthFit}. */
export interface FirthFit {
  coef: Float64Array;
  /** Inverse Fisher information at the estimate (p × p row-major). */
  cov: Float64Array;
  /** Penalised log-likelihood l(β) + ½ log det(XᵀWX). */
  penalizedLogLik: number;
  logLik: number;
  iterations: number;
  converged: boolean;
}

function evaluate(
  x: Float64Array,
  y: Uint8Array,
  n: number,
  p: number,
  beta: Float64Array,
): { pi: Float64Array; info: Float64Array; inv: Float64Array; logDet: number; logLik: number } | undefined {
  const pi = new Float64Array(n);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += x[j * n + i]! * beta[j]!;
    pi[i] = 1 / (1 + Math.exp(-eta));
    // y η − log(1 + e^η), stable for large |η|
    logLik += y[i]! * eta - (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)));
  }
  const info = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    const w = pi[i]! * (1 - pi[i]!);
    for (let a = 0; a < p; a++) {
      const xa = x[a * n + i]! * w;
      for (let b = 0; b <= a; b++) info[a * p + b] = info[a * p + b]! + xa * x[b * n + i]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) info[b * p + a] = info[a * p + b]!;
  const ch = choleskyInverse(info, p);
  if (!ch) return undefined;
  return { pi, info, inv: ch.inv, logDet: ch.logDet, logLik };
}

/**
 * Fits the Firth model; `fixed[j]` (when not undefined) holds coefficient j at that value.
 * Converges when the largest Newton step and modified score are below 1e-10 (tighter than logistf's
 * 1e-5 defaults so results are reproducible to many digits).
 */
export function firthFit(
  x: Float64Array,
  y: Uint8Array,
  n: number,
  p: number,
  fixed: ReadonlyArray<number | undefined> = [],
  start?: Float64Array,
  maxit = 100,
): FirthFit {
  const beta = start ? Float64Array.from(start) : new Float64Array(p);
  for (let j = 0; j < p; j++) if (fixed[j] !== undefined) beta[j] = fixed[j]!;
  const free: number[] = [];
  for (let j = 0; j < p; j++) if (fixed[j] === undefined) free.push(j);
  const first = evaluate(x, y, n, p, beta);
  if (!first) {
    throw new SonoriskError('NOT_CONVERGED', "Firth's penalised likelihood: the Fisher information is singular at the start (a constant or collinear column, or probabilities numerically 0 or 1).");
  }
  let cur = first;
  let pll = cur.logLik + 0.5 * cur.logDet;
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    // modified score
    const u = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const w = cur.pi[i]! * (1 - cur.pi[i]!);
      let h = 0;
      for (let a = 0; a < p; a++) {
        let s = 0;
        for (let b = 0; b < p; b++) s += cur.inv[a * p + b]! * x[b * n + i]!;
        h += x[a * n + i]! * s;
      }
      h *= w;
      const r = y[i]! - cur.pi[i]! + h * (0.5 - cur.pi[i]!);
      for (let a = 0; a < p; a++) u[a] = u[a]! + r * x[a * n + i]!;
    }
    // Newton step on the free coordinates: δ_f = (I_ff)⁻¹ U*_f
    const m = free.length;
    const sub = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sub[a * m + b] = cur.info[free[a]! * p + free[b]!]!;
    const subInv = m > 0 ? choleskyInverse(sub, m) : { inv: new Float64Array(0), logDet: 0 };
    if (!subInv) break;
    const delta = new Float64Array(p);
    let maxStep = 0;
    let maxScore = 0;
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += subInv.inv[a * m + b]! * u[free[b]!]!;
      // logistf caps steps at maxstep = 5
      if (Math.abs(s) > 5) s = 5 * Math.sign(s);
      delta[free[a]!] = s;
      maxStep = Math.max(maxStep, Math.abs(s));
      maxScore = Math.max(maxScore, Math.abs(u[free[a]!]!));
    }
    if (maxStep < 1e-10 && maxScore < 1e-8) {
      converged = true;
      break;
    }
    let factor = 1;
    let accepted = false;
    for (let half = 0; half <= 25; half++) {
      const trial = Float64Array.from(beta);
      for (const j of free) trial[j] = beta[j]! + factor * delta[j]!;
      const ev = evaluate(x, y, n, p, trial);
      if (ev) {
        const tpll = ev.logLik + 0.5 * ev.logDet;
        if (tpll >= pll - 1e-12 * Math.abs(pll)) {
          beta.set(trial);
          cur = ev;
          pll = tpll;
          accepted = true;
          break;
        }
      }
      factor /= 2;
    }
    if (!accepted) break;
    if (maxStep * factor < 1e-12) {
      converged = true;
      break;
    }
  }
  return { coef: beta, cov: cur.inv, penalizedLogLik: pll, logLik: cur.logLik, iterations, converged };
}

/**
 * Profile penalised-likelihood interval of coefficient j (logistf's `plconf`): the values b on each
 * side of the estimate where 2·(pl_max − pl(β_j = b)) = `chiCut` (χ²₁ at the level), found by
 * doubling steps from the estimate (first step max(se, 1e-3)) until the profile crosses, then
 * Brent's method to 1e-10. An end is ±∞ when the profile stays below the cut-off (separation) or
 * the crossing is only a sign change across a failed fit.
 */
export function firthProfileInterval(
  x: Float64Array,
  y: Uint8Array,
  n: number,
  p: number,
  j: number,
  fit: FirthFit,
  chiCut: number,
  se: number,
): [number, number] {
  const est = fit.coef[j]!;
  const g = (b: number): number => {
    const fx: Array<number | undefined> = new Array(p).fill(undefined);
    fx[j] = b;
    let r = firthFit(x, y, n, p, fx, fit.coef);
    if (!r.converged) r = firthFit(x, y, n, p, fx);
    return 2 * (fit.penalizedLogLik - r.penalizedLogLik) - chiCut;
  };
  const side = (dir: number): number => {
    let stepSize = Math.max(se, 1e-3);
    let inner = est;
    let outer = est + dir * stepSize;
    let go = g(outer);
    for (let k = 0; k < 60 && go < 0; k++) {
      inner = outer;
      stepSize *= 2;
      outer = est + dir * stepSize;
      go = g(outer);
    }
    if (go < 0) return dir * Number.POSITIVE_INFINITY;
    const root = brentRoot(g, inner, outer, g(inner), go, 1e-10);
    // a sign change across a failed fit is not a crossing: the profile stays below the cutoff
    return Math.abs(g(root)) < 1e-6 ? root : dir * Number.POSITIVE_INFINITY;
  };
  return [side(-1), side(1)];
}
