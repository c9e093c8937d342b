// The O(n log n) placement values (ranks + cumulative counts, radix argsort above 2048 samples) must equal
// DeLong's O(n²) definition: V10(X_i) = mean_j ψ(X_i, Y_j), V01(Y_j) = mean_i ψ(X_i, Y_j), ψ = 1, ½, 0.
import { describe, it } from 'vitest';
import { aucCI, createRng, delongTest, type RocDirection } from '../../src/stats/index.js';
import { expectClose } from './fixture-helpers.js';

function naive(y: Uint8Array, a: Float64Array, b: Float64Array, direction: RocDirection) {
  const cases: number[] = [];
  const controls: number[] = [];
  for (let i = 0; i < y.length; i++) (y[i] === 1 ? cases : controls).push(i);
  const m = cases.length;
  const n = controls.length;
  const psi = (x: number, z: number) => {
    const d = direction === 'higher-is-positive' ? x - z : z - x;
    return d > 0 ? 1 : d === 0 ? 0.5 : 0;
  };
  const place = (s: Float64Array) => {
    const v10 = cases.map((i) => controls.reduce((acc, j) => acc + psi(s[i]!, s[j]!), 0) / n);
    const v01 = controls.map((j) => cases.reduce((acc, i) => acc + psi(s[i]!, s[j]!), 0) / m);
    return { v10, v01, auc: v10.reduce((p, q) => p + q, 0) / m };
  };
  const A = place(a);
  const B = place(b);
  const cov = (p: number[], q: number[], mp: number, mq: number) => p.reduce((acc, v, k) => acc + (v - mp) * (q[k]! - mq), 0) / (p.length - 1);
  const varA = cov(A.v10, A.v10, A.auc, A.auc) / m + cov(A.v01, A.v01, A.auc, A.auc) / n;
  const varB = cov(B.v10, B.v10, B.auc, B.auc) / m + cov(B.v01, B.v01, B.auc, B.auc) / n;
  const covAB = cov(A.v10, B.v10, A.auc, B.auc) / m + cov(A.v01, B.v01, A.auc, B.auc) / n;
  return { aucA: A.auc, aucB: B.auc, seA: Math.sqrt(varA), seDiff: Math.sqrt(varA + varB - 2 * covAB) };
}

describe('fast DeLong equals the pairwise definition', () => {
  it.each([
    [1, 60, 'higher-is-positive'],
    [2, 500, 'lower-is-positive'],
    [3, 2600, 'higher-is-positive'],
    [4, 3000, 'lower-is-positive'],
  ] as const)('seed %i, n = %i, %s', (seed, n, direction) => {
    const rng = createRng(seed);
    const y = new Uint8Array(n);
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.next() < 0.35 ? 1 : 0;
      const s = direction === 'higher-is-positive' ? 1 : -1;
      a[i] = Math.round((rng.normal() + s * 0.8 * y[i]!) * 4) / 4 - 0.5; // ties and negative values
      b[i] = s * y[i]! * 0.5 + rng.normal() * 1e-3 * 10 ** rng.int(6);
    }
    const ref = naive(y, a, b, direction);
    const ci = aucCI(y, a, { direction });
    expectClose(ci.auc, ref.aucA, 1e-13, 'auc');
    expectClose(ci.se!, ref.seA, 1e-10, 'se');
    const t = delongTest(y, a, b, { direction });
    expectClose(t.aucB, ref.aucB, 1e-13, 'aucB');
    expectClose(t.se, ref.seDiff, 1e-10, 'se of difference');
  });
});
