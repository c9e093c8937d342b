import { describe, expect, it } from 'vitest';
import { argsortFinite } from '../../src/stats/roc/argsort.js';
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
