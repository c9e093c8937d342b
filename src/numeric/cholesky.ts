/**
 * The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and what is built on
 * it: solving A x = b, the inverse and log det A. One implementation for every caller (the
 * Levenberg–Marquardt normal equations, glm's least-squares start, Firth's Fisher information).
 * Matrices are dense, row-major, p × p. Internal (src/numeric is not a public subpath).
 * Reference: Golub & Van Loan, Matrix Computations, 4th ed., algorithm 4.2.1 (gaxpy Cholesky).
 * @module
 */

/**
 * Lower-triangular L with A = L·Lᵀ (row-major p × p; only the lower triangle of `a` is read), or
 * undefined when A is not numerically positive definite: a pivot d_j (A_jj − Σ L_jk²) that is not
 * finite or not above `minPivotRatio` × A_jj (0: any positive pivot).
 *
 * @example
 * ```ts
 * choleskyFactor(Float64Array.of(4, 2, 2, 5), 2); // Float64Array [2, 0, 1, 2]
 * ```
 */
export function choleskyFactor(a: ArrayLike<number>, p: number, minPivotRatio = 0): Float64Array | undefined {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! * l[j * p + k]!;
    if (!(d > minPivotRatio * a[j * p + j]!) || !Number.isFinite(d)) return undefined;
    const dj = Math.sqrt(d);
    l[j * p + j] = dj;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j]!;
      for (let k = 0; k < j; k++) t -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = t / dj;
    }
  }
  return l;
}

/**
 * Solves L·Lᵀ x = b by forward then back substitution, writing x into `out` (may alias `b`).
 *
 * @example
 * ```ts
 * const l = choleskyFactor(Float64Array.of(4, 2, 2, 5), 2)!;
 * choleskySolve(l, Float64Array.of(6, 7), new Float64Array(2), 2); // Float64Array [1, 1]
 * ```
 */
export function choleskySolve(l: Float64Array, b: ArrayLike<number>, out: Float64Array, p: number): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * out[k]!;
    out[i] = s / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * out[k]!;
    out[i] = s / l[i * p + i]!;
  }
  return out;
}

/**
 * A⁻¹ (row-major, symmetric) and log det A = 2 Σ log L_jj, by inverting L: A⁻¹ = L⁻ᵀ L⁻¹.
 * Undefined when A is not positive definite.
 *
 * @example
 * ```ts
 * choleskyInverse(Float64Array.of(4, 0, 0, 9), 2); // { inv: [0.25, 0, 0, 1/9], logDet: log 36 }
 * ```
 */
export function choleskyInverse(a: ArrayLike<number>, p: number): { inv: Float64Array; logDet: number } | undefined {
  const l = choleskyFactor(a, p);
  if (l === undefined) return undefined;
  let logDet = 0;
  for (let j = 0; j < p; j++) logDet += 2 * Math.log(l[j * p + j]!);
  const li = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    li[j * p + j] = 1 / l[j * p + j]!;
    for (let i = j + 1; i < p; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * p + k]! * li[k * p + j]!;
      li[i * p + j] = s / l[i * p + i]!;
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += li[k * p + i]! * li[k * p + j]!;
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return { inv, logDet };
}
