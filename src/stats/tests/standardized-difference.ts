import { SonoriskError } from '../../errors.js';

/**
 * Standardised mean difference of a continuous variable between two groups:
 * (mean₁ − mean₂) / √((s₁² + s₂²)/2), as R's tableone (`ExtractSmd`) and Austin (2009). Signed;
 * |SMD| < 0.1 is the usual mark of balance between a training and a validation split.
 *
 * @throws SonoriskError `TOO_FEW_OBSERVATIONS` when a group has fewer than 2 values.
 * @example
 * ```ts
 * import { standardizedMeanDifference } from 'sonorisk/stats';
 * standardizedMeanDifference([1, 2, 3], [2, 3, 4]); // -1
 * ```
 */
export function standardizedMeanDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const fn = 'standardizedMeanDifference';
  const stats = [a, b].map((x, g) => {
    if (x.length < 2) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: group ${g + 1} has ${x.length} value(s); at least 2 are needed.`);
    let m = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (!Number.isFinite(v)) throw new SonoriskError('NON_FINITE', `${fn}: group ${g + 1} value ${i} is ${String(v)}.`);
      m += v;
    }
    m /= x.length;
    let ss = 0;
    for (let i = 0; i < x.length; i++) ss += (x[i]! - m) ** 2;
    return { m, v: ss / (x.length - 1) };
  });
  const pooled = Math.sqrt((stats[0]!.v + stats[1]!.v) / 2);
  const d = stats[0]!.m - stats[1]!.m;
  return pooled === 0 ? (d === 0 ? 0 : Math.sign(d) * Number.POSITIVE_INFINITY) : d / pooled;
}

/**
 * Standardised difference of a categorical variable between two groups (Yang & Dalton 2012, as R's
 * tableone): √(dᵀ S⁻¹ d) with d the differences of the level proportions (first level dropped) and
 * S the average of the two groups' multinomial covariance matrices. For two levels it is
 * |p₁ − p₂| / √((p₁(1−p₁) + p₂(1−p₂))/2). Non-negative; NaN when S is singular (a level absent in both).
 *
 * @example
 * ```ts
 * import { standardizedCategoricalDifference } from 'sonorisk/stats';
 * standardizedCategoricalDifference(['F', 'M', 'M', 'F'], ['M', 'M', 'M', 'F'], ['F', 'M']); // ≈ 0.52
 * ```
 */
export function standardizedCategoricalDifference(a: readonly unknown[], b: readonly unknown[], levels: readonly unknown[]): number {
  const fn = 'standardizedCategoricalDifference';
  if (levels.length < 2) return 0;
  if (a.length === 0 || b.length === 0) throw new SonoriskError('TOO_FEW_OBSERVATIONS', `${fn}: both groups need values.`);
  const keys = levels.map(String);
  const props = [a, b].map((x) => keys.slice(1).map((k) => x.filter((v) => String(v) === k).length / x.length));
  const k = keys.length - 1;
  const d = props[0]!.map((p, i) => p - props[1]![i]!);
  // S = average of diag(p) − ppᵀ
  const s = new Float64Array(k * k);
  for (const p of props) {
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) s[i * k + j]! += ((i === j ? p[i]! : 0) - p[i]! * p[j]!) / 2;
  }
  // solve S x = d by Gaussian elimination with partial pivoting (k is small)
  const m = Array.from({ length: k }, (_, i) => [...Array.from({ length: k }, (_, j) => s[i * k + j]!), d[i]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (Math.abs(m[piv]![c]!) < 1e-14) return d.every((v) => v === 0) ? 0 : Number.NaN;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  let q = 0;
  for (let i = 0; i < k; i++) q += d[i]! * (m[i]![k]! / m[i]![i]!);
  return Math.sqrt(Math.max(0, q));
}
