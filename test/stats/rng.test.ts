import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/stats/index.js';

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    expect(createRng('case-7').next()).toBe(createRng('case-7').next());
  });

  it('gives roughly uniform and normal values', () => {
    const rng = createRng(1);
    const n = 20000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    const counts = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      counts[rng.int(10)]++;
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    for (const k of counts) expect(Math.abs(k - n / 10)).toBeLessThan(n / 10 * 0.1);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });

  it('shuffles in place as a permutation', () => {
    const arr = Array.from({ length: 50 }, (_, i) => i);
    const out = createRng(3).shuffle(arr.slice());
    expect(out.slice().sort((x, y) => x - y)).toEqual(arr);
    expect(out).not.toEqual(arr);
  });

  it('rejects bad seeds and bounds', () => {
    expect(() => createRng(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createRng(1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createRng(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => createRng(1).int(0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
