import { describe, expect, it } from 'vitest';
import { bootstrap, createRng, stratifiedKFold, stratifiedSplit } from '../../src/stats/index.js';
import { sonoriskError as code } from '../helpers/expect-code.js';

function randomLabels(seed: number, n: number, classes: (number | string)[]): (number | string)[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => classes[rng.int(classes.length)]!);
}
const count = (labels: ArrayLike<unknown>, idx: number[], v: unknown) => idx.filter((i) => labels[i] === v).length;

describe('stratifiedSplit', () => {
  it('honours class proportions (round half up per class) and partitions the data — property test', () => {
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + (trial * 37) % 400;
      const classes = trial % 3 === 0 ? ['a', 'b', 'c'] : [0, 1];
      const labels = randomLabels(trial, n, classes);
      const f = [0.8, 0.5, 0.7, 0.25][trial % 4]!;
      const { train, test } = stratifiedSplit(labels, { trainFraction: f, seed: trial });
      expect([...train, ...test].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const c of classes) {
        const size = labels.filter((v) => v === c).length;
        expect(count(labels, train, c)).toBe(Math.round(f * size));
        expect(count(labels, test, c)).toBe(size - Math.round(f * size));
      }
    }
  });

  it('the published cohort: 139 patients, 42 events → 34 + 78 train', () => {
    const labels = Array.from({ length: 139 }, (_, i) => (i < 42 ? 1 : 0));
    const s = stratifiedSplit(labels, { seed: 2024 });
    expect(s.train.length).toBe(112);
    expect(count(labels, s.train, 1)).toBe(34);
    expect(s.test.length).toBe(27);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const labels = randomLabels(1, 200, [0, 1]);
    expect(stratifiedSplit(labels, { seed: 5 })).toEqual(stratifiedSplit(labels, { seed: 5 }));
    expect(stratifiedSplit(labels, { seed: 5 })).not.toEqual(stratifiedSplit(labels, { seed: 6 }));
    expect(stratifiedSplit(Int8Array.from(labels as number[]), { seed: 5 })).toEqual(stratifiedSplit(labels, { seed: 5 }));
  });

  it('rejects bad input', () => {
    expect(() => stratifiedSplit([], {})).toThrow(code('EMPTY_INPUT'));
    expect(() => stratifiedSplit([0, 1], { trainFraction: 1 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => stratifiedSplit([0, 1], { trainFraction: 0 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => stratifiedSplit([0, Number.NaN])).toThrow(code('NON_FINITE'));
    expect(() => stratifiedSplit([0, 1], { seed: 1.5 })).toThrow(code('INVALID_ARGUMENT'));
  });
});

describe('stratifiedKFold', () => {
  it('folds partition the data, sizes and per-class counts differ by at most one — property test', () => {
    for (let trial = 0; trial < 60; trial++) {
      const n = 10 + (trial * 53) % 500;
      const k = 2 + (trial % 9);
      const classes = trial % 4 === 0 ? ['x', 'y', 'z'] : [0, 1];
      const labels = randomLabels(100 + trial, n, classes);
      const { foldOf, folds } = stratifiedKFold(labels, { k, seed: trial });
      expect(folds.length).toBe(k);
      const seen = new Array<number>(n).fill(0);
      for (let f = 0; f < k; f++) {
        const { train, test } = folds[f]!;
        expect(train.length + test.length).toBe(n);
        for (const i of test) {
          seen[i]!++;
          expect(foldOf[i]).toBe(f);
        }
        expect(train.every((i) => foldOf[i] !== f)).toBe(true);
      }
      expect(seen.every((c) => c === 1)).toBe(true);
      const sizes = folds.map((x) => x.test.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      for (const c of classes) {
        const per = folds.map((x) => count(labels, x.test, c));
        expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is deterministic per seed', () => {
    const labels = randomLabels(3, 139, [0, 1]);
    expect(stratifiedKFold(labels, { seed: 9 })).toEqual(stratifiedKFold(labels, { seed: 9 }));
    expect(Array.from(stratifiedKFold(labels, { seed: 9 }).foldOf)).not.toEqual(Array.from(stratifiedKFold(labels, { seed: 10 }).foldOf));
  });

  it('rejects bad input', () => {
    expect(() => stratifiedKFold([0, 1, 0], { k: 4 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => stratifiedKFold([0, 1, 0], { k: 1 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => stratifiedKFold([0, 1, 0], { k: 2.5 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => stratifiedKFold(new Array(10_000).fill(0), { k: 10_000 })).toThrow(code('LIMIT_EXCEEDED'));
    expect(() => stratifiedKFold([])).toThrow(code('EMPTY_INPUT'));
  });
});

describe('bootstrap', () => {
  it('stratified replicates keep the labels position by position; plain ones draw from all', () => {
    const labels = randomLabels(4, 120, ['r', 'n']);
    let reps = 0;
    for (const idx of bootstrap(labels, { replicates: 50, seed: 3 })) {
      reps++;
      expect(idx.length).toBe(120);
      for (let i = 0; i < idx.length; i++) expect(labels[idx[i]!]).toBe(labels[i]);
    }
    expect(reps).toBe(50);
    let mixed = false;
    for (const idx of bootstrap(labels, { replicates: 20, seed: 3, stratified: false })) {
      for (let i = 0; i < idx.length; i++) if (labels[idx[i]!] !== labels[i]) mixed = true;
    }
    expect(mixed).toBe(true);
  });

  it('draws uniformly with replacement (each index ~ once per replicate on average)', () => {
    const n = 50;
    const hits = new Array<number>(n).fill(0);
    for (const idx of bootstrap(n, { replicates: 2000, seed: 1 })) for (const i of idx) hits[i]!++;
    // Poisson-ish count with mean 2000: a 6-SD band is ±268
    for (const h of hits) expect(Math.abs(h - 2000)).toBeLessThan(270);
  });

  it('is deterministic per seed', () => {
    const a = [...bootstrap(30, { replicates: 5, seed: 'x' })];
    const b = [...bootstrap(30, { replicates: 5, seed: 'x' })];
    const c = [...bootstrap(30, { replicates: 5, seed: 'y' })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('validates at call time', () => {
    expect(() => bootstrap(0)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => bootstrap(10, { replicates: -1 })).toThrow(code('INVALID_ARGUMENT'));
    expect(() => bootstrap(10, { replicates: 1e12 })).toThrow(code('LIMIT_EXCEEDED'));
    expect(() => bootstrap([], {})).toThrow(code('EMPTY_INPUT'));
    expect(() => bootstrap([0, 1], { stratified: 'yes' as never })).toThrow(code('INVALID_ARGUMENT'));
  });
});
