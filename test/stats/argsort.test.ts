import { describe, expect, it } from 'vitest';
import { argsortFinite, sortWithOrder } from '../../src/stats/roc/argsort.js';
import { createRng } from '../../src/stats/index.js';

describe('argsortFinite (radix path for n >= 2048)', () => {
  it('matches a stable comparator sort on negatives, ties, denormals and huge values', () => {
    const rng = createRng(99);
    const specials = [0, -5e-324, 5e-324, -1.7e308, 1.7e308, -1, 1, 2.5, -2.5, 1e-300, -1e-300];
    for (const n of [2047, 2048, 5000, 70_000]) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const r = rng.next();
        x[i] = r < 0.2 ? specials[rng.int(specials.length)]! : r < 0.5 ? rng.int(20) - 10 : rng.normal() * 10 ** rng.int(10);
      }
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
      expect(Array.from(argsortFinite(x))).toEqual(expected);
    }
  });
});

describe('sortWithOrder (bucket path, radix fallback for skewed data)', () => {
  it('returns the stable permutation and the sorted values', () => {
    const rng = createRng(7);
    const cases: Float64Array[] = [];
    for (const n of [4095, 4096, 50_000]) {
      cases.push(Float64Array.from({ length: n }, () => rng.normal())); // bucket path
      cases.push(Float64Array.from({ length: n }, () => rng.int(300) / 7)); // many ties
      cases.push(Float64Array.from({ length: n }, (_, i) => (i === 5 ? 1e300 : rng.normal()))); // outlier: radix fallback
      cases.push(Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? -0.25 : rng.next()))); // a heavy tie: fallback
    }
    for (const x of cases) {
      const expected = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
      const { order, sorted } = sortWithOrder(x);
      expect(Array.from(order)).toEqual(expected);
      expect(Array.from(sorted)).toEqual(expected.map((i) => x[i]!));
    }
  });
});
