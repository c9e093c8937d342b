/**
 * A small Levenberg–Marquardt least-squares solver (internal). Minimises Σ rᵢ(θ)² for a model
 * with an analytic Jacobian, using Marquardt's diagonal scaling (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr,
 * the same damping MINPACK's `lmder` (scipy `curve_fit(method='lm')`) uses.
 * @module
 */
import { choleskyFactor, choleskySolve } from './cholesky.js';

/** Model residuals and Jacobian at θ: fills `r` (length n) and `jac` (row-major n×p). */
export type ResidualFn = (theta: Float64Array, r: Float64Array, jac: Float64Array | null) => void;

/** Result of {@link levenbergMarquardt}. */
export interface LmResult {
  theta: Float64Array;
  /** Sum of squared residuals at `theta`. */
  sse: number;
  iterations: number;
  converged: boolean;
}

/** Options for {@link levenbergMarquardt}. */
export interface LmOptions {
  maxIterations: number;
  /** Stop when the relative SSE decrease of an accepted step is below this. */
  ftol: number;
  /** Stop when the relative step size is below this. */
  xtol: number;
}

/**
 * Minimises the sum of squared residuals from `theta0`. Never throws on a bad model: a step with a
 * non-finite SSE is rejected (λ grows) and the best finite point is returned.
 */
export function levenbergMarquardt(fn: ResidualFn, theta0: Float64Array, n: number, options: LmOptions): LmResult {
  const p = theta0.length;
  let theta = Float64Array.from(theta0);
  const r = new Float64Array(n);
  const jac = new Float64Array(n * p);
  const rTrial = new Float64Array(n);
  const jtj = new Float64Array(p * p);
  const jtr = new Float64Array(p);
  const a = new Float64Array(p * p);
  const delta = new Float64Array(p);
  const trial = new Float64Array(p);
  fn(theta, r, jac);
  let sse = sumSq(r);
  if (!Number.isFinite(sse)) return { theta, sse: Number.POSITIVE_INFINITY, iterations: 0, converged: false };
  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  let needJac = false;
  while (iterations < options.maxIterations) {
    iterations++;
    if (needJac) fn(theta, r, jac);
    needJac = false;
    normalEquations(jac, r, n, p, jtj, jtr);
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < p * p; i++) a[i] = jtj[i]!;
      for (let i = 0; i < p; i++) {
        const d = jtj[i * p + i]!;
        a[i * p + i] = d + lambda * (d > 0 ? d : 1e-12);
      }
      if (!solveSymmetric(a, jtr, delta, p)) {
        lambda *= 10;
        continue;
      }
      for (let i = 0; i < p; i++) trial[i] = theta[i]! - delta[i]!;
      fn(trial, rTrial, null);
      const sseTrial = sumSq(rTrial);
      if (Number.isFinite(sseTrial) && sseTrial <= sse) {
        const rel = (sse - sseTrial) / Math.max(sse, 1e-300);
        let stepNorm = 0;
        let thetaNorm = 0;
        for (let i = 0; i < p; i++) {
          stepNorm += delta[i]! * delta[i]!;
          thetaNorm += theta[i]! * theta[i]!;
        }
        theta = Float64Array.from(trial);
        sse = sseTrial;
        lambda = Math.max(lambda / 10, 1e-15);
        accepted = true;
        needJac = true;
        if (rel < options.ftol || Math.sqrt(stepNorm) < options.xtol * (Math.sqrt(thetaNorm) + options.xtol)) converged = true;
        break;
      }
      lambda *= 10;
      if (lambda > 1e16) break;
    }
    if (!accepted) {
      // No downhill step at any damping: at a (local) minimum to machine precision.
      converged = true;
      break;
    }
    if (converged || sse === 0) {
      converged = true;
      break;
    }
  }
  return { theta, sse, iterations, converged };
}

function sumSq(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
}

function normalEquations(jac: Float64Array, r: Float64Array, n: number, p: number, jtj: Float64Array, jtr: Float64Array): void {
  jtj.fill(0);
  jtr.fill(0);
  for (let k = 0; k < n; k++) {
    const row = k * p;
    const rk = r[k]!;
    for (let i = 0; i < p; i++) {
      const ji = jac[row + i]!;
      jtr[i] = jtr[i]! + ji * rk;
      for (let j = i; j < p; j++) jtj[i * p + j] = jtj[i * p + j]! + ji * jac[row + j]!;
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) jtj[i * p + j] = jtj[j * p + i]!;
}

/** Solves A x = b for symmetric positive-definite A (p×p) by Cholesky; false when not SPD. */
function solveSymmetric(a: Float64Array, b: Float64Array, x: Float64Array, p: number): boolean {
  const l = choleskyFactor(a, p);
  if (l === undefined) return false;
  choleskySolve(l, b, x, p);
  return Number.isFinite(x[0]!);
}

/**
 * (JᵀJ)⁻¹ at θ (p×p, row-major), the unscaled covariance of least-squares estimates; multiply by
 * the residual variance SSE/(n − p) for scipy `curve_fit`'s default `pcov`. Null when JᵀJ is singular.
 */
export function inverseNormalMatrix(fn: ResidualFn, theta: Float64Array, n: number): Float64Array | null {
  const p = theta.length;
  const r = new Float64Array(n);
  const jac = new Float64Array(n * p);
  fn(theta, r, jac);
  const jtj = new Float64Array(p * p);
  const jtr = new Float64Array(p);
  normalEquations(jac, r, n, p, jtj, jtr);
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  const x = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    if (!solveSymmetric(jtj, e, x, p)) return null;
    for (let i = 0; i < p; i++) inv[i * p + j] = x[i]!;
  }
  return inv;
}
