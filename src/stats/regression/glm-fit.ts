/*
 * Binomial-logit IRLS, step for step as R's `glm.fit` (stats 4.x) so coefficients, standard errors
 * and deviances agree with `glm(..., family = binomial)` far below the convergence tolerance:
 * mustart = (y + 0.5) / 2, the clamped logit link of `binomial()`, Householder least squares with
 * LINPACK dqrdc2's limited pivoting (tol = min(1e-7, epsilon / 1000)), convergence
 * |dev - devold| / (|dev| + 0.1) < epsilon, maxit 25, standard errors from the weights of the last
 * iteration (as `summary.glm`). Internal to src/stats.
 */

import { choleskyFactor, choleskySolve } from '../../numeric/index.js';

const DBL_EPS = Number.EPSILON;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / DBL_EPS;

/** R's C_logit_linkinv. */
export function logitLinkinv(eta: number): number {
  const t = eta < MTHRESH ? DBL_EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

function yLogY(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

/** Binomial deviance Σ 2 [y log(y/mu) + (1-y) log((1-y)/(1-mu))]. */
export function binomialDeviance(y: Uint8Array, mu: Float64Array): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) dev += 2 * (yLogY(y[i]!, mu[i]!) + yLogY(1 - y[i]!, 1 - mu[i]!));
  return dev;
}

/** Least-squares solution with Householder QR and dqrdc2-style limited pivoting. */
export interface QrSolution {
  /** Coefficients in the original column order; NaN for aliased columns. */
  coef: Float64Array;
  rank: number;
  /** Original indices of the columns in pivoted order (first `rank` are estimable). */
  pivot: number[];
  /** Unscaled covariance (RᵀR)⁻¹ of the estimable columns, in pivoted order, rank × rank row-major. */
  covUnscaled: Float64Array;
}

/** Sum of squares of a[from..to). */
function sumSquares(a: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    const v = a[i]!;
    s += v * v;
  }
  return s;
}

/** Applies H = I − scale·v vᵀ, v = [v0, a[off+l+1..off+n)], to vec[voff + l .. voff + n). */
function reflect(a: Float64Array, off: number, vec: Float64Array, voff: number, l: number, n: number, v0: number, scale: number): void {
  let s = v0 * vec[voff + l]!;
  for (let i = l + 1; i < n; i++) s += a[off + i]! * vec[voff + i]!;
  const f = s * scale;
  vec[voff + l] = vec[voff + l]! - f * v0;
  for (let i = l + 1; i < n; i++) vec[voff + i] = vec[voff + i]! - f * a[off + i]!;
}

/** Solves min ||X b − z|| for X (n × p, column-major). */
export function qrLeastSquares(x: Float64Array, z: Float64Array, n: number, p: number, tol: number): QrSolution {
  const a = Float64Array.from(x);
  const b = Float64Array.from(z);
  const pivot = Array.from({ length: p }, (_, j) => j);
  const norm0 = new Float64Array(p);
  // dqrdc2: a zero column's reference norm is 1, so it is negligible (aliased) rather than a 0 pivot
  for (let j = 0; j < p; j++) norm0[j] = Math.sqrt(sumSquares(a, j * n, (j + 1) * n)) || 1;
  let rank = p;
  const moveToEnd = (j: number): void => {
    const col = a.slice(j * n, (j + 1) * n);
    const nj = norm0[j]!;
    const pj = pivot[j]!;
    for (let k = j; k < p - 1; k++) {
      a.copyWithin(k * n, (k + 1) * n, (k + 2) * n);
      norm0[k] = norm0[k + 1]!;
      pivot[k] = pivot[k + 1]!;
    }
    a.set(col, (p - 1) * n);
    norm0[p - 1] = nj;
    pivot[p - 1] = pj;
  };
  const lim = Math.min(n, p);
  for (let l = 0; l < lim && l < rank; l++) {
    // columns whose remaining norm is negligible are aliased: move them to the end (dqrdc2)
    let nrm2 = sumSquares(a, l * n + l, (l + 1) * n);
    let tries = 0;
    while (l < rank && Math.sqrt(nrm2) < norm0[l]! * tol && tries < p) {
      moveToEnd(l);
      rank--;
      tries++;
      if (l < rank) nrm2 = sumSquares(a, l * n + l, (l + 1) * n);
    }
    if (l >= rank) break;
    if (nrm2 === 0) continue;
    const nrm = Math.sqrt(nrm2);
    const off = l * n;
    const all = a[off + l]!;
    const alpha = all >= 0 ? -nrm : nrm;
    const v0 = all - alpha;
    const scale = 2 / (nrm2 - all * all + v0 * v0);
    for (let j = l + 1; j < p; j++) reflect(a, off, a, j * n, l, n, v0, scale);
    reflect(a, off, b, 0, l, n, v0, scale);
    a[off + l] = alpha; // below the diagonal, column l keeps v (never read again)
  }
  if (n < p) rank = Math.min(rank, n);
  // back substitution R β = Qᵀz on the leading rank × rank block
  const beta = new Float64Array(rank);
  for (let i = rank - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < rank; j++) s -= a[j * n + i]! * beta[j]!;
    beta[i] = s / a[i * n + i]!;
  }
  // (RᵀR)⁻¹ = R⁻¹ R⁻ᵀ
  const rinv = new Float64Array(rank * rank); // row-major upper triangular
  for (let j = 0; j < rank; j++) {
    rinv[j * rank + j] = 1 / a[j * n + j]!;
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++) s += a[k * n + i]! * rinv[k * rank + j]!;
      rinv[i * rank + j] = -s / a[i * n + i]!;
    }
  }
  const cov = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < rank; j++) {
      let s = 0;
      for (let k = j; k < rank; k++) s += rinv[i * rank + k]! * rinv[j * rank + k]!;
      cov[i * rank + j] = s;
      cov[j * rank + i] = s;
    }
  }
  const coef = new Float64Array(p).fill(Number.NaN);
  for (let k = 0; k < rank; k++) coef[pivot[k]!] = beta[k]!;
  return { coef, rank, pivot, covUnscaled: cov };
}

/**
 * Least squares by Cholesky of XᵀX (X n × p column-major, full rank). Returns undefined when a pivot
 * falls below 1e-5 of its diagonal (error up to ~1e5 × eps) (condition too poor for the normal equations), so the caller can
 * use QR instead.
 */
export function choleskyLeastSquares(x: Float64Array, z: Float64Array, n: number, p: number): Float64Array | undefined {
  const a = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const oj = j * n;
    for (let k = 0; k <= j; k++) {
      const ok = k * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += x[oj + i]! * x[ok + i]!;
      a[j * p + k] = s;
    }
    let r = 0;
    for (let i = 0; i < n; i++) r += x[oj + i]! * z[i]!;
    rhs[j] = r;
  }
  const l = choleskyFactor(a, p, 1e-5);
  if (l === undefined) return undefined;
  return choleskySolve(l, rhs, new Float64Array(p), p);
}

/** Options of {@link glmFitLogit}. */
export interface GlmFitOptions {
  offset?: Float64Array;
  etastart?: Float64Array;
  epsilon?: number;
  maxit?: number;
  /** Only the deviance and coefficients are needed (profiling): skip the final QR for the covariance. */
  skipCovariance?: boolean;
}

/** Result of {@link glmFitLogit}. */
export interface GlmFit {
  coef: Float64Array;
  /** Standard errors (NaN for aliased columns). */
  se: Float64Array;
  /** Covariance matrix p × p row-major (NaN rows/columns for aliased). */
  cov: Float64Array;
  rank: number;
  deviance: number;
  mu: Float64Array;
  eta: Float64Array;
  iterations: number;
  converged: boolean;
  /** R's "fitted probabilities numerically 0 or 1 occurred". */
  boundaryProbabilities: boolean;
}

/** IRLS for a binomial GLM with logit link; x is n × p column-major (include the intercept column). */
export function glmFitLogit(x: Float64Array, y: Uint8Array, n: number, p: number, options: GlmFitOptions = {}): GlmFit {
  const epsilon = options.epsilon ?? 1e-8;
  const maxit = options.maxit ?? 25;
  const offset = options.offset ?? new Float64Array(n);
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  if (options.etastart) {
    eta.set(options.etastart);
    for (let i = 0; i < n; i++) mu[i] = logitLinkinv(eta[i]!);
  } else {
    for (let i = 0; i < n; i++) {
      const m = (y[i]! + 0.5) / 2;
      eta[i] = Math.log(m / (1 - m));
      mu[i] = logitLinkinv(eta[i]!);
    }
  }
  if (p === 0) {
    for (let i = 0; i < n; i++) {
      eta[i] = offset[i]!;
      mu[i] = logitLinkinv(eta[i]!);
    }
    const deviance = binomialDeviance(y, mu);
    return {
      coef: new Float64Array(0),
      se: new Float64Array(0),
      cov: new Float64Array(0),
      rank: 0,
      deviance,
      mu,
      eta,
      iterations: 0,
      converged: true,
      boundaryProbabilities: false,
    };
  }
  let devold = binomialDeviance(y, mu);
  let converged = false;
  let iterations = 0;
  let last: QrSolution | undefined;
  let lastIsCurrent = false;
  let coef: Float64Array = new Float64Array(p);
  let dev = devold;
  const xw = new Float64Array(n * p);
  const zw = new Float64Array(n);
  const tol = Math.min(1e-7, epsilon / 1000);
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const e = eta[i]!;
      // R's logit mu.eta: exp(η)/(1+exp(η))² = μ(1−μ), floored at DBL_EPSILON beyond |η| > 30
      const me = e > THRESH || e < MTHRESH ? DBL_EPS : m * (1 - m);
      const variance = m * (1 - m);
      const z = eta[i]! - offset[i]! + (y[i]! - m) / me;
      const w = Math.sqrt((me * me) / variance);
      zw[i] = z * w;
      for (let j = 0; j < p; j++) xw[j * n + i] = x[j * n + i]! * w;
    }
    // The first step (rank and pivoting as dqrdc2) and any ill-conditioned step use Householder QR;
    // later steps solve the same least-squares problem by Cholesky of XᵀWX, which reaches the same
    // iterates to ~1e-13 at a fraction of the cost. The covariance comes from a QR at the last weights.
    let start: Float64Array | undefined;
    // A Cholesky pivot ratio above 1e-5 proves full rank (dqrdc2 would not alias at tol <= 1e-7).
    if (last === undefined || last.rank === p) start = choleskyLeastSquares(xw, zw, n, p);
    if (start === undefined) {
      last = qrLeastSquares(xw, zw, n, p, tol);
      lastIsCurrent = true;
      start = last.coef;
    } else lastIsCurrent = false;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) {
        const c = start[j]!;
        if (!Number.isNaN(c)) s += x[j * n + i]! * c;
      }
      eta[i] = s + offset[i]!;
      mu[i] = logitLinkinv(eta[i]!);
    }
    dev = binomialDeviance(y, mu);
    coef = start;
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < epsilon) {
      converged = true;
      break;
    }
    devold = dev;
  }
  // covariance from a QR at the weights of the last iteration (summary.glm); skipped when profiling
  const qr = lastIsCurrent ? last : options.skipCovariance ? undefined : qrLeastSquares(xw, zw, n, p, tol);
  const se = new Float64Array(p).fill(Number.NaN);
  const cov = new Float64Array(p * p).fill(Number.NaN);
  const rank = qr ? qr.rank : p;
  if (qr) {
    for (let a = 0; a < qr.rank; a++) {
      for (let b = 0; b < qr.rank; b++) cov[qr.pivot[a]! * p + qr.pivot[b]!] = qr.covUnscaled[a * qr.rank + b]!;
      se[qr.pivot[a]!] = Math.sqrt(qr.covUnscaled[a * qr.rank + a]!);
    }
  }
  const e10 = 10 * DBL_EPS;
  let boundary = false;
  for (let i = 0; i < n; i++) if (mu[i]! > 1 - e10 || mu[i]! < e10) boundary = true;
  return { coef, se, cov, rank, deviance: dev, mu, eta, iterations, converged, boundaryProbabilities: boundary };
}
